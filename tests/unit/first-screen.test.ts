import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Storage } from 'webextension-polyfill';
import { createHandler } from '../../entrypoints/background/router';
import { firstScreenKeeper } from '../../entrypoints/background/first-screen';
import { FIRST_SCREEN, FIRST_SCREEN_KEY, isFirstScreenOf, type FirstScreen } from '../../utils/first-screen';
import { closeKithDb, openKithDb } from '../../utils/db';
import { SIDEBAR, handlerDeps, pageSender } from './handler-harness';

/** storage.session as the browser keeps it: values are copies (structured clone), never shared objects. */
function memoryArea(): Storage.StorageArea & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    async get(key?: string | string[] | Record<string, unknown> | null) {
      const out: Record<string, unknown> = {};
      for (const k of typeof key === 'string' ? [key] : []) if (data.has(k)) out[k] = structuredClone(data.get(k));
      return out;
    },
    async set(items: Record<string, unknown>) {
      for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v));
    },
    async remove(key: string | string[]) {
      for (const k of typeof key === 'string' ? [key] : key) data.delete(k);
    },
    async clear() {
      data.clear();
    },
  } as unknown as Storage.StorageArea & { data: Map<string, unknown> };
}

const NOW = new Date(2026, 10, 27, 12);
const TODAY = '2026-11-27';
let dbName: string;
beforeEach(() => {
  dbName = `kith-first-screen-${Math.random()}`;
});
afterEach(() => closeKithDb(dbName));

const anna = { site: 'linkedin', keys: ['linkedin:anna-nowak'], url: 'https://www.linkedin.com/in/anna-nowak/', name: 'Anna Nowak' };

describe('the popup\'s first screen, kept in storage.session', () => {
  it('is exactly what the popup would ask for, made again after every change, and today\'s only', async () => {
    const area = memoryArea();
    const keeper = firstScreenKeeper(() => openKithDb(dbName), area, () => NOW, 5);
    const handle = createHandler(handlerDeps(dbName, NOW, () => void keeper.changed()));
    const asked = async () => ((await handle({ kith: 'followups.list', payload: { limit: FIRST_SCREEN } }, pageSender('popup.html'))) as { value: unknown }).value;

    await keeper.remake();
    const empty = area.data.get(FIRST_SCREEN_KEY) as FirstScreen;
    expect(isFirstScreenOf(empty, TODAY)).toBe(true);
    expect(empty).toEqual({ limit: FIRST_SCREEN, list: await asked() });
    expect(empty.list.anyone).toBe(false);

    // Saving Anna with a follow-up due yesterday: the old screen goes at once, the new one lists her.
    const saved = await handle({ kith: 'encounter.record', payload: { profile: anna, encounter: { date: '2026-11-20', kind: 'call' }, followUpDue: '2026-11-26' } }, SIDEBAR);
    expect(saved).toMatchObject({ ok: true });
    expect(area.data.has(FIRST_SCREEN_KEY)).toBe(false);
    await keeper.settled();
    const after = area.data.get(FIRST_SCREEN_KEY) as FirstScreen;
    expect(after).toEqual({ limit: FIRST_SCREEN, list: await asked() });
    expect(after.list.overdue.map((r) => r.name)).toEqual(['Anna Nowak']);

    // The popup takes it on the day it was made, and not the next day.
    expect(isFirstScreenOf(after, TODAY)).toBe(true);
    expect(isFirstScreenOf(after, '2026-11-28')).toBe(false);
  });

  it('a screen being made when a change lands is removed after it, never left behind', async () => {
    const area = memoryArea();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let opened = 0;
    // The first make waits (reading the store) while the change happens.
    const keeper = firstScreenKeeper(async () => {
      if (opened++ === 0) await gate;
      return openKithDb(dbName);
    }, area, () => NOW, 5);
    const handle = createHandler(handlerDeps(dbName, NOW, () => undefined));
    const making = keeper.remake();
    await handle({ kith: 'encounter.record', payload: { profile: anna, encounter: { date: '2026-11-20', kind: 'call' }, followUpDue: '2026-11-27' } }, SIDEBAR);
    const removed = keeper.changed();
    release();
    await making;
    await removed;
    // Whatever the first make wrote, the change's removal came after it.
    expect(area.data.has(FIRST_SCREEN_KEY)).toBe(false);
    await keeper.settled();
    expect((area.data.get(FIRST_SCREEN_KEY) as FirstScreen).list.dueToday.map((r) => r.name)).toEqual(['Anna Nowak']);
  });

  it('does nothing without storage.session, and the popup refuses what is not a first screen of today', async () => {
    const keeper = firstScreenKeeper(() => openKithDb(dbName), undefined, () => NOW, 5);
    await expect(keeper.remake()).resolves.toBeUndefined();
    await expect(keeper.changed()).resolves.toBeUndefined();
    const list = { today: TODAY, overdue: [], dueToday: [], week: [], totals: { overdue: 0, dueToday: 0, week: 0 }, anyone: true };
    expect(isFirstScreenOf({ limit: FIRST_SCREEN, list }, TODAY)).toBe(true);
    expect(isFirstScreenOf({ limit: 25, list }, TODAY)).toBe(false);
    expect(isFirstScreenOf({ limit: FIRST_SCREEN, list: { ...list, overdue: 'x' } }, TODAY)).toBe(false);
    expect(isFirstScreenOf({ limit: FIRST_SCREEN, list: { ...list, anyone: undefined } }, TODAY)).toBe(false);
    expect(isFirstScreenOf(undefined, TODAY)).toBe(false);
    expect(isFirstScreenOf('{"limit":8}', TODAY)).toBe(false);
  });
});
