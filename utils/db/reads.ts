import type { KithDb } from './index';
import type { Encounter, Id, KithData, KithEvent, Person, Photo, VoiceNote } from '../model/types';
import { comparePartialDates } from '../dates';

/** Encounters newest first: by date, then the later recorded first. */
function newestFirst(a: Encounter, b: Encounter): number {
  return comparePartialDates(b.date, a.date) || b.createdAt - a.createdAt;
}

/** A person's encounters, newest first. */
export async function encountersOf(db: KithDb, personId: Id): Promise<Encounter[]> {
  return (await db.getAllFromIndex('encounters', 'byPerson', personId)).sort(newestFirst);
}

/** What one person's view shows, read in one transaction, so it never mixes a person from before a write with encounters from after it. */
export interface PersonRecords {
  /** As stored now; undefined when they are no longer saved. */
  person: Person | undefined;
  /** Newest first. */
  encounters: Encounter[];
  photo: Photo | undefined;
  voiceNote: VoiceNote | undefined;
  /** The encounters in which they introduced you to someone. */
  introductions: Encounter[];
  /** The events of their encounters, and the people of those encounters and introductions, by id. */
  events: Map<Id, KithEvent>;
  people: Map<Id, Person>;
}

export async function readPersonRecords(db: KithDb, personId: Id): Promise<PersonRecords> {
  const tx = db.transaction(['people', 'encounters', 'photos', 'events', 'voiceNotes']);
  const peopleStore = tx.objectStore('people');
  const encounterStore = tx.objectStore('encounters');
  const [person, encounters, introductions, photo, voiceNote] = await Promise.all([
    peopleStore.get(personId),
    encounterStore.index('byPerson').getAll(personId),
    encounterStore.index('byIntroducer').getAll(personId),
    tx.objectStore('photos').get(personId),
    tx.objectStore('voiceNotes').get(personId),
  ]);
  const events = new Map<Id, KithEvent>();
  const people = new Map<Id, Person>();
  const eventIds = new Set(encounters.flatMap((e) => (e.eventId ? [e.eventId] : [])));
  const personIds = new Set([...encounters.flatMap((e) => (e.introducedById ? [e.introducedById] : [])), ...introductions.map((e) => e.personId)]);
  await Promise.all([
    ...[...eventIds].map(async (id) => {
      const ev = await tx.objectStore('events').get(id);
      if (ev) events.set(id, ev);
    }),
    ...[...personIds].map(async (id) => {
      const p = await peopleStore.get(id);
      if (p) people.set(id, p);
    }),
  ]);
  await tx.done;
  return { person, encounters: encounters.sort(newestFirst), photo: person?.hasPhoto ? photo : undefined, voiceNote: person ? voiceNote : undefined, introductions, events, people };
}

/** Encounters in which this person introduced you to someone. */
export function introductionsBy(db: KithDb, personId: Id): Promise<Encounter[]> {
  return db.getAllFromIndex('encounters', 'byIntroducer', personId);
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
  const tx = db.transaction(['people', 'encounters', 'events', 'photos', 'voiceNotes', 'drillCards', 'drillReviews']);
  const [people, encounters, events, photos, voiceNotes, drillCards, drillReviews] = await Promise.all([
    tx.objectStore('people').getAll(),
    tx.objectStore('encounters').getAll(),
    tx.objectStore('events').getAll(),
    tx.objectStore('photos').getAll(),
    tx.objectStore('voiceNotes').getAll(),
    tx.objectStore('drillCards').getAll(),
    tx.objectStore('drillReviews').getAll(),
  ]);
  await tx.done;
  return { people, encounters, events, photos, voiceNotes, drillCards, drillReviews };
}

/** What the popup's follow-up list needs, read in one transaction (see `readDue`). */
export interface DueRead {
  /** Per range: the first `limit` people due in it (in due order), and how many there are in all (`totals`, when given). */
  groups: { people: Person[]; total: number }[];
  /** Whether anyone is saved at all. */
  anyone: boolean;
  /** Each listed person's encounters, newest first. */
  encounters: Map<Id, Encounter[]>;
  /** Their photos (none read when `readDue` was asked without). */
  photos: Map<Id, Photo>;
  /** The events those encounters were at. */
  events: Map<Id, KithEvent>;
}

/**
 * The follow-ups due in each range with everything their rows show, in one read-only transaction: a
 * transaction per lookup made the popup wait for each one in turn. Each read is asked for as soon as what it
 * needs has arrived (a group's people, then each one's encounters and photo, then their events), never
 * after a whole step is done, so the store always has the next request waiting.
 */
export async function readDue(
  db: KithDb,
  ranges: IDBKeyRange[],
  limit: number,
  { photos: withPhotos = true, totals }: { photos?: boolean; totals?: readonly number[] | undefined } = {},
): Promise<DueRead> {
  const tx = db.transaction(['people', 'encounters', 'photos', 'events', 'voiceNotes']);
  const people = tx.objectStore('people');
  const byDue = people.index('byDue');
  const byPerson = tx.objectStore('encounters').index('byPerson');
  const photoStore = tx.objectStore('photos');
  const eventStore = tx.objectStore('events');
  const encounters = new Map<Id, Encounter[]>();
  const photos = new Map<Id, Photo>();
  const events = new Map<Id, KithEvent>();
  const eventReads = new Map<Id, Promise<void>>();
  const readEvent = (id: Id): Promise<void> => {
    let read = eventReads.get(id);
    if (!read) {
      read = eventStore.get(id).then((ev) => void (ev && events.set(id, ev)));
      eventReads.set(id, read);
    }
    return read;
  };
  const readPerson = async (p: Person): Promise<void> => {
    const [list, photo] = await Promise.all([byPerson.getAll(p.id), withPhotos && p.hasPhoto ? photoStore.get(p.id) : undefined]);
    encounters.set(p.id, list.sort(newestFirst));
    if (photo) photos.set(p.id, photo);
    await Promise.all(list.flatMap((e) => (e.eventId ? [readEvent(e.eventId)] : [])));
  };
  const [groups, anyone] = await Promise.all([
    Promise.all(ranges.map(async (r, i) => {
      const [list, total] = await Promise.all([
        byDue.getAll(r, limit).then(async (list) => {
          await Promise.all(list.map(readPerson));
          return list;
        }),
        totals?.[i] ?? byDue.count(r),
      ]);
      return { people: list, total };
    })),
    people.openKeyCursor().then((c) => c !== null),
  ]);
  await tx.done;
  return { groups, anyone, encounters, photos, events };
}

/** The photos of these people, by id, in one transaction (people without one are left out). */
export async function photosOf(db: KithDb, ids: readonly Id[]): Promise<Map<Id, Photo>> {
  const tx = db.transaction('photos');
  const store = tx.objectStore('photos');
  const out = new Map<Id, Photo>();
  await Promise.all([...new Set(ids)].map(async (id) => {
    const photo = await store.get(id);
    if (photo) out.set(id, photo);
  }));
  await tx.done;
  return out;
}
