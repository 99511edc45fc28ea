import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { expect, openSidebar, PHOTO_PNG, serve, sidebarFrame, test } from './fixtures';

/** GitHub, X and XING: the sidebar on each, from pages written after each site's markup (tests/fixtures/<site>). */
const page = (site: string, file: string) => readFileSync(join(resolve('tests/fixtures'), site, file), 'utf8');

interface SiteCase {
  site: string;
  url: string;
  file: string;
  name: string;
  /** Text of the page the sidebar shows under the name. */
  headline?: string;
  /** The photo CDN the page's face comes from. */
  photoHost?: RegExp;
  /** What the site is called in the settings. */
  label: string;
}

const SITES: SiteCase[] = [
  {
    site: 'github',
    url: 'https://github.com/anna-nowak',
    file: 'a_user_loggedin_2024.html',
    name: 'Anna Nowak',
    headline: 'Building offline-first tools in TypeScript and Rust.',
    photoHost: /^https:\/\/avatars\.githubusercontent\.com\//,
    label: 'GitHub',
  },
  {
    site: 'x',
    url: 'https://x.com/anna_nowak',
    file: 'a_loggedin_follows_you_2024.html',
    name: 'Anna Nowak',
    photoHost: /^https:\/\/pbs\.twimg\.com\//,
    label: 'X',
  },
  {
    site: 'xing',
    url: 'https://www.xing.com/profile/J%C3%BCrgen_M%C3%BCller',
    file: 'a_loggedin_2024.html',
    name: 'Jürgen Müller',
    photoHost: /^https:\/\/profile-images\.xing\.com\//,
    label: 'XING',
  },
];

async function serveSite(context: BrowserContext, c: SiteCase) {
  const origin = new URL(c.url).origin;
  await serve(context, (u) => u.origin === origin, page(c.site, c.file));
  if (c.photoHost) await context.route(c.photoHost, (route) => route.fulfill({ status: 200, contentType: 'image/png', body: PHOTO_PNG }));
}

for (const c of SITES) {
  test(`${c.label}: the sidebar knows the person, records an encounter with their face, and knows them again`, async ({ context, page: p }) => {
    await serveSite(context, c);
    let sidebar = await openSidebar(p, c.url, c.name);
    await expect(sidebar.getByRole('heading', { name: c.name })).toBeVisible();
    if (c.headline) await expect(sidebar).toContainText(c.headline);
    await sidebar.getByRole('button', { name: 'Record encounter' }).click();
    await sidebar.getByLabel('Kind').selectOption({ label: 'In person' });
    await sidebar.getByLabel('Place').fill('Berlin, JSConf');
    await sidebar.getByRole('button', { name: 'Save encounter' }).click();
    await expect(sidebar.getByRole('list', { name: 'Encounters' })).toContainText('Berlin, JSConf');
    // The face became a stored thumbnail, fetched from the site's photo CDN.
    await expect(sidebar.locator('header img')).toHaveAttribute('src', /^data:image\/jpeg;base64,/);

    await p.reload();
    sidebar = await openSidebar(p, c.url, c.name);
    await expect(sidebar.getByRole('list', { name: 'Encounters' })).toContainText('Berlin, JSConf');
  });
}

test('a site switched off in the settings gets no sidebar; the others keep theirs', async ({ context, page: p, openExtensionPage }) => {
  for (const c of SITES) await serveSite(context, c);
  const options = await openExtensionPage('options.html');
  const github = options.getByRole('checkbox', { name: 'GitHub' });
  await expect(github).toBeChecked();
  await github.uncheck();
  await expect(options.getByRole('status').filter({ hasText: /saved/i }).first()).toBeVisible();
  await options.reload();
  await expect(options.getByRole('checkbox', { name: 'GitHub' })).not.toBeChecked();

  await p.goto(SITES[0].url);
  // The page is there, its content script ran and decided: nothing of Kith's.
  await expect(p.locator('h1, .vcard-fullname').first()).toBeVisible();
  await p.waitForTimeout(500);
  await expect(p.locator('kith-sidebar')).toHaveCount(0);
  await openSidebar(p, SITES[1].url, SITES[1].name);
});

test('GitHub: an organisation is not a person: no sidebar for it', async ({ context, page: p }) => {
  await serve(context, (u) => u.origin === 'https://github.com', page('github', 'b_organization_2024.html'));
  await p.goto('https://github.com/acme-pl');
  await expect(p.getByRole('heading', { name: 'Acme Polska' }).first()).toBeVisible();
  // Past the time the sidebar waits for a page to show a person, then works from the URL alone.
  await p.waitForTimeout(5000);
  await expect(p.locator('kith-sidebar')).toHaveCount(0);
  await expect(sidebarFrame(p, 0)).rejects.toThrow(/No Kith sidebar frame/);
});
