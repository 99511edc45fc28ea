/**
 * The sidebar on GitHub, X and XING (pages written after each site's markup, tests/fixtures/<site>),
 * and one person across them: the same Anna linked from the suggestion, in any browser.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { KithBrowser, Scenario, Tab, Target } from './driver';
import { assert, until } from './assert';
import { PHOTO_PNG } from './kith';
import { openSidebar, sidebarOf } from './sidebar';

const fixture = (site: string, file: string) => readFileSync(join(resolve('tests/fixtures'), site, file), 'utf8');
const inside = (sidebar: Target, role: Target['role'], name?: string): Target => ({ role, ...(name !== undefined ? { name } : {}), within: sidebar });

const SITES = [
  { site: 'github', origin: 'https://github.com', url: 'https://github.com/anna-nowak', file: 'a_user_loggedin_2024.html', name: 'Anna Nowak', photos: /^https:\/\/avatars\.githubusercontent\.com\// },
  { site: 'x', origin: 'https://x.com', url: 'https://x.com/anna_nowak', file: 'a_loggedin_follows_you_2024.html', name: 'Anna Nowak', photos: /^https:\/\/pbs\.twimg\.com\// },
  { site: 'xing', origin: 'https://www.xing.com', url: 'https://www.xing.com/profile/J%C3%BCrgen_M%C3%BCller', file: 'a_loggedin_2024.html', name: 'Jürgen Müller', photos: /^https:\/\/profile-images\.xing\.com\// },
];

async function serveSites(browser: KithBrowser): Promise<void> {
  for (const s of SITES) {
    const origin = s.origin.replace(/[.]/g, '\\.');
    await browser.serve({ url: new RegExp(`^${origin}/`), body: fixture(s.site, s.file) });
    await browser.serve({ url: s.photos, body: PHOTO_PNG, contentType: 'image/png' });
  }
}

async function record(tab: Tab, sidebar: Target, place: string): Promise<void> {
  await tab.click(inside(sidebar, 'button', 'Record encounter'));
  await tab.fill(inside(sidebar, 'textbox', 'Place'), place);
  await tab.click(inside(sidebar, 'button', 'Save encounter'));
  await until(`"${place}" in the encounters`, () => tab.texts(inside(sidebar, 'list', 'Encounters')), ([t]) => (t ?? '').includes(place));
}

const eachSite: Scenario = {
  name: 'the sidebar on GitHub, X and XING reads the person and records an encounter with their face',
  async run(browser) {
    await serveSites(browser);
    for (const s of SITES) {
      const tab = await browser.open(s.url);
      const sidebar = await openSidebar(tab, s.name);
      await record(tab, sidebar, `Met on ${s.site}`);
      await until(
        `a thumbnail of the ${s.site} photo`,
        () => tab.evaluateInKith(() => document.querySelector('header img')?.getAttribute('src') ?? ''),
        (src) => src.startsWith('data:image/jpeg;base64,'),
      );
      await tab.reload();
      await until(`${s.name} known on ${s.site} after a reload`, () => tab.texts(inside(sidebarOf(s.name), 'list', 'Encounters')), ([t]) => (t ?? '').includes(`Met on ${s.site}`));
    }
  },
};

const linking: Scenario = {
  name: 'the same Anna on X and GitHub: the suggestion links the profiles, and she is known on both',
  async run(browser) {
    await serveSites(browser);
    const x = await browser.open(SITES[1].url);
    let sidebar = await openSidebar(x, 'Anna Nowak');
    await record(x, sidebar, 'Berlin');

    const gh = await browser.open(SITES[0].url);
    sidebar = await openSidebar(gh, 'Anna Nowak');
    await until('the same-name suggestion', () => gh.count(inside(sidebar, 'button', 'This is Anna Nowak')), (n) => n === 1);
    await gh.click(inside(sidebar, 'button', 'This is Anna Nowak'));
    await until('her encounters on GitHub', () => gh.texts(inside(sidebar, 'list', 'Encounters')), ([t]) => (t ?? '').includes('Berlin'));
    const [text] = await gh.texts(sidebar);
    assert.match(text ?? '', /Profiles: X, GitHub\./);
  },
};

export const siteScenarios: Scenario[] = [eachSite, linking];
