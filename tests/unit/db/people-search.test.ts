/**
 * The search engine's table (utils/db/people-search.ts) against the plain definition of the list: filter
 * everyone, then sort (by name, then id; or by last touch, newest first, ties by id descending, then the
 * never touched by name). Generated people with shared names, diacritics, equal days and words that
 * start other words; every filter, both sorts, any page; typing and backspacing (answers narrowed from
 * earlier ones); and people added, changed and deleted between queries, with small limits so that the
 * table is read in many batches and its postings are remade.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { closeKithDb, openKithDb, type KithDb } from '../../../utils/db';
import { putAll } from '../../../utils/db/bulk';
import { pagePeople, PeopleSearch, type PeopleFilter, type PeopleSearchLimits, type PeopleSort } from '../../../utils/db/people-search';
import { derivePersonFields } from '../../../utils/derive';
import { inFollowUpFilter } from '../../follow-up-filter';
import { addDays } from '../../../utils/dates';
import { words } from '../../../utils/text';
import type { Encounter, KithEvent, Person } from '../../../utils/model/types';

const TODAY = '2026-06-19';
const FIRST = ['Anna', 'Anne', 'Ann', 'Annabel', 'Łukasz', 'Zoë', 'Bob', 'Jürgen', 'Anaïs', 'Ewa'];
const LAST = ['Nowak', 'Nowakowska', 'Żółć', 'Stone', 'Moss', 'Ångström', 'Lis'];
const COMPANIES = ['Acme', 'Acme Labs', 'Stone Labs', 'Globex', 'Żabka S.A.'];
const HEADLINES = ['CTO at Acme', 'Founder and investor', 'Head of Sales | Mentor', 'Anna’s assistant'];
const TAGS = ['investor', 'founder', 'warsaw', 'climate'];
const TOUCHED = ['2026-06-01', '2026-06-02', '2026-06-10', '2026-06-19'];
const EVENTS: KithEvent[] = [
  { id: 'ev-0', name: 'Grow Up Start Up', createdAt: 1, updatedAt: 1 },
  { id: 'ev-1', name: 'Infoshare', createdAt: 1, updatedAt: 1, mergedNames: ['InfoShare Gdańsk'] },
  { id: 'ev-2', name: 'Web Summit', createdAt: 1, updatedAt: 1 },
];
const PLACES = ['Warsaw', 'Kraków', 'Łódź'];

/** A person as generated: indexes into the pools above (-1: none). */
const rawPerson = fc.record({
  first: fc.nat(FIRST.length - 1),
  last: fc.nat(LAST.length - 1),
  company: fc.integer({ min: -1, max: COMPANIES.length - 1 }),
  headline: fc.integer({ min: -1, max: HEADLINES.length - 1 }),
  tags: fc.subarray(TAGS),
  touched: fc.integer({ min: -1, max: TOUCHED.length - 1 }),
  due: fc.option(fc.integer({ min: -10, max: 10 }), { nil: undefined }),
  met: fc.array(fc.record({ event: fc.integer({ min: -1, max: EVENTS.length - 1 }), place: fc.integer({ min: -1, max: PLACES.length - 1 }) }), { maxLength: 2 }),
});
type RawPerson = typeof rawPerson extends fc.Arbitrary<infer T> ? T : never;

/** The store as the test believes it is: what the plain definition reads. */
interface Model {
  people: Map<string, Person>;
  encounters: Encounter[];
}

/** Ids whose order is not the order people were made in (ties by id must not look like ties by age). */
const idOf = (i: number) => `p-${String((i * 7919) % 10007).padStart(5, '0')}`;

function makePerson(id: string, r: RawPerson, model: Model): Person {
  const encounters = r.met.map((m, k): Encounter => ({
    id: `${id}-e${k}`,
    personId: id,
    date: TODAY,
    kind: 'event',
    createdAt: 1,
    updatedAt: 1,
    ...(m.event >= 0 ? { eventId: EVENTS[m.event].id } : {}),
    ...(m.place >= 0 ? { place: PLACES[m.place] } : {}),
  }));
  model.encounters = [...model.encounters.filter((e) => e.personId !== id), ...encounters];
  const p: Person = {
    id,
    keys: [`linkedin:${id}`],
    name: `${FIRST[r.first]} ${LAST[r.last]}`,
    urls: {},
    tags: r.tags,
    notes: '',
    followUp: r.due === undefined ? {} : { due: addDays(TODAY, r.due) },
    terms: [],
    sortName: '',
    createdAt: 1,
    updatedAt: 1,
    ...(r.company >= 0 ? { company: COMPANIES[r.company] } : {}),
    ...(r.headline >= 0 ? { headline: HEADLINES[r.headline] } : {}),
    ...(r.touched >= 0 ? { lastTouch: TOUCHED[r.touched] } : {}),
  };
  return { ...p, ...derivePersonFields(p, encounters, EVENTS) };
}

/** The plain definition: filter everyone, then sort. */
function expected(model: Model, filter: PeopleFilter, sort: PeopleSort): string[] {
  const q = words(filter.query);
  const c = words(filter.company);
  const at = new Set(model.encounters.filter((e) => e.eventId === filter.eventId).map((e) => e.personId));
  const match = [...model.people.values()].filter(
    (p) =>
      q.every((w) => p.terms.some((t) => t.startsWith(w))) &&
      c.every((w) => words(p.company).some((t) => t.startsWith(w))) &&
      (!filter.tag || p.tags.includes(filter.tag)) &&
      (!filter.eventId || at.has(p.id)) &&
      (!filter.followUp || inFollowUpFilter(p.followUp, filter.followUp, TODAY)),
  );
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  if (sort === 'name') return match.sort((a, b) => cmp(a.sortName, b.sortName) || cmp(a.id, b.id)).map((p) => p.id);
  const touched = match.filter((p) => p.lastTouch).sort((a, b) => cmp(b.lastTouch!, a.lastTouch!) || cmp(b.id, a.id));
  const never = match.filter((p) => !p.lastTouch).sort((a, b) => cmp(a.sortName, b.sortName) || cmp(a.id, b.id));
  return [...touched, ...never].map((p) => p.id);
}

const QUERIES = ['a', 'an', 'ann', 'anna', 'anna n', 'an no', 'an no s', 'a n l', 'grow up st', 'now', 'nowakowska', 'żó', 'zo', 'jur', 'jür', 'grow', 'gdansk', 'krak', 'a a', 'labs acme', 's', 'qqq'];
const filterArb: fc.Arbitrary<PeopleFilter> = fc
  .record({
    query: fc.option(fc.constantFrom(...QUERIES), { nil: undefined, freq: 2 }),
    tag: fc.option(fc.constantFrom(...TAGS, 'nobody-has-this'), { nil: undefined, freq: 3 }),
    eventId: fc.option(fc.constantFrom('ev-0', 'ev-1', 'ev-2'), { nil: undefined, freq: 4 }),
    company: fc.option(fc.constantFrom('acme', 'labs', 'sto', 'ż', 'acme l'), { nil: undefined, freq: 4 }),
    followUp: fc.option(fc.constantFrom('overdue', 'today', 'week', 'none') as fc.Arbitrary<PeopleFilter['followUp']>, { nil: undefined, freq: 3 }),
  })
  .map((raw) => Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)) as PeopleFilter);
const queryArb = fc.record({
  filter: filterArb,
  sort: fc.constantFrom('name', 'lastTouch') as fc.Arbitrary<PeopleSort>,
  offset: fc.oneof(fc.constant(0), fc.nat(320)),
  limit: fc.integer({ min: 1, max: 120 }),
});
type Query = typeof queryArb extends fc.Arbitrary<infer T> ? T : never;

/** Small limits: several batches to read even a small store, postings remade after a few changes. */
const SMALL: Partial<PeopleSearchLimits> = { batch: 16, repost: 5, reread: 12 };

let db: KithDb;
let dbName: string;
beforeEach(async () => {
  dbName = `kith-people-search-${Math.random()}`;
  db = await openKithDb(dbName);
});
afterEach(() => closeKithDb(dbName));

async function seed(raws: RawPerson[]): Promise<Model> {
  const model: Model = { people: new Map(), encounters: [] };
  raws.forEach((r, i) => model.people.set(idOf(i), makePerson(idOf(i), r, model)));
  await putAll(db, { people: [...model.people.values()], encounters: model.encounters, events: EVENTS });
  return model;
}

async function check(model: Model, cache: PeopleSearch, { filter, sort, offset, limit }: Query): Promise<void> {
  const want = expected(model, filter, sort);
  const page = await pagePeople(db, { offset, limit, sort, filter }, TODAY, cache);
  expect(page.total, JSON.stringify({ filter, sort })).toBe(want.length);
  expect(page.people.map((p) => p.id), JSON.stringify({ filter, sort, offset, limit })).toEqual(want.slice(offset, offset + limit));
}

/** Deletes the test's database between runs of a property (each run seeds its own store). */
async function freshDb(): Promise<void> {
  await closeKithDb(dbName);
  dbName = `kith-people-search-${Math.random()}`;
  db = await openKithDb(dbName);
}

describe('the network list against the plain definition', () => {
  it('any filter, sort and page of a few hundred generated people, the table read in small batches', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(rawPerson, { minLength: 150, maxLength: 320 }), fc.array(queryArb, { minLength: 30, maxLength: 40 }), async (raws, queries) => {
        await freshDb();
        const model = await seed(raws);
        const cache = new PeopleSearch(SMALL);
        for (const q of queries) await check(model, cache, q);
      }),
      { numRuns: 8 },
    );
  });

  it('typing and backspacing: each answer, narrowed from the one before, is the whole answer', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(rawPerson, { minLength: 150, maxLength: 250 }),
        fc.constantFrom('anna nowak', 'jürgen m', 'ann acme', 'żółć l', 'grow up s'),
        filterArb.map((f) => ({ ...f, query: undefined })),
        fc.constantFrom('name', 'lastTouch') as fc.Arbitrary<PeopleSort>,
        async (raws, text, base, sort) => {
          await freshDb();
          const model = await seed(raws);
          const cache = new PeopleSearch(SMALL);
          const typed = [...text].map((_, i) => text.slice(0, i + 1));
          for (const query of [...typed, ...typed.reverse().slice(1), 'a']) {
            await check(model, cache, { filter: { ...base, query }, sort, offset: 0, limit: 60 });
          }
        },
      ),
      { numRuns: 10 },
    );
  });

  it('people added, changed and deleted between queries, each change reported, match at once', async () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('put' as const), who: fc.nat(400), person: rawPerson }),
      fc.record({ kind: fc.constant('delete' as const), who: fc.nat(400) }),
      fc.record({ kind: fc.constant('query' as const), query: queryArb }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(rawPerson, { minLength: 100, maxLength: 200 }), fc.array(op, { minLength: 20, maxLength: 40 }), async (raws, ops) => {
        await freshDb();
        const model = await seed(raws);
        const cache = new PeopleSearch(SMALL);
        await check(model, cache, { filter: {}, sort: 'name', offset: 0, limit: 500 });
        for (const o of ops) {
          if (o.kind === 'query') {
            await check(model, cache, o.query);
            continue;
          }
          const id = idOf(o.who);
          if (o.kind === 'put') {
            const p = makePerson(id, o.person, model);
            model.people.set(id, p);
            const tx = db.transaction(['people', 'encounters'], 'readwrite');
            const encounters = tx.objectStore('encounters');
            for (const e of await encounters.index('byPerson').getAll(id)) await encounters.delete(e.id);
            for (const e of model.encounters.filter((x) => x.personId === id)) await encounters.put(e);
            await tx.objectStore('people').put(p);
            await tx.done;
          } else {
            model.people.delete(id);
            model.encounters = model.encounters.filter((e) => e.personId !== id);
            await db.delete('people', id);
          }
          cache.changed([id]);
          // The same answers by name and by last touch, after every change.
          await check(model, cache, { filter: { query: 'a' }, sort: 'lastTouch', offset: 0, limit: 500 });
        }
        await check(model, cache, { filter: {}, sort: 'name', offset: 0, limit: 500 });
      }),
      { numRuns: 10 },
    );
  });
});

describe('keeping the table current', () => {
  const person = (i: number, name: string, extra: Partial<Person> = {}): Person => {
    const p: Person = { id: idOf(i), keys: [`linkedin:${i}`], name, urls: {}, tags: [], notes: '', followUp: {}, terms: [], sortName: '', createdAt: 1, updatedAt: 1, ...extra };
    return { ...p, ...derivePersonFields(p) };
  };
  const names = async (cache: PeopleSearch, filter: PeopleFilter = {}) =>
    (await pagePeople(db, { offset: 0, limit: 100, sort: 'name', filter }, TODAY, cache)).people.map((p) => p.name);

  it('changes reported while the table is being read are in the next answer', async () => {
    const everyone = Array.from({ length: 40 }, (_, i) => person(i, `Anna ${String(i).padStart(2, '0')}`));
    await putAll(db, { people: everyone });
    const cache = new PeopleSearch({ batch: 4 });
    const reading = pagePeople(db, { offset: 0, limit: 100, sort: 'name', filter: { query: 'anna' } }, TODAY, cache);
    // Written and reported while the batches are read: a rename, a deletion and someone new.
    await db.put('people', person(3, 'Zed Three'));
    await db.delete('people', idOf(20));
    await db.put('people', person(99, 'Anna Late'));
    cache.changed([idOf(3), idOf(20), idOf(99)]);
    await reading;
    const want = [...everyone.filter((p) => p.id !== idOf(3) && p.id !== idOf(20)).map((p) => p.name), 'Anna Late'].sort();
    expect(await names(cache, { query: 'anna' })).toEqual(want);
    expect(await names(cache, { query: 'zed' })).toEqual(['Zed Three']);
  });

  it('an unreported write shows after `clear`, after a change with no ids, and after more changes than it takes one by one', async () => {
    await putAll(db, { people: [person(1, 'Anna One'), person(2, 'Bob Two')] });
    const cache = new PeopleSearch({ reread: 3 });
    expect(await names(cache)).toEqual(['Anna One', 'Bob Two']);
    await db.put('people', person(3, 'Cyd Three'));
    // Not reported: the table answers as it was.
    expect(await names(cache)).toEqual(['Anna One', 'Bob Two']);
    cache.clear();
    expect(await names(cache)).toEqual(['Anna One', 'Bob Two', 'Cyd Three']);
    await db.put('people', person(4, 'Dan Four'));
    cache.changed([]);
    expect(await names(cache)).toEqual(['Anna One', 'Bob Two', 'Cyd Three', 'Dan Four']);
    await db.put('people', person(5, 'Ewa Five'));
    // Four ids reported (more than `reread`), none of them Ewa's: everyone is read again, Ewa too.
    cache.changed([idOf(1), idOf(2), idOf(3), idOf(4)]);
    expect(await names(cache)).toEqual(['Anna One', 'Bob Two', 'Cyd Three', 'Dan Four', 'Ewa Five']);
  });

  it('a request made while another takes in a reported change waits for it', async () => {
    await putAll(db, { people: [person(1, 'Anna One'), person(2, 'Bob Two')] });
    const cache = new PeopleSearch();
    expect(await names(cache)).toEqual(['Anna One', 'Bob Two']);
    // Anna becomes Zed: the order changes (the names shown are read from the records either way).
    await db.put('people', person(1, 'Zed One'));
    cache.changed([idOf(1)]);
    const first = names(cache);
    const second = names(cache);
    expect(await second).toEqual(['Bob Two', 'Zed One']);
    expect(await first).toEqual(['Bob Two', 'Zed One']);
  });

  it('a person whose new search words are new to the table is found by them', async () => {
    await putAll(db, { people: [person(1, 'Anna One'), person(2, 'Bob Two')] });
    const cache = new PeopleSearch();
    expect(await names(cache, { query: 'qu' })).toEqual([]);
    await db.put('people', person(2, 'Bob Two', { headline: 'Quantum founder', tags: ['quarks'] }));
    cache.changed([idOf(2)]);
    expect(await names(cache, { query: 'qu' })).toEqual(['Bob Two']);
    expect(await names(cache, { query: 'quarks quantum' })).toEqual(['Bob Two']);
    expect(await names(cache, { tag: 'quarks' })).toEqual(['Bob Two']);
  });
});
