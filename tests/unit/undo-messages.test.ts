/** Undo: a deleted person or encounter, Done and Snooze are put back exactly, or refused with a reason. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandler, type HandlerDeps, type SenderInfo } from '../../entrypoints/background/router';
import { handlerDeps, pageSender } from './handler-harness';

/** Kith's sidebar page (the frame on a profile page), where person messages come from. */
const SIDEBAR = pageSender('sidebar.html');
import { closeKithDb, openKithDb } from '../../utils/db';
import type { PersonView, Undoable } from '../../utils/messages';
import { ALL_STORES } from '../../utils/db/schema';

const NETWORK = pageSender('network.html');
const POPUP = pageSender('popup.html');

let dbName: string;
let changed: string[][];
let deps: HandlerDeps;
let clock: Date;

beforeEach(() => {
  dbName = `kith-undo-${Math.random()}`;
  changed = [];
  clock = new Date(2026, 5, 19, 12);
  deps = { ...handlerDeps(dbName, clock, (ids) => changed.push(ids)), now: () => clock };
});
afterEach(() => closeKithDb(dbName));

function client() {
  const handle = createHandler(deps);
  return async <T>(name: string, payload: unknown, sender: SenderInfo = NETWORK): Promise<T> => {
    const reply = await handle({ kith: name, payload }, sender);
    if (!reply.ok) throw new Error(reply.error);
    return reply.value as T;
  };
}

const profile = (slug: string, name: string) => ({ site: 'linkedin', keys: [`linkedin:${slug}`], url: `https://www.linkedin.com/in/${slug}/`, name });

/** Every record of every store of the user's data, to compare before and after. */
async function everything() {
  const db = await openKithDb(dbName);
  return Object.fromEntries(await Promise.all(ALL_STORES.map(async (s) => [s, await db.getAll(s)] as const)));
}

describe('undo', () => {
  it('puts a deleted person back with everything of theirs, and the people they introduced as they were', async () => {
    const kith = client();
    const piotr = await kith<PersonView>('encounter.record', { profile: profile('piotr', 'Piotr Zieliński'), encounter: { date: '2026-06-01', kind: 'event', event: { name: 'Infoshare' } } }, SIDEBAR);
    const ewa = await kith<PersonView>(
      'encounter.record',
      { profile: profile('ewa', 'Ewa Lis'), encounter: { date: '2026-06-02', kind: 'in-person', introducedBy: { id: piotr.person.id } } },
      SIDEBAR,
    );
    await kith('person.update', { id: piotr.person.id, patch: { tags: ['investor'], notes: 'sails', followUp: { due: '2026-06-25', cadenceDays: 30 } } });
    const db = await openKithDb(dbName);
    await db.put('photos', { personId: piotr.person.id, dataUrl: 'data:image/webp;base64,AAAA', updatedAt: 1 });
    await db.put('voiceNotes', { personId: piotr.person.id, dataUrl: 'data:audio/webm;base64,AAAA', seconds: 2, updatedAt: 1 });
    const card = { personId: piotr.person.id, direction: 'face-to-name', due: 1, stability: 1, difficulty: 5, elapsedDays: 0, scheduledDays: 0, learningSteps: 0, reps: 0, lapses: 0, state: 0 };
    await db.put('drillCards', card as never);
    await db.put('drillReviews', { id: 'r1', personId: piotr.person.id, at: 1, day: '2026-06-18' } as never);
    const before = await everything();
    expect(await kith<{ length: number }>('people.search', { query: 'piotr' })).toHaveLength(1);

    changed = [];
    const { undo } = await kith<Undoable>('person.delete', { id: piotr.person.id });
    expect(changed).toEqual([[piotr.person.id, ewa.person.id]]);
    const gone = await everything();
    expect(gone.people.map((p) => (p as { id: string }).id)).toEqual([ewa.person.id]);
    expect(gone.photos).toEqual([]);
    expect(gone.voiceNotes).toEqual([]);
    expect(gone.drillCards).toEqual([]);
    expect(gone.drillReviews).toEqual([]);
    expect(gone.encounters).toEqual([expect.objectContaining({ personId: ewa.person.id, introducedByName: 'Piotr Zieliński' })]);
    expect(await kith<unknown[]>('people.search', { query: 'piotr' })).toEqual([]);

    changed = [];
    expect(await kith('change.undo', { token: undo })).toEqual({ personIds: [piotr.person.id, ewa.person.id] });
    expect(changed).toEqual([[piotr.person.id, ewa.person.id]]);
    expect(await everything()).toEqual(before);
    expect(await kith<{ length: number }>('people.search', { query: 'investor' })).toHaveLength(1);
    // Once only.
    await expect(kith('change.undo', { token: undo })).rejects.toThrow(/Too late to undo/);
  });

  it('a deleted encounter takes its touch with it (last touch, cadence due, search words); undo puts all back', async () => {
    const kith = client();
    const first = await kith<PersonView>('encounter.record', { profile: profile('anna', 'Anna Nowak'), encounter: { date: '2026-05-01', kind: 'call' } }, SIDEBAR);
    const id = first.person.id;
    await kith('person.update', { id, patch: { followUp: { cadenceDays: 30 } } });
    const second = await kith<PersonView>('encounter.record', { personId: id, encounter: { date: '2026-06-10', kind: 'in-person', place: 'Kraków' } });
    expect(second.person).toMatchObject({ lastTouch: '2026-06-10', followUp: { due: '2026-07-10', cadenceDays: 30 } });
    const before = await everything();

    const latest = second.encounters[0];
    const after = await kith<PersonView & Undoable>('encounter.delete', { id: latest.id }, SIDEBAR);
    expect(after.encounters.map((e) => e.date)).toEqual(['2026-05-01']);
    expect(after.person).toMatchObject({ lastTouch: '2026-05-01', followUp: { due: '2026-05-31', cadenceDays: 30 } });
    expect(after.person.terms).not.toContain('krakow');

    // Undo from the sidebar, as it deleted it.
    await kith('change.undo', { token: after.undo }, SIDEBAR);
    expect(await everything()).toEqual(before);

    // The last one deleted: no last touch, no due date its cadence made.
    for (const e of (await kith<PersonView>('person.get', { id })).encounters) await kith('encounter.delete', { id: e.id });
    const none = await kith<PersonView>('person.get', { id });
    expect(none.encounters).toEqual([]);
    expect(none.person.lastTouch).toBeUndefined();
    expect(none.person.followUp).toEqual({ cadenceDays: 30 });
  });

  it('an edited encounter moves the touch it made', async () => {
    const kith = client();
    const v = await kith<PersonView>('encounter.record', { profile: profile('anna', 'Anna Nowak'), encounter: { date: '2026-06-10', kind: 'call' } }, SIDEBAR);
    await kith('person.update', { id: v.person.id, patch: { followUp: { due: '2026-07-10', cadenceDays: 30 } } });
    const edited = await kith<PersonView>('encounter.update', { id: v.encounters[0].id, encounter: { date: '2026-06-01', kind: 'call' } });
    expect(edited.person).toMatchObject({ lastTouch: '2026-06-01', followUp: { due: '2026-07-01', cadenceDays: 30 } });
  });

  it('Done and Snooze in the popup come undone exactly: the follow-up, the last touch, the logged touch', async () => {
    const kith = client();
    const v = await kith<PersonView>('encounter.record', { profile: profile('anna', 'Anna Nowak'), encounter: { date: '2026-05-01', kind: 'in-person' } }, SIDEBAR);
    const id = v.person.id;
    await kith('person.update', { id, patch: { followUp: { due: '2026-06-14', note: 'send the deck' } } });
    const before = await everything();

    const done = await kith<Undoable>('followups.done', { personId: id, kind: 'email' }, POPUP);
    const afterDone = await kith<PersonView>('person.get', { id });
    expect(afterDone.person.followUp).toEqual({});
    expect(afterDone.person.lastTouch).toBe('2026-06-19');
    await kith('change.undo', { token: done.undo }, POPUP);
    expect(await everything()).toEqual(before);

    const snoozed = await kith<Undoable>('followups.snooze', { personId: id, days: 7 }, POPUP);
    expect((await kith<PersonView>('person.get', { id })).person.followUp.due).toBe('2026-06-26');
    await kith('change.undo', { token: snoozed.undo }, POPUP);
    expect(await everything()).toEqual(before);
  });

  it('refuses an undo that would throw a later change away, an unknown token, and one kept too long', async () => {
    const kith = client();
    const v = await kith<PersonView>('encounter.record', { profile: profile('anna', 'Anna Nowak'), encounter: { date: '2026-05-01', kind: 'in-person' } }, SIDEBAR);
    const { undo } = await kith<Undoable>('followups.snooze', { personId: v.person.id, days: 7 }, POPUP);
    await kith('person.update', { id: v.person.id, patch: { tags: ['later'] } });
    const now = await everything();
    await expect(kith('change.undo', { token: undo })).rejects.toThrow('This can no longer be undone: it was changed again since.');
    expect(await everything()).toEqual(now);
    await expect(kith('change.undo', { token: 'no-such-token' })).rejects.toThrow(/Too late to undo/);

    const late = await kith<Undoable>('followups.snooze', { personId: v.person.id, days: 1 }, POPUP);
    clock = new Date(clock.getTime() + 3 * 60_000);
    await expect(kith('change.undo', { token: late.undo })).rejects.toThrow(/Too late to undo/);
  });

  it('does not put a deleted person back over someone saved since under the same profile', async () => {
    const kith = client();
    const v = await kith<PersonView>('encounter.record', { profile: profile('anna', 'Anna Nowak'), encounter: { date: '2026-05-01', kind: 'in-person' } }, SIDEBAR);
    const { undo } = await kith<Undoable>('person.delete', { id: v.person.id });
    await kith('encounter.record', { profile: profile('anna', 'Anna Nowak'), encounter: { date: '2026-06-19', kind: 'in-person' } }, SIDEBAR);
    const now = await everything();
    await expect(kith('change.undo', { token: undo })).rejects.toThrow(/no longer be undone/);
    expect(await everything()).toEqual(now);
  });

  it('is for Kith only, with a token', async () => {
    const handle = createHandler(deps);
    expect(await handle({ kith: 'change.undo', payload: {} }, NETWORK)).toMatchObject({ ok: false });
    expect(await handle({ kith: 'change.undo', payload: { token: '' } }, NETWORK)).toMatchObject({ ok: false });
    expect(await handle({ kith: 'change.undo', payload: { token: 'x' } }, { id: 'other-extension', url: 'chrome-extension://other/x.html' })).toMatchObject({ ok: false });
  });
});
