/**
 * Undo of a delete, with sync connected: the records come back on every device, whether the delete's
 * tombstones had already reached the server and the other device or were still waiting here. Two
 * devices, each with Kith's real database (fake-indexeddb), its real write and undo paths and the
 * background's store hooks, syncing through the fake CouchDB.
 */
import { describe, expect, it } from 'vitest';
import { openKithDb, type KithDb } from '../../../utils/db';
import { SYNC_DEVICE_KEY } from '../../../utils/db/outbox';
import { readAll } from '../../../utils/db/reads';
import { encounterRecords, personRecords, undoable, undoChanges } from '../../../utils/db/undo';
import { deleteEncounter, deletePerson, recordEncounter, updatePerson } from '../../../utils/db/writes';
import { CouchClient } from '../../../utils/sync/couch';
import { IdbSyncStore, markAllDirty } from '../../../utils/sync/idb-store';
import { Replicator } from '../../../utils/sync/replicator';
import { kithStoreHooks } from '../../../entrypoints/background/sync/local';
import { FakeCouch } from '../sync/fake-couch';
import { setUpDatabase, sharedMeta } from '../sync/harness';
import { speakEnglish } from '../english';

speakEnglish();

const TODAY = '2026-11-27';
const T0 = Date.UTC(2026, 10, 27, 12);
let serial = 0;

interface Device {
  db: KithDb;
  store: IdbSyncStore;
  sync(): Promise<unknown>;
}

async function device(couch: FakeCouch, name: string): Promise<Device> {
  const db = await openKithDb(`kith-undo-sync-${++serial}-${name}`);
  const deviceId = `device-${name}`;
  const store = new IdbSyncStore(db, { deviceId, ...kithStoreHooks({ people: new Set(), settings: false }) });
  const client = new CouchClient({ url: 'https://couch.example.org/', db: 'kith', fetch: couch.fetch });
  const replicator = new Replicator({ client, store, ...(await sharedMeta()), deviceId, batchSize: 3 });
  return { db, store, sync: () => replicator.sync() };
}

/** Two connected devices that both hold Anna (person, encounter, event and photo), in step. */
async function twoDevices() {
  const couch = new FakeCouch();
  await setUpDatabase(new CouchClient({ url: 'https://couch.example.org/', db: 'kith', fetch: couch.fetch }));
  const a = await device(couch, 'A');
  const b = await device(couch, 'B');
  const { person, encounter } = await recordEncounter(
    a.db,
    { profile: { site: 'linkedin', keys: ['linkedin:anna-nowak'], url: 'https://www.linkedin.com/in/anna-nowak/', name: 'Anna Nowak' }, encounter: { date: '2026-11-20', kind: 'event', event: { name: 'Grow Up Start Up' }, note: 'Sailing' }, photoDataUrl: 'data:image/jpeg;base64,AAAA' },
    T0,
    TODAY,
  );
  for (const d of [a, b]) {
    await d.db.put('syncState', { deviceId: d === a ? 'device-A' : 'device-B' }, SYNC_DEVICE_KEY);
    await markAllDirty(d.db);
  }
  await a.sync();
  await b.sync();
  expect((await b.db.get('people', person.id))?.name).toBe('Anna Nowak');
  return { a, b, person, encounter };
}

/** Every device syncs in turn, twice: what a device pushed reaches the others, and their answers come back. */
async function syncAll(...devices: Device[]): Promise<void> {
  for (let round = 0; round < 2; round++) for (const d of devices) await d.sync();
}

async function holdsAnna(d: Device, personId: string, encounterId: string): Promise<void> {
  expect((await d.db.get('people', personId))?.name).toBe('Anna Nowak');
  expect(await d.db.get('photos', personId)).toMatchObject({ dataUrl: 'data:image/jpeg;base64,AAAA' });
  expect((await d.db.get('encounters', encounterId))?.note).toBe('Sailing');
  expect(await d.store.countDirty()).toBe(0);
}

describe('undo of a delete, with sync connected', () => {
  it('brings the person back on every device after the delete reached the other one', async () => {
    const { a, b, person, encounter } = await twoDevices();
    const { changes } = await undoable(a.db, (tx) => personRecords(tx, person.id), (tx) => deletePerson(tx, person.id, T0 + 1000));
    await a.sync();
    await b.sync();
    expect(await b.db.get('people', person.id)).toBeUndefined();
    expect(await b.db.get('encounters', encounter.id)).toBeUndefined();

    await undoChanges(a.db, changes, T0 + 5000);
    await syncAll(a, b);
    await holdsAnna(a, person.id, encounter.id);
    await holdsAnna(b, person.id, encounter.id);
    // The search words come back with the person on the device that had lost them.
    expect((await b.db.get('people', person.id))?.terms).toEqual(person.terms);
    expect((await readAll(b.db)).people).toHaveLength(1);
    // And they stay, on both, through further syncs.
    await syncAll(b, a);
    await holdsAnna(a, person.id, encounter.id);
    await holdsAnna(b, person.id, encounter.id);
  });

  it('brings the person back when the other device had synced nothing since the delete', async () => {
    const { a, b, person, encounter } = await twoDevices();
    const { changes } = await undoable(a.db, (tx) => personRecords(tx, person.id), (tx) => deletePerson(tx, person.id, T0 + 1000));
    await a.sync();
    await undoChanges(a.db, changes, T0 + 5000);
    await syncAll(a, b);
    await holdsAnna(a, person.id, encounter.id);
    await holdsAnna(b, person.id, encounter.id);
  });

  it('replaces a tombstone not yet sent: the other device never loses the person', async () => {
    const { a, b, person, encounter } = await twoDevices();
    const { changes } = await undoable(a.db, (tx) => personRecords(tx, person.id), (tx) => deletePerson(tx, person.id, T0 + 1000));
    expect((await a.db.get('syncOutbox', `person:${person.id}`))?.deletedAt).toBe(T0 + 1000);
    await undoChanges(a.db, changes, T0 + 2000);
    // The queued change is the person again, no longer their tombstone.
    expect((await a.db.get('syncOutbox', `person:${person.id}`))?.deletedAt).toBeUndefined();
    await syncAll(a, b);
    await holdsAnna(a, person.id, encounter.id);
    await holdsAnna(b, person.id, encounter.id);
  });

  it('brings a deleted encounter back on the other device', async () => {
    const { a, b, person, encounter } = await twoDevices();
    const { changes } = await undoable(a.db, (tx) => encounterRecords(tx, encounter.id), (tx) => deleteEncounter(tx, encounter.id, T0 + 1000));
    await a.sync();
    await b.sync();
    expect(await b.db.get('encounters', encounter.id)).toBeUndefined();
    await undoChanges(a.db, changes, T0 + 5000);
    await syncAll(a, b);
    await holdsAnna(a, person.id, encounter.id);
    await holdsAnna(b, person.id, encounter.id);
    expect(await b.db.get('people', person.id)).toEqual(await a.db.get('people', person.id));
  });

  it('a delete after the undo wins again, and an edit that raced the first delete does not bring anyone back', async () => {
    const { a, b, person } = await twoDevices();
    // B edits its copy offline while A deletes and syncs: the delete wins over that edit.
    await updatePerson(b.db, person.id, { headline: 'Edited on B' }, T0 + 1500);
    const { changes } = await undoable(a.db, (tx) => personRecords(tx, person.id), (tx) => deletePerson(tx, person.id, T0 + 1000));
    await syncAll(a, b);
    expect(await a.db.get('people', person.id)).toBeUndefined();
    expect(await b.db.get('people', person.id)).toBeUndefined();
    // A's undo brings the person back as they were before the delete, everywhere.
    await undoChanges(a.db, changes, T0 + 5000);
    await syncAll(a, b);
    expect((await b.db.get('people', person.id))?.name).toBe('Anna Nowak');
    expect((await b.db.get('people', person.id))?.headline).toBeUndefined();
    expect(await b.db.get('people', person.id)).toEqual(await a.db.get('people', person.id));
    // B deletes them later: gone on both, for good.
    await deletePerson(b.db, person.id, T0 + 9000);
    await syncAll(b, a);
    expect(await a.db.get('people', person.id)).toBeUndefined();
    expect(await b.db.get('people', person.id)).toBeUndefined();
    await syncAll(a, b);
    expect(await a.db.get('people', person.id)).toBeUndefined();
    expect(await a.store.countDirty()).toBe(0);
    expect(await b.store.countDirty()).toBe(0);
  });
});
