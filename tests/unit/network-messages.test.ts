/** The network page's messages: who may send them, what they accept, and that pages stay right after changes. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandler, type HandlerDeps, type SenderInfo } from '../../entrypoints/background/router';
import { createChanges } from '../../entrypoints/background/changes';
import { CONTENT, SIDEBAR, handlerDeps, pageSender } from './handler-harness';
import { closeKithDb, openKithDb } from '../../utils/db';
import { putAll } from '../../utils/db/bulk';
import { PeopleSearch } from '../../utils/db/people-search';
import { derivePersonFields } from '../../utils/derive';
import type { EventOverview, IntroductionView, NetworkRow, PersonView } from '../../utils/messages';
import type { KithEvent } from '../../utils/model/types';

const PAGE = pageSender('network.html');

let dbName: string;
let changed: string[][];
let deps: HandlerDeps;

beforeEach(() => {
  dbName = `kith-net-${Math.random()}`;
  changed = [];
  deps = handlerDeps(dbName, new Date(2026, 5, 19, 12), (ids) => changed.push(ids));
});
afterEach(() => closeKithDb(dbName));

function client() {
  const handle = createHandler(deps);
  return async <T>(name: string, payload: unknown, sender: SenderInfo = PAGE): Promise<T> => {
    const reply = await handle({ kith: name, payload }, sender);
    if (!reply.ok) throw new Error(reply.error);
    return reply.value as T;
  };
}

const profile = (slug: string, name: string) => ({ site: 'linkedin', keys: [`linkedin:${slug}`], url: `https://www.linkedin.com/in/${slug}/`, name });
const list = { offset: 0, limit: 50, sort: 'name', filter: {} };

describe('the network messages', () => {
  it('are for Kith pages only, and refuse malformed payloads', async () => {
    const handle = createHandler(deps);
    for (const [name, payload] of [
      ['people.list', list],
      ['events.overview', {}],
      ['event.create', { name: 'X' }],
      ['event.update', { id: 'x', patch: {} }],
      ['event.merge', { keepId: 'a', dropId: 'b' }],
      ['introductions.list', {}],
    ] as const) {
      expect(await handle({ kith: name, payload }, CONTENT)).toEqual({ ok: false, error: expect.stringMatching(/may not be sent from a web page/) });
    }
    for (const payload of [
      { ...list, limit: 0 },
      { ...list, limit: 501 },
      { ...list, offset: -1 },
      { ...list, sort: 'age' },
      { ...list, filter: { followUp: 'someday' } },
      { ...list, filter: { query: 'x'.repeat(201) } },
      { ...list, filter: { extra: 1 } },
    ]) {
      expect(await handle({ kith: 'people.list', payload }, PAGE)).toMatchObject({ ok: false });
    }
    expect(await handle({ kith: 'event.create', payload: { name: '' } }, PAGE)).toMatchObject({ ok: false });
    expect(await handle({ kith: 'event.create', payload: { name: 'X', url: 'javascript:alert(1)' } }, PAGE)).toMatchObject({ ok: false });
    expect(await handle({ kith: 'event.create', payload: { name: 'X', start: '19 Jun' } }, PAGE)).toMatchObject({ ok: false });
    expect(await handle({ kith: 'event.update', payload: { id: 'x', patch: { url: 'ftp://x' } } }, PAGE)).toMatchObject({ ok: false });
    expect(await handle({ kith: 'events.overview', payload: {} }, PAGE)).toEqual({ ok: true, value: [] });
  });

  it('a page of people follows every write without being told', async () => {
    const kith = client();
    const page = () => kith<{ total: number; rows: NetworkRow[] }>('people.list', list);
    expect((await page()).total).toBe(0);
    const anna = await kith<PersonView>('encounter.record', { profile: profile('anna', 'Anna Nowak'), encounter: { date: '2026-06-18', kind: 'in-person' }, followUpDue: '2026-06-21' }, SIDEBAR);
    await kith('person.update', { id: anna.person.id, patch: { tags: ['investor'] } });
    expect((await page()).rows).toEqual([
      expect.objectContaining({ id: anna.person.id, name: 'Anna Nowak', tags: ['investor'], due: '2026-06-21', lastTouch: '2026-06-18', url: 'https://www.linkedin.com/in/anna/' }),
    ]);
    await kith('encounter.record', { profile: profile('bob', 'Bob Stone'), encounter: { date: '2026-06-19', kind: 'call' } }, SIDEBAR);
    expect((await page()).rows.map((r) => r.name)).toEqual(['Anna Nowak', 'Bob Stone']);
    // A rename moves a person in the name order; the count of people stays the same.
    await kith('person.update', { id: anna.person.id, patch: { name: 'Zofia Nowak' } });
    expect((await page()).rows.map((r) => r.name)).toEqual(['Bob Stone', 'Zofia Nowak']);
    const byTouch = await kith<{ rows: NetworkRow[] }>('people.list', { ...list, sort: 'lastTouch' });
    expect(byTouch.rows.map((r) => r.name)).toEqual(['Bob Stone', 'Zofia Nowak']);
    const week = await kith<{ total: number; rows: NetworkRow[] }>('people.list', { ...list, filter: { followUp: 'week', tag: 'investor' } });
    expect(week.rows.map((r) => r.name)).toEqual(['Zofia Nowak']);
  });

  it('a write the handler did not see (an import) shows once the page asks for fresh orders', async () => {
    const kith = client();
    await kith('encounter.record', { profile: profile('bob', 'Bob Stone'), encounter: { date: '2026-06-19', kind: 'call' } }, SIDEBAR);
    const first = await kith<{ rows: NetworkRow[] }>('people.list', list);
    const bob = first.rows[0]!;
    // An import renames Bob behind the handler's back (same count of people).
    const db = await openKithDb(dbName);
    const stored = (await db.get('people', bob.id))!;
    await kith('encounter.record', { profile: profile('cyd', 'Cyd Moss'), encounter: { date: '2026-06-19', kind: 'call' } }, SIDEBAR);
    expect((await kith<{ rows: NetworkRow[] }>('people.list', list)).rows.map((r) => r.name)).toEqual(['Bob Stone', 'Cyd Moss']);
    await putAll(db, { people: [{ ...stored, name: 'Zed Stone', sortName: 'zed stone' }] });
    const fresh = await kith<{ rows: NetworkRow[] }>('people.list', { ...list, fresh: true });
    expect(fresh.rows.map((r) => r.name)).toEqual(['Cyd Moss', 'Zed Stone']);
  });

  it('a change reported to the list cache the background shares with its imports shows without `fresh`', async () => {
    const listCache = new PeopleSearch();
    deps = { ...deps, changes: createChanges({ listCache, announce: ({ kithChanged }) => changed.push(kithChanged) }) };
    const kith = client();
    await kith('encounter.record', { profile: profile('bob', 'Bob Stone'), encounter: { date: '2026-06-19', kind: 'call' } }, SIDEBAR);
    const bob = (await kith<{ rows: NetworkRow[] }>('people.list', list)).rows[0]!;
    // What the import port does: write, then report the people it wrote to the shared cache.
    const db = await openKithDb(dbName);
    const stored = (await db.get('people', bob.id))!;
    await putAll(db, { people: [{ ...stored, ...derivePersonFields({ ...stored, name: 'Zed Stone' }), name: 'Zed Stone' }] });
    listCache.changed([bob.id]);
    const after = await kith<{ total: number; rows: NetworkRow[] }>('people.list', { ...list, filter: { query: 'zed' } });
    expect(after.rows.map((r) => r.name)).toEqual(['Zed Stone']);
    expect((await kith<{ total: number }>('people.list', { ...list, filter: { query: 'bob' } })).total).toBe(0);
  });

  it('creates, edits and merges events, telling open views about the people it touched', async () => {
    const kith = client();
    const gusu = await kith<KithEvent>('event.create', { name: 'Grow Up Start Up', start: '2026-06-19', end: '2026-06-20', place: 'Warsaw' });
    const dup = await kith<KithEvent>('event.create', { name: 'GUSU' });
    await expect(kith('event.create', { name: 'gusu' })).rejects.toThrow(/already an event/);
    const anna = await kith<PersonView>('encounter.record', { profile: profile('anna', 'Anna Nowak'), encounter: { date: '2026-06-19', kind: 'in-person', event: { id: dup.id } } }, SIDEBAR);
    changed = [];
    const renamed = await kith<KithEvent>('event.update', { id: dup.id, patch: { name: 'GUSU day 2', url: 'https://gusu.example' } });
    expect(renamed).toMatchObject({ name: 'GUSU day 2', url: 'https://gusu.example' });
    expect(changed).toEqual([[anna.person.id]]);
    expect((await kith<PersonView>('person.get', { id: anna.person.id })).encounters[0]!.eventName).toBe('GUSU day 2');

    const merged = await kith<{ event: KithEvent; moved: number }>('event.merge', { keepId: gusu.id, dropId: dup.id });
    expect(merged.moved).toBe(1);
    expect(merged.event.notes).toContain('GUSU day 2');
    const overview = await kith<EventOverview[]>('events.overview', {});
    expect(overview.map((o) => [o.event.name, o.people])).toEqual([['Grow Up Start Up', 1]]);
    const at = await kith<{ rows: NetworkRow[] }>('people.list', { ...list, filter: { eventId: gusu.id } });
    expect(at.rows.map((r) => r.name)).toEqual(['Anna Nowak']);
    const found = await kith<{ rows: NetworkRow[] }>('people.list', { ...list, filter: { query: 'grow up' } });
    expect(found.rows.map((r) => r.name)).toEqual(['Anna Nowak']);
    // ...and by the name of the event merged away.
    const byOldName = await kith<{ rows: NetworkRow[] }>('people.list', { ...list, filter: { query: 'gusu day' } });
    expect(byOldName.rows.map((r) => r.name)).toEqual(['Anna Nowak']);
    expect(merged.event.mergedNames).toEqual(['GUSU day 2']);
    await expect(kith('event.merge', { keepId: gusu.id, dropId: dup.id })).rejects.toThrow(/no longer exists/);
  });

  it('lists who introduced whom', async () => {
    const kith = client();
    const bob = await kith<PersonView>('encounter.record', { profile: profile('bob', 'Bob Stone'), encounter: { date: '2026-06-01', kind: 'call' } }, SIDEBAR);
    await kith('encounter.record', { profile: profile('anna', 'Anna Nowak'), encounter: { date: '2026-06-19', kind: 'in-person', introducedBy: { id: bob.person.id } } }, SIDEBAR);
    await kith('encounter.record', { profile: profile('cyd', 'Cyd Moss'), encounter: { date: '2026-06-19', kind: 'in-person', introducedBy: { name: 'Someone at the bar' } } }, SIDEBAR);
    const intros = await kith<IntroductionView[]>('introductions.list', {});
    expect(intros).toEqual([{ introducer: { id: bob.person.id, name: 'Bob Stone' }, introduced: [{ id: expect.any(String), name: 'Anna Nowak', date: '2026-06-19' }] }]);
  });
});
