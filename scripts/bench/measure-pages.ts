/**
 * The phases on a profile page: the content script's size, page loads with and without the extension
 * (the sidebar filled, warm and cold; the watcher on the feed; nothing on an unsupported site), and the
 * sidebar following in-app navigations.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launch, removeProfile, tempProfile } from './browser.ts';
import { BUDGETS } from './budgets.ts';
import { EXTENSION_DIR, PROFILE, ROOT, RUNS } from './config.ts';
import { REAL_PAGE, serveFixtures, SPA_PEOPLE, UNSUPPORTED_URL } from './fixtures.ts';
import { filledAfterDcl, inAppNavigations, loadPage, shownAt, type PageLoad } from './pages.ts';
import { profilePageLoad } from './profiling.ts';
import { row } from './report.ts';
import type { StoreBrowser } from './seeded-browsers.ts';
import { cleanups, log, phase, rows } from './session.ts';
import { timeMessage } from './store.ts';

function pathToModule(path: string): string {
  return new URL(path, `file://${ROOT}/`).href;
}

type SizeCheck = { contentScriptSize: (dir: string, pageUrl?: string) => { total: number; parts: { file: string; gzip: number }[] } };
const checkSize = async () => (await import(pathToModule('scripts/check-size.mjs'))) as SizeCheck;

/** The gzipped size of the files `html` (an extension page) loads: its scripts, preloads and stylesheets. */
function pageFilesSize(html: string): { total: number; files: string[] } {
  const files = [...html.matchAll(/(?:src|href)="\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  const total = files.reduce((n, f) => n + gzipSync(readFileSync(join(EXTENSION_DIR, f)), { level: 9 }).length, 0);
  return { total, files };
}

/**
 * The gzipped size of every file injected on a profile page: what CI checks (scripts/check-size.mjs).
 * And, for scale, Kith's frame: the extension's own page, which the page does not load.
 */
export function measureSize(): Promise<void> {
  return phase('size', 'content-script size', async () => {
    const { total, parts } = (await checkSize()).contentScriptSize(EXTENSION_DIR);
    rows.push(row('size.contentScript', 'content script, gzipped, all files injected on a profile page', 'B', BUDGETS.size, [total], `gzip -9 of ${parts.map((p) => `${p.file} (${p.gzip} B)`).join(', ')}; the same check CI runs (scripts/check-size.mjs)`));
    const frame = pageFilesSize(readFileSync(join(EXTENSION_DIR, 'sidebar.html'), 'utf8'));
    rows.push(row('size.frame', '  Kith\'s frame, gzipped (its own page, not the page\'s)', 'B', null, [frame.total], `gzip -9 of the files sidebar.html loads: ${frame.files.join(', ')}`));
  }, (e) => [row('size.contentScript', 'content script, gzipped, all files injected on a profile page', 'B', BUDGETS.size, [], e)]);
}

/** Page loads of the saved page, the feed and an unsupported site, each paired with a browser without the extension. */
export function measurePages(store: StoreBrowser | undefined): Promise<void> {
  return phase('pages', 'page loads with and without the extension', async () => {
    const { page, ext: e, control } = store!;
    const plainDir = tempProfile('plain');
    cleanups.push(() => removeProfile(plainDir));
    const plain = await launch(plainDir);
    cleanups.unshift(() => plain.close());
    await serveFixtures(plain, page);
    const feedUrl = 'https://www.linkedin.com/feed/';
    // One warm-up load of each page in each browser (first loads pay for caches and code compilation).
    await control.warm();
    for (const [b, want] of [[e, page.name], [plain, null]] as const) {
      await loadPage(b, page.url, { want });
      await loadPage(b, feedUrl, { want: null, watchPage: true });
    }
    const warm: PageLoad[] = [];
    const cold: PageLoad[] = [];
    const without: PageLoad[] = [];
    const feedWith: PageLoad[] = [];
    const feedWithout: PageLoad[] = [];
    const otherWith: PageLoad[] = [];
    const otherWithout: PageLoad[] = [];
    for (let i = 0; i < RUNS; i++) {
      // Interleaved, so a busy moment on the machine hits both sides alike.
      await control.warm();
      warm.push(await loadPage(e, page.url, { want: page.name }));
      without.push(await loadPage(plain, page.url, { want: null }));
      await control.stop();
      cold.push(await loadPage(e, page.url, { want: page.name }));
      await control.warm();
      feedWith.push(await loadPage(e, feedUrl, { want: null, watchPage: true }));
      feedWithout.push(await loadPage(plain, feedUrl, { want: null, watchPage: true }));
      otherWith.push(await loadPage(e, UNSUPPORTED_URL, { want: null, watchPage: true }));
      otherWithout.push(await loadPage(plain, UNSUPPORTED_URL, { want: null, watchPage: true }));
      log(`  run ${i + 1}/${RUNS}: filled ${filledAfterDcl(warm[i], page.name).toFixed(0)} ms warm, ${filledAfterDcl(cold[i], page.name).toFixed(0)} ms cold; script time added ${(warm[i].scriptMs - without[i].scriptMs).toFixed(1)} ms`);
    }
    await control.warm();
    const lookup = await timeMessage(control.page, 'person.lookup', { keys: [`linkedin:${page.slug}`] }, RUNS * 4);
    // What the frame asks on the profile of someone not stored (to offer linking a namesake).
    const sameName = await timeMessage(control.page, 'person.sameName', { name: 'Nobody Stored-Here' }, 2);
    const pairs = <T,>(a: T[], b: T[], f: (x: T, y: T) => number) => a.map((x, i) => f(x, b[i]));
    const feedDom = feedWith.map((w, i) => (w.domDigest === feedWithout[i].domDigest && w.marks.mutations === feedWithout[i].marks.mutations ? 0 : Math.max(1, Math.abs(w.marks.mutations - feedWithout[i].marks.mutations))));
    const filled = (l: PageLoad) => filledAfterDcl(l, page.name);
    const at = (l: PageLoad, t: number) => l.origin + t; // page clock -> shared clock
    const frameOf = (l: PageLoad) => l.frame ?? { start: NaN, domContentLoaded: NaN, log: [] };
    // Every file the page evaluated must be one the size check counts ("every file the page loads").
    const { contentScriptSize } = await checkSize();
    const counted = new Set(contentScriptSize(EXTENSION_DIR, page.url).parts.map((p) => p.file));
    const evaluated = [...new Set(warm.flatMap((l) => l.files))];
    const uncounted = evaluated.filter((f) => !counted.has(f));
    if (uncounted.length) log(`  warning: the profile page evaluated ${uncounted.join(', ')}, which the size check does not count`);
    rows.push(
      row('watcher.feed.script', 'on the feed (other pages): main-thread time of the watcher', 'ms', BUDGETS.watcher, feedWith.map((l) => l.extensionTraceMs),
        'DevTools trace of the feed page load, the page\'s process: the content script\'s EvaluateScript plus every callback (FunctionCall) of the extension\'s file'),
      row('watcher.feed.compile', '  of which compiling the content script', 'ms', null, feedWith.map((l) => l.compileMs)),
      row('watcher.feed.run', '  of which running its top level (the watcher starting)', 'ms', null, feedWith.map((l) => l.runMs)),
      row('watcher.feed.scriptDuration', 'on the feed: ScriptDuration with minus without the extension', 'ms', null, pairs(feedWith, feedWithout, (a, b) => a.scriptMs - b.scriptMs),
        'Performance.getMetrics ScriptDuration, each run paired with the same page in a browser without the extension'),
      row('watcher.feed.dom', 'on the feed: DOM changes made by the extension', 'count', BUDGETS.noDom, feedDom,
        'mutation records seen by a main-world MutationObserver (attributes, removals, custom elements and frames added: nodes added and kept are in the serialised DOM), and the serialised DOM, compared with the browser without the extension (0: identical)'),
      row('unsupported.injected', 'on a site Kith does not support (example.com): scripts injected', 'count', BUDGETS.unsupported, otherWith.map((l) => l.injected + (l.domDigest === otherWithout[0].domDigest ? 0 : 1)),
        'extension scripts evaluated in the page (trace EvaluateScript of chrome-extension:// files), plus 1 if the DOM differs from the page without the extension'),
      row('profile.files', 'profile page: files of the extension it evaluates', 'count', null, warm.map((l) => l.files.length),
        `trace EvaluateScript of chrome-extension:// files in the page's process: ${evaluated.join(', ') || 'none'}${uncounted.length ? ` (NOT counted by the size check: ${uncounted.join(', ')})` : ', all counted by the size check'}; Kith's frame (sidebar.html and its chunks) is the extension's own page, in the extension's process`),
      row('profile.scriptAdded', 'profile page load: main-thread script time added (ScriptDuration with minus without)', 'ms', BUDGETS.script, pairs(warm, without, (a, b) => a.scriptMs - b.scriptMs),
        `the saved page ${REAL_PAGE} (1.2 MB) at ${page.url}, with Kith's frame filled and 0.5 s of settling, paired run by run with a browser without the extension; the page's process (Kith's frame runs in the extension's)`),
      row('profile.extensionTrace', 'profile page load: the extension\'s own script events in the trace', 'ms', null, warm.map((l) => l.extensionTraceMs),
        'EvaluateScript of the content script plus its callbacks (FunctionCall), in the page\'s process; promise continuations run as microtasks are not attributed, so this is a lower bound'),
      row('profile.loadDelay', 'profile page load: load event, with minus without the extension', 'ms', null, pairs(warm, without, (a, b) => a.load - b.load),
        'PerformanceNavigationTiming.loadEventEnd'),
      row('sidebar.filled.warm', 'sidebar filled with the stored person after DOMContentLoaded, warm worker', 'ms', BUDGETS.warm, warm.map(filled),
        'the page\'s domContentLoadedEventEnd to the moment Kith\'s frame shows "✓ Kith" (the background answered with the stored person): a MutationObserver inside the frame stamps it; the two documents compared on performance.timeOrigin + now()'),
      row('sidebar.start', '  the content script starts, after DOMContentLoaded', 'ms', null, warm.map((l) => l.contentScriptStart - l.domContentLoaded),
        'trace EvaluateScript of the content script minus domContentLoadedEventEnd (negative: it started while the page was still parsing)'),
      row('sidebar.frameStart', '  Kith\'s frame starts loading, after the content script starts', 'ms', null, warm.map((l) => frameOf(l).start - at(l, l.contentScriptStart)),
        'the frame\'s performance.timeOrigin (its navigation starts when the content script attaches <kith-sidebar>)'),
      row('sidebar.frameReady', '  the frame\'s DOMContentLoaded (its scripts ran), after it started loading', 'ms', null, warm.map((l) => frameOf(l).domContentLoaded - frameOf(l).start)),
      row('sidebar.frameVsPage', '  the frame\'s DOMContentLoaded, after the page\'s', 'ms', null, warm.map((l) => frameOf(l).domContentLoaded - at(l, l.domContentLoaded)),
        'negative: the frame was ready before the page was parsed, so only the read and the lookup are left after DOMContentLoaded'),
      row('sidebar.frameShown', '  the stored person shown, after both DOMContentLoaded', 'ms', null, warm.map((l) => shownAt(frameOf(l).log, page.name, 0, true) - Math.max(frameOf(l).domContentLoaded, at(l, l.domContentLoaded))),
        'the content script reads the page and reports it (tab.profile), the background tells the frame, which asks person.lookup and renders'),
      row('sidebar.lookup', '  the stored person: person.lookup round trip, warm worker', 'ms', null, lookup,
        'sent from an extension page; the frame sends the same message once the content script has read the page'),
      row('sidebar.sameName', '  on the profile of someone not stored: person.sameName round trip', 'ms', null, sameName,
        'what the frame asks once person.lookup found no one (LinkProfile: a stored namesake to link); the worker answers nothing else meanwhile'),
      row('sidebar.filled.cold', 'sidebar filled with the stored person after DOMContentLoaded, worker stopped', 'ms', BUDGETS.cold, cold.map(filled),
        'as above, after ServiceWorker.stopAllWorkers (DevTools protocol) stopped the extension\'s worker'),
    );
    if (PROFILE) {
      await control.warm();
      await profilePageLoad(e, page.url, page.name, 'page-profile', `content script on ${REAL_PAGE}`);
      await profilePageLoad(e, feedUrl, null, 'page-feed', 'content script on the feed');
    }
    await plain.close();
  }, (e) => ['watcher.feed.script', 'watcher.feed.dom', 'unsupported.injected', 'profile.scriptAdded', 'sidebar.filled.warm', 'sidebar.filled.cold'].map((id) => row(id, id, 'ms', null, [], e)));
}

/**
 * The sidebar following in-app navigations of the SPA fixture: the whole profile replaced (LinkedIn's
 * usual transition), and only the URL and the h1 changed (issue 16's peer benchmark).
 */
export function measureNav(store: StoreBrowser | undefined): Promise<void> {
  return phase('nav', 'in-app navigations', async () => {
    const { ext, control } = store!;
    await control.warm();
    const count = Math.max(RUNS * 2, 4);
    const go = await inAppNavigations(ext, 'https://www.linkedin.com', SPA_PEOPLE, count, 'go');
    const h1 = await inAppNavigations(ext, 'https://www.linkedin.com', SPA_PEOPLE, count, 'h1');
    rows.push(
      row('nav.follow', 'sidebar follows an in-app navigation: new name in the page to the stored person shown', 'ms', BUDGETS.nav, go.map((s) => s.filled),
        'SPA fixture (tests/e2e/spa-page.ts), go(path, 120 ms): a main-world MutationObserver stamps the new h1, one inside Kith\'s frame its "✓ Kith" with the new name (performance.timeOrigin + now() in both)'),
      row('nav.label', '  new name in the page to the frame named after it', 'ms', null, go.map((s) => s.label)),
      row('nav.h1', 'the same when the page changes only the URL and the h1', 'ms', BUDGETS.nav, h1.map((s) => s.filled),
        'history.pushState, then 120 ms later only the h1\'s text: the profile\'s links still name the previous person'),
    );
  }, (e) => [row('nav.follow', 'sidebar follows an in-app navigation', 'ms', BUDGETS.nav, [], e)]);
}
