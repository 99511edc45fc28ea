import { useState } from 'preact/hooks';
import { browser } from '#imports';
import type { PersonView } from '@/utils/messages';
import { send } from '@/utils/client';
import { CAPS } from '@/utils/model/caps';
import { t } from '@/utils/i18n';
import { VoicePlay, VoiceRecorder, type VoiceClip } from './VoiceNote';
import { useSavedAsTyped } from './useSavedAsTyped';
import type { Autosaver } from './autosave';

type AidField = 'howToSay' | 'memoryHook';

/** One line that saves as you type (a pause, leaving the field, or Enter). */
function AidLine({ label, hint, value, cap, onSave }: { label: string; hint: string; value: string; cap: number; onSave: (text: string) => void }) {
  const field = useSavedAsTyped(value, onSave, 500);
  return (
    <label class="kith-aid">
      {label}
      <input
        type="text"
        value={field.text}
        maxLength={cap}
        placeholder={hint}
        autocomplete="off"
        onInput={(e) => field.input(e.currentTarget.value)}
        onBlur={field.flush}
        onKeyDown={(e) => {
          if (e.key === 'Enter') field.flush();
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
  /** The person panel's autosaver (usePerson's saver): stores the text aids, and says whether they are stored yet. */
  saver: Pick<Autosaver, 'change' | 'unsaved'>;
  /** The person as the background answers after the voice note was saved or deleted. */
  onVoiceNote: (view: PersonView) => void;
  /**
   * False in Kith's frame on a site's page and in the browser's side panel: a microphone asked for in
   * a frame is asked for on behalf of the site (Chrome delegates the permission to the top page, so
   * LinkedIn would get the microphone), and the side panel cannot show the browser's prompt. There the
   * voice note is recorded on the network page, opened at this person.
   */
  recordHere?: boolean;
}

/**
 * The memory aids of one person, editable: how to say the name (in letters, and as a short voice note
 * recorded here) and a one-line memory hook. The drill shows them after each answer. Mounted by the
 * network page's person panel and the sidebar, each passing its own person panel's saver.
 */
export function MemoryAids({ personId, howToSay, memoryHook, voiceNote, saver, onVoiceNote, recordHere = true }: MemoryAidsProps) {
  const [typed, setTyped] = useState(false);
  const [error, setError] = useState('');
  const save = (field: AidField) => (text: string) => {
    setTyped(true);
    saver.change({ [field]: text });
  };
  const unsaved = saver.unsaved();
  const saving = unsaved?.howToSay !== undefined || unsaved?.memoryHook !== undefined;
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
        {recordHere ? (
          <VoiceRecorder onRecorded={(clip) => send('voiceNote.save', { personId, ...clip }).then(onVoiceNote)} />
        ) : (
          <button
            type="button"
            title={t('voiceRecordElsewhereWhy')}
            onClick={() =>
              void browser.tabs.create({ url: browser.runtime.getURL(`/network.html#person/${encodeURIComponent(personId)}`) }).catch((e: Error) => setError(e.message))
            }
          >
            {t('voiceRecordElsewhere')}
          </button>
        )}
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
