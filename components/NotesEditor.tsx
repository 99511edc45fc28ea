import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';

/**
 * Free notes that save as you type. What the user types is the truth while they type: a change
 * from elsewhere (another tab) replaces the text only when there is no unsaved keystroke here.
 * A pending save is flushed when the field loses focus or the component goes away.
 */
export function NotesEditor({ value, onSave }: { value: string; onSave: (text: string) => Promise<unknown> }) {
  const [text, setText] = useState(value);
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved'>('idle');
  const pending = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const saveRef = useRef(onSave);
  saveRef.current = onSave;

  const flush = () => {
    clearTimeout(timer.current);
    const next = pending.current;
    if (next === null) return;
    pending.current = null;
    setStatus('saving');
    void saveRef.current(next).then(
      () => setStatus(pending.current === null ? 'saved' : 'saving'),
      () => {
        // Keep the text and try again with the next keystroke or blur.
        if (pending.current === null) pending.current = next;
        setStatus('idle');
      },
    );
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
            setStatus('saving');
            clearTimeout(timer.current);
            timer.current = setTimeout(flush, 400);
          }}
          onBlur={flush}
        />
      </label>
      <span class="kith-status" role="status">
        {status === 'saving' ? t('notesSaving') : status === 'saved' ? t('notesSaved') : ''}
      </span>
    </div>
  );
}
