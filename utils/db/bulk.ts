import type { KithDb } from './index';
import type { KithData } from '../types';
import { ALL_STORES, type ImportReceipt } from './schema';

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
  const writes: Promise<unknown>[] = [];
  // Issue every request up front (no awaits between them, so the transaction never idles), then wait.
  for (const e of data.events ?? []) writes.push(tx.objectStore('events').put(e).then(tick));
  for (const p of data.people ?? []) writes.push(tx.objectStore('people').put(p).then(tick));
  for (const e of data.encounters ?? []) writes.push(tx.objectStore('encounters').put(e).then(tick));
  for (const ph of data.photos ?? []) writes.push(tx.objectStore('photos').put(ph).then(tick));
  if (receipt) writes.push(tx.objectStore('meta').put(receipt));
  try {
    await Promise.all([...writes, tx.done]);
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
