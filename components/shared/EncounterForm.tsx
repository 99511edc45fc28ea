import { useState } from 'preact/hooks';
import type { EncounterKind, FollowUp, KithEvent, LocalDay } from '@/utils/model/types';
import { ENCOUNTER_KINDS } from '@/utils/model/types';
import type { EncounterView, Payload } from '@/utils/messages';
import { localDay, parseDateInput, partialDateLastDay } from '@/utils/dates';
import { formatDate, monthFirst } from '@/utils/phrases';
import { suggestFollowUpAfterMeeting } from '@/utils/followups';
import { t } from '@/utils/i18n';
import { KIND_MESSAGE } from '@/utils/encounter-kinds';
import { usePeopleSearch } from './usePeopleSearch';

export type EncounterDraft = Payload<'encounter.record'>['encounter'];
/** What the form starts with: "Met here" prefills the event of the check-in; editing, the encounter. */
export type EncounterInit = Partial<Pick<EncounterView, 'kind' | 'place' | 'eventName' | 'date' | 'introducerName' | 'introducedByName' | 'note'>>;

export interface EncounterFormProps {
  events: KithEvent[];
  /** Whether this would be the first in-person meeting (for the follow-up suggestion). */
  firstInPerson: boolean;
  current: FollowUp;
  postMeetingDays: number;
  initial?: EncounterInit;
  onSave: (encounter: EncounterDraft, followUpDue: LocalDay | undefined) => Promise<void>;
  onCancel: () => void;
}

/** Record one encounter: date (partial allowed), kind, place, event, introduced by, note. */
export function EncounterForm(props: EncounterFormProps) {
  const today = localDay();
  const init = props.initial ?? {};
  const [date, setDate] = useState(init.date ?? today);
  // "Met here" (checked in to an event) prefills the event: a meeting there is one at an event.
  const [kind, setKind] = useState<EncounterKind>(init.kind ?? (init.eventName ? 'event' : 'in-person'));
  const [place, setPlace] = useState(init.place ?? '');
  const [eventName, setEventName] = useState(init.eventName ?? '');
  const [introducer, setIntroducer] = useState(init.introducerName ?? init.introducedByName ?? '');
  const [note, setNote] = useState(init.note ?? '');
  const [follow, setFollow] = useState(true);
  const [error, setError] = useState('');
  const [saving, setSaving] = useState(false);

  const people = usePeopleSearch(introducer);

  const parsed = parseDateInput(date, monthFirst());
  const suggestion = parsed
    ? suggestFollowUpAfterMeeting({
        kind,
        isFirstInPerson: props.firstInPerson,
        encounterDay: partialDateLastDay(parsed),
        today,
        current: props.current,
        days: props.postMeetingDays,
      })
    : null;

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!parsed) return setError(t('encDateInvalid'));
    const draft: EncounterDraft = { date: parsed, kind };
    if (place.trim()) draft.place = place.trim();
    const evName = eventName.trim();
    if (evName) {
      const existing = props.events.find((ev) => ev.name.toLowerCase() === evName.toLowerCase());
      draft.event = existing ? { id: existing.id } : { name: evName };
    }
    const intro = introducer.trim();
    if (intro) {
      const match = people.find((p) => p.name.toLowerCase() === intro.toLowerCase());
      draft.introducedBy = match ? { id: match.id } : { name: intro };
    }
    if (note.trim()) draft.note = note.trim();
    setSaving(true);
    setError('');
    try {
      await props.onSave(draft, follow && suggestion ? suggestion : undefined);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setSaving(false);
    }
  };

  return (
    <form class="kith-form" onSubmit={submit}>
      <label>
        {t('encDate')}
        <input value={date} onInput={(e) => setDate(e.currentTarget.value)} aria-describedby="kith-date-hint" required />
      </label>
      <small id="kith-date-hint" class="kith-muted">
        {parsed && parsed !== date ? formatDate(parsed) : t('encDateHint')}
      </small>
      <label>
        {t('encKind')}
        <select value={kind} onChange={(e) => setKind(e.currentTarget.value as EncounterKind)}>
          {ENCOUNTER_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(KIND_MESSAGE[k])}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('encPlace')}
        <input value={place} onInput={(e) => setPlace(e.currentTarget.value)} />
      </label>
      <label>
        {t('encEvent')}
        <input list="kith-events" value={eventName} onInput={(e) => setEventName(e.currentTarget.value)} />
      </label>
      <datalist id="kith-events">
        {props.events.map((ev) => (
          <option key={ev.id} value={ev.name} />
        ))}
      </datalist>
      <label>
        {t('encIntroducedBy')}
        <input list="kith-people" value={introducer} onInput={(e) => setIntroducer(e.currentTarget.value)} />
      </label>
      <datalist id="kith-people">
        {people.map((p) => (
          <option key={p.id} value={p.name}>
            {p.headline ?? ''}
          </option>
        ))}
      </datalist>
      <label>
        {t('encNote')}
        <textarea rows={3} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </label>
      {suggestion && (
        <label class="kith-check">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.currentTarget.checked)} />
          {t('encFollowUp', formatDate(suggestion))}
        </label>
      )}
      {error && (
        <p class="kith-error" role="alert">
          {error}
        </p>
      )}
      <div class="kith-actions">
        <button type="submit" class="kith-primary" disabled={saving}>
          {saving ? t('encSaving') : t('encSave')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('encCancel')}
        </button>
      </div>
    </form>
  );
}
