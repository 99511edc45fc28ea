import type { KithDb } from './index';
import type { Encounter, Id, KithData, KithEvent, Person, Photo } from '../types';
import { comparePartialDates } from '../dates';

/** A person's encounters, newest first. */
export async function encountersOf(db: KithDb, personId: Id): Promise<Encounter[]> {
  const list = await db.getAllFromIndex('encounters', 'byPerson', personId);
  return list.sort((a, b) => comparePartialDates(b.date, a.date) || b.createdAt - a.createdAt);
}

/** Encounters in which this person introduced you to someone. */
export function introductionsBy(db: KithDb, personId: Id): Promise<Encounter[]> {
  return db.getAllFromIndex('encounters', 'byIntroducer', personId);
}

export function encountersAtEvent(db: KithDb, eventId: Id): Promise<Encounter[]> {
  return db.getAllFromIndex('encounters', 'byEvent', eventId);
}

/** Events, newest first (by start date; undated ones last). */
export async function listEvents(db: KithDb): Promise<KithEvent[]> {
  const all = await db.getAll('events');
  return all.sort((a, b) => (b.start ?? '').localeCompare(a.start ?? '') || a.name.localeCompare(b.name));
}

export function getEvent(db: KithDb, id: Id): Promise<KithEvent | undefined> {
  return db.get('events', id);
}

export function getPhoto(db: KithDb, personId: Id): Promise<Photo | undefined> {
  return db.get('photos', personId);
}

/** Everything, for a backup or an export. */
export async function readAll(db: KithDb): Promise<KithData> {
  const tx = db.transaction(['people', 'encounters', 'events', 'photos']);
  const [people, encounters, events, photos] = await Promise.all([
    tx.objectStore('people').getAll(),
    tx.objectStore('encounters').getAll(),
    tx.objectStore('events').getAll(),
    tx.objectStore('photos').getAll(),
  ]);
  await tx.done;
  return { people, encounters, events, photos };
}

/** What the popup's follow-up list needs, read in one transaction (see `readDue`). */
export interface DueRead {
  /** Per range: the first `limit` people due in it (in due order), and how many there are in all. */
  groups: { people: Person[]; total: number }[];
  /** Whether anyone is saved at all. */
  anyone: boolean;
  /** Each listed person's encounters, newest first. */
  encounters: Map<Id, Encounter[]>;
  photos: Map<Id, Photo>;
  /** The events those encounters were at. */
  events: Map<Id, KithEvent>;
}

/**
 * The follow-ups due in each range with everything their rows show, in one read-only transaction with
 * every request issued at once: a transaction per lookup cost the popup ~20 ms at 75 rows.
 */
export async function readDue(db: KithDb, ranges: IDBKeyRange[], limit: number): Promise<DueRead> {
  const tx = db.transaction(['people', 'encounters', 'photos', 'events']);
  const people = tx.objectStore('people');
  const byDue = people.index('byDue');
  const [groups, anyone] = await Promise.all([
    Promise.all(ranges.map(async (r) => {
      const [list, total] = await Promise.all([byDue.getAll(r, limit), byDue.count(r)]);
      return { people: list, total };
    })),
    people.openKeyCursor().then((c) => c !== null),
  ]);
  const listed = groups.flatMap((g) => g.people);
  const encounters = new Map<Id, Encounter[]>();
  const photos = new Map<Id, Photo>();
  const byPerson = tx.objectStore('encounters').index('byPerson');
  const photoStore = tx.objectStore('photos');
  await Promise.all(listed.map(async (p) => {
    const [list, photo] = await Promise.all([byPerson.getAll(p.id), p.hasPhoto ? photoStore.get(p.id) : undefined]);
    encounters.set(p.id, list.sort((a, b) => comparePartialDates(b.date, a.date) || b.createdAt - a.createdAt));
    if (photo) photos.set(p.id, photo);
  }));
  const eventIds = new Set([...encounters.values()].flat().flatMap((e) => (e.eventId ? [e.eventId] : [])));
  const eventStore = tx.objectStore('events');
  const events = new Map<Id, KithEvent>();
  await Promise.all([...eventIds].map(async (id) => {
    const ev = await eventStore.get(id);
    if (ev) events.set(id, ev);
  }));
  await tx.done;
  return { groups, anyone, encounters, photos, events };
}
