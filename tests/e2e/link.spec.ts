import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, openSidebar, PHOTO_PNG, serve, sidebarFrame, test } from './fixtures';
import { spaPage } from './spa-page';

/** One person across sites: the same Anna on LinkedIn, GitHub and X. */
const fixture = (site: string, file: string) => readFileSync(join(resolve('tests/fixtures'), site, file), 'utf8');
const LINKEDIN = 'https://www.linkedin.com/in/anna-nowak/';
const GITHUB = 'https://github.com/anna-nowak';
const X = 'https://x.com/anna_nowak';

test('link a GitHub profile to the Anna met in Warsaw from the suggestion, see her on both sites, export both, unlink', async ({ context, page, openExtensionPage }) => {
  await serve(context, /^https:\/\/www\.linkedin\.com\/in\//, spaPage([{ slug: 'anna-nowak', name: 'Anna Nowak', headline: 'CTO at Acme' }]));
  await serve(context, (u) => u.origin === 'https://github.com', fixture('github', 'a_user_loggedin_2024.html'));
  await context.route(/^https:\/\/avatars\.githubusercontent\.com\//, (r) => r.fulfill({ status: 200, contentType: 'image/png', body: PHOTO_PNG }));

  let sidebar = await openSidebar(page, LINKEDIN, 'Anna Nowak');
  await sidebar.getByRole('button', { name: 'Record encounter' }).click();
  await sidebar.getByLabel('Place').fill('Warsaw');
  await sidebar.getByRole('button', { name: 'Save encounter' }).click();
  await expect(sidebar.getByRole('list', { name: 'Encounters' })).toContainText('Warsaw');

  // On GitHub she is not saved: Kith suggests the Anna of the same name, and waits for the user.
  sidebar = await openSidebar(page, GITHUB, 'Anna Nowak');
  await expect(sidebar.getByText('You have not recorded meeting this person yet.')).toBeVisible();
  await expect(sidebar.getByText(/Already saved with the same name: Anna Nowak \(Warsaw, /)).toBeVisible();
  await page.waitForTimeout(300);
  // Nothing was linked by itself: the tab (hidden while the sidebar is open) does not say saved.
  await expect((await sidebarFrame(page)).getByRole('button', { name: 'Open Kith', includeHidden: true })).toHaveText('Kith');
  await sidebar.getByRole('button', { name: 'This is Anna Nowak' }).click();
  await expect(sidebar.getByRole('list', { name: 'Encounters' })).toContainText('Warsaw');
  await expect(sidebar.getByText('Profiles: LinkedIn, GitHub.')).toBeVisible();

  // Known on both sites, after a reload too.
  await page.reload();
  sidebar = await openSidebar(page, GITHUB, 'Anna Nowak');
  await expect(sidebar.getByRole('list', { name: 'Encounters' })).toContainText('Warsaw');
  sidebar = await openSidebar(page, LINKEDIN, 'Anna Nowak');
  await expect(sidebar.getByText('Profiles: LinkedIn, GitHub.')).toBeVisible();

  // One person, exported with both profile URLs.
  const options = await openExtensionPage('options.html');
  const csv = (await options.evaluate(() => chrome.runtime.sendMessage({ kith: 'data.export', payload: { format: 'csv' } }))) as { ok: boolean; value: { text: string } };
  expect(csv.ok).toBe(true);
  const rows = csv.value.text.trim().split(/\r?\n/);
  expect(rows).toHaveLength(2);
  expect(rows[1]).toContain(LINKEDIN);
  expect(rows[1]).toContain(GITHUB);

  // Unlinked, the GitHub profile is unknown again; LinkedIn keeps her.
  sidebar = await openSidebar(page, GITHUB, 'Anna Nowak');
  await sidebar.getByRole('button', { name: 'Unlink this GitHub profile' }).click();
  await expect(sidebar.getByText('You have not recorded meeting this person yet.')).toBeVisible();
  await expect(sidebar.getByRole('button', { name: 'This is Anna Nowak' })).toBeVisible();
  sidebar = await openSidebar(page, LINKEDIN, 'Anna Nowak');
  await expect(sidebar.getByRole('list', { name: 'Encounters' })).toContainText('Warsaw');
  await expect(sidebar.getByText(/^Profiles:/)).toHaveCount(0);
});

test('link by searching: an X profile saved separately is merged into the person chosen', async ({ context, page }) => {
  await serve(context, /^https:\/\/www\.linkedin\.com\/in\//, spaPage([{ slug: 'anna-nowak', name: 'Anna Nowak', headline: 'CTO at Acme' }]));
  await serve(context, (u) => u.origin === 'https://x.com', fixture('x', 'a_loggedin_follows_you_2024.html'));
  await context.route(/^https:\/\/pbs\.twimg\.com\//, (r) => r.fulfill({ status: 200, contentType: 'image/png', body: PHOTO_PNG }));

  let sidebar = await openSidebar(page, LINKEDIN, 'Anna Nowak');
  await sidebar.getByRole('button', { name: 'Record encounter' }).click();
  await sidebar.getByLabel('Place').fill('Warsaw');
  await sidebar.getByRole('button', { name: 'Save encounter' }).click();
  await expect(sidebar.getByRole('list', { name: 'Encounters' })).toContainText('Warsaw');

  // Saved on X as well, separately, with a call.
  sidebar = await openSidebar(page, X, 'Anna Nowak');
  await sidebar.getByRole('button', { name: 'Record encounter' }).click();
  await sidebar.getByLabel('Kind').selectOption({ label: 'Call' });
  await sidebar.getByLabel('Place').fill('Zoom');
  await sidebar.getByRole('button', { name: 'Save encounter' }).click();
  await expect(sidebar.getByRole('list', { name: 'Encounters' })).toContainText('Zoom');

  // The search for whoever else it may be waits behind its question, which says what linking does.
  await expect(sidebar.getByLabel('Same person as', { exact: true })).toHaveCount(0);
  await sidebar.getByRole('button', { name: 'Saved them from another profile?' }).click();
  await expect(sidebar.getByText(/^Type the name you saved them under\. Linking makes/)).toBeVisible();
  const field = sidebar.getByLabel('Same person as', { exact: true });
  await field.fill('Anna');
  await expect(sidebar.locator('datalist#kith-link-people option')).toHaveCount(1);
  await field.fill('Anna Nowak');
  await sidebar.getByRole('button', { name: 'Link profiles' }).click();
  const list = sidebar.getByRole('list', { name: 'Encounters' });
  await expect(list).toContainText('Zoom');
  await expect(list).toContainText('Warsaw');
  await expect(sidebar.getByText('Profiles: LinkedIn, X.')).toBeVisible();

  sidebar = await openSidebar(page, LINKEDIN, 'Anna Nowak');
  await expect(sidebar.getByRole('list', { name: 'Encounters' }).getByRole('listitem')).toHaveCount(2);
});
