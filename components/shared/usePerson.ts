import { useEffect, useRef, useState } from 'preact/hooks';
import type { PersonView } from '@/utils/messages';
import type { KithEvent, LocalDay } from '@/utils/model/types';
import { onPeopleChanged, send } from '@/utils/client';
import type { EncounterDraft, EncounterFormProps, EncounterInit } from './EncounterForm';
import { autosaver, join, type Autosaver } from './autosave';

/**
 * Whom the panel shows: a saved person by id (the network page), or whoever is saved under a profile's
 * keys (the sidebar, where the person may not be saved yet); null while nobody is known.
 */
export type PersonRequest = { id: string; keys?: undefined } | { keys: string[]; id?: undefined } | null;

/** Records a new encounter as the surface knows the person (the sidebar sends the page's profile too). */
export type RecordEncounter = (encounter: EncounterDraft, followUpDue: LocalDay | undefined) => Promise<PersonView>;

export interface PersonPanel {
  /** undefined while the background is asked; null when nobody is saved (under these keys, or by this id any more). */
  view: PersonView | null | undefined;
  /** The person as the screen shows them: what is stored, with the changes not stored yet laid over it. */
  person: PersonView['person'] | undefined;
  /** Why the last answer failed; empty once one arrives. */
  error: string;
  /** Tags, notes and the follow-up, saved as they change and tried again after a failure. */
  saver: Autosaver | undefined;
  /** Shows the person the background answers with, or its error (which it passes on to the caller). */
  act: (reply: Promise<PersonView | null>) => Promise<void>;
  /**
   * The open encounter form, false when closed: its key (the encounter it edits, or 'new') and its
   * props but the surface's own postMeetingDays. Saving stores the edited encounter, or records a new
   * one with `record`, and closes the form.
   */
  form: false | { key: string; props: Omit<EncounterFormProps, 'postMeetingDays'> };
  /** Opens the form on a new encounter prefilled with `initial`, or on the encounter `editId` to edit it. */
  openForm: (initial: EncounterInit, editId?: string) => void;
}

/** Whether a meeting in person (or at an event) now would be the first with them (for the follow-up suggestion). */
export function firstMeetingInPerson(view: PersonView | null | undefined): boolean {
  return !view?.encounters.some((e) => e.kind === 'in-person' || e.kind === 'event');
}

/**
 * One person's panel, as the sidebar and the network page show it: the person view, asked for again
 * when the background says they changed, autosave of tags, notes and follow-up, actions with their
 * errors, and the encounter form that records or edits an encounter.
 */
export function usePerson(request: PersonRequest, record: RecordEncounter): PersonPanel {
  const [view, setView] = useState<PersonView | null | undefined>(undefined);
  const [error, setError] = useState('');
  const [open, setOpen] = useState<false | { initial: EncounterInit; editId?: string }>(false);
  const [events, setEvents] = useState<KithEvent[]>([]);
  const viewRef = useRef(view);
  viewRef.current = view;
  const { id, keys } = request ?? {};

  const act = (reply: Promise<PersonView | null>) =>
    reply.then(
      (v) => {
        setView(v);
        setError('');
      },
      (e: Error) => {
        setError(e.message);
        throw e;
      },
    );
  const refresh = () => request && act(id ? send('person.get', { id }) : send('person.lookup', { keys: keys! })).catch(() => undefined);

  useEffect(() => {
    setView(undefined);
    setOpen(false);
    refresh();
    return onPeopleChanged((ids) => {
      // A change to this person (in another tab, the popup, an import); by keys, also a change to
      // anyone while nobody is saved under them (someone may just have been saved or linked so).
      const who = id ?? viewRef.current?.person.id;
      if (!who || !ids.length || ids.includes(who)) refresh();
    });
  }, [id ?? String(keys)]);

  // One autosaver per person for as long as the panel lives, so changes still being retried keep going
  // (and keep showing) when the user comes back to that person; answers about anyone else are not shown.
  const savers = useRef<Record<string, Autosaver>>({});
  const [, redraw] = useState({});
  const shownId = view?.person.id;
  const saver = shownId
    ? (savers.current[shownId] ??= autosaver(
        (patch) => send('person.update', { id: shownId, patch }),
        (v) => viewRef.current?.person.id === shownId && (v ? setView(v) : redraw({})),
      ))
    : undefined;
  const person = view ? join(view.person, saver!.unsaved()) : undefined;
  const close = () => setOpen(false);
  const editId = open && open.editId;
  return {
    view,
    person,
    error,
    saver,
    act,
    form: open && {
      key: editId || 'new',
      props: {
        initial: open.initial,
        events,
        firstInPerson: !editId && firstMeetingInPerson(view),
        current: person?.followUp ?? {},
        onSave: (encounter, followUpDue) => act(editId ? send('encounter.update', { id: editId, encounter }) : record(encounter, followUpDue)).then(close),
        onCancel: close,
      },
    },
    openForm: (initial, editId) => {
      setOpen({ initial, editId });
      send('events.list', {}).then(setEvents, () => undefined);
    },
  };
}
