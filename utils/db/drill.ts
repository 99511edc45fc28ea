/**
 * The drill's stores (utils/drill is its pure core): a person's card and answers, each answer one
 * transaction; voice notes; what a card shows (the face, how you met, the memory aids), read in one transaction; the refresher's reads;
 * and DrillIndex, what the background keeps of everyone for the due list and for capture matching.
 */
import type { KithDb } from './index';
import type { Encounter, Id, KithEvent, LocalDay, Person, Photo, VoiceNote } from '../model/types';
import { buildDueList, type DrillSubject, type DueList, type DueOptions } from '../drill/due';
import { cardFor, review, type DrillCard, type DrillReview } from '../drill/schedule';
import type { DrillDirection, DrillGrade, Verdict } from '../drill/grades';
import { isCaptured, type CaptureSubject } from '../drill/capture';
import { earlierEditions, isTagFor, type RefresherInput } from '../drill/refresher';
import { comparePartialDates } from '../dates';
import { inWriteTx, NotFoundError } from './writes';
import { addRecord, deleteRecord, putRecord } from './outbox';
import { t } from '../i18n';

// ---------------------------------------------------------------------------------------------
// Answers

export interface Answer {
  personId: Id;
  direction: DrillDirection;
  grade: DrillGrade;
  /** The verdict on a typed answer; none when the name was revealed and self-graded. */
  verdict?: Verdict;
}

/**
 * Records an answer in one transaction: the stored card (or a new one, or a new one when the person is
 * now drilled the other way) is scheduled by FSRS and put back, and the review appended. Read and
 * written in the same transaction, so two tabs answering the same card never schedule from one state.
 */
export async function answerCard(db: KithDb, answer: Answer, now: number): Promise<{ card: DrillCard; review: DrillReview }> {
  return inWriteTx(db, async (tx) => {
    if (!(await tx.objectStore('people').get(answer.personId))) throw new NotFoundError(t('errorPersonGone'));
    const stored = await tx.objectStore('drillCards').get(answer.personId);
    const answered = review(cardFor(answer.personId, answer.direction, stored, now), answer.grade, now, answer.verdict ? { verdict: answer.verdict } : {});
    await putRecord(tx, 'drillCards', answered.card);
    await addRecord(tx, 'drillReviews', answered.review);
    return answered;
  });
}

/** Every answer given from `first` to `last` (local days, both included). */
export function answersBetween(db: KithDb, first: LocalDay, last: LocalDay): Promise<DrillReview[]> {
  return db.getAllFromIndex('drillReviews', 'byDay', IDBKeyRange.bound(first, last));
}

// ---------------------------------------------------------------------------------------------
// Voice notes

/** Stores a person's voice note, replacing the one they had. */
export async function saveVoiceNote(db: KithDb, note: VoiceNote): Promise<void> {
  return inWriteTx(db, async (tx) => {
    if (!(await tx.objectStore('people').get(note.personId))) throw new NotFoundError(t('errorPersonGone'));
    await putRecord(tx, 'voiceNotes', note);
  });
}

/** Deletes a person's voice note (`at`: when, the tombstone's time for sync). */
export async function deleteVoiceNote(db: KithDb, personId: Id, at: number): Promise<void> {
  return inWriteTx(db, async (tx) => {
    await deleteRecord(tx, 'voiceNotes', personId, at);
  });
}

// ---------------------------------------------------------------------------------------------
// What a card shows

/** Everything a drill card shows of one person, as stored. */
export interface DrillPerson {
  person: Person;
  photo?: Photo;
  voiceNote?: VoiceNote;
  /** Their encounters, newest first. */
  encounters: Encounter[];
}

/** The people of a deck with what their cards show, in one read-only transaction; the events and introducers their encounters name. */
export async function readDrillPeople(db: KithDb, ids: readonly Id[]): Promise<{ people: Map<Id, DrillPerson>; events: Map<Id, KithEvent>; introducers: Map<Id, Person> }> {
  const tx = db.transaction(['people', 'photos', 'voiceNotes', 'encounters', 'events']);
  const peopleStore = tx.objectStore('people');
  const byPerson = tx.objectStore('encounters').index('byPerson');
  const people = new Map<Id, DrillPerson>();
  const events = new Map<Id, KithEvent>();
  const introducers = new Map<Id, Person>();
  // Every read is asked for as soon as what it needs is known, so the store always has the next one waiting.
  const reads: Promise<unknown>[] = [];
  const readEvent = (id: Id) => {
    if (events.has(id)) return;
    events.set(id, undefined as unknown as KithEvent);
    reads.push(tx.objectStore('events').get(id).then((ev) => (ev ? events.set(id, ev) : events.delete(id))));
  };
  const readIntroducer = (id: Id) => {
    if (introducers.has(id)) return;
    introducers.set(id, undefined as unknown as Person);
    reads.push(peopleStore.get(id).then((p) => (p ? introducers.set(id, p) : introducers.delete(id))));
  };
  await Promise.all(
    [...new Set(ids)].map(async (id) => {
      const [person, photo, voiceNote, encounters] = await Promise.all([
        peopleStore.get(id),
        tx.objectStore('photos').get(id),
        tx.objectStore('voiceNotes').get(id),
        byPerson.getAll(id),
      ]);
      if (!person) return;
      encounters.sort((a, b) => comparePartialDates(b.date, a.date) || b.createdAt - a.createdAt);
      for (const e of encounters) {
        if (e.eventId) readEvent(e.eventId);
        if (e.introducedById) readIntroducer(e.introducedById);
      }
      people.set(id, { person, encounters, ...(photo ? { photo } : {}), ...(voiceNote ? { voiceNote } : {}) });
    }),
  );
  await Promise.all(reads);
  await tx.done;
  return { people, events, introducers };
}

// ---------------------------------------------------------------------------------------------
// The event refresher's reads

/**
 * What the refresher needs for an event (refresherDeck): the events, the encounters at it and its
 * earlier editions, the people tagged for it with their encounters (for who introduced them), and every
 * person those encounters name. Throws NotFoundError when the event is gone.
 */
export async function refresherInput(db: KithDb, eventId: Id): Promise<Omit<RefresherInput, 'limit'>> {
  const tx = db.transaction(['people', 'encounters', 'events']);
  const event = await tx.objectStore('events').get(eventId);
  if (!event) throw new NotFoundError(t('errorEventGone'));
  const events = await tx.objectStore('events').getAll();
  const byEvent = tx.objectStore('encounters').index('byEvent');
  const byPerson = tx.objectStore('encounters').index('byPerson');
  const peopleStore = tx.objectStore('people');
  const met = (await Promise.all([event, ...earlierEditions(event, events)].map((ev) => byEvent.getAll(ev.id)))).flat();
  const tags: string[] = [];
  let cursor = await peopleStore.index('byTag').openKeyCursor(null, 'nextunique');
  while (cursor) {
    if (isTagFor(cursor.key, event)) tags.push(cursor.key);
    cursor = await cursor.continue();
  }
  const tagged = (await Promise.all(tags.map((tag) => peopleStore.index('byTag').getAll(tag)))).flat();
  const taggedEncounters = (await Promise.all(tagged.map((p) => byPerson.getAll(p.id)))).flat();
  const people = new Map(tagged.map((p) => [p.id, p]));
  const encounters = [...met, ...taggedEncounters];
  const named = new Set<Id>();
  for (const e of encounters) {
    named.add(e.personId);
    if (e.introducedById) named.add(e.introducedById);
  }
  await Promise.all(
    [...named].filter((id) => !people.has(id)).map(async (id) => {
      const p = await peopleStore.get(id);
      if (p) people.set(id, p);
    }),
  );
  await tx.done;
  return { event, events, encounters, people: [...people.values()] };
}

// ---------------------------------------------------------------------------------------------
// What the background keeps of everyone

/** One person as the due list and capture matching see them. */
interface Subject extends DrillSubject {
  name: string;
  captured: boolean;
}

interface Table {
  subjects: Map<Id, Subject>;
  cards: Map<Id, DrillCard>;
}

/**
 * Whether someone can be drilled without a face: there is something to recall. A touch (an encounter:
 * every encounter sets the last touch) or a memory hook. The last touch stands in for "has an
 * encounter" because finding that out for everyone means a cursor over the encounters' person index,
 * one step per person: about a second at 30,000 people.
 */
function subjectOf(p: Person): Subject {
  return {
    id: p.id,
    name: p.name,
    createdAt: p.createdAt,
    captured: isCaptured(p),
    hasContext: p.lastTouch !== undefined || Boolean(p.memoryHook),
    ...(p.hasPhoto ? { hasPhoto: true } : {}),
  };
}

/**
 * Everyone as the drill needs them (a few fields each) and every stored card, read once and kept in
 * memory, then kept current from the ids of every change (`changed`), as PeopleSearch keeps the
 * network list's table: the popup's count and the drill page's deck are then built in a few
 * milliseconds (buildDueList) instead of reading 30,000 people and cards for each. Answers change only
 * cards: the handler reports the person to this index alone (no one else shows cards).
 */
export class DrillIndex {
  private table: Promise<Table> | undefined;
  private dirty = new Set<Id>();

  /** People (and their cards) changed; none: anyone may have (everything deleted, an import). */
  changed(personIds: readonly Id[]): void {
    if (personIds.length === 0) {
      this.table = undefined;
      this.dirty.clear();
    } else for (const id of personIds) this.dirty.add(id);
  }

  private async current(db: KithDb): Promise<Table> {
    if (!this.table) {
      this.dirty.clear();
      const reading = readTable(db);
      this.table = reading;
      reading.catch(() => {
        if (this.table === reading) this.table = undefined;
      });
    }
    const table = await this.table;
    if (this.dirty.size > 0) {
      const ids = [...this.dirty];
      this.dirty.clear();
      try {
        await refreshTable(db, table, ids);
      } catch (e) {
        for (const id of ids) this.dirty.add(id);
        throw e;
      }
    }
    return table;
  }

  /** Today's queue and its counts (buildDueList over everyone). */
  async dueList(db: KithDb, options: DueOptions): Promise<DueList> {
    const { subjects, cards } = await this.current(db);
    return buildDueList([...subjects.values()], cards, options);
  }

  /** The stored card of each of these people who has one. */
  async cardsOf(db: KithDb, ids: readonly Id[]): Promise<Map<Id, DrillCard>> {
    const { cards } = await this.current(db);
    const out = new Map<Id, DrillCard>();
    for (const id of ids) {
      const c = cards.get(id);
      if (c) out.set(id, c);
    }
    return out;
  }

  /** Everyone captured and not yet matched to a profile. */
  async captured(db: KithDb): Promise<CaptureSubject[]> {
    const { subjects } = await this.current(db);
    const out: CaptureSubject[] = [];
    for (const s of subjects.values()) if (s.captured) out.push({ id: s.id, name: s.name, keys: [], createdAt: s.createdAt });
    return out;
  }
}

async function readTable(db: KithDb): Promise<Table> {
  const tx = db.transaction(['people', 'drillCards']);
  const [people, cards] = await Promise.all([tx.objectStore('people').getAll(), tx.objectStore('drillCards').getAll()]);
  await tx.done;
  return { subjects: new Map(people.map((p) => [p.id, subjectOf(p)])), cards: new Map(cards.map((c) => [c.personId, c])) };
}

async function refreshTable(db: KithDb, table: Table, ids: readonly Id[]): Promise<void> {
  const tx = db.transaction(['people', 'drillCards']);
  const read = await Promise.all(ids.map((id) => Promise.all([tx.objectStore('people').get(id), tx.objectStore('drillCards').get(id)])));
  await tx.done;
  ids.forEach((id, i) => {
    const [person, card] = read[i]!;
    if (person) table.subjects.set(id, subjectOf(person));
    else table.subjects.delete(id);
    if (card) table.cards.set(id, card);
    else table.cards.delete(id);
  });
}
