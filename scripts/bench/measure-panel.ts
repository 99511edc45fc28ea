/**
 * Side-panel mode (the setting "Show Kith: in the browser's side panel"): the browser's own side panel,
 * opened as a user opens it (the popup's "Side panel" button) and reached over the DevTools protocol
 * (Playwright does not attach it). It follows the active tab of the window in front: measured from a
 * tab switch, an in-app navigation and a page load in that tab to the panel showing the stored person.
 * And what the mode costs the page: no element, no DOM change, only the read.
 */
import type { Page } from '@playwright/test';
import { BenchError, extensionPage, kith, launch, removeProfile, TargetSession, tempProfile, type Browser } from './browser.ts';
import { BUDGETS } from './budgets.ts';
import { RUNS } from './config.ts';
import { REAL_PAGE, serveFixtures, SPA_PEOPLE } from './fixtures.ts';
import { loadPage, nameShown, navigate, recordKith, shownAt, spaTab, untilShown, type PageLoad } from './pages.ts';
import { row } from './report.ts';
import { setPresentation, type StoreBrowser } from './seeded-browsers.ts';
import { timeMessage } from './store.ts';
import { cleanups, log, phase, rows } from './session.ts';

const SPA = 'https://www.linkedin.com';
/** How long the panel may take to show a person before the phase gives up (at 100,000 people it takes seconds: see panel.tagsList). */
const WAIT_MS = 90_000;
const profileOf = (slug: string) => `${SPA}/in/${encodeURIComponent(slug)}/`;

/** Opens the side panel from the popup (its button is a user gesture) and attaches to it, recording what it shows. */
async function openSidePanel(b: Browser, control: Page): Promise<TargetSession> {
  const popup = await extensionPage(b, 'popup.html');
  await popup.getByRole('button', { name: 'Side panel' }).click();
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      const panel = await TargetSession.attach(b, control, (t) => t.type === 'page' && /^chrome-extension:\/\/[^/]+\/sidepanel\.html/.test(t.url), 'side panel');
      await panel.evaluate(`(${recordKith.toString()})()`);
      return panel;
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** The browser's tab id of `page` (the one whose URL is `url`). */
async function tabId(control: Page, url: string): Promise<number> {
  const id = await control.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, url);
  if (id === undefined) throw new BenchError(`no tab at ${url}`);
  return id;
}

export function measurePanel(store: StoreBrowser | undefined): Promise<void> {
  return phase('panel', 'the side panel', async () => {
    const { ext, control, page: real } = store!;
    const plainDir = tempProfile('plain');
    cleanups.push(() => removeProfile(plainDir));
    const plain = await launch(plainDir);
    cleanups.unshift(() => plain.close());
    await serveFixtures(plain, real);
    await setPresentation(control.page, 'panel');
    let panel: TargetSession | undefined;
    const tabs: Page[] = [];
    try {
      await control.warm();
      const [anna, bob] = SPA_PEOPLE;
      const a = await spaTab(ext, profileOf(anna.slug), anna.name);
      const bTab = await spaTab(ext, profileOf(bob.slug), bob.name);
      tabs.push(a, bTab);
      panel = await openSidePanel(ext, control.page);
      // The panel opens on a page that is not a profile, and its search box asks the worker to read
      // everyone into the search table (as the popup's does): seconds at 100,000 people, in which the
      // worker answers nothing else. Measure after it.
      await kith(control.page, 'people.search', { query: 'a', limit: 1 });
      const p = panel;
      const inPanel = <T,>(expression: string) => p.evaluate<T>(expression);

      // Tab switches between two profiles, stamped in an extension page just before it asks the browser.
      const ids = { [anna.name]: await tabId(control.page, a.url()), [bob.name]: await tabId(control.page, bTab.url()) };
      const activate = (name: string) =>
        control.page.evaluate(async (id) => {
          const since = performance.timeOrigin + performance.now();
          await chrome.tabs.update(id, { active: true });
          return since;
        }, ids[name]);
      await untilShown(inPanel, anna.name, await activate(anna.name), 'the side panel', WAIT_MS);
      const switchLabel: number[] = [];
      const switched: number[] = [];
      for (let i = 0; i < RUNS * 2; i++) {
        const who = i % 2 ? anna.name : bob.name;
        await new Promise((resolve) => setTimeout(resolve, 200));
        const since = await activate(who);
        const shown = await untilShown(inPanel, who, since, 'the side panel after a tab switch', WAIT_MS);
        switchLabel.push(shownAt(shown, who, since, false) - since);
        switched.push(shownAt(shown, who, since, true) - since);
      }
      log(`  tab switch: ${switched.map((v) => v.toFixed(0)).join(', ')} ms`);

      // In-app navigations in the tab in front (Anna's: the switches ended on it).
      const stamp = () => control.page.evaluate(() => performance.timeOrigin + performance.now());
      let current = 0;
      const navigated: number[] = [];
      for (let i = 0; i < RUNS * 2; i++) {
        current = (current + 1) % SPA_PEOPLE.length;
        const next = SPA_PEOPLE[current];
        await new Promise((resolve) => setTimeout(resolve, 200));
        const since = await navigate(a, next, 'go');
        const shown = await untilShown(inPanel, next.name, since, 'the side panel after an in-app navigation', WAIT_MS);
        navigated.push(shownAt(shown, next.name, since, true) - (await nameShown(a, next.name)));
      }
      log(`  in-app navigation: ${navigated.map((v) => v.toFixed(0)).join(', ')} ms`);

      // Page loads in the tab in front: the saved page, with another person's page between.
      const loaded: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const between = SPA_PEOPLE[(current + 1 + i) % SPA_PEOPLE.length];
        let since = await stamp();
        await a.goto(profileOf(between.slug));
        await untilShown(inPanel, between.name, since, 'the side panel after a page load', WAIT_MS);
        since = await stamp();
        await a.goto(real.url, { waitUntil: 'domcontentloaded' });
        const shown = await untilShown(inPanel, real.name, since, 'the side panel after a page load', WAIT_MS);
        const dcl = await a.evaluate(async () => {
          const entry = () => performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
          while (!(entry()?.domContentLoadedEventEnd ?? 0)) await new Promise((resolve) => setTimeout(resolve, 10));
          return performance.timeOrigin + entry()!.domContentLoadedEventEnd;
        });
        loaded.push(shownAt(shown, real.name, since, true) - dcl);
      }
      log(`  page load: ${loaded.map((v) => v.toFixed(0)).join(', ')} ms`);

      // What side-panel mode costs a profile page load, paired with the browser without the extension.
      const withExt: PageLoad[] = [];
      const without: PageLoad[] = [];
      await loadPage(ext, real.url, { want: null, watchPage: true });
      await loadPage(plain, real.url, { want: null, watchPage: true });
      for (let i = 0; i < RUNS; i++) {
        await control.warm();
        withExt.push(await loadPage(ext, real.url, { want: null, watchPage: true }));
        without.push(await loadPage(plain, real.url, { want: null, watchPage: true }));
      }
      const dom = withExt.map((w, i) => (w.domDigest === without[i].domDigest && w.marks.mutations === without[i].marks.mutations && w.marks.host < 0 ? 0 : Math.max(1, Math.abs(w.marks.mutations - without[i].marks.mutations))));
      // What the open panel asks for each person it shows (the tag editor's suggestions), timed alone.
      const tagsList = await timeMessage(control.page, 'tags.list', {}, 3);
      rows.push(
        row('panel.tabSwitch', 'side panel shows the person after a tab switch', 'ms', BUDGETS.panel, switched,
          'Chromium\'s side panel (opened by the popup\'s "Side panel" button, reached over the DevTools protocol), two stored people in two tabs: chrome.tabs.update(tab, {active: true}) from an extension page, stamped just before, to a MutationObserver in the panel seeing "Kith: <name>" with the stored person\'s encounters; performance.timeOrigin + now() in both'),
        row('panel.tabSwitch.label', '  to the panel named after the person', 'ms', null, switchLabel),
        row('panel.navigation', 'side panel shows the person after an in-app navigation', 'ms', BUDGETS.panel, navigated,
          'SPA fixture in the tab in front, go(path, 120 ms): from the new h1 in the page (main-world MutationObserver) to the panel showing the stored person'),
        row('panel.pageLoad', 'side panel shows the person after a page load, after DOMContentLoaded', 'ms', BUDGETS.panel, loaded,
          `the saved page ${REAL_PAGE} loaded in the tab in front (another profile before it): its domContentLoadedEventEnd to the panel showing the stored person`),
        row('panel.tagsList', '  what the open panel asks for each person: tags.list round trip', 'ms', null, tagsList,
          'sent from an extension page with the worker idle; the side panel is always open, so it asks this for every person it shows, and the worker answers the next person.lookup after it (the sidebar on the page asks only once opened)'),
        row('panel.scriptAdded', 'side-panel mode, profile page load: main-thread script time added', 'ms', BUDGETS.script, withExt.map((l, i) => l.scriptMs - without[i].scriptMs),
          'ScriptDuration with minus without the extension, the saved page, 0.5 s of settling (the read only: no frame)'),
        row('panel.dom', 'side-panel mode, profile page: DOM changes made by the extension', 'count', BUDGETS.noDom, dom,
          'mutation records seen by a main-world MutationObserver (attributes, removals, custom elements and frames added: nodes added and kept are in the serialised DOM), the serialised DOM, and no <kith-sidebar>, compared with the browser without the extension (0: identical)'),
      );
    } finally {
      if (panel) {
        await panel.evaluate('window.close()').catch(() => undefined);
        await panel.detach();
      }
      for (const t of tabs) await t.close().catch(() => undefined);
      await setPresentation(control.page, 'page');
      await plain.close();
    }
  }, (e) => [
    row('panel.tabSwitch', 'side panel shows the person after a tab switch', 'ms', BUDGETS.panel, [], e),
    row('panel.navigation', 'side panel shows the person after an in-app navigation', 'ms', BUDGETS.panel, []),
    row('panel.pageLoad', 'side panel shows the person after a page load, after DOMContentLoaded', 'ms', BUDGETS.panel, []),
  ]);
}
