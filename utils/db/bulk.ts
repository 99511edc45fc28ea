import type { KithDb } from './index';
import type { KithData } from '../model/types';
import { unwrap } from 'idb';
import { ALL_STORES, type ImportReceipt, type StoreName } from './schema';
import { bulkWrite, OUTBOX_STORES, SYNCED_STORES, syncedIdOf, type BulkMarker, type SyncedStore } from './outbox';

/** An import's or a delete-all's transaction: every store of the user's data, and sync's outbox. */
const BULK_STORES = [...ALL_STORES, ...OUTBOX_STORES];

/** The stores an import writes, in the order it writes them. */
const PUT_ORDER = ['events', 'people', 'encounters', 'photos', 'voiceNotes', 'drillCards', 'drillReviews'] as const satisfies readonly (keyof KithData & StoreName)[];

/**
 * Writes many records in ONE transaction: an import lands whole or not at all. If the worker is
 * stopped or a write fails midway, IndexedDB rolls the whole transaction back.
 * `onProgress` is called as writes complete (for a progress bar), at most every `every` records.
 * While sync is connected each record is queued for it in the same transaction (utils/db/outbox.ts).
 */
export async function putAll(
  db: KithDb,
  data: Partial<KithData>,
  onProgress?: (done: number, total: number) => void,
  every = 500,
  receipt?: ImportReceipt,
): Promise<void> {
  const tx = db.transaction(BULK_STORES, 'readwrite');
  const total = PUT_ORDER.reduce((n, store) => n + (data[store]?.length ?? 0), 0);
  let done = 0;
  const tick = () => {
    done++;
    if (onProgress && (done % every === 0 || done === total)) onProgress(done, total);
  };
  // Issue every request up front on the browser's own transaction (no awaits between them, so it never
  // idles; and no promise per request, as idb's wrapper makes: a large share of a 30,000-row import), then wait.
  // A failed request aborts the transaction, and `tx.done` rejects with its error.
  const raw = unwrap(tx) as IDBTransaction;
  bulkWrite(raw, (marker) => {
    const putEach = (store: SyncedStore, records: readonly unknown[] | undefined) => {
      const s = raw.objectStore(store);
      for (const r of records ?? []) {
        if (marker) {
          const id = syncedIdOf(store, r);
          if (marker.needsBase(store, id)) {
            // Read before the put (requests run in order): the record as it was is the merge's base.
            const before = s.get(id);
            before.onsuccess = () => marker.mark(store, id, before.result);
          } else {
            marker.mark(store, id, undefined);
          }
        }
        s.put(r).onsuccess = tick;
      }
    };
    for (const store of PUT_ORDER) putEach(store, data[store]);
    if (receipt) raw.objectStore('meta').put(receipt);
  });
  try {
    await tx.done;
  } catch (err) {
    try {
      tx.abort();
    } catch {
      // already aborted
    }
    throw err;
  }
}

/** The receipt of the last import, if it was `id`. */
export async function importReceipt(db: KithDb, id: string): Promise<ImportReceipt | undefined> {
  const r = await db.get('meta', 'lastImport');
  return r?.id === id ? r : undefined;
}

/**
 * Deletes every record of every store, in one transaction. While sync is connected every synced
 * record leaves its tombstone, so the delete reaches the other devices too.
 */
export async function clearAll(db: KithDb, now = Date.now()): Promise<void> {
  const tx = db.transaction(BULK_STORES, 'readwrite');
  const raw = unwrap(tx) as IDBTransaction;
  bulkWrite(raw, (marker) => {
    if (marker) for (const store of Object.keys(SYNCED_STORES) as SyncedStore[]) tombstoneAll(raw, store, marker, now);
    for (const s of ALL_STORES) raw.objectStore(s as StoreName).clear();
  });
  await tx.done;
}

/** Every record of `store` as a delete at `at` (its keys read before the clear that follows). */
function tombstoneAll(raw: IDBTransaction, store: SyncedStore, marker: BulkMarker, at: number): void {
  const keys = raw.objectStore(store).getAllKeys();
  // A delete needs no base: its tombstone wins over every edit, whatever the record was.
  keys.onsuccess = () => {
    for (const id of keys.result as string[]) marker.mark(store, id, undefined, at);
  };
}
