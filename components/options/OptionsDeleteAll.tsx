import { useEffect, useRef, useState } from 'preact/hooks';
import { send } from '@/utils/client';
import { t } from '@/utils/i18n';
import { errorText } from './errorText';

/** What the protocol's `data.deleteAll` requires as its confirmation, whatever word the user typed for it. */
const CONFIRM = 'DELETE';

/**
 * Delete all data, in two deliberate steps: the first button only reveals a confirmation, whose final
 * button stays disabled until the word is typed (DELETE, in the user's language). No single click or
 * Enter can delete anything.
 */
export function OptionsDeleteAll({ onDeleted }: { onDeleted: () => void }) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [working, setWorking] = useState(false);
  const [done, setDone] = useState('');
  const [error, setError] = useState('');
  // While sync is connected the delete reaches every device (each record leaves a tombstone).
  const [synced, setSynced] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  // The word to type, in the user's language ("DELETE", "USUŃ").
  const WORD = t('optionsDeleteWord');

  useEffect(() => {
    if (open) field.current?.focus();
  }, [open]);

  const close = () => {
    setOpen(false);
    setTyped('');
    opener.current?.focus();
  };

  const confirmed = typed.trim() === WORD;

  const remove = async () => {
    if (!confirmed || working) return;
    setWorking(true);
    setError('');
    try {
      await send('data.deleteAll', { confirm: CONFIRM });
      setDone(t('optionsDeleted'));
      close();
      onDeleted();
    } catch (e) {
      setError(t('optionsDeleteFailed', errorText(e)));
    } finally {
      setWorking(false);
    }
  };

  return (
    <section class="kith-card kith-danger-zone" aria-labelledby="kith-delete-h">
      <h2 id="kith-delete-h">{t('optionsDeleteHeading')}</h2>
      <p class="kith-hint">{t('optionsDeleteIntro')}</p>
      <button
        ref={opener}
        type="button"
        class="kith-danger-outline"
        aria-expanded={open ? 'true' : 'false'}
        aria-controls="kith-delete-confirm"
        onClick={() => {
          setDone('');
          setOpen(true);
          send('sync.status', {}).then((s) => setSynced(s.connected), () => setSynced(false));
        }}
      >
        {t('optionsDeleteOpen')}
      </button>
      {open && (
        <div id="kith-delete-confirm" class="kith-confirm" role="group" aria-labelledby="kith-delete-warning">
          <p id="kith-delete-warning">{t('optionsDeleteWarning', WORD)}</p>
          {synced && <p class="kith-error">{t('optionsDeleteSynced')}</p>}
          <label for="kith-delete-word">{t('optionsDeleteField', WORD)}</label>
          <div class="kith-row">
            <input
              ref={field}
              id="kith-delete-word"
              type="text"
              autocomplete="off"
              autocapitalize="characters"
              spellcheck={false}
              value={typed}
              onInput={(e) => setTyped(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape') close();
              }}
            />
            <button type="button" class="kith-danger" disabled={!confirmed || working} onClick={() => void remove()}>
              {working ? t('optionsDeleting') : t('optionsDeleteConfirm')}
            </button>
            <button type="button" class="kith-secondary" onClick={close}>
              {t('optionsDeleteCancel')}
            </button>
          </div>
        </div>
      )}
      <p class="kith-status" role="status">
        {done}
      </p>
      {error && (
        <p class="kith-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
