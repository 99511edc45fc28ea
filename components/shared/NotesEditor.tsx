import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';

/**
 * Free notes that save as you type. What the user types is the truth while they type: a change
 * from elsewhere (another tab) replaces the text only when there is no unsaved keystroke here.
 * A pending save is flushed when the field loses focus or the component goes away. Once the user
 * has typed, it says "Saving…" until what they typed is stored (`saving`: retries included, see
 * autosave.ts), then "Saved".
 */
export function NotesEditor({ value, saving, onSave }: { value: string; saving: boolean; onSave: (text: string) => void }) {
  const [text, setText] = useState(value);
  const [typed, setTyped] = useState(false);
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
    <div class="kith-notes">
      <label>
        {t('notesLabel')}
        <textarea
          rows={4}
          value={text}
          onInput={(e) => {
            const next = e.currentTarget.value;
            setText(next);
            pending.current = next;
            setTyped(true);
            clearTimeout(timer.current);
            timer.current = setTimeout(flush, 400);
          }}
          onBlur={flush}
        />
      </label>
      <span class="kith-status" role="status">
        {typed && t(saving || pending.current !== null ? 'notesSaving' : 'notesSaved')}
      </span>
    </div>
  );
}
