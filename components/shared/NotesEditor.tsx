import { useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { useSavedAsTyped } from './useSavedAsTyped';

/**
 * Free notes that save as you type. What the user types is the truth while they type: a change
 * from elsewhere (another tab) replaces the text only when there is no unsaved keystroke here.
 * A pending save is flushed when the field loses focus or the component goes away. Once the user
 * has typed, it says "Saving…" until what they typed is stored (`saving`: retries included, see
 * autosave.ts), then "Saved".
 */
export function NotesEditor({ value, saving, onSave }: { value: string; saving: boolean; onSave: (text: string) => void }) {
  const field = useSavedAsTyped(value, onSave, 400);
  const [typed, setTyped] = useState(false);

  return (
    <div class="kith-notes">
      <label>
        {t('notesLabel')}
        <textarea
          rows={4}
          value={field.text}
          onInput={(e) => {
            field.input(e.currentTarget.value);
            setTyped(true);
          }}
          onBlur={field.flush}
        />
      </label>
      <span class="kith-status" role="status">
        {typed && t(saving || field.typing() ? 'notesSaving' : 'notesSaved')}
      </span>
    </div>
  );
}
