/**
 * Every local write path queues what it changed for sync, in its own transaction, while sync is
 * connected (utils/db/outbox.ts), and nothing at all while it is not.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeKithDb, openKithDb, type KithDb } from '../../../utils/db';
import { deleteEncounter, deletePerson, logTouch, recordEncounter, updateEncounter, updatePerson, type ProfileInput } from '../../../utils/db/writes';
import { linkProfile, unlinkSite } from '../../../utils/db/link';
import { createEvent, mergeEvents, updateEvent } from '../../../utils/db/events';
import { clearAll, putAll } from '../../../utils/db/bulk';
import { SYNC_DEVICE_KEY } from '../../../utils/db/outbox';
import type { OutboxEntry } from '../../../utils/sync/idb-store';
import { readAll } from '../../../utils/db/reads';
import { personRecords, undoable, undoChanges } from '../../../utils/db/undo';
import { speakEnglish } from '../english';

speakEnglish();

let db: KithDb;
let name: string;
const TODAY = '2026-11-27';
const NOW = Date.UTC(2026, 10, 27, 12);
const PHOTO = 'data:image/jpeg;base64,AAAA';

const profile = (slug: string, fullName: string, extra: Partial<ProfileInput> = {}): ProfileInput => ({
  site: 'linkedin',
  keys: [`linkedin:${slug}`],
  url: `https://www.linkedin.com/in/${slug}/`,
  name: fullName,
  ...extra,
});

beforeEach(async () => {
  name = `kith-outbox-${Math.random()}`;
  db = await openKithDb(name);
});
afterEach(() => closeKithDb(name));

/** Sync connected, as the background leaves it after Connect. */
const connect = () => db.put('syncState', { deviceId: 'device-A' }, SYNC_DEVICE_KEY);

/** The outbox by key. */
async function outbox(): Promise<Record<string, OutboxEntry>> {
  return Object.fromEntries((await db.getAll('syncOutbox')).map((e) => [e.key, e]));
}

/** What a push leaves behind: each queued record has the server's rev, and nothing is queued. */
async function synced(): Promise<void> {
  for (const e of await db.getAll('syncOutbox')) await db.put('syncRevs', { key: e.key, rev: `${e.seq}-abc`, ...(e.deletedAt !== undefined ? { deleted: true as const } : {}) });
  await db.clear('syncOutbox');
}

async function anna() {
  return recordEncounter(
    db,
    { profile: profile('anna-nowak', 'Anna Nowak'), encounter: { date: '2026-11-20', kind: 'event', event: { name: 'Grow Up Start Up' }, note: 'Sailing' }, photoDataUrl: PHOTO },
    NOW,
    TODAY,
  );
}

describe('with sync off', () => {
  it('no write queues anything', async () => {
    const { person, encounter } = await anna();
    await updatePerson(db, person.id, { notes: 'more' }, NOW + 1);
    await updateEncounter(db, encounter.id, { date: '2026-11-21', kind: 'call' }, NOW + 2);
    const ev = await createEvent(db, { name: 'Infoshare' }, NOW);
    await updateEvent(db, ev.id, { place: 'Gdańsk' }, NOW + 3);
    await putAll(db, { people: [{ ...person, id: 'p2', keys: ['linkedin:other'] }] });
    await deletePerson(db, person.id, NOW + 4);
    await clearAll(db, NOW + 5);
    expect(await db.count('syncOutbox')).toBe(0);
  });
});

describe('with sync connected, each write queues what it changed', () => {
  beforeEach(connect);

  it('recording an encounter: the new person, encounter, event and photo', async () => {
    const { person, encounter } = await anna();
    const [event] = (await readAll(db)).events;
    const out = await outbox();
    expect(Object.keys(out).sort()).toEqual([`encounter:${encounter.id}`, `event:${event.id}`, `person:${person.id}`, `photo:${person.id}`].sort());
    // New records: no base, first edit.
    for (const e of Object.values(out)) {
      expect(e.seq).toBe(1);
      expect(e.base).toBeUndefined();
    }
    expect(out[`person:${person.id}`]).toEqual({ key: `person:${person.id}`, type: 'person', id: person.id, seq: 1 });
  });

  it('a change to a synced record keeps the record as it was as the merge base, through later edits', async () => {
    const { person } = await anna();
    await synced();
    await updatePerson(db, person.id, { notes: 'first edit' }, NOW + 1);
    await updatePerson(db, person.id, { notes: 'second edit' }, NOW + 2);
    const entry = (await outbox())[`person:${person.id}`];
    expect(entry.seq).toBe(2);
    expect(entry.base).toMatchObject({ type: 'person', id: person.id, updatedAt: NOW, value: { notes: '' } });
    expect(entry.deletedAt).toBeUndefined();
  });

  it('logging a touch (Done in the popup): a new encounter and the person', async () => {
    const { person } = await anna();
    await synced();
    const { encounter } = await logTouch(db, person.id, 'call', NOW + 1, TODAY);
    expect(Object.keys(await outbox()).sort()).toEqual([`encounter:${encounter.id}`, `person:${person.id}`].sort());
  });

  it('editing and deleting an encounter: the encounter (its tombstone) and its person', async () => {
    const { person, encounter } = await anna();
    await synced();
    await updateEncounter(db, encounter.id, { date: '2026-11-21', kind: 'call' }, NOW + 1);
    expect(Object.keys(await outbox()).sort()).toEqual([`encounter:${encounter.id}`, `person:${person.id}`].sort());
    await synced();
    await deleteEncounter(db, encounter.id, NOW + 2);
    const out = await outbox();
    expect(out[`encounter:${encounter.id}`]).toMatchObject({ deletedAt: NOW + 2, base: { value: { date: '2026-11-21' } } });
    expect(out[`person:${person.id}`].deletedAt).toBeUndefined();
  });

  it('deleting a person: tombstones for them, their encounters and photo; the encounters they introduced change', async () => {
    const { person, encounter } = await anna();
    const { encounter: introduced, person: bob } = await recordEncounter(db, { profile: profile('bob', 'Bob'), encounter: { date: '2026-11-20', kind: 'call', introducedBy: { id: person.id } } }, NOW, TODAY);
    await synced();
    await deletePerson(db, person.id, NOW + 5);
    const out = await outbox();
    expect(Object.keys(out).sort()).toEqual([`encounter:${encounter.id}`, `encounter:${introduced.id}`, `person:${person.id}`, `photo:${person.id}`].sort());
    for (const key of [`encounter:${encounter.id}`, `person:${person.id}`, `photo:${person.id}`]) expect(out[key].deletedAt).toBe(NOW + 5);
    expect(out[`encounter:${introduced.id}`].deletedAt).toBeUndefined();
    expect(await db.get('encounters', introduced.id)).toMatchObject({ introducedByName: 'Anna Nowak', updatedAt: NOW + 5 });
    expect(out[`person:${bob.id}`]).toBeUndefined();
  });

  it('linking a profile saved as someone else: the kept person, the merged one gone, their encounters moved', async () => {
    const { person } = await anna();
    const { person: other, encounter } = await recordEncounter(db, { profile: { ...profile('anowak', 'A. Nowak'), site: 'github', keys: ['github:anowak'], url: 'https://github.com/anowak' }, encounter: { date: '2026-10-01', kind: 'video' } }, NOW, TODAY);
    await synced();
    await linkProfile(db, person.id, { site: 'github', keys: ['github:anowak'], url: 'https://github.com/anowak', name: '' }, NOW + 1);
    const out = await outbox();
    expect(Object.keys(out).sort()).toEqual([`encounter:${encounter.id}`, `person:${other.id}`, `person:${person.id}`].sort());
    expect(out[`person:${other.id}`].deletedAt).toBe(NOW + 1);
    expect(await db.get('encounters', encounter.id)).toMatchObject({ personId: person.id, updatedAt: NOW + 1 });
  });

  it('unlinking a site: the person', async () => {
    const { person } = await anna();
    await linkProfile(db, person.id, { site: 'github', keys: ['github:anowak'], url: 'https://github.com/anowak', name: '' }, NOW + 1);
    await synced();
    await unlinkSite(db, person.id, 'github', NOW + 2);
    expect(Object.keys(await outbox())).toEqual([`person:${person.id}`]);
  });

  it('events: creating and editing one queues the event only (people re-derive their own search words)', async () => {
    const { person } = await anna();
    const [event] = (await readAll(db)).events;
    await synced();
    await updateEvent(db, event.id, { name: 'GUSU 2026' }, NOW + 1);
    expect(Object.keys(await outbox())).toEqual([`event:${event.id}`]);
    expect((await db.get('people', person.id))!.terms).toContain('gusu');
    await synced();
    const created = await createEvent(db, { name: 'Infoshare' }, NOW + 2);
    expect(Object.keys(await outbox())).toEqual([`event:${created.id}`]);
  });

  it('merging events: the kept one, the dropped one\'s tombstone, the encounters moved', async () => {
    const { encounter } = await anna();
    const [dropped] = (await readAll(db)).events;
    const kept = await createEvent(db, { name: 'Grow Up Start Up 2026' }, NOW);
    await synced();
    await mergeEvents(db, kept.id, dropped.id, NOW + 1);
    const out = await outbox();
    expect(Object.keys(out).sort()).toEqual([`encounter:${encounter.id}`, `event:${dropped.id}`, `event:${kept.id}`].sort());
    expect(out[`event:${dropped.id}`].deletedAt).toBe(NOW + 1);
  });

  it('undo of a delete: the records it brings back are restores, kept through later edits; the records it only changed are edits', async () => {
    const { person, encounter } = await anna();
    await synced();
    const { changes } = await undoable(db, (tx) => personRecords(tx, person.id), (tx) => deletePerson(tx, person.id, NOW + 1));
    await synced();
    await undoChanges(db, changes, NOW + 5);
    const out = await outbox();
    expect(Object.keys(out).sort()).toEqual([`encounter:${encounter.id}`, `person:${person.id}`, `photo:${person.id}`].sort());
    for (const e of Object.values(out)) expect(e).toMatchObject({ restoredAt: NOW + 5 });
    for (const e of Object.values(out)) expect(e.deletedAt).toBeUndefined();
    await updatePerson(db, person.id, { notes: 'edited after the undo' }, NOW + 6);
    expect((await outbox())[`person:${person.id}`].restoredAt).toBe(NOW + 5);
    // Undo of a Done (a touch): the person is only changed back, no restore.
    await synced();
    const touch = await undoable(db, (tx) => personRecords(tx, person.id), (tx) => logTouch(tx, person.id, 'call', NOW + 7, TODAY));
    await synced();
    await undoChanges(db, touch.changes, NOW + 8);
    expect((await outbox())[`person:${person.id}`].restoredAt).toBeUndefined();
  });

  it('an import: every record it writes, with the record it replaced as the base', async () => {
    const { person, encounter } = await anna();
    await synced();
    const renamed = { ...person, name: 'Anna Nowak-Kowalska', updatedAt: NOW + 1 };
    const newcomer = { ...person, id: 'p-new', keys: ['linkedin:new'], name: 'New', updatedAt: NOW + 1 };
    await putAll(db, { people: [renamed, newcomer], encounters: [{ ...encounter, note: 'edited' }] });
    const out = await outbox();
    expect(Object.keys(out).sort()).toEqual([`encounter:${encounter.id}`, 'person:p-new', `person:${person.id}`].sort());
    expect(out[`person:${person.id}`].base?.value).toMatchObject({ name: 'Anna Nowak' });
    expect(out['person:p-new'].base).toBeUndefined();
  });

  it('a record the server never had gets no merge base, however often it changes', async () => {
    const { person } = await anna();
    await updatePerson(db, person.id, { notes: 'edited before any sync' }, NOW + 1);
    await putAll(db, { people: [{ ...person, name: 'Imported', updatedAt: NOW + 2 }] });
    const entry = (await outbox())[`person:${person.id}`];
    expect(entry.seq).toBe(3);
    expect(entry.base).toBeUndefined();
  });

  it('delete all: a tombstone for every record', async () => {
    const { person, encounter } = await anna();
    const [event] = (await readAll(db)).events;
    await synced();
    await clearAll(db, NOW + 9);
    const out = await outbox();
    expect(Object.keys(out).sort()).toEqual([`encounter:${encounter.id}`, `event:${event.id}`, `person:${person.id}`, `photo:${person.id}`].sort());
    for (const e of Object.values(out)) expect(e.deletedAt).toBe(NOW + 9);
    expect(await db.count('people')).toBe(0);
  });

  it('a write that fails half way queues nothing (its outbox entries are rolled back with it)', async () => {
    const { person } = await anna();
    await synced();
    // The new event is written and queued before the introducer turns out to be gone.
    const failing = recordEncounter(db, { personId: person.id, encounter: { date: '2026-11-20', kind: 'call', event: { name: 'Brand new' }, introducedBy: { id: 'gone' } } }, NOW, TODAY);
    await expect(failing).rejects.toThrow('introduced');
    expect(await db.count('syncOutbox')).toBe(0);
    expect((await readAll(db)).events.map((e) => e.name)).toEqual(['Grow Up Start Up']);
  });
});
