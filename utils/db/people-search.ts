/**
 * The search engine over everyone saved. The network page's list (searched as you type, filtered and
 * sorted, one page at a time, with how many match in all), the popup's and the sidebar's search
 * (searchPeople) and the same-name suggestion (peopleNamed) all ask it.
 *
 * Why in memory: a one- or two-letter search matches most people, and in IndexedDB every index entry
 * read costs (Chromium checks each against its record), so collecting everyone whose search word
 * starts with "a" from an IndexedDB index of search words (schema v2-v4 had one) was slow at 100,000
 * people, and counting them cost the same walk; reading the records themselves in batches costs less
 * than walking either list order's index. So the engine reads everyone once into a compact table (ids,
 * sort keys, search words as numbers, tags, due dates), keeps it current from the ids of every change
 * (`changed`), and answers each keystroke from it: every person is tested in memory, in list order, so
 * the count is exact and the order is the one the stored indexes would give; only the page's records
 * are read. The benchmark (scripts/bench) measures it against DESIGN.md's budgets.
 */
import type { KithDb } from './index';
import type { Id, LocalDay, Person } from '../model/types';
import { words } from '../text';
import { addDays } from '../dates';
import { WEEK_DAYS } from '../followups';
import { peopleIdsAtEvent } from './events';

export type PeopleSort = 'name' | 'lastTouch';
type FollowUpFilter = 'overdue' | 'today' | 'week' | 'none';

export interface PeopleFilter {
  /** Every word must start a search word of the person (`terms`; as in searchPeople). */
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

/** One person as the list sorts and filters them (what it shows is read from the record, per page). */
interface Entry {
  /** The person's number in the table: their place in its bitmaps and postings. */
  ord: number;
  id: Id;
  /** Their sort name: people without one are not in the name order. */
  sortName: string | undefined;
  /** The last day anything was logged with them. */
  lastTouch: string | undefined;
  /** As the byDue index holds it. */
  due: string | undefined;
  /** The words of their company, as numbers in the table's vocabulary. */
  company: number[];
  tags: string[];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const EMPTY = new Int32Array(0);
const EMPTY_TAGS: string[] = [];
const EMPTY_WORDS: number[] = [];

/** Name order: sort name, then id (strings compared by UTF-16 code units, as IndexedDB did when an index sorted them). */
function byName(a: Entry, b: Entry): number {
  return a.sortName! < b.sortName! ? -1 : a.sortName! > b.sortName! ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Last touch, newest first, then everyone never touched, by name. */
function byLastTouch(a: Entry, b: Entry): number {
  if (a.lastTouch !== undefined && b.lastTouch !== undefined) {
    return a.lastTouch > b.lastTouch ? -1 : a.lastTouch < b.lastTouch ? 1 : a.id > b.id ? -1 : a.id < b.id ? 1 : 0;
  }
  if (a.lastTouch !== undefined) return -1;
  if (b.lastTouch !== undefined) return 1;
  return byName(a, b);
}

const ORDERS = { name: byName, lastTouch: byLastTouch } as const;
const SORTS = ['name', 'lastTouch'] as const;
const inOrder = { name: (e: Entry) => e.sortName !== undefined, lastTouch: (e: Entry) => e.lastTouch !== undefined || e.sortName !== undefined };

/** Where `e` goes in `list` (sorted by `cmp`): the first place whose entry does not come before it. */
function lowerBound(list: Entry[], e: Entry, cmp: (a: Entry, b: Entry) => number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cmp(list[mid], e) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function hasAny(ids: readonly number[], bits: Uint8Array): boolean {
  for (let i = 0; i < ids.length; i++) if (bits[ids[i]] === 1) return true;
  return false;
}

/** A filter made ready to test people: a bitmap over people per word, the rest as values. */
interface Test {
  /** Per query word, 1 for each person (by number) with a search word it starts. */
  query: Uint8Array[];
  /** Per company word, 1 for each vocabulary word it starts. */
  company: Uint8Array[];
  tag?: string;
  at?: Set<Id>;
  due?: (due: string | undefined) => boolean;
}

/** The tests other than the query words, which are checked first (by number, without the entry). */
function passesRest(e: Entry, t: Test): boolean {
  for (let i = 0; i < t.company.length; i++) if (!hasAny(e.company, t.company[i])) return false;
  if (t.tag !== undefined && !e.tags.includes(t.tag)) return false;
  if (t.at && !t.at.has(e.id)) return false;
  if (t.due && !t.due(e.due)) return false;
  return true;
}

/** How the engine's table reads and keeps itself; the defaults suit 100,000 people, tests use small ones. */
export interface PeopleSearchLimits {
  /** Records read per request while building: few enough that other messages get their turn between batches. */
  batch: number;
  /** More people than this changed since the word postings were made: make them again (in memory). */
  repost: number;
  /** More people than this changed at once (an import): read everyone again rather than each of them. */
  reread: number;
}

const LIMITS: PeopleSearchLimits = { batch: 2_500, repost: 5_000, reread: 2_000 };

/** The filter apart from its words: results can narrow one another only when this is the same. */
interface Shape {
  sort: PeopleSort;
  rest: string;
  query: string[];
  company: string[];
}

function shapeOf(sort: PeopleSort, filter: PeopleFilter, today: LocalDay): Shape {
  return {
    sort,
    rest: JSON.stringify([filter.tag ?? null, filter.eventId ?? null, filter.followUp ?? null, filter.followUp ? today : null]),
    query: [...new Set(words(filter.query))].sort(),
    company: [...new Set(words(filter.company))].sort(),
  };
}

/** True when whoever matches the words `narrow` also matches the words `wide` ("anna n" narrows "an"). */
function narrows(narrow: string[], wide: string[]): boolean {
  return wide.every((w) => narrow.some((n) => n.startsWith(w)));
}

/**
 * Everyone, as the list sees them, in both orders, with an inverted index of their search words: for
 * each word of the vocabulary, the people (by number) who have it. A typed word starts a handful of
 * vocabulary words; their postings mark everyone matching in a bitmap, without touching anyone else.
 * Built by PeopleSearch; not shared outside it.
 */
class PeopleTable {
  private readonly vocab: string[] = [];
  private readonly termIds = new Map<string, number>();
  /** One string per distinct tag and day, shared by everyone who has it. */
  private readonly strings = new Map<string, string>();
  /** The words of each company, once per company (many people share one). */
  private readonly companies = new Map<string, number[]>();
  /** Everyone by number; a changed person gets a new number, and the old one stays empty. */
  private readonly entries: (Entry | undefined)[] = [];
  private readonly byId = new Map<Id, Entry>();
  /** Everyone in each order, sorted when first asked for (most people never sort by last touch). */
  private readonly orders: Partial<Record<PeopleSort, Entry[]>> = {};
  /** The orders as numbers (what the tests walk), made when first needed after a change. */
  private readonly numbered: Partial<Record<PeopleSort, Int32Array>> = {};
  /** For each vocabulary word (by number), the people who had it when the postings were made. */
  private postings: ArrayLike<number>[] = [];
  /**
   * The people numbered since the postings were made, with their search words, and the numbers
   * emptied since (with none): these override the postings.
   */
  private readonly overrides = new Map<number, number[]>();
  /** Per word typed: 1 for each vocabulary word it starts. Valid while the vocabulary does not grow. */
  private readonly wordBits = new Map<string, Uint8Array>();
  /** Per word typed: 1 for each person matching it. Valid until the next change. */
  private readonly peopleBits = new Map<string, Uint8Array>();
  /** The people at each event asked for, until the next change. */
  private readonly atEvent = new Map<Id, Promise<Set<Id>>>();
  /** Recent answers, newest last, until the next change: a longer query narrows a shorter one's. */
  private readonly results = new Map<string, { shape: Shape; list: Int32Array }>();
  /** Counts the changes applied, so an answer that waited across one is not kept. */
  private version = 0;
  static readonly RESULTS = 12;
  static readonly WORDS = 32;

  private constructor(private readonly limits: PeopleSearchLimits) {}

  static async read(db: KithDb, limits: PeopleSearchLimits): Promise<PeopleTable> {
    const table = new PeopleTable(limits);
    const after = (id?: Id) => db.getAll('people', id === undefined ? undefined : IDBKeyRange.lowerBound(id, true), limits.batch);
    for (let next = after(); ; ) {
      const batch = await next;
      const more = batch.length === limits.batch;
      // The next batch is read while this one is taken in.
      if (more) next = after(batch[batch.length - 1].id);
      for (const p of batch) table.add(p, true);
      if (!more) break;
    }
    // Exactly as long as they need to be: the postings are most of the table's memory.
    table.postings = Array.from(table.postings, (list) => (list ? Int32Array.from(list) : EMPTY));
    return table;
  }

  /** The same string as everyone else who has it (tags and days repeat across people). */
  private shared(s: string | undefined): string | undefined {
    if (s === undefined) return undefined;
    const known = this.strings.get(s);
    if (known !== undefined) return known;
    this.strings.set(s, s);
    return s;
  }

  private termId(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.vocab.length;
      this.vocab.push(term);
      this.termIds.set(term, id);
      this.wordBits.clear();
    }
    return id;
  }

  /** Numbers a person and takes in their search words: into the postings while building, else as fresh. */
  private add(p: Person, building: boolean): Entry {
    const ord = this.entries.length;
    const terms: number[] = [];
    if (Array.isArray(p.terms)) {
      for (let i = 0; i < p.terms.length; i++) {
        const t = p.terms[i];
        if (typeof t === 'string') terms.push(this.termId(t));
      }
    }
    if (building) {
      const postings = this.postings as number[][];
      for (let i = 0; i < terms.length; i++) (postings[terms[i]] ??= []).push(ord);
    } else this.overrides.set(ord, terms);
    let tags: string[] = EMPTY_TAGS;
    if (Array.isArray(p.tags) && p.tags.length > 0) {
      tags = [];
      for (const t of p.tags) if (typeof t === 'string') tags.push(this.shared(t)!);
    }
    const e: Entry = {
      ord,
      id: p.id,
      sortName: str(p.sortName),
      lastTouch: this.shared(str(p.lastTouch)),
      due: this.shared(str(p.followUp?.due)),
      company: this.companyWords(str(p.company)),
      tags,
    };
    this.entries.push(e);
    this.byId.set(e.id, e);
    return e;
  }

  private companyWords(company: string | undefined): number[] {
    if (company === undefined) return EMPTY_WORDS;
    let ids = this.companies.get(company);
    if (!ids) this.companies.set(company, (ids = words(company).map((w) => this.termId(w))));
    return ids;
  }

  /** Puts this person's current record in place of what the table had (`undefined`: they are gone). */
  apply(id: Id, p: Person | undefined): void {
    const old = this.byId.get(id);
    if (old) {
      this.byId.delete(id);
      this.entries[old.ord] = undefined;
      this.overrides.set(old.ord, []);
      for (const sort of SORTS) {
        if (!inOrder[sort](old)) continue;
        const list = this.orders[sort];
        if (!list) continue;
        const at = lowerBound(list, old, ORDERS[sort]);
        if (list[at] === old) list.splice(at, 1);
      }
    }
    if (p) {
      const e = this.add(p, false);
      for (const sort of SORTS) {
        const list = this.orders[sort];
        if (list && inOrder[sort](e)) list.splice(lowerBound(list, e, ORDERS[sort]), 0, e);
      }
    }
    if (this.overrides.size > this.limits.repost) this.repost();
    for (const sort of SORTS) delete this.numbered[sort];
    this.results.clear();
    this.peopleBits.clear();
    this.atEvent.clear();
    this.version++;
  }

  /** Folds the fresh people into the postings (dropping the numbers emptied since). */
  private repost(): void {
    const postings: number[][] = [];
    this.postings.forEach((list, t) => {
      const kept = Array.prototype.filter.call(list, (ord: number) => !this.overrides.has(ord)) as number[];
      if (kept.length > 0) postings[t] = kept;
    });
    for (const [ord, terms] of this.overrides) for (const t of terms) (postings[t] ??= []).push(ord);
    this.postings = postings;
    this.overrides.clear();
  }

  /** 1 for each vocabulary word that `word` starts. */
  private vocabBits(word: string): Uint8Array {
    let bits = this.wordBits.get(word);
    if (!bits) {
      bits = new Uint8Array(this.vocab.length);
      for (let i = 0; i < this.vocab.length; i++) if (this.vocab[i].startsWith(word)) bits[i] = 1;
      this.wordBits.set(word, bits);
      if (this.wordBits.size > PeopleTable.WORDS) this.wordBits.delete(this.wordBits.keys().next().value!);
    }
    return bits;
  }

  /** 1 for each person (by number) with a search word that `word` starts. */
  private matchingWord(word: string): Uint8Array {
    let people = this.peopleBits.get(word);
    if (!people) {
      const vocab = this.vocabBits(word);
      people = new Uint8Array(this.entries.length);
      for (let t = 0; t < vocab.length; t++) {
        if (vocab[t] !== 1) continue;
        const list = this.postings[t];
        if (list) for (let i = 0; i < list.length; i++) people[list[i]] = 1;
      }
      for (const [ord, terms] of this.overrides) people[ord] = hasAny(terms, vocab) ? 1 : 0;
      this.peopleBits.set(word, people);
      if (this.peopleBits.size > PeopleTable.WORDS) this.peopleBits.delete(this.peopleBits.keys().next().value!);
    }
    return people;
  }

  private order(sort: PeopleSort): Int32Array {
    const sorted = (this.orders[sort] ??= [...this.byId.values()].filter(inOrder[sort]).sort(ORDERS[sort]));
    return (this.numbered[sort] ??= Int32Array.from(sorted, (e) => e.ord));
  }

  /** The ids of the people whose sort name is exactly `sortName`, in name order, at most `limit`. */
  named(sortName: string, limit: number): Id[] {
    this.order('name');
    const list = this.orders.name!;
    const ids: Id[] = [];
    // The name order is by sort name, then id: everyone with this name sits together, from here on.
    for (let i = lowerBound(list, { sortName, id: '' } as Entry, byName); i < list.length && list[i].sortName === sortName && ids.length < limit; i++) {
      ids.push(list[i].id);
    }
    return ids;
  }

  /** How many match the query, and the ids of its page. */
  async page(db: KithDb, q: PeopleQuery, today: LocalDay): Promise<{ total: number; ids: Id[] }> {
    const version = this.version;
    let at: Set<Id> | undefined;
    const eventId = q.filter.eventId;
    if (eventId !== undefined) {
      let read = this.atEvent.get(eventId);
      if (!read) {
        read = peopleIdsAtEvent(db, eventId);
        this.atEvent.set(eventId, read);
        read.catch(() => this.atEvent.delete(eventId));
      }
      at = await read;
    }
    // From here on nothing waits, so the table cannot change between the list and the page's ids.
    // If it changed while the event's people were read, answer from it, but do not keep the answer.
    const list = this.matching(q.sort, q.filter, today, at, version === this.version);
    return { total: list.length, ids: Array.from(list.subarray(q.offset, q.offset + q.limit), (ord) => this.entries[ord]!.id) };
  }

  /**
   * Everyone matching, by number, in the order asked for: the same people the indexes would give, all
   * of them (`at`: the people at the filter's event). Valid until the next change.
   */
  private matching(sort: PeopleSort, filter: PeopleFilter, today: LocalDay, at: Set<Id> | undefined, keep: boolean): Int32Array {
    const shape = shapeOf(sort, filter, today);
    const key = JSON.stringify(shape);
    const hit = this.results.get(key);
    if (hit) {
      this.results.delete(key);
      this.results.set(key, hit);
      return hit.list;
    }
    const test: Test = { query: shape.query.map((w) => this.matchingWord(w)), company: shape.company.map((w) => this.vocabBits(w)) };
    if (filter.tag !== undefined) test.tag = filter.tag;
    if (at) test.at = at;
    const f = filter.followUp;
    if (f) {
      const [first, last] = [addDays(today, 1), addDays(today, WEEK_DAYS)];
      test.due =
        f === 'none'
          ? (d) => d === undefined
          : f === 'overdue'
            ? (d) => d !== undefined && d < today
            : f === 'today'
              ? (d) => d === today
              : (d) => d !== undefined && d >= first && d <= last;
    }
    // Typing "anna n" after "anna": only those who matched "anna" can match, so test only them.
    let from = this.order(sort);
    for (const r of this.results.values()) {
      const s = r.shape;
      if (s.sort === sort && s.rest === shape.rest && r.list.length < from.length && narrows(shape.query, s.query) && narrows(shape.company, s.company)) {
        from = r.list;
      }
    }
    const rest = test.company.length > 0 || test.tag !== undefined || test.at !== undefined || test.due !== undefined;
    let list = from;
    if (rest || test.query.length > 0) {
      const out = new Int32Array(from.length);
      let n = 0;
      const [q0, q1] = test.query;
      next: for (let i = 0; i < from.length; i++) {
        const ord = from[i];
        if (q0 !== undefined && q0[ord] !== 1) continue;
        if (q1 !== undefined && q1[ord] !== 1) continue;
        for (let w = 2; w < test.query.length; w++) if (test.query[w][ord] !== 1) continue next;
        if (rest && !passesRest(this.entries[ord]!, test)) continue;
        out[n++] = ord;
      }
      list = out.slice(0, n);
    }
    if (keep) {
      this.results.set(key, { shape, list });
      if (this.results.size > PeopleTable.RESULTS) this.results.delete(this.results.keys().next().value!);
    }
    return list;
  }
}

/**
 * The search engine: the table of everyone, kept between pages and keystrokes, read on first use and
 * kept current by `changed` (the ids of the people every write touched: the background's handler and
 * its imports report each one). `clear` forgets it (read anew on the next request).
 */
export class PeopleSearch {
  private db: KithDb | undefined;
  private table: Promise<PeopleTable> | undefined;
  /** People changed since the table read them: read again before the next answer. */
  private readonly dirty = new Set<Id>();
  private applying: Promise<void> = Promise.resolve();
  private readonly limits: PeopleSearchLimits;

  constructor(limits: Partial<PeopleSearchLimits> = {}) {
    this.limits = { ...LIMITS, ...limits };
  }

  clear(): void {
    this.table = undefined;
    this.dirty.clear();
  }

  /** These people were added, changed or deleted; none given means anything may have changed. */
  changed(personIds: readonly Id[]): void {
    if (personIds.length === 0 || this.dirty.size + personIds.length > this.limits.reread) {
      this.clear();
      return;
    }
    for (const id of personIds) this.dirty.add(id);
  }

  private async tableFor(db: KithDb): Promise<PeopleTable> {
    // Another connection (the old one closed under us) may see other data: start over.
    if (this.db !== db) {
      this.clear();
      this.db = db;
    }
    if (!this.table) {
      const read = PeopleTable.read(db, this.limits);
      this.table = read;
      // Changes reported while it reads are in `dirty`, applied below once it is read.
      read.catch(() => {
        if (this.table === read) this.table = undefined;
      });
    }
    const pending = this.table;
    const table = await pending;
    // Every change reported before this request is in the answer: wait for those being taken in,
    // then take in those reported since (one at a time: `applying` is set before anything waits).
    for (;;) {
      const applying = this.applying;
      await applying;
      // Another request began taking in changes while this one waited: wait for that too.
      if (applying !== this.applying) continue;
      if (this.table !== pending || this.dirty.size === 0) return table;
      const run = this.applyDirty(db, table);
      this.applying = run.catch(() => undefined);
      await run;
    }
  }

  /** Reads the people changed since and puts them in the table; on failure they stay to be read. */
  private async applyDirty(db: KithDb, table: PeopleTable): Promise<void> {
    const ids = [...this.dirty];
    this.dirty.clear();
    try {
      const store = db.transaction('people').store;
      const people = await Promise.all(ids.map((id) => store.get(id)));
      ids.forEach((id, i) => table.apply(id, people[i]));
    } catch (e) {
      for (const id of ids) this.dirty.add(id);
      throw e;
    }
  }

  /** How many match the query, and the ids of its page. */
  async page(db: KithDb, q: PeopleQuery, today: LocalDay): Promise<{ total: number; ids: Id[] }> {
    return (await this.tableFor(db)).page(db, q, today);
  }

  /** The ids of the people whose sort name is exactly `sortName`, in name order, at most `limit`. */
  async named(db: KithDb, sortName: string, limit: number): Promise<Id[]> {
    return (await this.tableFor(db)).named(sortName, limit);
  }
}

/** These people, in this order, in one transaction (ids no longer saved are left out). */
export async function getPeople(db: KithDb, ids: readonly Id[]): Promise<Person[]> {
  const store = db.transaction('people').store;
  const found = await Promise.all(ids.map((id) => store.get(id)));
  return found.filter((p): p is Person => p !== undefined);
}

/**
 * One page of the network list and how many match in all: the matching is done in memory by the
 * engine's table (see the top of this file); only the page's records are read. No index of search
 * words is kept in IndexedDB (schema v5).
 */
export async function pagePeople(
  db: KithDb,
  q: PeopleQuery,
  today: LocalDay,
  search: PeopleSearch = new PeopleSearch(),
): Promise<{ total: number; people: Person[] }> {
  const { total, ids } = await search.page(db, q, today);
  return { total, people: await getPeople(db, ids) };
}

/** Where a search found someone, besides their name: what the results say ("Company: Acme"). */
type MatchField = 'company' | 'headline' | 'location' | 'tag' | 'event' | 'place';
export interface MatchReason {
  field: MatchField;
  /** The text that matched, as stored: "Acme Labs", "investor", "Grow Up Start Up". */
  text: string;
}

/** True when every word of `typed` starts a word of `text` (search's own rule, words()). */
const startsWords = (typed: string[], text: string) => {
  const own = words(text);
  return typed.every((w) => own.some((o) => o.startsWith(w)));
};

/**
 * Why `person` matched `query`, when their name alone does not explain it: the first of their fields
 * that has a word the name lacks (company, headline, location, a tag, then the events and places of
 * their encounters, read only then). Undefined when the name has every word, or nothing is found (a
 * word only another field's merged name holds).
 */
export async function matchReason(db: KithDb, person: Person, query: string): Promise<MatchReason | undefined> {
  const typed = [...new Set(words(query))];
  const rest = typed.filter((w) => !words(person.name).some((n) => n.startsWith(w)));
  if (rest.length === 0) return undefined;
  const some = (text: string | undefined) => !!text && words(text).some((o) => rest.some((w) => o.startsWith(w)));
  const own: [MatchField, string | undefined][] = [
    ['company', person.company],
    ['headline', person.headline],
    ['location', person.location],
    ...person.tags.map((tag): [MatchField, string] => ['tag', tag]),
  ];
  // A field holding every missing word says it best; else the first holding any.
  const best = (candidates: [MatchField, string | undefined][]) =>
    candidates.find(([, text]) => text && startsWords(rest, text)) ?? candidates.find(([, text]) => some(text));
  const found = best(own);
  if (found) return { field: found[0], text: found[1]! };
  const tx = db.transaction(['encounters', 'events']);
  const encounters = await tx.objectStore('encounters').index('byPerson').getAll(person.id);
  const events = await Promise.all([...new Set(encounters.flatMap((e) => (e.eventId ? [e.eventId] : [])))].map((id) => tx.objectStore('events').get(id)));
  const met: [MatchField, string | undefined][] = [
    ...events.flatMap((ev): [MatchField, string][] => (ev ? [ev.name, ...(ev.mergedNames ?? [])].map((n): [MatchField, string] => ['event', n]) : [])),
    ...encounters.map((e): [MatchField, string | undefined] => ['place', e.place]),
  ];
  const at = best(met);
  if (!at) return undefined;
  // An event found by a name it had before a merge is shown by the name it has now.
  const event = at[0] === 'event' ? events.find((ev) => ev && [ev.name, ...(ev.mergedNames ?? [])].includes(at[1]!)) : undefined;
  return { field: at[0], text: event ? event.name : at[1]! };
}
