import { useEffect, useRef, useState } from 'preact/hooks';
import type { EncounterView, PersonView } from '@/utils/messages';
import type { FollowUp, LocalDay } from '@/utils/model/types';
import type { CheckIn } from '@/utils/checkin';
import { send } from '@/utils/client';
import { suggestFollowUpAfterMeeting } from '@/utils/followups';
import { formatDate } from '@/utils/phrases';
import { t } from '@/utils/i18n';
import type { EncounterDraft } from '@/components/shared/EncounterForm';
import { firstMeetingInPerson } from '@/components/shared/usePerson';

/** The encounter as the protocol takes it back (encounter.update), with `note` as typed. */
function draftOf(e: EncounterView, note: string): EncounterDraft {
  const draft: EncounterDraft = { date: e.date, kind: e.kind };
  if (e.place) draft.place = e.place;
  if (e.eventId) draft.event = { id: e.eventId };
  if (e.introducedById) draft.introducedBy = { id: e.introducedById };
  else if (e.introducedByName) draft.introducedBy = { name: e.introducedByName };
  if (note.trim()) draft.note = note.trim();
  return draft;
}

/** What "Met here" records: an event meeting, today, at the checked-in event and its place. */
export function metHereEncounter(here: CheckIn, today: LocalDay): EncounterDraft {
  return { date: today, kind: 'event', event: { id: here.id }, ...(here.place ? { place: here.place } : {}) };
}

/** The follow-up "Met here" sets: the one the encounter form would suggest with its box left ticked. */
export function metHereFollowUp(view: PersonView | null, current: FollowUp, today: LocalDay, days: number): LocalDay | undefined {
  return suggestFollowUpAfterMeeting({ kind: 'event', isFirstInPerson: firstMeetingInPerson(view), encounterDay: today, today, current, days }) ?? undefined;
}

export interface MetHereDoneProps {
  /** The encounter "Met here" just recorded. */
  encounter: EncounterView;
  eventName: string;
  followUpDue: LocalDay | undefined;
  /** Shows the person the background answers with after the note is saved. */
  act: (reply: Promise<PersonView | null>) => Promise<void>;
}

/**
 * After one click on "Met here": what was recorded, and "Add a note" right there (the encounter is
 * saved already; the note joins it).
 */
export function MetHereDone({ encounter, eventName, followUpDue, act }: MetHereDoneProps) {
  const [writing, setWriting] = useState(false);
  const [note, setNote] = useState(encounter.note ?? '');
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (writing) field.current?.focus();
  }, [writing]);

  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      await act(send('encounter.update', { id: encounter.id, encounter: draftOf(encounter, note) }));
      setWriting(false);
      setSaved(true);
    } catch {
      // act shows the error in the sidebar; the typed note stays in the field.
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="kith-met-here" aria-label={t('metHereLabel')}>
      <p role="status">
        {t('metHereSaved', eventName, formatDate(encounter.date))}
        {followUpDue && ` ${t('metHereFollowUp', formatDate(followUpDue))}`}
        {saved && ` ${t('metHereNoteSaved')}`}
      </p>
      {writing ? (
        <form onSubmit={save}>
          <label>
            {t('encNote')}
            <textarea
              ref={field}
              rows={3}
              value={note}
              onInput={(e) => setNote(e.currentTarget.value)}
              onKeyDown={(e) => {
                // Escape leaves the note (the encounter is saved already), and not the whole sidebar.
                if (e.key === 'Escape') {
                  e.preventDefault();
                  setWriting(false);
                }
              }}
            />
          </label>
          <div class="kith-actions">
            <button type="submit" class="kith-primary" disabled={busy}>
              {t('metHereSaveNote')}
            </button>
            <button type="button" onClick={() => setWriting(false)}>
              {t('encCancel')}
            </button>
          </div>
        </form>
      ) : (
        <button type="button" onClick={() => setWriting(true)}>
          {t(saved ? 'metHereEditNote' : 'metHereAddNote')}
        </button>
      )}
    </section>
  );
}
