import type { KithDb } from './index';
import type { Encounter, Id, KithData, KithEvent, Photo } from '../types';
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
