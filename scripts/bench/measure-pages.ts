/**
 * The phases on a profile page: the content script's size, page loads with and without the extension
 * (the sidebar filled, warm and cold; the watcher on the feed; nothing on an unsupported site), and the
 * sidebar following in-app navigations.
 */
import { launch, removeProfile, tempProfile } from './browser.ts';
import { BUDGETS } from './budgets.ts';
import { EXTENSION_DIR, PROFILE, ROOT, RUNS } from './config.ts';
import { REAL_PAGE, serveFixtures, SPA_PEOPLE, UNSUPPORTED_URL } from './fixtures.ts';
import { inAppNavigations, loadPage, type PageLoad } from './pages.ts';
import { profilePageLoad } from './profiling.ts';
import { row } from './report.ts';
import type { StoreBrowser } from './seeded-browsers.ts';
import { cleanups, log, phase, rows } from './session.ts';
import { timeMessage } from './store.ts';

function pathToModule(path: string): string {
  return new URL(path, `file://${ROOT}/`).href;
}

/** The gzipped size of every file injected on a profile page: what CI checks (scripts/check-size.mjs). */
export function measureSize(): Promise<void> {
  return phase('size', 'content-script size', async () => {
    const { contentScriptSize } = (await import(pathToModule('scripts/check-size.mjs'))) as { contentScriptSize: (dir: string) => { total: number; parts: { file: string; gzip: number }[] } };
    const { total, parts } = contentScriptSize(EXTENSION_DIR);
    rows.push(row('size.contentScript', 'content script, gzipped, all files injected on a profile page', 'B', BUDGETS.size, [total], `gzip -9 of ${parts.map((p) => `${p.file} (${p.gzip} B)`).join(', ')}; the same check CI runs (scripts/check-size.mjs)`));
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
      log(`  run ${i + 1}/${RUNS}: filled ${(warm[i].marks.filled - warm[i].domContentLoaded).toFixed(0)} ms warm, ${(cold[i].marks.filled - cold[i].domContentLoaded).toFixed(0)} ms cold; script time added ${(warm[i].scriptMs - without[i].scriptMs).toFixed(1)} ms`);
    }
    await control.warm();
    const lookup = await timeMessage(control.page, 'person.lookup', { keys: [`linkedin:${page.slug}`] }, RUNS * 4);
    const pairs = <T,>(a: T[], b: T[], f: (x: T, y: T) => number) => a.map((x, i) => f(x, b[i]));
    const feedDom = feedWith.map((w, i) => (w.domDigest === feedWithout[i].domDigest && w.marks.mutations === feedWithout[i].marks.mutations ? 0 : Math.max(1, Math.abs(w.marks.mutations - feedWithout[i].marks.mutations))));
    rows.push(
      row('watcher.feed.script', 'on the feed (other pages): main-thread time of the watcher', 'ms', BUDGETS.watcher, feedWith.map((l) => l.extensionTraceMs),
        'DevTools trace of the feed page load: the content script\'s EvaluateScript plus every callback (FunctionCall) of the extension\'s file'),
      row('watcher.feed.compile', '  of which compiling the content script', 'ms', null, feedWith.map((l) => l.compileMs)),
      row('watcher.feed.run', '  of which running its top level (the watcher starting)', 'ms', null, feedWith.map((l) => l.runMs)),
      row('watcher.feed.scriptDuration', 'on the feed: ScriptDuration with minus without the extension', 'ms', null, pairs(feedWith, feedWithout, (a, b) => a.scriptMs - b.scriptMs),
        'Performance.getMetrics ScriptDuration, each run paired with the same page in a browser without the extension'),
      row('watcher.feed.dom', 'on the feed: DOM changes made by the extension', 'count', BUDGETS.noDom, feedDom,
        'mutation records seen by a main-world MutationObserver, and the serialised DOM, compared with the browser without the extension (0: identical)'),
      row('unsupported.injected', 'on a site Kith does not support (example.com): scripts injected', 'count', BUDGETS.unsupported, otherWith.map((l) => l.injected + (l.domDigest === otherWithout[0].domDigest ? 0 : 1)),
        'extension scripts evaluated in the page (trace EvaluateScript of chrome-extension:// files), plus 1 if the DOM differs from the page without the extension'),
      row('profile.scriptAdded', 'profile page load: main-thread script time added (ScriptDuration with minus without)', 'ms', BUDGETS.script, pairs(warm, without, (a, b) => a.scriptMs - b.scriptMs),
        `the saved page ${REAL_PAGE} (1.2 MB) at ${page.url}, with the sidebar filled and 0.5 s of settling, paired run by run with a browser without the extension`),
      row('profile.extensionTrace', 'profile page load: the extension\'s own script events in the trace', 'ms', null, warm.map((l) => l.extensionTraceMs),
        'EvaluateScript of the content script plus its callbacks (FunctionCall); promise continuations run as microtasks are not attributed, so this is a lower bound'),
      row('profile.loadDelay', 'profile page load: load event, with minus without the extension', 'ms', null, pairs(warm, without, (a, b) => a.load - b.load),
        'PerformanceNavigationTiming.loadEventEnd'),
      row('sidebar.shell', 'sidebar shell on screen after the content script starts', 'ms', BUDGETS.shell, warm.map((l) => l.marks.hostFrame - l.contentScriptStart),
        'from the content script\'s EvaluateScript (trace) to the first animation frame after <kith-sidebar> was attached'),
      row('sidebar.filled.warm', 'sidebar filled with the stored person after DOMContentLoaded, warm worker', 'ms', BUDGETS.warm, warm.map((l) => l.marks.filled - l.domContentLoaded),
        'domContentLoadedEventEnd to the moment the shadow root\'s tab shows "✓ Kith" (the background answered with the stored person)'),
      row('sidebar.start', '  the content script starts, after DOMContentLoaded', 'ms', null, warm.map((l) => l.contentScriptStart - l.domContentLoaded),
        'trace EvaluateScript of the content script minus domContentLoadedEventEnd: when Chromium injects a document_idle script'),
      row('sidebar.attached', '  <kith-sidebar> attached, after the content script starts', 'ms', null, warm.map((l) => l.marks.host - l.contentScriptStart)),
      row('sidebar.lookup', '  the stored person: person.lookup round trip, warm worker', 'ms', null, lookup,
        'sent from an extension page; the sidebar sends the same message once it has read the page'),
      row('sidebar.filled.cold', 'sidebar filled with the stored person after DOMContentLoaded, worker stopped', 'ms', BUDGETS.cold, cold.map((l) => l.marks.filled - l.domContentLoaded),
        'as above, after ServiceWorker.stopAllWorkers (DevTools protocol) stopped the extension\'s worker'),
    );
    if (PROFILE) {
      await control.warm();
      await profilePageLoad(e, page.url, page.name, 'page-profile', `content script on ${REAL_PAGE}`);
      await profilePageLoad(e, feedUrl, null, 'page-feed', 'content script on the feed');
    }
    await plain.close();
  }, (e) => ['watcher.feed.script', 'watcher.feed.dom', 'unsupported.injected', 'profile.scriptAdded', 'sidebar.shell', 'sidebar.filled.warm', 'sidebar.filled.cold'].map((id) => row(id, id, 'ms', null, [], e)));
}

/** The sidebar following in-app navigations of the SPA fixture. */
export function measureNav(store: StoreBrowser | undefined): Promise<void> {
  return phase('nav', 'in-app navigations', async () => {
    const { ext, control } = store!;
    await control.warm();
    const samples = await inAppNavigations(ext, 'https://www.linkedin.com', SPA_PEOPLE, Math.max(RUNS * 2, 4));
    rows.push(
      row('nav.follow', 'sidebar follows an in-app navigation: new name in the page to the stored person shown', 'ms', BUDGETS.nav, samples.map((s) => s.filled),
        'SPA fixture (tests/e2e/spa-page.ts), go(path, 120 ms): a main-world MutationObserver stamps the new h1, another the sidebar\'s "✓ Kith" with the new name'),
      row('nav.label', 'sidebar follows an in-app navigation: new name in the page to the sidebar named after it', 'ms', null, samples.map((s) => s.label)),
    );
  }, (e) => [row('nav.follow', 'sidebar follows an in-app navigation', 'ms', BUDGETS.nav, [], e)]);
}
