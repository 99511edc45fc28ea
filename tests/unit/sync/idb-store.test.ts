/**
 * The IndexedDB store (fake-indexeddb) under the same replicator: two devices, each with its own Kith
 * database (the real schema), syncing through the fake CouchDB.
 */
import { describe, expect, it } from 'vitest';
import { openKithDb } from '../../../utils/db';
import { CouchClient } from '../../../utils/sync/couch';
import { IdbSyncStore, markAllDirty, markDirty, RECORD_STORES } from '../../../utils/sync/idb-store';
import type { RecordType } from '../../../utils/sync/records';
import { Replicator } from '../../../utils/sync/replicator';
import { FakeCouch } from './fake-couch';
import { setUpDatabase, sharedMeta } from './harness';

let serial = 0;

/* eslint-disable @typescript-eslint/no-explicit-any -- the records here are partial on purpose */
async function device(couch: FakeCouch, name: string) {
  const db = await openKithDb(`kith-sync-test-${++serial}`);
  const deviceId = `device-${name}`;
  // sortName stands for the fields a device derives for itself.
  const store = new IdbSyncStore(db, { deviceId, prepare: async (_tx, v) => (v.type === 'person' ? { ...v.value, sortName: String(v.value!.name).toLowerCase() } : v.value!) });
  const client = new CouchClient({ url: 'https://couch.example.org/', db: 'kith', fetch: couch.fetch });
  const replicator = new Replicator({ client, store, ...(await sharedMeta()), deviceId, batchSize: 3 });
  /** A write as the background makes it: the record and its outbox entry in one transaction. */
  const write = async (type: RecordType, value: Record<string, unknown> | null, id: string) => {
    const storeName = RECORD_STORES[type].store;
    const tx = db.transaction([storeName, 'syncOutbox'], 'readwrite');
    const before = (await tx.objectStore(storeName).get(id)) as Record<string, unknown> | undefined;
    if (value) await tx.objectStore(storeName).put(value as any);
    else await tx.objectStore(storeName).delete(id);
    await markDirty(tx, type, id, before, { deviceId, deletedAt: value ? undefined : Date.now() });
    await tx.done;
  };
  return { db, store, replicator, write, get: (s: 'people' | 'encounters' | 'photos', id: string) => db.get(s, id) as Promise<any> };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

describe('IdbSyncStore', () => {
  it('syncs records, merges offline edits, propagates deletes, and stores the checkpoint with the batch', async () => {
    const couch = new FakeCouch();
    await setUpDatabase(new CouchClient({ url: 'https://couch.example.org/', db: 'kith', fetch: couch.fetch }));
    const a = await device(couch, 'A');
    const b = await device(couch, 'B');
    for (let i = 0; i < 7; i++) await a.write('person', { id: `p${i}`, name: `Person ${i}`, sortName: `person ${i}`, notes: '', tags: [], updatedAt: 10 + i }, `p${i}`);
    await a.write('encounter', { id: 'e1', personId: 'p0', date: '2026-06-19', kind: 'event', updatedAt: 5 }, 'e1');
    await a.write('photo', { personId: 'p0', dataUrl: 'data:image/webp;base64,AAAA', updatedAt: 5 }, 'p0');
    expect(await a.store.countDirty()).toBe(9);
    await a.replicator.sync();
    expect(await a.store.countDirty()).toBe(0);
    await b.replicator.sync();
    expect(await b.get('people', 'p3')).toEqual({ id: 'p3', name: 'Person 3', sortName: 'person 3', notes: '', tags: [], updatedAt: 13 });
    expect(await b.get('photos', 'p0')).toMatchObject({ dataUrl: 'data:image/webp;base64,AAAA' });
    expect(await b.store.getCheckpoint()).toMatchObject({ seq: 10 });

    await a.write('person', { ...(await a.get('people', 'p1')), company: 'Acme', notes: 'from A', updatedAt: 100 }, 'p1');
    await b.write('person', { ...(await b.get('people', 'p1')), headline: 'CEO', notes: 'from B', updatedAt: 200 }, 'p1');
    await b.write('person', null, 'p2');
    await a.replicator.sync();
    await b.replicator.sync();
    await a.replicator.sync();
    const pa = await a.get('people', 'p1');
    expect(pa).toEqual(await b.get('people', 'p1'));
    expect(pa).toMatchObject({ company: 'Acme', headline: 'CEO' });
    expect(pa.notes).toContain('from A');
    expect(pa.notes).toContain('from B');
    expect(await a.get('people', 'p2')).toBeUndefined();
    expect(await a.db.get('syncRevs', 'person:p2')).toMatchObject({ deleted: true });
    expect(await a.store.countDirty()).toBe(0);
    expect(await b.store.countDirty()).toBe(0);
  });

  it('on connecting, queues every record already stored, once', async () => {
    const couch = new FakeCouch();
    await setUpDatabase(new CouchClient({ url: 'https://couch.example.org/', db: 'kith', fetch: couch.fetch }));
    const a = await device(couch, 'A');
    // Records stored before sync existed: no outbox entries.
    /* eslint-disable @typescript-eslint/no-explicit-any -- partial records */
    await a.db.put('people', { id: 'old1', name: 'Before sync', keys: [], updatedAt: 1 } as any);
    await a.db.put('encounters', { id: 'enc-old', personId: 'old1', date: '2020', kind: 'other', updatedAt: 1 } as any);
    /* eslint-enable @typescript-eslint/no-explicit-any */
    await a.write('person', { id: 'new1', name: 'After', updatedAt: 2 }, 'new1');
    expect(await markAllDirty(a.db)).toBe(2);
    expect(await a.store.countDirty()).toBe(3);
    await a.replicator.sync();
    const b = await device(couch, 'B');
    await b.replicator.sync();
    expect(await b.get('people', 'old1')).toMatchObject({ name: 'Before sync', sortName: 'before sync' });
    expect(await b.get('encounters', 'enc-old')).toBeDefined();
  });
});
