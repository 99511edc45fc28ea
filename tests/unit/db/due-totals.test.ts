import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandler } from '../../../entrypoints/background/router';
import { followUpsList } from '../../../entrypoints/background/views';
import { createChanges } from '../../../entrypoints/background/changes';
import { closeKithDb, openKithDb } from '../../../utils/db';
import { DueTotals } from '../../../utils/db/due-totals';
import type { Responses } from '../../../utils/messages';
import { SIDEBAR, handlerDeps, pageSender } from '../handler-harness';

const NOW = new Date(2026, 10, 27, 12);
const TODAY = '2026-11-27';
const profile = (slug: string, name: string) => ({ site: 'linkedin', keys: [`linkedin:${slug}`], url: `https://www.linkedin.com/in/${slug}/`, name });

describe('DueTotals', () => {
  it('keeps the totals of a day until the next change', () => {
    const t = new DueTotals();
    expect(t.get(TODAY)).toBeUndefined();
    t.keep(t.begin(), TODAY, [3, 1, 2]);
    expect(t.get(TODAY)).toEqual([3, 1, 2]);
    expect(t.get('2026-11-28')).toBeUndefined(); // after midnight the groups are others
    t.changed();
    expect(t.get(TODAY)).toBeUndefined();
  });

  it('does not keep what was counted while a change came in', () => {
    const t = new DueTotals();
    const began = t.begin();
    t.changed();
    t.keep(began, TODAY, [3, 1, 2]);
    expect(t.get(TODAY)).toBeUndefined();
    t.keep(t.begin(), TODAY, [4, 1, 2]);
    expect(t.get(TODAY)).toEqual([4, 1, 2]);
  });
});

describe('followups.list totals, counted once per change', () => {
  let dbName: string;
  beforeEach(() => {
    dbName = `kith-due-totals-${Math.random()}`;
  });
  afterEach(() => closeKithDb(dbName));

  it('are right after every kind of change, and come from memory between changes', async () => {
    const dueTotals = new DueTotals();
    const handle = createHandler({ ...handlerDeps(dbName, NOW, () => undefined), changes: createChanges({ dueTotals, announce: () => undefined }) });
    const totals = async () => ((await handle({ kith: 'followups.list', payload: { limit: 1, photos: false } }, pageSender('popup.html'))) as { value: Responses['followups.list'] }).value.totals;
    const save = async (slug: string, due: string) =>
      ((await handle({ kith: 'encounter.record', payload: { profile: profile(slug, slug), encounter: { date: '2026-11-01', kind: 'call' }, followUpDue: due } }, SIDEBAR)) as { value: { person: { id: string } } }).value.person.id;

    expect(await totals()).toEqual({ overdue: 0, dueToday: 0, week: 0 });
    const anna = await save('anna', '2026-11-20');
    await save('bartek', TODAY);
    const celina = await save('celina', '2026-11-30');
    expect(await totals()).toEqual({ overdue: 1, dueToday: 1, week: 1 });
    expect(dueTotals.get(TODAY)).toEqual([1, 1, 1]);

    expect(await handle({ kith: 'followups.done', payload: { personId: anna, kind: 'message' } }, pageSender('popup.html'))).toEqual({ ok: true, value: { undo: expect.any(String) } });
    expect(await totals()).toEqual({ overdue: 0, dueToday: 1, week: 1 });
    expect(await handle({ kith: 'followups.snooze', payload: { personId: celina, days: 30 } }, pageSender('popup.html'))).toEqual({ ok: true, value: { undo: expect.any(String) } });
    expect(await totals()).toEqual({ overdue: 0, dueToday: 1, week: 0 });
    expect(await handle({ kith: 'data.deleteAll', payload: { confirm: 'DELETE' } }, pageSender('options.html'))).toEqual({ ok: true, value: null });
    expect(await totals()).toEqual({ overdue: 0, dueToday: 0, week: 0 });
  });

  it('kept totals are the ones the index counts', async () => {
    const handle = createHandler(handlerDeps(dbName, NOW, () => undefined));
    for (let i = 0; i < 30; i++) {
      await handle({ kith: 'encounter.record', payload: { profile: profile(`p${i}`, `P ${i}`), encounter: { date: '2026-11-01', kind: 'call' }, followUpDue: `2026-11-${String(1 + (i % 28)).padStart(2, '0')}` } }, SIDEBAR);
    }
    const db = await openKithDb(dbName);
    const dueTotals = new DueTotals();
    const counted = await followUpsList(db, TODAY, 2, false, dueTotals);
    const kept = await followUpsList(db, TODAY, 2, false, dueTotals);
    const fresh = await followUpsList(db, TODAY, 2, false);
    expect(kept).toEqual(fresh);
    expect(counted).toEqual(fresh);
    expect(fresh.totals).toEqual({ overdue: 28, dueToday: 1, week: 1 }); // days 1-28, and the 1st and 2nd twice
  });
});
