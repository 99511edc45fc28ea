/**
 * Measurements on web pages: what the content script costs a page load (with the extension and, in a
 * second browser, without it), when the sidebar shell and the stored person appear, and how fast the
 * sidebar follows an in-app navigation.
 *
 * Timestamps come from the page itself: an init script in the page's main world watches the
 * `<kith-sidebar>` host and its open shadow root with MutationObservers and stamps performance.now()
 * (and performance marks, which also land in the DevTools trace). The content script's start is the
 * trace's EvaluateScript event for the extension's file.
 */
import type { Page } from '@playwright/test';
import { BenchError, pageMetrics, trace, type Browser } from './browser.ts';
import { analyseTrace, type TraceFacts } from './trace.ts';

interface BenchMarks {
  host: number;
  hostFrame: number;
  label: number;
  filled: number;
  name: number;
  mutations: number;
  want: string | null;
}

/**
 * Runs in the page's main world before any page script. `watchPage`: also count every DOM mutation and
 * stamp when the wanted name appears in the page's `main h1` (the SPA measurements).
 */
function instrument(opts: { want: string | null; watchPage: boolean }): void {
  const b: BenchMarks = { host: -1, hostFrame: -1, label: -1, filled: -1, name: -1, mutations: 0, want: opts.want };
  (window as unknown as { __kithBench: BenchMarks }).__kithBench = b;
  const mark = (name: string) => {
    try {
      performance.mark(name);
    } catch {
      // Marks are only for the trace.
    }
  };
  const onShadow = (root: ShadowRoot) => {
    const check = () => {
      if (!b.want) return;
      const label = root.querySelector('aside')?.getAttribute('aria-label') ?? '';
      if (!label.includes(b.want)) return;
      if (b.label < 0) {
        b.label = performance.now();
        mark('kith-bench-label');
      }
      // The tab reads "✓ Kith" once the background answered with the stored person.
      if (b.filled < 0 && (root.querySelector('.kith-tab')?.textContent ?? '').startsWith('✓')) {
        b.filled = performance.now();
        mark('kith-bench-filled');
      }
    };
    new MutationObserver(check).observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
    check();
  };
  const watchRoot = (html: Element) => {
    new MutationObserver((records) => {
      for (const r of records) {
        for (const n of r.addedNodes) {
          if (n.nodeName !== 'KITH-SIDEBAR' || b.host >= 0) continue;
          b.host = performance.now();
          mark('kith-bench-host');
          requestAnimationFrame(() => {
            b.hostFrame = performance.now();
            mark('kith-bench-host-frame');
          });
          const root = (n as Element).shadowRoot;
          if (root) onShadow(root);
        }
      }
    }).observe(html, { childList: true });
  };
  const start = () => {
    watchRoot(document.documentElement);
    if (!opts.watchPage) return;
    new MutationObserver((records) => {
      b.mutations += records.length;
      if (b.want && b.name < 0 && document.querySelector('main h1')?.textContent === b.want) {
        b.name = performance.now();
        mark('kith-bench-name');
      }
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

export interface PageLoad extends TraceFacts {
  /** Performance.getMetrics ScriptDuration for the load, ms. */
  scriptMs: number;
  taskMs: number;
  domContentLoaded: number;
  load: number;
  marks: BenchMarks;
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
 * Loads `url` in a new tab of `b` and measures it. With `want` (a name), waits until the sidebar shows
 * that stored person; then `settleMs` more so trailing work is counted, in both browsers alike.
 */
export async function loadPage(b: Browser, url: string, opts: { want: string | null; watchPage?: boolean; settleMs?: number; timeoutMs?: number }): Promise<PageLoad> {
  const page = await b.context.newPage();
  try {
    await page.addInitScript(instrument, { want: opts.want, watchPage: opts.watchPage ?? false });
    const cdp = await b.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const before = await pageMetrics(cdp);
    const events = await trace(cdp, async () => {
      await page.goto(url, { waitUntil: 'load' });
      if (opts.want && b.extensionId) {
        await page
          .waitForFunction(() => (window as unknown as { __kithBench: BenchMarks }).__kithBench.filled >= 0, null, { timeout: opts.timeoutMs ?? 20_000, polling: 50 })
          .catch(() => {
            throw new BenchError(`the sidebar never showed ${opts.want} on ${url}`);
          });
      }
      await page.waitForTimeout(opts.settleMs ?? 500);
    });
    const after = await pageMetrics(cdp);
    const nav = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return { dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd, marks: (window as unknown as { __kithBench: BenchMarks }).__kithBench };
    });
    await cdp.detach().catch(() => undefined);
    return {
      scriptMs: (after.ScriptDuration - before.ScriptDuration) * 1000,
      taskMs: (after.TaskDuration - before.TaskDuration) * 1000,
      domContentLoaded: nav.dcl,
      load: nav.load,
      marks: nav.marks,
      ...analyseTrace(events, b.extensionId),
      domDigest: await digest(page),
    };
  } finally {
    await page.close().catch(() => undefined);
  }
}

export interface NavSample {
  /** New name in the page -> the sidebar labelled with it, ms. */
  label: number;
  /** New name in the page -> the sidebar showing the stored person, ms. */
  filled: number;
}

/**
 * In-app navigations in the SPA fixture (tests/e2e/spa-page.ts): from one stored person's profile to the
 * next with `go(path, delay)`, which changes the URL first and the DOM `delay` ms later, as LinkedIn does.
 */
export async function inAppNavigations(b: Browser, origin: string, people: Array<{ slug: string; name: string }>, count: number): Promise<NavSample[]> {
  const page = await b.context.newPage();
  try {
    await page.addInitScript(instrument, { want: people[0].name, watchPage: true });
    await page.goto(`${origin}/in/${people[0].slug}/`);
    const waitFilled = (who: string) =>
      page
        .waitForFunction(() => (window as unknown as { __kithBench: BenchMarks }).__kithBench.filled >= 0, null, { timeout: 20_000, polling: 20 })
        .catch(() => {
          throw new BenchError(`the sidebar never showed ${who} after an in-app navigation`);
        });
    await waitFilled(people[0].name);
    const samples: NavSample[] = [];
    for (let i = 1; i <= count; i++) {
      const p = people[i % people.length];
      await page.waitForTimeout(200);
      await page.evaluate(
        ({ slug, name }) => {
          const b = (window as unknown as { __kithBench: BenchMarks }).__kithBench;
          Object.assign(b, { want: name, name: -1, label: -1, filled: -1 });
          (window as unknown as { go: (path: string, delay: number) => void }).go(`/in/${encodeURIComponent(slug)}/`, 120);
        },
        { slug: p.slug, name: p.name },
      );
      await waitFilled(p.name);
      const m = await page.evaluate(() => (window as unknown as { __kithBench: BenchMarks }).__kithBench);
      if (m.name < 0) throw new BenchError(`the page never showed ${p.name}`);
      samples.push({ label: m.label - m.name, filled: m.filled - m.name });
    }
    return samples;
  } finally {
    await page.close().catch(() => undefined);
  }
}
