import type { Request } from '@playwright/test';
import { expect, openSidebar, PHOTO_PNG, serve, test } from './fixtures';
import { spaPage } from './spa-page';

const PHOTO = 'https://media.licdn.com/dms/image/anna/profile-displayphoto-shrink_400_400/0/1';

test('across a session of use, the only request Kith makes is the photo the user chose to save', async ({ context, openExtensionPage }) => {
  const fromKith: string[] = [];
  const record = (r: Request) => {
    const frameUrl = (() => {
      try {
        return r.frame().url();
      } catch {
        return '';
      }
    })();
    // Requests by the service worker, or by one of Kith's own pages (the sidebar's frame has Chromium's
    // per-session dynamic id, not the extension's), are Kith's.
    if ((r.serviceWorker() || frameUrl.startsWith('chrome-extension://')) && !r.url().startsWith('chrome-extension://')) fromKith.push(r.url());
  };
  context.on('request', record);
  await serve(context, /^https:\/\/www\.linkedin\.com\/(in|feed)\//, spaPage([{ slug: 'anna-nowak', name: 'Anna Nowak', headline: 'CTO', photo: PHOTO }]));
  await context.route(/^https:\/\/media\.licdn\.com\//, (route) => route.fulfill({ status: 200, contentType: 'image/png', body: PHOTO_PNG }));

  const page = await context.newPage();
  const sidebar = await openSidebar(page, 'https://www.linkedin.com/in/anna-nowak/', 'Anna Nowak');
  await sidebar.getByRole('button', { name: 'Record encounter' }).click();
  await sidebar.getByRole('button', { name: 'Save encounter' }).click();
  await expect(sidebar.locator('header img')).toHaveAttribute('src', /^data:image\/jpeg/);
  await sidebar.getByLabel('Add tag').fill('vc');
  await sidebar.getByLabel('Add tag').press('Enter');
  // A second encounter does not fetch the photo again.
  await sidebar.getByRole('button', { name: 'Record encounter' }).click();
  await sidebar.getByRole('button', { name: 'Save encounter' }).click();
  await expect(sidebar.getByRole('list', { name: 'Encounters' }).getByRole('listitem')).toHaveCount(2);
  await page.goto('https://www.linkedin.com/feed/');

  const popup = await openExtensionPage('popup.html');
  await popup.getByRole('searchbox', { name: 'Search people' }).fill('anna');
  await expect(popup.getByText('Anna Nowak')).toBeVisible();
  const options = await openExtensionPage('options.html');
  const download = options.waitForEvent('download');
  await options.getByRole('button', { name: 'Export JSON backup' }).click();
  await download;

  // Once, by the background, to keep. The sidebar's frame shows only the stored thumbnail: showing the
  // page's own photo address there would be one more request of Kith's own to the site.
  expect(fromKith).toEqual([PHOTO]);
});
