/**
 * Issue 16: what the user reads and types in Kith is out of the page's reach, in both presentations,
 * and Kith works from the keyboard. The page here spies as hard as a page can: capture-phase key,
 * input, paste and composition listeners on `window`, a message listener, a scan of the DOM and every
 * open shadow root, and a click on every button it can reach, over and over.
 */
import type { Scenario, Tab, Target } from './driver';
import { assert, until, untilEqual } from './assert';
import { profileUrl } from './kith';
import { spaPage } from '../e2e/spa-page';
import { ANNA, PEOPLE, openSidebar, serveLinkedIn, sidebarOf } from './sidebar';
import type { KithBrowser } from './driver';

/** Words only Kith ever shows: what the user types, and Kith's own labels. */
const SECRET_NOTE = 'Prefers Szczecin SECRET42 pilots';
const SECRET_PLACE = 'Zakopane hideaway';
const KITH_WORDS = ['SECRET42', 'Szczecin', 'Zakopane', 'Record encounter', 'Encounters', 'How you met'];

/** The spy, first thing in the page's head: it runs before Kith does. */
const SPY = `<script>
(() => {
  const spy = (window.spy = { events: [], messages: [], seen: [], clicks: 0, added: [], attributes: [] });
  for (const type of ['keydown', 'keyup', 'keypress', 'beforeinput', 'input', 'change', 'paste', 'copy', 'compositionstart', 'compositionupdate', 'compositionend']) {
    window.addEventListener(type, (e) => spy.events.push(type + ':' + (e.key || e.data || '') + ':' + ((e.target && e.target.value) || '')), true);
  }
  window.addEventListener('message', (e) => spy.messages.push(JSON.stringify(e.data)), true);
  /** Every text, value and attribute the page can reach, through every open shadow root and same-origin frame. */
  const read = (root, out) => {
    for (const el of root.querySelectorAll('*')) {
      out.push(el.textContent || '');
      if ('value' in el && typeof el.value === 'string') out.push(el.value);
      for (const a of el.attributes) out.push(a.value);
      if (el.shadowRoot) read(el.shadowRoot, out);
      if (el.localName === 'iframe') { try { if (el.contentDocument) read(el.contentDocument, out); } catch (e) { /* another origin */ } }
    }
    return out;
  };
  const buttons = (root, out) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.matches('button, [role=button], summary, input[type=button], input[type=submit]')) out.push(el);
      if (el.shadowRoot) buttons(el.shadowRoot, out);
    }
    return out;
  };
  setInterval(() => {
    const text = read(document, []).join(' ');
    if (!spy.seen.includes(text) && spy.seen.length < 50) spy.seen.push(text);
    // Synthetic clicks on every button reachable (links would take the page away), once told to start.
    if (window.spyClicks) for (const el of buttons(document, [])) { el.click(); spy.clicks++; }
    for (let i = 0; i < window.frames.length; i++) { try { spy.seen.push(window.frames[i].document.body.innerText); } catch (e) { /* another origin */ } }
  }, 40);
  new MutationObserver((list) => {
    for (const m of list) {
      if (m.type === 'attributes' && (m.target === document.documentElement || m.target === document.body)) spy.attributes.push(m.attributeName);
      for (const n of m.addedNodes) if (n.nodeType === 1) spy.added.push(n.localName);
    }
  }).observe(document, { subtree: true, childList: true, attributes: true });
})();
</script>`;

interface SpyReport {
  events: string[];
  messages: string[];
  seen: string[];
  clicks: number;
  added: string[];
  attributes: string[];
}

const spied = (tab: Tab) => tab.evaluate(() => (window as unknown as { spy: SpyReport }).spy);

async function serveSpyingLinkedIn(browser: KithBrowser): Promise<void> {
  await serveLinkedIn(browser);
  await browser.serve({ url: /^https:\/\/www\.linkedin\.com\/(in|feed)\//, body: spaPage(PEOPLE).replace('<head>', `<head>${SPY}`) });
}

const inside = (sidebar: Target, role: Target['role'], name?: string): Target => ({ role, ...(name !== undefined ? { name } : {}), within: sidebar });
const items = (list: Target): Target => ({ role: 'listitem', within: list });

/** Nothing Kith showed or the user typed reached the page, by any of the ways it spied. */
function assertLearnedNothing(report: SpyReport, browserName: string): void {
  const everything = JSON.stringify(report);
  for (const word of KITH_WORDS) assert.ok(!everything.includes(word), `${browserName}: the page learned "${word}"`);
  assert.deepEqual(report.events, [], `${browserName}: the page heard key or input events`);
  assert.deepEqual(report.messages, [], `${browserName}: the page got messages`);
}

const spyingPage: Scenario = {
  name: 'a spying page learns nothing the user reads or types in Kith, and its clicks change nothing',
  timeout: 90_000,
  async run(browser) {
    await serveSpyingLinkedIn(browser);
    const tab = await browser.open(profileUrl(ANNA.slug));
    const sidebar = await openSidebar(tab, ANNA.name);
    // Recorded key by key, as a person types.
    await tab.click(inside(sidebar, 'button', 'Record encounter'));
    await tab.type(inside(sidebar, 'textbox', 'Place'), SECRET_PLACE);
    await tab.click(inside(sidebar, 'button', 'Save encounter'));
    const encounters = inside(sidebar, 'list', 'Encounters');
    await until('the encounter in the list', () => tab.count(items(encounters)), (n) => n === 1);
    await tab.type(inside(sidebar, 'textbox', 'Notes'), SECRET_NOTE);
    await until('the note saved', async () => (await tab.texts(inside(sidebar, 'status'))).join(' '), (s) => /Saved/.test(s));
    // Let the spy scan a while longer.
    await new Promise((r) => setTimeout(r, 300));
    assertLearnedNothing(await spied(tab), browser.name);

    // Now it clicks every button it can reach, over and over, for a second.
    await tab.evaluate(() => void ((window as unknown as { spyClicks: boolean }).spyClicks = true));
    await new Promise((r) => setTimeout(r, 1000));
    const report = await spied(tab);
    assert.ok(report.clicks > 0, 'the spy clicked what it could reach');
    assertLearnedNothing(report, browser.name);
    // Its clicks deleted nothing and changed nothing: Kith is open, the encounter and the note are as the user left them.
    assert.equal(await tab.count(sidebar), 1, 'Kith is still open');
    assert.equal(await tab.count(items(encounters)), 1);
    assert.equal(await tab.value(inside(sidebar, 'textbox', 'Notes')), SECRET_NOTE);
    assert.ok((await tab.texts(items(encounters)))[0]?.includes(SECRET_PLACE));
    // The page saw that an element exists, never what it holds: the host's shadow root is closed.
    assert.equal(await tab.evaluate(() => document.querySelector('kith-sidebar')?.shadowRoot ?? null), null);
  },
};

const keyboard: Scenario = {
  name: 'the keyboard: the shortcut opens Kith from anywhere and focuses it; Escape cancels a form, then closes and gives the focus back',
  timeout: 90_000,
  async run(browser) {
    await serveLinkedIn(browser);
    const tab = await browser.open(profileUrl(ANNA.slug));
    await until('the Kith tab', () => tab.count({ role: 'button', name: 'Open Kith' }), (n) => n === 1);
    // The user is somewhere on the page: the shortcut works from there, not only at the end of the tab order.
    await tab.evaluate(() => (document.querySelector('header a') as HTMLElement).focus());
    await tab.shortcut('toggle-sidebar');
    const sidebar = sidebarOf(ANNA.name);
    await until('the sidebar open', () => tab.count(sidebar), (n) => n === 1);
    await untilEqual('the focus in Kith', () => tab.evaluate(() => document.activeElement?.localName), 'kith-sidebar');
    await until('a visible close button', () => tab.count(inside(sidebar, 'button', 'Close Kith')), (n) => n === 1);

    await tab.press(inside(sidebar, 'button', 'Record encounter'), 'Enter');
    await until('the form', () => tab.count(inside(sidebar, 'button', 'Save encounter')), (n) => n === 1);
    await tab.press(inside(sidebar, 'textbox', 'Place'), 'Escape');
    await until('the form cancelled', () => tab.count(inside(sidebar, 'button', 'Save encounter')), (n) => n === 0);
    assert.equal(await tab.count(sidebar), 1, 'the first Escape only cancels the form');

    await tab.press(inside(sidebar, 'button', 'Record encounter'), 'Escape');
    await until('Kith closed', () => tab.count({ role: 'button', name: 'Open Kith' }), (n) => n === 1);
    await untilEqual('the focus back where it was', () => tab.evaluate(() => document.activeElement?.textContent), 'Home');

    // The close button closes it too.
    await tab.shortcut('toggle-sidebar');
    await until('the sidebar open again', () => tab.count(sidebar), (n) => n === 1);
    await tab.click(inside(sidebar, 'button', 'Close Kith'));
    await until('Kith closed again', () => tab.count({ role: 'button', name: 'Open Kith' }), (n) => n === 1);
  },
};

const sidePanelMode: Scenario = {
  name: 'side-panel mode: the profile page gets no element and no DOM change; the panel shows the person in view and follows navigation and tab switches',
  timeout: 90_000,
  async run(browser) {
    await serveSpyingLinkedIn(browser);
    const options = await browser.openExtensionPage('options.html');
    await options.click({ role: 'radio', name: 'In the browser’s side panel' });
    await untilEqual(
      'the setting saved',
      () =>
        options.evaluate(async () => {
          // Firefox's MV2 chrome.* takes callbacks; its browser.* gives promises.
          const g = globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome };
          const stored = await (g.browser ?? g.chrome).storage.local.get('settings');
          return (stored.settings as { presentation?: string } | undefined)?.presentation;
        }),
      'panel',
    );
    const panel = await browser.openExtensionPage('sidepanel.html');
    await until('"not a profile" where the tab in front is not one', async () => (await panel.texts({ role: 'status' })).join(' '), (s) => s.includes('This page is not a profile'));

    const tab = await browser.open(profileUrl(ANNA.slug));
    await until('the panel shows the person in view', () => panel.count(sidebarOf(ANNA.name)), (n) => n === 1);
    await tab.evaluate(() => (window as unknown as { go(p: string): void }).go('/in/bob-stone/'));
    await until('the panel follows an in-app navigation', () => panel.count(sidebarOf('Bob Stone')), (n) => n === 1);
    const report = await spied(tab);
    assert.deepEqual(report.attributes, [], 'no attribute of the page changed');
    assert.ok(!report.added.includes('kith-sidebar') && !report.added.includes('iframe'), `${browser.name}: Kith added an element: ${report.added.join(',')}`);
    assert.equal(await tab.evaluate(() => document.querySelectorAll('kith-sidebar, iframe').length), 0);
    assertLearnedNothing(report, browser.name);

    // Another tab in front: the panel follows it.
    const other = await browser.open(profileUrl('łukasz-żółć'));
    await until('the panel follows a tab switch', () => panel.count(sidebarOf('Łukasz Żółć')), (n) => n === 1);
    await other.evaluate(() => (window as unknown as { go(p: string): void }).go('/feed/'));
    await until('"not a profile" off the profiles', async () => (await panel.texts({ role: 'status' })).join(' '), (s) => s.includes('This page is not a profile'));
  },
};

export const privateScenarios: Scenario[] = [spyingPage, keyboard, sidePanelMode];
