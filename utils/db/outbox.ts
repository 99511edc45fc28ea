/**
 * Sync's side of every local write: a record written or deleted here is queued in the sync outbox in
 * the write's own transaction, so the change and its outbox entry are stored together or not at all
 * (utils/sync/idb-store.ts). Only while sync is connected: syncState 'device' says so, and under which
 * device id. Read once per transaction, in the transaction, so a connect or a disconnect falls wholly
 * before or after each write. When sync is off a write costs that one read and nothing per record.
 */
import type { IDBPTransaction, StoreNames } from 'idb';
import type { KithSchema } from './schema';
import { markDirty, nextOutboxEntry, type OutboxEntry } from '../sync/idb-store';
import type { RecordType } from '../sync/records';
import { recordKey } from '../sync/store';

/** syncState's key for the device's id, present only while sync is connected. */
export const SYNC_DEVICE_KEY = 'device';
export interface SyncDevice {
  deviceId: string;
}

/** The record stores whose records sync, each with the record type it holds. */
export const SYNCED_STORES = { people: 'person', encounters: 'encounter', events: 'event', photos: 'photo' } as const satisfies Record<string, RecordType>;
export type SyncedStore = keyof typeof SYNCED_STORES;

/** What every write transaction includes besides the records it writes: where a change is queued. */
export const OUTBOX_STORES = ['syncOutbox', 'syncState'] as const;

/** A write transaction that includes OUTBOX_STORES. */
export type OutboxTx = IDBPTransaction<KithSchema, ArrayLike<StoreNames<KithSchema>>, 'readwrite'>;
type Value<S extends SyncedStore> = KithSchema[S]['value'];

const devices = new WeakMap<object, Promise<string | undefined>>();

/** The device id changes are queued under while sync is connected, else undefined; read once per transaction. */
export function syncingAs(tx: OutboxTx): Promise<string | undefined> {
  let device = devices.get(tx);
  if (!device) {
    device = tx.objectStore('syncState').get(SYNC_DEVICE_KEY).then((d) => (d as SyncDevice | undefined)?.deviceId);
    devices.set(tx, device);
  }
  return device;
}

function idOf<S extends SyncedStore>(store: S, value: Value<S>): string {
  return store === 'photos' ? (value as Value<'photos'>).personId : (value as Value<'people'>).id;
}

/** Stores a record (new or changed), queuing it for sync. */
export async function putRecord<S extends SyncedStore>(tx: OutboxTx, store: S, value: Value<S>, options: { add?: boolean } = {}): Promise<void> {
  const deviceId = await syncingAs(tx);
  const s = tx.objectStore(store);
  const id = idOf(store, value);
  const before = deviceId && !options.add ? await s.get(id) : undefined;
  if (options.add) await s.add(value);
  else await s.put(value);
  if (deviceId) await markDirty(tx, SYNCED_STORES[store], id, before as Record<string, unknown> | undefined, { deviceId });
}

/** Adds a new record (refused if its id is taken, as IndexedDB's add), queuing it for sync. */
export function addRecord<S extends SyncedStore>(tx: OutboxTx, store: S, value: Value<S>): Promise<void> {
  return putRecord(tx, store, value, { add: true });
}

/** Deletes a record; one that was here leaves its tombstone (deleted `at`) in the outbox. */
export async function deleteRecord(tx: OutboxTx, store: SyncedStore, id: string, at: number): Promise<void> {
  const deviceId = await syncingAs(tx);
  const s = tx.objectStore(store);
  const before = deviceId ? await s.get(id) : undefined;
  await s.delete(id);
  if (deviceId && before) await markDirty(tx, SYNCED_STORES[store], id, before as unknown as Record<string, unknown>, { deviceId, deletedAt: at });
}

/** Queues one record of a bulk write: `before` is the record as it was (undefined: new), `deletedAt` a delete's time. */
export type BulkMarker = (store: SyncedStore, id: string, before: unknown, deletedAt?: number) => void;

/**
 * For a bulk write on the browser's own transaction (utils/db/bulk.ts: no promise per request), which
 * must include OUTBOX_STORES: reads 'device' first, then calls `write` with a marker while sync is
 * connected, or with none. Each mark is two requests (the entry, then the entry bumped), issued from
 * callbacks, so the transaction stays open until they are done.
 */
export function bulkWrite(raw: IDBTransaction, write: (mark: BulkMarker | undefined) => void): void {
  const device = raw.objectStore('syncState').get(SYNC_DEVICE_KEY);
  device.onsuccess = () => {
    const deviceId = (device.result as SyncDevice | undefined)?.deviceId;
    if (!deviceId) return write(undefined);
    const outbox = raw.objectStore('syncOutbox');
    write((store, id, before, deletedAt) => {
      const type = SYNCED_STORES[store];
      const existing = outbox.get(recordKey(type, id));
      existing.onsuccess = () => {
        outbox.put(nextOutboxEntry(existing.result as OutboxEntry | undefined, type, id, before as Record<string, unknown> | undefined, { deviceId, ...(deletedAt !== undefined ? { deletedAt } : {}) }));
      };
    });
  };
}
