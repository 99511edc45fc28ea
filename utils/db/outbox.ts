/**
 * Sync's side of every local write: a record written or deleted here is queued in the sync outbox in
 * the write's own transaction, so the change and its outbox entry are stored together or not at all
 * (utils/sync/idb-store.ts). Only while sync is connected: syncState 'device' says so, and under which
 * device id. Read once per transaction, in the transaction, so a connect or a disconnect falls wholly
 * before or after each write. When sync is off a write costs that one read and nothing per record.
 */
import type { IDBPTransaction, StoreNames } from 'idb';
import type { KithSchema } from './schema';
import { nextOutboxEntry, RECORD_STORES, type LocalChange, type OutboxEntry } from '../sync/idb-store';
import type { RecordType } from '../sync/records';
import { recordKey } from '../sync/store';

/** syncState's key for the device's id, present only while sync is connected. */
export const SYNC_DEVICE_KEY = 'device';
export interface SyncDevice {
  deviceId: string;
}

/** The record stores whose records sync, each with the record type it holds. */
export const SYNCED_STORES = {
  people: 'person',
  encounters: 'encounter',
  events: 'event',
  photos: 'photo',
  drillCards: 'card',
  drillReviews: 'review',
  voiceNotes: 'voice',
} as const satisfies Record<string, RecordType>;
export type SyncedStore = keyof typeof SYNCED_STORES;

/** The id a synced record is known by: its store's key, the field RECORD_STORES names for its type. */
export function syncedIdOf(store: SyncedStore, value: unknown): string {
  return (value as Record<string, string>)[RECORD_STORES[SYNCED_STORES[store]].idField]!;
}

/** What every write transaction includes besides the records it writes: where a change is queued. */
export const OUTBOX_STORES = ['syncOutbox', 'syncRevs', 'syncState'] as const;

/** A write transaction that includes OUTBOX_STORES. */
export type OutboxTx = IDBPTransaction<KithSchema, ArrayLike<StoreNames<KithSchema>>, 'readwrite'>;
type Value<S extends SyncedStore> = KithSchema[S]['value'];
type AnyValue = Record<string, unknown>;

const devices = new WeakMap<object, Promise<string | undefined>>();

/** The device id changes are queued under while sync is connected, else undefined; read once per transaction. */
function syncingAs(tx: OutboxTx): Promise<string | undefined> {
  let device = devices.get(tx);
  if (!device) {
    device = tx.objectStore('syncState').get(SYNC_DEVICE_KEY).then((d) => (d as SyncDevice | undefined)?.deviceId);
    devices.set(tx, device);
  }
  return device;
}

/**
 * Queues one record's change around `write` (which stores it). The merge base is the record as the
 * server last had it: the base the queued entry already holds, else (for a synced record, one with a
 * rev) the record as it was before this write, read by `before` ahead of the write; a record the server
 * never had has none. `change`: a delete or a restore (else an edit).
 */
export async function queueChange(
  tx: OutboxTx,
  deviceId: string,
  type: RecordType,
  id: string,
  before: () => Promise<unknown>,
  write: () => Promise<unknown>,
  change: LocalChange = {},
): Promise<void> {
  const key = recordKey(type, id);
  const [entry, rev] = await Promise.all([tx.objectStore('syncOutbox').get(key), tx.objectStore('syncRevs').get(key)]);
  const base = !entry && rev ? ((await before()) as AnyValue | undefined) : undefined;
  await write();
  await tx.objectStore('syncOutbox').put(nextOutboxEntry(entry, type, id, base, { deviceId, ...change }));
}

function queue(tx: OutboxTx, deviceId: string, store: SyncedStore, id: string, write: () => Promise<unknown>, change?: LocalChange): Promise<void> {
  return queueChange(tx, deviceId, SYNCED_STORES[store], id, () => tx.objectStore(store).get(id), write, change);
}

/**
 * Stores a record (new or changed), queuing it for sync. `restoredAt`: the record is one a delete
 * removed, put back by Undo at that time; sync then brings it back on the devices that saw the delete.
 */
export async function putRecord<S extends SyncedStore>(tx: OutboxTx, store: S, value: Value<S>, options: { restoredAt?: number } = {}): Promise<void> {
  const deviceId = await syncingAs(tx);
  const write = () => tx.objectStore(store).put(value);
  if (deviceId) await queue(tx, deviceId, store, syncedIdOf(store, value), write, options.restoredAt !== undefined ? { restoredAt: options.restoredAt } : {});
  else await write();
}

/** Adds a new record (refused if its id is taken, as IndexedDB's add), queuing it for sync. */
export async function addRecord<S extends SyncedStore>(tx: OutboxTx, store: S, value: Value<S>): Promise<void> {
  const deviceId = await syncingAs(tx);
  const write = () => tx.objectStore(store).add(value);
  if (deviceId) await queue(tx, deviceId, store, syncedIdOf(store, value), write);
  else await write();
}

/** Deletes a record; one that was here leaves its tombstone (deleted `at`) in the outbox. */
export async function deleteRecord(tx: OutboxTx, store: SyncedStore, id: string, at: number): Promise<void> {
  const deviceId = await syncingAs(tx);
  const write = () => tx.objectStore(store).delete(id);
  if (deviceId && (await tx.objectStore(store).count(id))) await queue(tx, deviceId, store, id, write, { deletedAt: at });
  else await write();
}

/**
 * Queues the records of a bulk write: `needsBase` says whether a record's change needs the record as
 * it was (read it before writing, then `mark` with it); `mark` queues the change (`deletedAt`: a delete).
 */
export interface BulkMarker {
  needsBase(store: SyncedStore, id: string): boolean;
  mark(store: SyncedStore, id: string, before: unknown, deletedAt?: number): void;
}

/**
 * For a bulk write on the browser's own transaction (utils/db/bulk.ts: no promise per request), which
 * must include OUTBOX_STORES: reads 'device' first, then calls `write` with a marker while sync is
 * connected, or with none. The marker knows the outbox and the synced keys from one read of each, so
 * queuing a record is one put (and, for a synced record queued for the first time, the read of the
 * record as it was).
 */
export function bulkWrite(raw: IDBTransaction, write: (marker: BulkMarker | undefined) => void): void {
  const device = raw.objectStore('syncState').get(SYNC_DEVICE_KEY);
  device.onsuccess = () => {
    const deviceId = (device.result as SyncDevice | undefined)?.deviceId;
    if (!deviceId) return write(undefined);
    const outbox = raw.objectStore('syncOutbox');
    const entries = outbox.getAll();
    const revs = raw.objectStore('syncRevs').getAllKeys();
    revs.onsuccess = () => {
      const queued = new Map((entries.result as OutboxEntry[]).map((e) => [e.key, e]));
      const synced = new Set(revs.result as string[]);
      write({
        needsBase: (store, id) => {
          const key = recordKey(SYNCED_STORES[store], id);
          return !queued.has(key) && synced.has(key);
        },
        mark: (store, id, before, deletedAt) => {
          const type = SYNCED_STORES[store];
          const key = recordKey(type, id);
          const entry = nextOutboxEntry(queued.get(key), type, id, before as AnyValue | undefined, { deviceId, ...(deletedAt !== undefined ? { deletedAt } : {}) });
          queued.set(key, entry);
          outbox.put(entry);
        },
      });
    };
  };
}
