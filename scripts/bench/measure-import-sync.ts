/**
 * Run by hand (`node --experimental-transform-types --import ./scripts/bench/register.mjs
 * scripts/bench/measure-import-sync.ts`, after `npm run build`): a 30,000-row Connections.csv import
 * into an empty store, three times with sync off and three with sync connected (syncState 'device'
 * written straight into the worker's database, so every record is queued for sync), each in a new
 * browser profile. What utils/sync/README.md reports under "In the product". Not a budget row.
 */
import { resolve } from 'node:path';
import { extensionPage, launch, removeProfile, tempProfile, currentWorker } from './browser.ts';
import { closeImportServer, importText } from './seed.ts';
import { generateConnectionsCsv } from './generate.ts';

const EXT = resolve('.output/chrome-mv3');
const csv = generateConnectionsCsv({ seed: 'kith', rows: 30_000, today: '2026-06-19' });
const results: Record<string, number[]> = { off: [], on: [] };
for (let i = 0; i < 3; i++) {
  for (const mode of ['off', 'on'] as const) {
    const dir = tempProfile('sync-import');
    const b = await launch(dir, EXT);
    const page = await extensionPage(b, 'options.html');
    if (mode === 'on') {
      const worker = await currentWorker(b.context);
      await worker.evaluate(async () => {
        const db = await new Promise<IDBDatabase>((res, rej) => {
          const r = indexedDB.open('kith');
          r.onsuccess = () => res(r.result);
          r.onerror = () => rej(r.error);
        });
        await new Promise<void>((res) => {
          const tx = db.transaction('syncState', 'readwrite');
          tx.objectStore('syncState').put({ deviceId: 'bench' }, 'device');
          tx.oncomplete = () => res();
        });
        db.close();
      });
    }
    const t = await importText(b, page, 'connections', csv);
    const outbox = await (await currentWorker(b.context)).evaluate(async () => {
      const db = await new Promise<IDBDatabase>((res) => {
        const r = indexedDB.open('kith');
        r.onsuccess = () => res(r.result);
      });
      return new Promise<number>((res) => {
        const c = db.transaction('syncOutbox').objectStore('syncOutbox').count();
        c.onsuccess = () => res(c.result);
      });
    });
    results[mode].push(t.totalMs);
    console.log(mode, Math.round(t.totalMs), 'ms; outbox', outbox);
    await b.close();
    removeProfile(dir);
  }
}
await closeImportServer();
console.log(JSON.stringify(results));
