import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandler } from '../../entrypoints/background/router';
import { FaceCache } from '../../entrypoints/popup/faces';
import { closeKithDb } from '../../utils/db';
import type { FollowUpRow, Responses } from '../../utils/messages';
import { CONTENT, SIDEBAR, handlerDeps, pageSender } from './handler-harness';

type List = Responses['followups.list'];
const NOW = new Date(2026, 10, 27, 12);
const POPUP = pageSender('popup.html');
const face = (who: string) => `data:image/jpeg;base64,${btoa(who)}`;

function row(id: string, extra: Partial<FollowUpRow> = {}): FollowUpRow {
  return { id, name: id, due: '2026-11-20', overdueDays: 7, ...extra };
}
function list(overdue: FollowUpRow[], week: FollowUpRow[] = []): List {
  return { today: '2026-11-27', overdue, dueToday: [], week, totals: { overdue: overdue.length, dueToday: 0, week: week.length }, anyone: true };
}

describe('FaceCache: the popup asks only for faces it has not shown', () => {
  it('fills in the faces it learned, and names the ones still missing in list order', () => {
    const cache = new FaceCache();
    cache.learn(list([row('a', { photo: face('a'), hasPhoto: true }), row('b')]));
    const next = list([row('a', { hasPhoto: true }), row('b'), row('c', { hasPhoto: true })], [row('d', { hasPhoto: true })]);
    expect(cache.missing(next)).toEqual(['c', 'd']);
    const filled = cache.fill(next);
    expect(filled.overdue.map((r) => r.photo)).toEqual([face('a'), undefined, undefined]);
    expect(next.overdue[0].photo).toBeUndefined(); // the reply itself is left as it was

    cache.add({ c: face('c'), d: face('d') });
    expect(cache.missing(next)).toEqual([]);
    expect(cache.fill(next).week[0].photo).toBe(face('d'));
  });

  it('forgets the faces of people who changed, and every face when anyone may have', () => {
    const cache = new FaceCache();
    cache.add({ a: face('a'), b: face('b') });
    const l = list([row('a', { hasPhoto: true }), row('b', { hasPhoto: true })]);
    cache.forget(['a']);
    expect(cache.missing(l)).toEqual(['a']);
    cache.forget([]);
    expect(cache.missing(l)).toEqual(['a', 'b']);
  });

  it('never takes a face that is not a string', () => {
    const cache = new FaceCache();
    cache.add(JSON.parse('{"a": 42, "__proto__": "x"}') as Record<string, string>);
    expect(cache.missing(list([row('a', { hasPhoto: true })]))).toEqual(['a']);
  });
});

describe('followups.list without faces, and people.photos', () => {
  let dbName: string;
  beforeEach(() => {
    dbName = `kith-faces-${Math.random()}`;
  });
  afterEach(() => closeKithDb(dbName));

  it('lists rows that say they have a face, and brings the faces by id in a second message', async () => {
    const deps = handlerDeps(dbName, NOW, () => undefined);
    deps.thumbnail = async (url: string) => face(url.split('/').at(-2)!);
    const handle = createHandler(deps);
    const ids: Record<string, string> = {};
    for (const [slug, name, photo] of [['anna-nowak', 'Anna Nowak', true], ['bartek-lis', 'Bartek Lis', false]] as const) {
      const r = (await handle({
        kith: 'encounter.record',
        payload: {
          profile: { site: 'linkedin', keys: [`linkedin:${slug}`], url: `https://www.linkedin.com/in/${slug}/`, name },
          encounter: { date: '2026-11-01', kind: 'in-person' },
          followUpDue: '2026-11-20',
          ...(photo ? { photoUrl: `https://media.licdn.com/dms/image/${slug}/x` } : {}),
        },
      }, SIDEBAR)) as { ok: true; value: { person: { id: string } } };
      ids[slug] = r.value.person.id;
    }

    const withFaces = (await handle({ kith: 'followups.list', payload: { limit: 25 } }, POPUP)) as { ok: true; value: List };
    expect(withFaces.value.overdue.map((r) => [r.name, r.photo, r.hasPhoto])).toEqual([
      ['Anna Nowak', face('anna-nowak'), true],
      ['Bartek Lis', undefined, undefined],
    ]);
    const without = (await handle({ kith: 'followups.list', payload: { limit: 25, photos: false } }, POPUP)) as { ok: true; value: List };
    expect(without.value.overdue.map((r) => [r.name, r.photo, r.hasPhoto])).toEqual([
      ['Anna Nowak', undefined, true],
      ['Bartek Lis', undefined, undefined],
    ]);
    // Apart from the faces, the same list.
    expect(without.value.overdue.map(({ photo: _, ...r }) => r)).toEqual(withFaces.value.overdue.map(({ photo: _, ...r }) => r));

    const photos = await handle({ kith: 'people.photos', payload: { ids: [ids['anna-nowak'], ids['bartek-lis'], 'nobody', ids['anna-nowak']] } }, POPUP);
    expect(photos).toEqual({ ok: true, value: { [ids['anna-nowak']]: face('anna-nowak') } });
  });

  it('refuses people.photos from a web page and more than 500 ids at once', async () => {
    const handle = createHandler(handlerDeps(dbName, NOW, () => undefined));
    expect(await handle({ kith: 'people.photos', payload: { ids: ['x'] } }, CONTENT)).toMatchObject({ ok: false });
    expect(await handle({ kith: 'people.photos', payload: { ids: Array.from({ length: 501 }, (_, i) => `p${i}`) } }, POPUP)).toMatchObject({ ok: false });
    expect(await handle({ kith: 'people.photos', payload: { ids: [] } }, POPUP)).toEqual({ ok: true, value: {} });
  });
});
