/**
 * Measurements of the extension's own pages and its store: popup first paint, the overdue query, search
 * as you type, exports. Message timings are taken inside the page (performance.now() around
 * chrome.runtime.sendMessage), so Playwright's own round trips are not counted.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { FIRST_SCREEN_KEY } from '../../utils/first-screen.ts';
import { BenchError, currentWorker, type Browser } from './browser.ts';
import type { BareBrowser, BareWorkerControl } from './bare.ts';

/** Times `times` sends of one message from an extension page; returns each round trip in ms. */
export async function timeMessage(page: Page, name: string, payload: unknown, times: number): Promise<number[]> {
  const out = await page.evaluate(
    async ({ name, payload, times }) => {
      const ms: number[] = [];
      for (let i = 0; i < times; i++) {
        const t0 = performance.now();
        const reply = (await chrome.runtime.sendMessage({ kith: name, payload })) as { ok: boolean; error?: string };
        ms.push(performance.now() - t0);
        if (!reply?.ok) return { error: reply?.error ?? 'no reply', ms };
      }
      return { ms };
    },
    { name, payload, times },
  );
  if ('error' in out) throw new BenchError(`${name}: ${out.error}`);
  return out.ms;
}

/**
 * The popup's pages are opened in a tab of the popup's own size: its body is 380 px wide, and a browser
 * shows a popup at most 800 × 600. A 1280 px tab would paint and raster three times the area a real popup has.
 */
export const POPUP_VIEWPORT = { width: 380, height: 600 };

export interface PopupPaint {
  /** First contentful paint of popup.html (the list is the first thing it renders), ms after navigation start. */
  firstPaint: number;
  /** The popup's own marks: the list arrived / was rendered, ms after navigation start. */
  dataArrived: number;
  rendered: number;
  /** The popup's script started ('kith-popup-start'), ms after navigation start. */
  scriptStart: number;
  rows: number;
  /** It painted the first screen the background keeps in storage.session (utils/first-screen.ts). */
  kept: boolean;
}

/** What the popup page marks, read in the page once it has painted (the protocol's JSON). */
const POPUP_MARKS = `JSON.stringify((() => {
  const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
  return {
    firstPaint: at('first-contentful-paint'),
    dataArrived: at('kith-popup-data'),
    rendered: at('kith-popup-rendered'),
    scriptStart: at('kith-popup-start'),
    rows: document.querySelectorAll('.fu-row').length,
    kept: performance.getEntriesByName('kith-popup-kept').length > 0,
  };
})())`;
const PAINTED = "performance.getEntriesByName('first-contentful-paint').length > 0";
/** Nothing is evaluated in a page being measured before this: its first paint is due well before. */
const QUIET_MS = 1_000;

/**
 * Opens popup.html in a window of the popup's size in a bare browser (bare.ts: no automation library in
 * the page) and reads when it first painted with the follow-ups. `dropKept` first removes the first screen
 * the background keeps (as a change does, for the moment until it is made again).
 */
export async function popupPaint(b: BareBrowser, control: BareWorkerControl, { dropKept = false } = {}): Promise<PopupPaint> {
  if (dropKept) await control.page.evaluate(`chrome.storage.session.remove(${JSON.stringify(FIRST_SCREEN_KEY)})`);
  const page = await b.open('popup.html', POPUP_VIEWPORT);
  try {
    await page.until(`performance.getEntriesByName('kith-popup-rendered').length > 0 && ${PAINTED}`, 'the popup never rendered (no kith-popup-rendered mark and first paint)', QUIET_MS);
    return JSON.parse(await page.evaluate<string>(POPUP_MARKS)) as PopupPaint;
  } finally {
    await page.close();
  }
}

/**
 * The browser's floor under the popup's first paint on this machine: the popup's first screen, as it
 * rendered it (its DOM the moment the kith-popup-rendered mark was set), served as a static page of the
 * extension with the same stylesheets and no script, opened `times` times (after `settle()`). Returns
 * first-contentful-paint ms of each opening. The page is written into the unpacked extension
 * (`extensionDir`) and removed after.
 */
export async function popupStaticFloor(b: BareBrowser, extensionDir: string, times: number, settle: () => Promise<void>): Promise<number[]> {
  const capture = `new PerformanceObserver((list) => {
    if (list.getEntriesByName('kith-popup-rendered').length === 0) return;
    const links = [...document.querySelectorAll('link[rel=stylesheet]')].map((l) => '<link rel="stylesheet" href="' + l.getAttribute('href') + '">').join('');
    globalThis.kithFirstScreen = '<!DOCTYPE html><html lang="' + document.documentElement.lang + '"><head><meta charset="utf-8"><meta name="color-scheme" content="light dark"><title>Kith</title>' + links + '</head><body>' + new XMLSerializer().serializeToString(document.getElementById('app')) + '</body></html>';
  }).observe({ type: 'mark' });`;
  const page = await b.open('popup.html', POPUP_VIEWPORT, capture);
  let html: string;
  try {
    await page.until('globalThis.kithFirstScreen', 'the popup never rendered its first screen', 200);
    html = await page.evaluate<string>('globalThis.kithFirstScreen');
  } finally {
    await page.close();
  }
  const file = join(extensionDir, 'bench-first-screen.html');
  writeFileSync(file, html);
  try {
    await settle(); // what the popup that was opened to capture it set the worker doing
    const out: number[] = [];
    for (let i = 0; i < times; i++) {
      const p = await b.open('bench-first-screen.html', POPUP_VIEWPORT);
      try {
        await p.until(PAINTED, 'the static first screen never painted', QUIET_MS);
        out.push(await p.evaluate<number>("performance.getEntriesByName('first-contentful-paint')[0].startTime"));
      } finally {
        await p.close();
      }
    }
    return out;
  } finally {
    rmSync(file, { force: true });
  }
}

/**
 * The overdue query alone, without the message and the rows' encounters and photos: the same IndexedDB
 * requests 'followups.list' makes for the overdue group (the first 25 by due date, and the count), run
 * inside the service worker on its own connection. Returns ms per run.
 */
export async function overdueQueryInWorker(b: Browser, times: number): Promise<number[]> {
  const worker = await currentWorker(b.context);
  return worker.evaluate(async (times) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('kith');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const d = new Date();
    const today = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const ms: number[] = [];
    for (let i = 0; i < times; i++) {
      const t0 = performance.now();
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('people');
        const index = tx.objectStore('people').index('byDue');
        const range = IDBKeyRange.upperBound(today, true);
        index.getAll(range, 25);
        index.count(range);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      ms.push(performance.now() - t0);
    }
    db.close();
    return ms;
  }, times);
}

export const EXPORT_FORMATS = ['json', 'csv', 'vcard3', 'vcard4', 'ics'] as const;

/**
 * What every export reads first (readAll in utils/db/reads.ts): getAll() of the four stores in one
 * transaction, on a second connection inside the service worker. Returns ms per run.
 */
export async function readAllInWorker(b: Browser, times: number): Promise<number[]> {
  const worker = await currentWorker(b.context);
  return worker.evaluate(async (times) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('kith');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const ms: number[] = [];
    for (let i = 0; i < times; i++) {
      const t0 = performance.now();
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(['people', 'encounters', 'events', 'photos']);
        for (const name of ['people', 'encounters', 'events', 'photos']) tx.objectStore(name).getAll();
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      ms.push(performance.now() - t0);
    }
    db.close();
    return ms;
  }, times);
}

export type IndexVariant = 'all indexes' | 'v4 with byTerm' | 'no index';

/**
 * The IndexedDB floor of an import: raw put() of `people` in one transaction inside the service worker,
 * into a scratch database with the people store's indexes (utils/db/migrations.ts), with the search-word
 * index schema v4 had as well (byTerm), or with none; no idb wrapper, no planning. Deletes the scratch databases. Returns ms.
 */
export async function rawPutFloor(b: Browser, people: unknown[], variant: IndexVariant): Promise<number> {
  const worker = await currentWorker(b.context);
  return worker.evaluate(
    async ({ people, variant }) => {
      const name = `kith-bench-scratch-${Date.now()}`;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(name, 1);
        req.onupgradeneeded = () => {
          const s = req.result.createObjectStore('people', { keyPath: 'id' });
          if (variant === 'no index') return;
          s.createIndex('byKey', 'keys', { unique: true, multiEntry: true });
          s.createIndex('byDue', 'followUp.due');
          s.createIndex('byTag', 'tags', { multiEntry: true });
          if (variant === 'v4 with byTerm') s.createIndex('byTerm', 'terms', { multiEntry: true });
        };
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const t0 = performance.now();
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('people', 'readwrite');
        const store = tx.objectStore('people');
        for (const p of people) store.put(p);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      const ms = performance.now() - t0;
      db.close();
      await new Promise((resolve) => {
        const req = indexedDB.deleteDatabase(name);
        req.onsuccess = req.onerror = req.onblocked = resolve;
      });
      return ms;
    },
    { people, variant },
  );
}

/**
 * Makes the extension's store behave as with sync connected, without a server: the syncState entry
 * every write reads (utils/db/outbox.ts) is written straight into the worker's database, so each record
 * an import writes is queued for sync as it would be. Nothing is sent anywhere.
 */
export async function queueForSyncInWorker(b: Browser): Promise<void> {
  const worker = await currentWorker(b.context);
  await worker.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('kith');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('syncState', 'readwrite');
      tx.objectStore('syncState').put({ deviceId: 'bench' }, 'device');
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  });
}
