import { useEffect, useRef, useState } from 'preact/hooks';
import type { PersonView } from '@/utils/messages';
import { send } from '@/utils/client';
import { t } from '@/utils/i18n';
import { plural } from '@/utils/phrases';
import { CAPS } from '@/utils/model/caps';

export interface PersonActionsProps {
  view: PersonView;
  /** Shows the person the background answers with (usePerson's act). */
  act: (reply: Promise<PersonView | null>) => Promise<void>;
  /** The person is deleted: `undo` puts them back (the caller offers it: this part goes with them). */
  onDeleted: (name: string, undo: () => Promise<unknown>) => void;
}

type Open = 'rename' | 'delete' | null;

/**
 * Rename (a name mistyped, or read wrong from a page) and delete a person, for the network page and
 * the sidebar. Delete asks first, saying what goes with them; the caller then offers Undo.
 */
export function PersonActions({ view, act, onDeleted }: PersonActionsProps) {
  const { person } = view;
  const [open, setOpen] = useState<Open>(null);
  const [name, setName] = useState(person.name);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const deleteOpener = useRef<HTMLButtonElement>(null);

  // Another person shown: nothing of the last one's stays open.
  const [shownId, setShownId] = useState(person.id);
  if (shownId !== person.id) {
    setShownId(person.id);
    setOpen(null);
    setError('');
  }
  useEffect(() => {
    if (open === 'rename') field.current?.select();
    // Cancel, not Delete: a key held or pressed twice never deletes anyone.
    if (open === 'delete') cancel.current?.focus();
  }, [open]);

  const close = (back: typeof opener) => {
    setOpen(null);
    setError('');
    back.current?.focus();
  };

  const rename = async (e: Event) => {
    e.preventDefault();
    const typed = name.trim();
    if (!typed) return setError(t('personNameNeeded'));
    if (typed === person.name) return close(opener);
    setBusy(true);
    try {
      await act(send('person.update', { id: person.id, patch: { name: typed } }));
      close(opener);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setBusy(true);
    try {
      const { undo } = await send('person.delete', { id: person.id });
      onDeleted(person.name, () => send('change.undo', { token: undo }));
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };

  return (
    <div class="kith-person-actions">
      {open !== 'rename' && (
        <div class="kith-actions">
          <button
            type="button"
            ref={opener}
            onClick={() => {
              setName(person.name);
              setOpen('rename');
            }}
          >
            {t('personRename')}
          </button>
          <button type="button" ref={deleteOpener} aria-expanded={open === 'delete'} onClick={() => setOpen(open === 'delete' ? null : 'delete')}>
            {t('personDelete')}
          </button>
        </div>
      )}
      {open === 'rename' && (
        <form class="kith-form kith-rename" onSubmit={(e) => void rename(e)} onKeyDown={(e) => e.key === 'Escape' && close(opener)}>
          <label>
            {t('personNameLabel')}
            <input ref={field} value={name} maxLength={CAPS.name} autocomplete="off" required onInput={(e) => setName(e.currentTarget.value)} />
          </label>
          <div class="kith-actions">
            <button type="submit" class="kith-primary" disabled={busy}>
              {t('personRenameSave')}
            </button>
            <button type="button" onClick={() => close(opener)}>
              {t('encCancel')}
            </button>
          </div>
        </form>
      )}
      {open === 'delete' && (
        <div class="kith-confirm" role="group" aria-label={t('personDeleteQuestion', person.name)} onKeyDown={(e) => e.key === 'Escape' && close(deleteOpener)}>
          <p>
            <strong>{t('personDeleteQuestion', person.name)}</strong> {plural('personDeleteWhat', view.encounters.length)}
          </p>
          <div class="kith-actions">
            <button type="button" class="kith-danger" disabled={busy} onClick={() => void remove()}>
              {t('personDeleteDo')}
            </button>
            <button type="button" ref={cancel} onClick={() => close(deleteOpener)}>
              {t('encCancel')}
            </button>
          </div>
        </div>
      )}
      {error && (
        <p class="kith-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
