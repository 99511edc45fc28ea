import type { KithDb } from './index';
import type { Id, LocalDay, Person } from '../types';
import { words } from '../text';
import { addDays } from '../dates';
import { WEEK_DAYS } from '../followups';
import { peopleIdsAtEvent } from './events';

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
export function peopleDueBy(db: KithDb, day: LocalDay): Promise<Person[]> {
  return db.getAllFromIndex('people', 'byDue', IDBKeyRange.upperBound(day));
}

/**
 * The first `limit` people due in [from, to] (either end open), earliest due first: the index is
 * already in due order, so the popup reads only the rows it shows, however far behind the user is.
 */
export function peopleDueIn(db: KithDb, range: IDBKeyRange, limit: number): Promise<Person[]> {
  return db.getAllFromIndex('people', 'byDue', range, limit);
}

export function countDueIn(db: KithDb, range: IDBKeyRange): Promise<number> {
  return db.countFromIndex('people', 'byDue', range);
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
 * headline, location, tags, places or events. The longest query word walks the term index (a key
 * range, not a scan of everyone); the other words filter those candidates.
 */
export async function searchPeople(db: KithDb, query: string, limit = 50): Promise<Person[]> {
  const q = [...new Set(words(query))];
  if (q.length === 0) return [];
  const lead = q.reduce((a, b) => (b.length > a.length ? b : a));
  const rest = q.filter((w) => w !== lead);
  const tx = db.transaction('people');
  const index = tx.store.index('byTerm');
  const seen = new Set<string>();
  const found: Person[] = [];
  let cursor = await index.openCursor(IDBKeyRange.bound(lead, lead + '\uffff'));
  while (cursor && found.length < limit) {
    const p = cursor.value;
    if (!seen.has(p.id)) {
      seen.add(p.id);
      if (rest.every((w) => p.terms.some((t) => t.startsWith(w)))) found.push(p);
    }
    cursor = await cursor.continue();
  }
  return found.sort((a, b) => (a.sortName < b.sortName ? -1 : a.sortName > b.sortName ? 1 : 0));
}

/** A page of people in name order (the network list). */
export async function listPeopleByName(db: KithDb, offset: number, limit: number): Promise<Person[]> {
  const out: Person[] = [];
  let cursor = await db.transaction('people').store.index('bySortName').openCursor();
  if (cursor && offset > 0) cursor = await cursor.advance(offset);
  while (cursor && out.length < limit) {
    out.push(cursor.value);
    cursor = await cursor.continue();
  }
  return out;
}

/** Whether anyone is saved: one key read (counting 100,000 people walks every key). */
export async function anyPeople(db: KithDb): Promise<boolean> {
  return (await db.transaction('people').store.openKeyCursor()) !== null;
}

export function countPeople(db: KithDb): Promise<number> {
  return db.count('people');
}

// ---------------------------------------------------------------------------------------------
// The network page: everyone, a page at a time, searched, filtered and sorted from the indexes.

export type PeopleSort = 'name' | 'lastTouch';
export type FollowUpFilter = 'overdue' | 'today' | 'week' | 'none';

export interface PeopleFilter {
  /** Every word must start a search word of the person (as in searchPeople). */
  query?: string;
  tag?: string;
  eventId?: Id;
  /** Every word must start a word of the person's company. */
  company?: string;
  followUp?: FollowUpFilter;
}

export interface PeopleQuery {
  offset: number;
  limit: number;
  sort: PeopleSort;
  filter: PeopleFilter;
}

/**
 * Everyone's ids in each order the list offers, read from the indexes as keys only (no records):
 * by name, and by last touch (newest first; people never touched follow, by name). Valid until the
 * next write; the caller keeps it between pages and keystrokes and drops it on a change.
 */
export interface PeopleOrders {
  name: Id[];
  lastTouch: Id[];
}

export async function readPeopleOrders(db: KithDb): Promise<PeopleOrders> {
  const store = db.transaction('people').store;
  const [name, touched] = await Promise.all([store.index('bySortName').getAllKeys(), store.index('byLastTouch').getAllKeys()]);
  const seen = new Set(touched);
  const lastTouch = touched.reverse();
  for (const id of name) if (!seen.has(id)) lastTouch.push(id);
  return { name, lastTouch };
}

/** Ids of people with a search word starting with `prefix`: one key range of the term index. */
export async function idsWithTermPrefix(db: KithDb, prefix: string): Promise<Set<Id>> {
  return new Set(await db.getAllKeysFromIndex('people', 'byTerm', IDBKeyRange.bound(prefix, prefix + '\uffff')));
}

export async function idsWithTag(db: KithDb, tag: string): Promise<Set<Id>> {
  return new Set(await db.getAllKeysFromIndex('people', 'byTag', tag));
}

/** Ids of people due in a range of days (or anywhere, without one). */
export async function idsDueIn(db: KithDb, range?: IDBKeyRange): Promise<Set<Id>> {
  return new Set(await db.getAllKeysFromIndex('people', 'byDue', range));
}

/** These people, in this order, in one transaction (ids no longer saved are left out). */
export async function getPeople(db: KithDb, ids: readonly Id[]): Promise<Person[]> {
  const store = db.transaction('people').store;
  const found = await Promise.all(ids.map((id) => store.get(id)));
  return found.filter((p): p is Person => p !== undefined);
}

/**
 * What the network list reuses between pages and keystrokes, valid until the next change: the id
 * orders, and the ids of the last search-word prefixes typed (typing "anna n" after "anna" reads only
 * the range of "n"; backspacing reads nothing). The owner clears it on every change it hears of.
 * (It is not checked against a count of people: IndexedDB counts by walking the keys, which would
 * cost every keystroke as much as the orders themselves.)
 */
export class PeopleListCache {
  private orders: Promise<PeopleOrders> | undefined;
  private readonly prefixes = new Map<string, Promise<Set<Id>>>();
  static readonly PREFIXES = 64;

  clear(): void {
    this.orders = undefined;
    this.prefixes.clear();
  }

  /** The orders, read anew after a clear. */
  ordersFor(db: KithDb): Promise<PeopleOrders> {
    if (!this.orders) {
      const read = readPeopleOrders(db);
      this.orders = read;
      read.catch(() => {
        if (this.orders === read) this.orders = undefined;
      });
    }
    return this.orders;
  }

  prefix(db: KithDb, word: string): Promise<Set<Id>> {
    let ids = this.prefixes.get(word);
    if (ids) {
      // Most recently used last: the oldest is the one to drop.
      this.prefixes.delete(word);
    } else {
      ids = idsWithTermPrefix(db, word);
      ids.catch(() => this.prefixes.delete(word));
      if (this.prefixes.size >= PeopleListCache.PREFIXES) this.prefixes.delete(this.prefixes.keys().next().value!);
    }
    this.prefixes.set(word, ids);
    return ids;
  }
}

/**
 * One page of the network list and how many match in all. Each filter becomes a set of ids read
 * from its index as keys (a term prefix, a tag, a due-date range, the encounters at an event); the
 * order is the cached id order filtered by those sets; only the page's records are read. The one
 * filter without an index, company, narrows by the term index first and then checks the candidates'
 * company field. All reads start at once.
 */
export async function pagePeople(
  db: KithDb,
  q: PeopleQuery,
  today: LocalDay,
  cache: PeopleListCache = new PeopleListCache(),
): Promise<{ total: number; people: Person[] }> {
  const { filter } = q;
  const wanted: Promise<Set<Id>>[] = [];
  for (const w of new Set(words(filter.query))) wanted.push(cache.prefix(db, w));
  const companyWords = [...new Set(words(filter.company))];
  for (const w of companyWords) wanted.push(cache.prefix(db, w));
  if (filter.tag) wanted.push(idsWithTag(db, filter.tag));
  if (filter.eventId) wanted.push(peopleIdsAtEvent(db, filter.eventId));
  let unwanted: Promise<Set<Id>> | undefined;
  const f = filter.followUp;
  if (f === 'none') unwanted = idsDueIn(db);
  else if (f) {
    const range =
      f === 'overdue'
        ? IDBKeyRange.upperBound(today, true)
        : f === 'today'
          ? IDBKeyRange.only(today)
          : IDBKeyRange.bound(addDays(today, 1), addDays(today, WEEK_DAYS));
    wanted.push(idsDueIn(db, range));
  }
  const [orders, found, without] = await Promise.all([cache.ordersFor(db), Promise.all(wanted), unwanted]);
  const sets = found.sort((a, b) => a.size - b.size);
  const order = orders[q.sort];
  const ids = sets.length === 0 && !without ? order : order.filter((id) => sets.every((s) => s.has(id)) && !without?.has(id));
  if (companyWords.length > 0) {
    const candidates = await getPeople(db, ids);
    const matches = candidates.filter((p) => {
      const mine = words(p.company);
      return companyWords.every((w) => mine.some((m) => m.startsWith(w)));
    });
    return { total: matches.length, people: matches.slice(q.offset, q.offset + q.limit) };
  }
  return { total: ids.length, people: await getPeople(db, ids.slice(q.offset, q.offset + q.limit)) };
}

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
