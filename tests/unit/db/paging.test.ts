/**
 * The network page's paging queries against a plain in-memory definition: every filter, both sorts,
 * every page, on a store big enough for the indexes to matter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { closeKithDb, openKithDb, type KithDb } from '../../../utils/db';
import { putAll } from '../../../utils/db/bulk';
import { listIntroductions } from '../../../utils/db/people';
import { pagePeople, PeopleSearch, type PeopleFilter, type PeopleSort } from '../../../utils/db/people-search';
import { derivePersonFields } from '../../../utils/derive';
import { inFollowUpFilter } from '../../follow-up-filter';
import { addDays } from '../../../utils/dates';
import { words } from '../../../utils/text';
import type { Encounter, KithEvent, Person } from '../../../utils/model/types';

const TODAY = '2026-06-19';
const N = 1200;
const FIRST = ['Anna', 'Bob', 'Cyd', 'Łukasz', 'Ewa', 'Filip', 'Zoë', 'Jan', 'Annabel', 'Bartek'];
const LAST = ['Nowak', 'Stone', 'Żółć', 'Moss', 'Kowalski', 'Ray', 'Lis', 'Nowakowska'];
const COMPANIES = ['Acme', 'Acme Labs', 'Stone Labs', 'Globex', 'Initech', undefined];
const TAGS = ['investor', 'founder', 'warsaw', 'climate'];

let db: KithDb;
const dbName = `kith-paging-${Math.random()}`;
let people: Person[];
let encounters: Encounter[];
let events: KithEvent[];
const cache = new PeopleSearch();

function build(): void {
  events = ['Grow Up Start Up', 'Infoshare', 'Web Summit'].map((name, i) => ({ id: `ev-${i}`, name, createdAt: 1, updatedAt: 1 }));
  encounters = [];
  people = [];
  for (let i = 0; i < N; i++) {
    const id = `p-${String((i * 7919) % 10007).padStart(5, '0')}`;
    const company = COMPANIES[i % COMPANIES.length];
    const p: Person = {
      id,
      keys: [`linkedin:p${i}`],
      name: `${FIRST[i % FIRST.length]} ${LAST[(i * 3) % LAST.length]}`,
      urls: {},
      tags: TAGS.filter((_, t) => (i >> t) % 3 === 0),
      notes: '',
      followUp: i % 5 === 0 ? {} : { due: addDays(TODAY, (i % 23) - 11) },
      terms: [],
      sortName: '',
      createdAt: 1,
      updatedAt: 1,
      ...(company ? { company } : {}),
      ...(i % 4 === 0 ? {} : { lastTouch: addDays(TODAY, -(i % 40)) }),
      ...(i % 6 === 0 ? { headline: 'Engineer at Acme' } : {}),
    };
    if (i % 3 === 0) {
      encounters.push({ id: `e-${i}`, personId: id, date: '2026-06-19', kind: 'event', eventId: events[(i / 3) % 3].id, place: i % 2 ? 'Warsaw' : 'Kraków', createdAt: 1, updatedAt: 1 });
    }
    if (i % 11 === 0 && i > 0) {
      encounters.push({ id: `i-${i}`, personId: id, date: '2026-05-01', kind: 'in-person', introducedById: people[i % 7].id, createdAt: 1, updatedAt: 1 });
    }
    people.push(p);
  }
  people = people.map((p) => ({ ...p, ...derivePersonFields(p, encounters, events) }));
}

/** The plain definition: filter everyone, then sort. */
function expected(filter: PeopleFilter, sort: PeopleSort): string[] {
  const q = words(filter.query);
  const c = words(filter.company);
  const at = new Set(encounters.filter((e) => e.eventId === filter.eventId).map((e) => e.personId));
  const match = people.filter(
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

async function all(filter: PeopleFilter, sort: PeopleSort, limit = 97): Promise<{ totals: number[]; ids: string[] }> {
  const ids: string[] = [];
  const totals: number[] = [];
  for (let offset = 0; ; offset += limit) {
    const page = await pagePeople(db, { offset, limit, sort, filter }, TODAY, cache);
    totals.push(page.total);
    ids.push(...page.people.map((p) => p.id));
    expect(page.people.length).toBeLessThanOrEqual(limit);
    if (offset + limit >= page.total) break;
  }
  return { totals, ids };
}

beforeAll(async () => {
  build();
  db = await openKithDb(dbName);
  await putAll(db, { people, encounters, events });
});
afterAll(() => closeKithDb(dbName));

describe('paging the network list', () => {
  const cases: [string, PeopleFilter][] = [
    ['everyone', {}],
    ['a one-letter search', { query: 'a' }],
    ['a search with diacritics and two words', { query: 'ŁUK mos' }],
    ['a search folding diacritics', { query: 'zol' }],
    ['a search by event name', { query: 'grow' }],
    ['a search by place of an encounter', { query: 'krakow' }],
    ['a search that finds nobody', { query: 'qqq' }],
    ['a tag', { tag: 'investor' }],
    ['an event', { eventId: 'ev-1' }],
    ['a company (a word of it, not of the headline)', { company: 'acme' }],
    ['a two-word company', { company: 'stone lab' }],
    ['overdue', { followUp: 'overdue' }],
    ['due today', { followUp: 'today' }],
    ['due within the week', { followUp: 'week' }],
    ['no follow-up', { followUp: 'none' }],
    ['everything at once', { query: 'an', tag: 'founder', eventId: 'ev-0', company: 'acme', followUp: 'overdue' }],
    ['a search, a tag and no follow-up', { query: 'nowak', tag: 'climate', followUp: 'none' }],
  ];
  for (const [what, filter] of cases) {
    for (const sort of ['name', 'lastTouch'] as const) {
      it(`${what}, by ${sort}: the same people in the same order, page after page`, async () => {
        const want = expected(filter, sort);
        const got = await all(filter, sort);
        expect(got.ids).toEqual(want);
        expect(new Set(got.totals)).toEqual(new Set([want.length]));
      });
    }
  }

  it('the cases above are not trivial', () => {
    for (const [, filter] of cases.slice(1, 15)) {
      if (filter.query === 'qqq') continue;
      const n = expected(filter, 'name').length;
      expect(n, JSON.stringify(filter)).toBeGreaterThan(0);
      expect(n).toBeLessThan(N);
    }
  });

  it('any page of any filter matches the plain definition', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          query: fc.option(fc.constantFrom('a', 'an', 'ann', 'bo', 'nowak', 'ż', 'zo', 'acme', 'warsaw', 'infoshare'), { nil: undefined }),
          tag: fc.option(fc.constantFrom(...TAGS, 'nobody-has-this'), { nil: undefined }),
          eventId: fc.option(fc.constantFrom('ev-0', 'ev-1', 'ev-2'), { nil: undefined }),
          company: fc.option(fc.constantFrom('acme', 'labs', 'glob'), { nil: undefined }),
          followUp: fc.option(fc.constantFrom('overdue', 'today', 'week', 'none') as fc.Arbitrary<PeopleFilter['followUp']>, { nil: undefined }),
        }),
        fc.constantFrom('name', 'lastTouch') as fc.Arbitrary<PeopleSort>,
        fc.nat(N),
        fc.integer({ min: 1, max: 200 }),
        async (raw, sort, offset, limit) => {
          const filter = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)) as PeopleFilter;
          const want = expected(filter, sort);
          const page = await pagePeople(db, { offset, limit, sort, filter }, TODAY, cache);
          expect(page.total).toBe(want.length);
          expect(page.people.map((p) => p.id)).toEqual(want.slice(offset, offset + limit));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('who introduced whom, by introducer name, each person once', async () => {
    const list = await listIntroductions(db);
    const byId = new Map(people.map((p) => [p.id, p]));
    const want = new Map<string, Set<string>>();
    for (const e of encounters) if (e.introducedById) (want.get(e.introducedById) ?? want.set(e.introducedById, new Set()).get(e.introducedById)!).add(e.personId);
    expect(list.map((i) => i.introducer.id).sort()).toEqual([...want.keys()].sort());
    for (const i of list) {
      expect(i.introducer.name).toBe(byId.get(i.introducer.id)!.name);
      expect(i.introduced.map((p) => p.id).sort()).toEqual([...want.get(i.introducer.id)!].sort());
    }
    const names = list.map((i) => byId.get(i.introducer.id)!.sortName);
    expect(names).toEqual([...names].sort());
  });
});

describe('the list cache', () => {
  it('answers from what it read until cleared, then reads anew', async () => {
    const name = `kith-paging-cache-${Math.random()}`;
    const small = await openKithDb(name);
    try {
      const few = people.slice(0, 50);
      await putAll(small, { people: few, encounters: encounters.filter((e) => few.some((p) => p.id === e.personId)), events });
      const listCache = new PeopleSearch();
      const q = { offset: 0, limit: 100, sort: 'name' as const, filter: { query: 'an' } };
      const before = await pagePeople(small, q, TODAY, listCache);
      const extra: Person = { ...few[0]!, id: 'zz-new', keys: ['linkedin:zz-new'], name: 'Anastazja Nowa', ...derivePersonFields({ name: 'Anastazja Nowa', tags: [] }) };
      await putAll(small, { people: [extra] });
      // Not told of the write: the same answer (the owner clears on every change it hears of).
      expect((await pagePeople(small, q, TODAY, listCache)).total).toBe(before.total);
      listCache.clear();
      const after = await pagePeople(small, q, TODAY, listCache);
      expect(after.total).toBe(before.total + 1);
      expect(after.people.map((p) => p.name)).toContain('Anastazja Nowa');
    } finally {
      await closeKithDb(name);
    }
  });
});
