import { useEffect, useRef, useState } from 'preact/hooks';
import type { PersonView } from '@/utils/messages';
import { send } from '@/utils/client';
import { CAPS } from '@/utils/model/caps';
import { t } from '@/utils/i18n';
import { VoicePlay, VoiceRecorder, type VoiceClip } from './VoiceNote';

type AidField = 'howToSay' | 'memoryHook';

/**
 * One line that saves as you type (a pause, or leaving the field). What the user types is the truth
 * while they type: a change from elsewhere replaces the text only when nothing typed here is unsaved.
 */
function AidLine({ label, hint, value, cap, onSave }: { label: string; hint: string; value: string; cap: number; onSave: (text: string) => void }) {
  const [text, setText] = useState(value);
  const pending = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const saveRef = useRef(onSave);
  saveRef.current = onSave;
  const flush = () => {
    clearTimeout(timer.current);
    const next = pending.current;
    if (next === null) return;
    pending.current = null;
    saveRef.current(next);
  };
  useEffect(() => {
    if (pending.current === null) setText(value);
  }, [value]);
  useEffect(() => flush, []);
  return (
    <label class="kith-aid">
      {label}
      <input
        type="text"
        value={text}
        maxLength={cap}
        placeholder={hint}
        autocomplete="off"
        onInput={(e) => {
          const next = e.currentTarget.value;
          setText(next);
          pending.current = next;
          clearTimeout(timer.current);
          timer.current = setTimeout(flush, 500);
        }}
        onBlur={flush}
        onKeyDown={(e) => {
          if (e.key === 'Enter') flush();
        }}
      />
    </label>
  );
}

export interface MemoryAidsProps {
  personId: string;
  howToSay?: string | undefined;
  memoryHook?: string | undefined;
  voiceNote?: VoiceClip | undefined;
  /** Stores a change of the text aids (the person panel's autosaver: usePerson's saver.change). */
  onChange: (patch: Partial<Record<AidField, string>>) => void;
  /** True while a change of them is not stored yet. */
  saving: boolean;
  /** The person as the background answers after the voice note was saved or deleted. */
  onVoiceNote: (view: PersonView) => void;
}

/**
 * The memory aids of one person, editable: how to say the name (in letters, and as a short voice note
 * recorded here) and a one-line memory hook. The drill shows them after each answer. Mounted by the
 * network page's person panel and the sidebar, each passing its own person panel's saver.
 */
export function MemoryAids({ personId, howToSay, memoryHook, voiceNote, onChange, saving, onVoiceNote }: MemoryAidsProps) {
  const [typed, setTyped] = useState(false);
  const [error, setError] = useState('');
  const save = (field: AidField) => (text: string) => {
    setTyped(true);
    onChange({ [field]: text });
  };
  const remove = () =>
    send('voiceNote.delete', { personId }).then(
      (view) => {
        setError('');
        onVoiceNote(view);
      },
      (e: Error) => setError(e.message),
    );
  return (
    <section class="kith-aids" aria-labelledby={`kith-aids-${personId}`}>
      <h3 id={`kith-aids-${personId}`}>{t('aidsHeading')}</h3>
      <AidLine label={t('aidsHowToSay')} hint={t('aidsHowToSayHint')} value={howToSay ?? ''} cap={CAPS.howToSay} onSave={save('howToSay')} />
      <div class="kith-aid-voice" role="group" aria-label={t('aidsVoiceNote')}>
        {voiceNote && <VoicePlay note={voiceNote} />}
        {/* A failed save shows in the recorder, beside its button. */}
        <VoiceRecorder onRecorded={(clip) => send('voiceNote.save', { personId, ...clip }).then(onVoiceNote)} />
        {voiceNote && (
          <button type="button" class="kith-link" onClick={() => void remove()}>
            {t('voiceDelete')}
          </button>
        )}
      </div>
      <AidLine label={t('aidsHook')} hint={t('aidsHookHint')} value={memoryHook ?? ''} cap={CAPS.memoryHook} onSave={save('memoryHook')} />
      <span class="kith-status" role="status">
        {typed && t(saving ? 'aidsSaving' : 'aidsSaved')}
      </span>
      {error && (
        <p class="kith-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
