/**
 * Measurements on web pages: what the content script costs a page load (with the extension and, in a
 * second browser, without it), when Kith's frame shows the stored person, and how fast it follows an
 * in-app navigation.
 *
 * The person appears in Kith's own documents, not in the page: the sidebar is an extension page in a
 * frame inside a closed shadow root (utils/content/frame.ts), the side panel a page of its own. So two
 * recorders take the stamps. In the page's main world, `instrument` stamps the `<kith-sidebar>` host
 * and the page's own h1; in Kith's documents (the init script also runs in the frame; the side panel
 * gets it over the DevTools protocol), `recordKith` logs every change of what Kith shows. Stamps from
 * different documents are compared on the clock they share, performance.timeOrigin + now() (one
 * monotonic clock per machine: checked against the DevTools trace's timestamps, they agree to 0.1 ms).
 * Nothing here evaluates in the page while it is measured: the frame is waited for from Node
 * (page.frames()) and polled inside itself, in the extension's process.
 */
import type { Frame, Page } from '@playwright/test';
import { BenchError, pageMetrics, trace, type Browser } from './browser.ts';
import { analyseTrace, type TraceFacts } from './trace.ts';

/** One change of what a Kith document shows: its panel's label ("Kith: Anna Nowak") and whether it shows the stored person. */
export interface Shown {
  /** performance.timeOrigin + now(), ms. */
  at: number;
  label: string;
  /** The frame's tab reads "✓ Kith" (closed sidebar), or the panel lists the stored person's encounters (side panel). */
  saved: boolean;
}

/**
 * Runs in a document of Kith's (the sidebar's frame, the side panel page) and logs in `__kithShown`
 * every change of its label or of the stored person being shown. Self-contained: it is serialised.
 */
export function recordKith(): void {
  const w = window as unknown as { __kithShown?: Shown[] };
  if (w.__kithShown) return;
  const log: Shown[] = (w.__kithShown = []);
  let last = '';
  const check = () => {
    const panel = document.getElementById('kith-panel');
    const label = panel?.getAttribute('aria-label') ?? '';
    const tab = document.querySelector('.kith-tab');
    // Closed on the page: the tab says so. In the side panel (no tab): the stored person's sections.
    const saved = tab ? (tab.textContent ?? '').startsWith('✓') : !!panel?.querySelector('section');
    const key = `${label}\n${saved}`;
    if (key === last) return;
    last = key;
    log.push({ at: performance.timeOrigin + performance.now(), label, saved });
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  check();
}

interface PageMarks {
  /** <kith-sidebar> attached, shared clock (-1: never). */
  host: number;
  /** The page's main h1 shows `want`, shared clock (watchPage only). */
  name: number;
  mutations: number;
  want: string | null;
}

/**
 * Runs in the page's main world before any page script (Kith's frame runs `recordKith` instead, see
 * initScript). `watchPage`: also count every DOM mutation and stamp
 * when the wanted name appears in the page's `main h1` (the feed and the SPA measurements).
 */
function instrument(opts: { want: string | null; watchPage: boolean }): void {
  if (window !== window.top) return;
  const b: PageMarks = { host: -1, name: -1, mutations: 0, want: opts.want };
  (window as unknown as { __kithBench: PageMarks }).__kithBench = b;
  const now = () => performance.timeOrigin + performance.now();
  const start = () => {
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if (n.nodeName === 'KITH-SIDEBAR' && b.host < 0) b.host = now();
    }).observe(document.documentElement, { childList: true });
    if (!opts.watchPage) return;
    new MutationObserver((records) => {
      // Nodes added and kept show in the serialised DOM, compared apart. Counted here: what the DOM does
      // not show afterwards (attributes changed, nodes removed) and any element added that is Kith's kind
      // (a custom element, a frame), not the parser's nodes (how many records they make depends on how
      // the parser splits its work).
      for (const r of records) {
        const kithKind = [...r.addedNodes].some((n) => n.nodeName.includes('-') || n.nodeName === 'IFRAME');
        if (kithKind || r.type !== 'childList' || r.removedNodes.length) b.mutations++;
      }
      if (b.want && b.name < 0 && document.querySelector('main h1')?.textContent === b.want) b.name = now();
    }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  };
  if (document.documentElement) start();
  else {
    new MutationObserver((_, o) => {
      if (!document.documentElement) return;
      o.disconnect();
      start();
    }).observe(document, { childList: true });
  }
}

/**
 * The init script for a page: `instrument` with its options, and `recordKith` in Kith's frame (inlined:
 * the extension's pages allow no eval).
 */
function initScript(want: string | null, watchPage: boolean): string {
  return `if (location.protocol === 'chrome-extension:') (${recordKith.toString()})();
else (${instrument.toString()})(${JSON.stringify({ want, watchPage })});`;
}

const SIDEBAR_FRAME = /^chrome-extension:\/\/[^/]+\/sidebar\.html/;

/** Kith's frame in `page`, waiting for the content script to place it. */
export async function sidebarFrame(page: Page, timeoutMs = 20_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = page.frames().find((f) => !f.isDetached() && SIDEBAR_FRAME.test(f.url()));
    if (frame) return frame;
    if (Date.now() > deadline) throw new BenchError(`Kith's frame never appeared on ${page.url()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Waits, inside `frame` (a Kith document), until it shows `name` as the stored person after `since`
 * (shared clock), and returns its log. `evaluate`: run a function in the document (a Playwright frame's,
 * or a DevTools session's for the side panel).
 */
export async function untilShown(evaluate: <T>(f: string) => Promise<T>, name: string, since: number, what: string, timeoutMs = 20_000): Promise<Shown[]> {
  const deadline = Date.now() + timeoutMs;
  const read = `(() => (window.__kithShown || []))()`;
  for (;;) {
    const log = await evaluate<Shown[]>(read);
    if (log.some((s) => s.at >= since && s.saved && s.label.includes(name))) return log;
    if (Date.now() > deadline) {
      const text = await evaluate<string>('document.body.innerText.replace(/\\s+/g, " ").slice(0, 200)').catch(() => '');
      throw new BenchError(`${what} never showed ${name} as the stored person within ${timeoutMs / 1000} s (it showed: ${JSON.stringify(text)})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The first entry after `since` naming `name` (saved: showing the stored person), or NaN. */
export function shownAt(log: Shown[], name: string, since: number, saved: boolean): number {
  return log.find((s) => s.at >= since && s.label.includes(name) && (!saved || s.saved))?.at ?? NaN;
}

/** A Playwright frame's evaluate, for `untilShown`. */
const inFrame = (frame: Frame) => <T,>(expression: string): Promise<T> => frame.evaluate(expression) as Promise<T>;

/** The frame's own load, on the shared clock: its navigation starts, its DOMContentLoaded (its scripts ran). */
interface FrameLoad {
  start: number;
  domContentLoaded: number;
  log: Shown[];
}

export interface PageLoad extends TraceFacts {
  /** Performance.getMetrics ScriptDuration for the load, ms. */
  scriptMs: number;
  taskMs: number;
  /** The page's performance.timeOrigin: page-clock figures plus this are on the shared clock. */
  origin: number;
  domContentLoaded: number;
  load: number;
  marks: PageMarks;
  /** Kith's frame, when the load waited for it to show the person. */
  frame?: FrameLoad;
  /** The DOM serialised at the end (to compare with and without the extension). */
  domDigest: string;
}

async function digest(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const text = new XMLSerializer().serializeToString(document);
    const hash = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
    return `${text.length}:${[...new Uint8Array(hash)].slice(0, 8).map((x) => x.toString(16).padStart(2, '0')).join('')}`;
  });
}

/**
 * Loads `url` in a new tab of `b` and measures it. With `want` (a name), waits until Kith's frame shows
 * that stored person; then `settleMs` more so trailing work is counted, in both browsers alike.
 */
export async function loadPage(b: Browser, url: string, opts: { want: string | null; watchPage?: boolean; settleMs?: number; timeoutMs?: number }): Promise<PageLoad> {
  const page = await b.context.newPage();
  try {
    await page.addInitScript({ content: initScript(opts.want, opts.watchPage ?? false) });
    const cdp = await b.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const before = await pageMetrics(cdp);
    let frame: Frame | undefined;
    const events = await trace(cdp, async () => {
      await page.goto(url, { waitUntil: 'load' });
      if (opts.want && b.extensionId) {
        frame = await sidebarFrame(page, opts.timeoutMs);
        await untilShown(inFrame(frame), opts.want, 0, `Kith's frame on ${url}`, opts.timeoutMs);
      }
      await page.waitForTimeout(opts.settleMs ?? 500);
    });
    const after = await pageMetrics(cdp);
    const nav = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return { origin: performance.timeOrigin, dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd, marks: (window as unknown as { __kithBench: PageMarks }).__kithBench };
    });
    await cdp.detach().catch(() => undefined);
    const frameLoad = frame
      ? await frame.evaluate(() => {
          const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
          return { start: performance.timeOrigin, domContentLoaded: performance.timeOrigin + n.domContentLoadedEventEnd, log: (window as unknown as { __kithShown: Shown[] }).__kithShown };
        })
      : undefined;
    return {
      scriptMs: (after.ScriptDuration - before.ScriptDuration) * 1000,
      taskMs: (after.TaskDuration - before.TaskDuration) * 1000,
      origin: nav.origin,
      domContentLoaded: nav.dcl,
      load: nav.load,
      marks: nav.marks,
      frame: frameLoad,
      ...analyseTrace(events, b.extensionId),
      domDigest: await digest(page),
    };
  } finally {
    await page.close().catch(() => undefined);
  }
}

/** When the frame of a load showed the stored person, ms after the page's DOMContentLoaded. */
export function filledAfterDcl(l: PageLoad, name: string): number {
  return l.frame ? shownAt(l.frame.log, name, 0, true) - (l.origin + l.domContentLoaded) : NaN;
}

export interface NavSample {
  /** New name in the page -> Kith labelled with it, ms. */
  label: number;
  /** New name in the page -> Kith showing the stored person, ms. */
  filled: number;
}

/**
 * How an in-app navigation changes the page: `go` is the SPA fixture's (tests/e2e/spa-page.ts: the URL
 * first, the whole profile `delay` ms later, as LinkedIn does); `h1` changes the URL and, `delay` ms
 * later, only the h1 (the links the adapter compares stay the previous person's), as some LinkedIn
 * transitions do (issue 16).
 */
export type Transition = 'go' | 'h1';

/** Starts an in-app navigation to `p` in the SPA fixture, stamping the new name in the page (`__kithBench.name`). */
export async function navigate(page: Page, p: { slug: string; name: string }, how: Transition, delayMs = 120): Promise<number> {
  return page.evaluate(
    ({ slug, name, how, delayMs }) => {
      const b = (window as unknown as { __kithBench: PageMarks }).__kithBench;
      Object.assign(b, { want: name, name: -1 });
      const path = `/in/${encodeURIComponent(slug)}/`;
      const since = performance.timeOrigin + performance.now();
      if (how === 'go') (window as unknown as { go: (path: string, delay: number) => void }).go(path, delayMs);
      else {
        history.pushState({}, '', path);
        setTimeout(() => {
          const h1 = document.querySelector('main h1');
          if (h1) h1.textContent = name;
        }, delayMs);
      }
      return since;
    },
    { slug: p.slug, name: p.name, how, delayMs },
  );
}

/**
 * The page's stamp of the new name (shared clock), waiting for it: Kith may show the person before
 * the page shows their name (it knows them by the URL's key), and the figure is then negative.
 */
export async function nameShown(page: Page, name: string): Promise<number> {
  const at = await page
    .waitForFunction(() => { const at = (window as unknown as { __kithBench: PageMarks }).__kithBench.name; return at >= 0 && at; }, null, { timeout: 5_000, polling: 20 })
    .then((h) => h.jsonValue() as Promise<number>)
    .catch(() => -1);
  if (at < 0) throw new BenchError(`the page never showed ${name}`);
  return at;
}

/** A page of the SPA fixture with the page instrumented (its frame, if any, records too). */
export async function spaTab(b: Browser, url: string, want: string): Promise<Page> {
  const page = await b.context.newPage();
  await page.addInitScript({ content: initScript(want, true) });
  await page.goto(url);
  return page;
}

/**
 * In-app navigations in the SPA fixture: from one stored person's profile to the next, `count` times,
 * each measured from the new name in the page to Kith's frame showing it.
 */
export async function inAppNavigations(b: Browser, origin: string, people: Array<{ slug: string; name: string }>, count: number, how: Transition): Promise<NavSample[]> {
  const page = await spaTab(b, `${origin}/in/${people[0].slug}/`, people[0].name);
  try {
    const frame = await sidebarFrame(page);
    await untilShown(inFrame(frame), people[0].name, 0, "Kith's frame");
    const samples: NavSample[] = [];
    // After an h1-only transition the page's links still name the first person: going back to them,
    // the page would look as if it showed them already. So the h1 transitions visit only the others.
    const next = how === 'go' ? people : people.slice(1);
    for (let i = 1; i <= count; i++) {
      const p = next[(how === 'go' ? i : i - 1) % next.length];
      await page.waitForTimeout(200);
      const since = await navigate(page, p, how);
      const log = await untilShown(inFrame(frame), p.name, since, `Kith's frame after an in-app navigation (${how})`);
      const name = await nameShown(page, p.name);
      samples.push({ label: shownAt(log, p.name, since, false) - name, filled: shownAt(log, p.name, since, true) - name });
    }
    return samples;
  } finally {
    await page.close().catch(() => undefined);
  }
}
