import type { KithDb } from './index';
import type { KithData } from '../model/types';
import { unwrap } from 'idb';
import { ALL_STORES, type ImportReceipt, type StoreName } from './schema';

/**
 * Writes many records in ONE transaction: an import lands whole or not at all. If the worker is
 * stopped or a write fails midway, IndexedDB rolls the whole transaction back.
 * `onProgress` is called as writes complete (for a progress bar), at most every `every` records.
 */
export async function putAll(
  db: KithDb,
  data: Partial<KithData>,
  onProgress?: (done: number, total: number) => void,
  every = 500,
  receipt?: ImportReceipt,
): Promise<void> {
  const tx = db.transaction(ALL_STORES, 'readwrite');
  const total =
    (data.people?.length ?? 0) + (data.encounters?.length ?? 0) + (data.events?.length ?? 0) + (data.photos?.length ?? 0);
  let done = 0;
  const tick = () => {
    done++;
    if (onProgress && (done % every === 0 || done === total)) onProgress(done, total);
  };
  // Issue every request up front on the browser's own transaction (no awaits between them, so it never
  // idles; and no promise per request, as idb's wrapper makes: a large share of a 30,000-row import), then wait.
  // A failed request aborts the transaction, and `tx.done` rejects with its error.
  const raw = unwrap(tx) as IDBTransaction;
  const putEach = (store: StoreName, records: readonly unknown[] | undefined) => {
    const s = raw.objectStore(store);
    for (const r of records ?? []) s.put(r).onsuccess = tick;
  };
  putEach('events', data.events);
  putEach('people', data.people);
  putEach('encounters', data.encounters);
  putEach('photos', data.photos);
  if (receipt) raw.objectStore('meta').put(receipt);
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

/** Deletes every record of every store, in one transaction. */
export async function clearAll(db: KithDb): Promise<void> {
  const tx = db.transaction(ALL_STORES, 'readwrite');
  await Promise.all([...ALL_STORES.map((s) => tx.objectStore(s).clear()), tx.done]);
}
