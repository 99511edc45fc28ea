/**
 * Which pages Kith's sidebar appears on, in any browser: real saved LinkedIn pages, in-app navigation
 * between profiles and off them, and nothing at all on other sites.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from './driver';
import { assert, until } from './assert';
import { profileUrl, SHARED_PAGES } from './kith';
import { ANNA, openSidebar, serveLinkedIn, sidebarOf } from './sidebar';
import { spaPage } from '../e2e/spa-page';

const isolation: Scenario = {
  name: 'nothing is injected on sites Kith does not support, and a web page cannot talk to Kith',
  async run(browser) {
    await browser.serve({ url: /^https:\/\/example\.com\//, body: spaPage([ANNA]) });
    await serveLinkedIn(browser);
    const other = await browser.open('https://example.com/in/anna-nowak/');
    const linkedin = await browser.open(profileUrl('anna-nowak'));
    await until('the sidebar host on LinkedIn', () => linkedin.evaluate(() => document.querySelectorAll('kith-sidebar').length), (n) => n === 1);
    assert.equal(await other.evaluate(() => document.querySelectorAll('kith-sidebar').length), 0);
    // The page sees that Kith's element is there, never what it holds: its shadow root is closed.
    await until('the Kith tab', () => linkedin.count({ role: 'button', name: 'Open Kith' }), (n) => n === 1);
    assert.equal(await linkedin.evaluate(() => document.querySelector('kith-sidebar')!.shadowRoot), null);
    // The page's own world has no extension messaging to Kith (no externally_connectable).
    const reachable = await linkedin.evaluate(() => {
      const w = window as unknown as { chrome?: { runtime?: { sendMessage?: unknown } }; browser?: { runtime?: { sendMessage?: unknown } } };
      return typeof w.chrome?.runtime?.sendMessage === 'function' || typeof w.browser?.runtime?.sendMessage === 'function';
    });
    assert.equal(reachable, false);
  },
};

const realPages: Scenario = {
  name: 'real saved LinkedIn pages: the sidebar shows the person, as text',
  timeout: 120_000,
  async run(browser) {
    const expected = JSON.parse(readFileSync(join(SHARED_PAGES, 'expected.json'), 'utf8')) as Record<
      string,
      { served_at: string; name: string | null; headline: string | null; readable?: boolean }
    >;
    const readable = Object.entries(expected).filter(([, want]) => want.readable !== false && want.name);
    assert.ok(readable.length >= 2, 'at least two readable real pages');
    for (const [file, want] of readable) {
      const served = want.served_at.replace(/\/$/, '');
      const escaped = served.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      await browser.serve({ url: new RegExp(`^${escaped}/?$`), body: readFileSync(join(SHARED_PAGES, file), 'utf8') });
      const tab = await browser.open(want.served_at);
      const name = want.name!.replace(/\s+/g, ' ').trim().slice(0, 200);
      const sidebar = await openSidebar(tab, name).catch((e: Error) => {
        throw new Error(`${file}: ${e.message}`);
      });
      if (want.headline) {
        const headline = want.headline.replace(/\s+/g, ' ').trim().slice(0, 100);
        await until(`${file}: the headline`, () => tab.texts(sidebar), ([t]) => (t ?? '').replace(/\s+/g, ' ').includes(headline));
      }
      // Markup in the page's text stays text inside Kith: no element of it exists in the sidebar's document.
      const injected = await tab.evaluateInKith(() => document.body.querySelectorAll('script, b, a[href^="javascript"], img[src="x"]').length);
      assert.equal(injected, 0, file);
      assert.deepEqual(tab.dialogs, [], file);
      await tab.close();
    }
  },
};

const navigation: Scenario = {
  name: 'in-app navigation shows the new person, never the previous one, and hides off profiles',
  async run(browser) {
    await serveLinkedIn(browser);
    const tab = await browser.open('https://www.linkedin.com/feed/');
    // Off profiles: the watcher only, no DOM of ours.
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(await tab.evaluate(() => document.querySelectorAll('kith-sidebar').length), 0);

    const go = (path: string, delay: number) => tab.evaluate(([p, d]) => (window as unknown as { go: (p: string, d: number) => void }).go(p, d), [path, delay] as [string, number]);
    await go('/in/anna-nowak/', 50);
    await openSidebar(tab, 'Anna Nowak');

    // Record the names the sidebar shows, from inside its frame, while the page moves to Bob slowly.
    await tab.evaluateInKith(() => {
      const seen: { at: number; label: string }[] = [];
      (window as unknown as { seen: typeof seen }).seen = seen;
      new MutationObserver(() => {
        const label = document.querySelector('aside')?.getAttribute('aria-label');
        if (label) seen.push({ at: Date.now(), label });
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    // The page's clock and the frame's are the machine's: what the sidebar showed once the URL was Bob's.
    const movedAt = await tab.evaluate(() => {
      const at = Date.now();
      (window as unknown as { go: (p: string, d: number) => void }).go('/in/bob-stone/', 400);
      return at;
    });
    await until('the sidebar of Bob Stone', () => tab.count(sidebarOf('Bob Stone')), (n) => n === 1);
    const seen = await tab.evaluateInKith(() => (window as unknown as { seen: { at: number; label: string }[] }).seen);
    assert.ok(seen.some((s) => s.label === 'Kith: Bob Stone'), 'the frame saw Bob come');
    assert.deepEqual(
      seen.filter((s) => s.at >= movedAt && s.label.includes('Anna')),
      [],
    );

    await go('/search/results/?q=x', 10);
    await until('no sidebar off profiles', async () => (await tab.count({ role: 'complementary' })) + (await tab.count({ role: 'button', name: 'Close Kith' })), (n) => n === 0);
    // Off profiles, no DOM of ours again.
    await until('no Kith element off profiles', () => tab.evaluate(() => document.querySelectorAll('kith-sidebar').length), (n) => n === 0);

    await go('/in/%C5%82ukasz-%C5%BC%C3%B3%C5%82%C4%87/', 10);
    await until('the sidebar of Łukasz Żółć', () => tab.count(sidebarOf('Łukasz Żółć')), (n) => n === 1);
  },
};

export const pageScenarios: Scenario[] = [isolation, realPages, navigation];
