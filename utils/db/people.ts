import type { KithDb } from './index';
import type { Id, LocalDay, Person } from '../model/types';
import { words } from '../text';
import { localDay } from '../dates';
import { pagePeople, PeopleSearch } from './people-search';

export function getPerson(db: KithDb, id: Id): Promise<Person | undefined> {
  return db.get('people', id);
}

/** The person any of these profile keys belongs to (keys are unique across people). */
export async function findPersonByKeys(db: KithDb, keys: string[]): Promise<Person | undefined> {
  const tx = db.transaction('people');
  for (const key of keys) {
    const p = await tx.store.index('byKey').get(key);
    if (p) return p;
  }
  return undefined;
}

/** People whose follow-up is due on or before `day` (overdue and today), from the due-date index. */
export function peopleDueBy(db: KithDb, day: LocalDay, limit?: number): Promise<Person[]> {
  return db.getAllFromIndex('people', 'byDue', IDBKeyRange.upperBound(day), limit);
}

/** How many follow-ups are due on or before `day`: a key count, no records loaded (the badge). */
export function countDueBy(db: KithDb, day: LocalDay): Promise<number> {
  return db.countFromIndex('people', 'byDue', IDBKeyRange.upperBound(day));
}

/** Every tag in use, sorted, from the tag index without loading people. */
export async function listTags(db: KithDb): Promise<string[]> {
  const tags: string[] = [];
  let cursor = await db.transaction('people').store.index('byTag').openKeyCursor(null, 'nextunique');
  while (cursor) {
    tags.push(cursor.key);
    cursor = await cursor.continue();
  }
  return tags;
}

/**
 * Search as you type: every word of the query must start a word of the person's name, company,
 * headline, location, tags, places or events. The first `limit` matches by name, answered from the
 * search engine over everyone (`search`, the background's shared one; people-search.ts), not an index.
 */
export async function searchPeople(db: KithDb, query: string, limit = 50, search: PeopleSearch = new PeopleSearch()): Promise<Person[]> {
  if (words(query).length === 0) return [];
  return (await pagePeople(db, { offset: 0, limit, sort: 'name', filter: { query } }, localDay(), search)).people;
}

export function countPeople(db: KithDb): Promise<number> {
  return db.count('people');
}

// The network page's list (search, filters, sorting, paging): people-search.ts.

export interface Introduction {
  introducer: { id: Id; name: string };
  /** The people they introduced you to, with the day of that encounter. */
  introduced: { id: Id; name: string; date: string; eventId?: Id }[];
}

/**
 * Who introduced whom, for everyone saved who introduced someone (the introducer index holds only
 * encounters with a saved introducer; introducers typed as free text show on each encounter instead).
 * Sorted by the introducer's name.
 */
export async function listIntroductions(db: KithDb): Promise<Introduction[]> {
  const tx = db.transaction(['encounters', 'people']);
  const encounters = await tx.objectStore('encounters').index('byIntroducer').getAll();
  const people = tx.objectStore('people');
  const byIntroducer = new Map<Id, Introduction & { sortName: string }>();
  const cache = new Map<Id, Person | undefined>();
  const person = async (id: Id) => {
    if (!cache.has(id)) cache.set(id, await people.get(id));
    return cache.get(id);
  };
  for (const e of encounters) {
    const [by, met] = [await person(e.introducedById!), await person(e.personId)];
    if (!by || !met) continue;
    let entry = byIntroducer.get(by.id);
    if (!entry) byIntroducer.set(by.id, (entry = { introducer: { id: by.id, name: by.name }, introduced: [], sortName: by.sortName }));
    if (entry.introduced.some((i) => i.id === met.id)) continue;
    entry.introduced.push({ id: met.id, name: met.name, date: e.date, ...(e.eventId ? { eventId: e.eventId } : {}) });
  }
  return [...byIntroducer.values()]
    .sort((a, b) => (a.sortName < b.sortName ? -1 : a.sortName > b.sortName ? 1 : 0))
    .map(({ introducer, introduced }) => ({ introducer, introduced }));
}
