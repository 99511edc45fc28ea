/**
 * Events (DESIGN.md, "Data"): create, edit, merge two that are the same, and who was met at each.
 * Each write is one transaction. An event's name is part of the search words of everyone met there,
 * so a rename or a merge recomputes those people's derived fields in the same transaction.
 */
import type { IDBPTransaction, StoreNames } from 'idb';
import type { KithDb } from './index';
import type { KithSchema } from './schema';
import type { Encounter, Id, KithEvent, LocalDay, PartialDate } from '../model/types';
import { derivePersonFields } from '../derive';
import { CAPS } from '../model/caps';
import { cleanLine, cleanText, fold, otherNames } from '../text';
import { isLocalDay, partialDateLastDay } from '../dates';
import { NotFoundError } from './writes';
import { addRecord, deleteRecord, OUTBOX_STORES, putRecord } from './outbox';
import { t } from '../i18n';

export interface EventInput {
  name: string;
  start?: LocalDay;
  end?: LocalDay;
  place?: string;
  url?: string;
  notes?: string;
}

/** The fields to change; an empty string (or '') removes an optional field. */
export type EventPatch = Partial<EventInput>;

/** The stores an event's write touches, and sync's outbox, where each record it writes is queued. */
const STORES = ['people', 'encounters', 'events', ...OUTBOX_STORES] as const;
type EventsTx = IDBPTransaction<KithSchema, (typeof STORES)[number][], 'readwrite'>;

/** The event with `patch` applied, cleaned and checked; throws RangeError on what cannot be stored. */
function applyEventPatch(ev: KithEvent, patch: EventPatch): KithEvent {
  const next: KithEvent = { ...ev };
  if (patch.name !== undefined) {
    const name = cleanLine(patch.name, CAPS.eventName);
    if (!name) throw new RangeError(t('errorEventNameNeeded'));
    next.name = name;
    const others = otherNames(name, ev.mergedNames);
    if (others) next.mergedNames = others;
    else delete next.mergedNames;
  }
  for (const f of ['start', 'end'] as const) {
    const v = patch[f];
    if (v === undefined) continue;
    if (v === '') delete next[f];
    else if (!isLocalDay(v)) throw new RangeError(t('errorEventDay', v));
    else next[f] = v;
  }
  if (next.start && next.end && next.end < next.start) throw new RangeError(t('errorEventEndsFirst'));
  if (patch.place !== undefined) {
    const place = cleanLine(patch.place, CAPS.place);
    if (place) next.place = place;
    else delete next.place;
  }
  if (patch.url !== undefined) {
    const url = cleanLine(patch.url, CAPS.url);
    if (url && !/^https?:\/\/\S/i.test(url)) throw new RangeError(t('errorEventLink'));
    if (url) next.url = url;
    else delete next.url;
  }
  if (patch.notes !== undefined) {
    const notes = cleanText(patch.notes, CAPS.note).trim();
    if (notes) next.notes = notes;
    else delete next.notes;
  }
  return next;
}

/**
 * Two events may not share a name (ignoring case and accents): the sidebar finds an event by the name
 * the user types, and two of the same name are what "merge" is for.
 */
async function checkNameFree(tx: EventsTx, name: string, self?: Id): Promise<void> {
  const folded = fold(name);
  for (const ev of await tx.objectStore('events').getAll()) {
    if (ev.id !== self && fold(ev.name) === folded) {
      throw new RangeError(t('errorEventNameTaken', ev.name));
    }
  }
}

/**
 * Recomputes the search words of these people (they include the names of the events they were met
 * at), in the caller's transaction: after an event's rename here, or records received by sync.
 * Derived fields only: nothing for sync to send (every device derives them for itself).
 */
export async function rederive(tx: IDBPTransaction<KithSchema, ArrayLike<StoreNames<KithSchema>>, 'readwrite'>, personIds: Iterable<Id>): Promise<void> {
  const people = tx.objectStore('people');
  for (const id of personIds) {
    const p = await people.get(id);
    if (!p) continue;
    const encounters = await tx.objectStore('encounters').index('byPerson').getAll(id);
    const events: KithEvent[] = [];
    for (const eventId of new Set(encounters.map((e) => e.eventId).filter((e): e is string => !!e))) {
      const ev = await tx.objectStore('events').get(eventId);
      if (ev) events.push(ev);
    }
    await people.put({ ...p, ...derivePersonFields(p, encounters, events) });
  }
}

function personIdsOf(encounters: Encounter[]): Id[] {
  return [...new Set(encounters.map((e) => e.personId))];
}

export async function createEvent(db: KithDb, input: EventInput, now: number): Promise<KithEvent> {
  const tx = db.transaction([...STORES], 'readwrite');
  const event = applyEventPatch({ id: crypto.randomUUID(), name: '', createdAt: now, updatedAt: now }, input);
  await checkNameFree(tx, event.name);
  await addRecord(tx, 'events', event);
  await tx.done;
  return event;
}

/** Changes some fields of an event; a new name reaches the search words of everyone met there. */
export async function updateEvent(db: KithDb, id: Id, patch: EventPatch, now: number): Promise<{ event: KithEvent; personIds: Id[] }> {
  const tx = db.transaction([...STORES], 'readwrite');
  const current = await tx.objectStore('events').get(id);
  if (!current) throw new NotFoundError(t('errorEventGone'));
  const event = { ...applyEventPatch(current, patch), updatedAt: now };
  let personIds: Id[] = [];
  if (event.name !== current.name) {
    await checkNameFree(tx, event.name, id);
    personIds = personIdsOf(await tx.objectStore('encounters').index('byEvent').getAll(id));
  }
  await putRecord(tx, 'events', event);
  await rederive(tx, personIds);
  await tx.done;
  return { event, personIds };
}

/** A line for the kept event's notes that keeps what the removed one said: its name and details. */
function mergedNote(drop: KithEvent): string {
  const when = [drop.start, drop.end && drop.end !== drop.start ? drop.end : undefined].filter(Boolean).join(' – ');
  const head = [drop.name, when, drop.place, drop.url].filter(Boolean).join(' · ');
  return drop.notes ? `${head}\n${drop.notes}` : head;
}

/**
 * Merges `dropId` into `keepId`: every encounter at the dropped event moves to the kept one, the kept
 * event takes the dates, place and link it lacked, the dropped event's name and details are added to
 * its notes (nothing is lost), and the dropped event is removed. One transaction. The kept event also
 * keeps the dropped name among its merged names, so everyone met at it (there before, or moved) is
 * found by either name: their search words are recomputed.
 */
export async function mergeEvents(
  db: KithDb,
  keepId: Id,
  dropId: Id,
  now: number,
): Promise<{ event: KithEvent; moved: number; personIds: Id[] }> {
  if (keepId === dropId) throw new RangeError(t('errorEventMergeSelf'));
  const tx = db.transaction([...STORES], 'readwrite');
  const events = tx.objectStore('events');
  const [keep, drop] = await Promise.all([events.get(keepId), events.get(dropId)]);
  if (!keep || !drop) throw new NotFoundError(t('errorEventsGone'));
  const event: KithEvent = { ...keep, updatedAt: now };
  if (!event.start && !event.end) {
    if (drop.start) event.start = drop.start;
    if (drop.end) event.end = drop.end;
  }
  if (!event.place && drop.place) event.place = drop.place;
  if (!event.url && drop.url) event.url = drop.url;
  event.notes = cleanText([keep.notes, mergedNote(drop)].filter(Boolean).join('\n\n'), CAPS.note);
  // The dropped name first: at the cap, the oldest names go.
  const names = otherNames(keep.name, [drop.name], keep.mergedNames, drop.mergedNames);
  if (names) event.mergedNames = names;
  await putRecord(tx, 'events', event);
  await deleteRecord(tx, 'events', dropId, now);
  const encounters = tx.objectStore('encounters');
  const [moving, staying] = await Promise.all([encounters.index('byEvent').getAll(dropId), encounters.index('byEvent').getAll(keepId)]);
  for (const e of moving) await putRecord(tx, 'encounters', { ...e, eventId: keepId, updatedAt: now });
  const personIds = personIdsOf([...moving, ...staying]);
  await rederive(tx, personIds);
  await tx.done;
  return { event, moved: moving.length, personIds };
}

/** The ids of everyone met at an event, from the encounters' event index. */
export async function peopleIdsAtEvent(db: KithDb, eventId: Id): Promise<Set<Id>> {
  const encounters = await db.getAllFromIndex('encounters', 'byEvent', eventId);
  return new Set(encounters.map((e) => e.personId));
}

export interface EventSummary {
  event: KithEvent;
  /** How many different people were met there. */
  people: number;
  encounters: number;
  /** The day of the latest encounter there: the event's date when it has none of its own. */
  lastMet?: PartialDate;
  /** A place an encounter there names, for an event with no place of its own. */
  metPlace?: string;
}

/** The day an event is sorted and shown by: its last day, else its first, else the last day anyone was met there. */
function dayOf(s: EventSummary): LocalDay | undefined {
  return s.event.end ?? s.event.start ?? (s.lastMet ? partialDateLastDay(s.lastMet) : undefined);
}

/**
 * Every event with how many people were met there: the ones still to come (or on today) first, soonest
 * first; then the past ones, the most recent first; then the undated, by name. Reads the events and
 * only the encounters that have an event (the event index holds no others).
 */
export async function eventsWithCounts(db: KithDb, today: LocalDay): Promise<EventSummary[]> {
  const tx = db.transaction(['events', 'encounters']);
  const [events, atEvents] = await Promise.all([tx.objectStore('events').getAll(), tx.objectStore('encounters').index('byEvent').getAll()]);
  const people = new Map<Id, Set<Id>>();
  const count = new Map<Id, number>();
  const lastMet = new Map<Id, PartialDate>();
  const metPlace = new Map<Id, string>();
  for (const e of atEvents) {
    const id = e.eventId!;
    let set = people.get(id);
    if (!set) people.set(id, (set = new Set()));
    set.add(e.personId);
    count.set(id, (count.get(id) ?? 0) + 1);
    if (e.date > (lastMet.get(id) ?? '')) lastMet.set(id, e.date);
    if (e.place && !metPlace.has(id)) metPlace.set(id, e.place);
  }
  const summaries = events.map((event): EventSummary => {
    const s: EventSummary = { event, people: people.get(event.id)?.size ?? 0, encounters: count.get(event.id) ?? 0 };
    const met = lastMet.get(event.id);
    if (met) s.lastMet = met;
    const place = metPlace.get(event.id);
    if (place && !event.place) s.metPlace = place;
    return s;
  });
  const upcoming = (s: EventSummary) => (dayOf(s) ?? '') >= today;
  return summaries.sort((a, b) => {
    const [dayA, dayB] = [dayOf(a), dayOf(b)];
    if (!dayA || !dayB) return dayA ? -1 : dayB ? 1 : fold(a.event.name).localeCompare(fold(b.event.name));
    if (upcoming(a) !== upcoming(b)) return upcoming(a) ? -1 : 1;
    // Upcoming by when they start; past ones most recent first.
    const order = upcoming(a) ? (a.event.start ?? dayA).localeCompare(b.event.start ?? dayB) : dayB.localeCompare(dayA);
    return order || fold(a.event.name).localeCompare(fold(b.event.name));
  });
}
