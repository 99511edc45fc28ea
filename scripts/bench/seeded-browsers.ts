/**
 * The browsers the phases measure: the one on the big store (seeded once through the options page's
 * import, shared by the page, navigation, popup, search and list phases), the one on the export data
 * set, and fresh ones on empty profiles for the imports.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { exportBackup } from '../../utils/formats/json-backup.ts';
import { DB_VERSION } from '../../utils/db/schema.ts';
import { BenchError, extensionPage, kith, launch, removeProfile, tempProfile, WorkerControl, type Browser } from './browser.ts';
import { args, EXTENSION_DIR, PEOPLE, SEED, TODAY } from './config.ts';
import { realPage, serveFixtures, SPA_PEOPLE, type RealPage } from './fixtures.ts';
import { generateKithData, splitData, type PinnedPerson } from './generate.ts';
import { importText } from './seed.ts';
import { cleanups, log } from './session.ts';

/**
 * The browser on the big store, with the saved page and the SPA served. The popup phase measures in a
 * bare browser on the same profile and then launches this one again: `ext` and `control` change.
 */
export interface StoreBrowser {
  page: RealPage;
  ext: Browser;
  control: WorkerControl;
  /** The profile's folder. */
  dir: string;
  /** How long seeding took; null when a kept profile was reused (--keep-profile). */
  seedMs: number | null;
}

let chromium = 'unknown';

/** The Chromium version, from the first browser the run asks (for the results' machine). */
export const chromiumSeen = (): string => chromium;

/** Asks `b` for its Chromium version, unless an earlier browser told it already. */
export async function noteChromium(b: Browser): Promise<void> {
  if (chromium === 'unknown') chromium = await chromiumVersion(b);
}

/** Seeds (or reuses) the big store with the saved page's person and the SPA's pinned in it, and opens its browser. */
export async function openStore(): Promise<StoreBrowser> {
  // The saved page: read with the big store, whose phases are the only ones that load it.
  const page = realPage();
  const pinned: PinnedPerson[] = [{ slug: page.slug, name: page.name, company: 'Novare Potential' }, ...SPA_PEOPLE.map((p) => ({ ...p, slug: p.slug.normalize('NFC') }))];
  const seeded = await seededBrowser('store', PEOPLE, SEED, pinned);
  await noteChromium(seeded.b);
  await serveFixtures(seeded.b, page);
  const store: StoreBrowser = { page, ext: seeded.b, control: await WorkerControl.open(seeded.b, EXTENSION_DIR), dir: seeded.dir, seedMs: seeded.seedMs };
  cleanups.unshift(() => store.control?.dispose());
  // Kith on the page, as installed (a kept profile may come from a run stopped in the side-panel phase).
  await setPresentation(store.control.page, 'page');
  return store;
}

/** The setting "Show Kith: on the page / in the browser's side panel", written as the options page writes it. */
export async function setPresentation(control: Page, presentation: 'page' | 'panel'): Promise<void> {
  await control.evaluate(async (presentation) => {
    const { settings } = await chrome.storage.local.get('settings');
    await chrome.storage.local.set({ settings: { ...(settings as object | undefined), presentation } });
  }, presentation);
}

/** The browser profile with `people` seeded through the import, reused from --keep-profile when it matches. */
export async function seededBrowser(label: string, people: number, seed: string, pinned: PinnedPerson[]): Promise<{ b: Browser; seedMs: number | null; dir: string }> {
  const generator = createHash('sha256').update(readFileSync(join(import.meta.dirname, 'generate.ts'))).digest('hex').slice(0, 16);
  const stamp = JSON.stringify({ people, seed, today: TODAY, dbVersion: DB_VERSION, pinned, generator });
  const keep = args['keep-profile'] ? resolve(args['keep-profile'], label) : undefined;
  if (keep && existsSync(join(keep, 'kith-bench.json')) && readFileSync(join(keep, 'kith-bench.json'), 'utf8') === stamp) {
    log(`reusing the seeded profile ${keep}`);
    // Chromium keeps the service worker's script in the profile and, the extension's version being the
    // same, would run the background of the build that seeded it: drop it so this build's is registered.
    rmSync(join(keep, 'Default', 'Service Worker'), { recursive: true, force: true });
    const b = await launch(keep, EXTENSION_DIR);
    cleanups.push(() => b.close());
    return { b, seedMs: null, dir: keep };
  }
  const dir = keep ?? tempProfile(label);
  if (keep) {
    removeProfile(keep);
    mkdirSync(keep, { recursive: true });
  } else cleanups.push(() => removeProfile(dir));
  log(`generating ${people.toLocaleString('en-US')} people (seed "${seed}")...`);
  const data = generateKithData({ seed, people, today: TODAY, pinned });
  const exportedAt = new Date().toISOString();
  // The background accepts up to 100 Mi characters per import; bigger stores go in several files.
  let texts = [exportBackup(data, exportedAt)];
  if (texts[0].length > 100 * 1024 * 1024) {
    const parts = Math.ceil(texts[0].length / (90 * 1024 * 1024));
    texts = splitData(data, parts).map((d) => exportBackup(d, exportedAt));
  }
  const mb = (texts.reduce((n, t) => n + t.length, 0) / 1e6).toFixed(0);
  log(`importing them through the options page (${mb} M characters, ${data.encounters.length.toLocaleString('en-US')} encounters, ${data.photos.length.toLocaleString('en-US')} photos)...`);
  let b = await launch(dir, EXTENSION_DIR);
  cleanups.push(() => b.close()); // whichever browser `b` holds when the run ends
  const page = await extensionPage(b, 'options.html');
  let seedMs = 0;
  for (const text of texts) seedMs += (await importText(b, page, 'backup', text, 30 * 60_000)).totalMs;
  const stats = await kith<{ people: number }>(page, 'stats.get', {});
  if (stats.people !== people) throw new BenchError(`seeding stored ${stats.people} people, not ${people}`);
  log(`seeded in ${(seedMs / 1000).toFixed(1)} s; restarting the browser on that profile`);
  // Measure a fresh browser on the seeded profile, not one still digesting the import.
  await b.close();
  b = await launch(dir, EXTENSION_DIR);
  if (keep) writeFileSync(join(keep, 'kith-bench.json'), stamp);
  return { b, seedMs, dir };
}

/** Runs `body` in a browser with the extension on a new, empty profile, then removes the profile. */
export async function withFreshBrowser(body: (b: Browser, options: Page) => Promise<void>): Promise<void> {
  const dir = tempProfile('fresh');
  const b = await launch(dir, EXTENSION_DIR);
  try {
    await body(b, await extensionPage(b, 'options.html'));
  } finally {
    await b.close();
    removeProfile(dir);
  }
}

async function chromiumVersion(b: Browser): Promise<string> {
  const page = await b.context.newPage();
  try {
    const cdp = await b.context.newCDPSession(page);
    const { product } = await cdp.send('Browser.getVersion');
    return /\/([\d.]+)/.exec(product)?.[1] ?? product;
  } finally {
    await page.close();
  }
}
