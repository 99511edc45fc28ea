import { test as base, chromium, expect, type BrowserContext, type Frame, type Page, type Worker } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromiumPath, HOW_TO_GET_CHROMIUM } from './browsers';

export const EXTENSION_DIR = resolve(process.env.KITH_OUT_DIR ?? '.output', 'chrome-mv3');
export const SHARED_PAGES = resolve('../shared/fixtures/real-pages');
export const OWN_PAGES = resolve('tests/fixtures/linkedin');

/** The browser's language: its UI (which picks the extension's messages) and the pages' locale. */
export type BrowserLanguage = { lang: string; locale: string };

/** Launches Chromium with the built extension on a profile directory (reuse the dir to "restart"). */
export async function launch(userDataDir: string, extensionDir: string = EXTENSION_DIR, language?: BrowserLanguage): Promise<BrowserContext> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error(HOW_TO_GET_CHROMIUM);
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    ...(language ? { locale: language.locale } : {}),
    args: [
      ...(language ? [`--lang=${language.lang}`] : []),
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  // Nothing leaves the machine: every request not served by a test is refused.
  await context.route(/^https?:\/\//, (route) => route.abort('blockedbyclient'));
  return context;
}

export async function serviceWorker(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
}

/** Serves `html` at a profile URL (and anything under it), as if LinkedIn had. */
export async function serve(context: BrowserContext, url: string | RegExp | ((url: URL) => boolean), html: string): Promise<void> {
  await context.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
}

/** A real image to serve as a profile photo (Kith's own icon). */
export const PHOTO_PNG = readFileSync(resolve('public/icon/128.png'));

/** Removes a browser profile directory; Chromium may still be flushing it just after close. */
export function removeDir(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
  } catch {
    // A temporary directory left behind is harmless.
  }
}

type Fixtures = {
  /** The browser's language (test.use({ browserLanguage: { lang: 'pl', locale: 'pl-PL' } })); English when unset. */
  browserLanguage: BrowserLanguage | undefined;
  userDataDir: string;
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  /** Opens one of Kith's pages (popup.html, options.html...) in a tab. */
  openExtensionPage: (path: string) => Promise<Page>;
};

export const test = base.extend<Fixtures>({
  browserLanguage: [undefined, { option: true }],
  // eslint-disable-next-line no-empty-pattern
  userDataDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'kith-e2e-'));
    await use(dir);
    removeDir(dir);
  },
  context: async ({ userDataDir, browserLanguage }, use) => {
    const context = await launch(userDataDir, EXTENSION_DIR, browserLanguage);
    await use(context);
    await context.close();
  },
  worker: async ({ context }, use) => {
    await use(await serviceWorker(context));
  },
  extensionId: async ({ worker }, use) => {
    await use(new URL(worker.url()).host);
  },
  openExtensionPage: async ({ context, extensionId }, use) => {
    await use(async (path) => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    });
  },
});

export { expect } from '@playwright/test';

/** The frame of Kith's sidebar page in a tab, if there is one now. */
export function findSidebarFrame(page: Page): Frame | undefined {
  return page.frames().find((f) => !f.isDetached() && /^chrome-extension:\/\/[^/]+\/sidebar\.html/.test(f.url()));
}

/**
 * Kith's sidebar on a web page: its own page in a frame inside a closed shadow root, which neither
 * the page nor Playwright's selectors can enter; Playwright reaches the frame itself through
 * page.frames(). Waits for it (a new one after every page load).
 */
export async function sidebarFrame(page: Page, timeout = 10_000): Promise<Frame> {
  const until = Date.now() + timeout;
  for (;;) {
    const frame = findSidebarFrame(page);
    if (frame) {
      await frame.waitForLoadState('domcontentloaded');
      return frame;
    }
    if (Date.now() > until) throw new Error(`No Kith sidebar frame on ${page.url()}`);
    await page.waitForTimeout(25);
  }
}

/** Opens a profile page and Kith's sidebar on it (as a person would: the tab), and returns the sidebar named for `name`. */
export async function openSidebar(page: Page, url: string, name: string) {
  await page.goto(url);
  const kith = await sidebarFrame(page);
  const tab = kith.getByRole('button', { name: 'Open Kith' });
  const sidebar = kith.getByRole('complementary', { name: `Kith: ${name}` });
  await expect(tab.or(sidebar)).toBeVisible();
  if (await tab.isVisible()) await tab.click();
  await expect(sidebar).toBeVisible();
  return sidebar;
}

type Reply = { ok: true; value: unknown } | { ok: false; error: string };

/** Sends one protocol message from one of Kith's pages, as the pages do; throws the refusal's reason. */
export async function kith<T = unknown>(page: Page, name: string, payload: unknown): Promise<T> {
  const reply = (await page.evaluate(
    ([n, p]) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ kith: n, payload: p }),
    [name, payload] as const,
  )) as Reply;
  if (!reply.ok) throw new Error(`${name}: ${reply.error}`);
  return reply.value as T;
}
