import type { Page, Worker } from '@playwright/test';
import { expect, openSidebar as openSidebarAt, serve, test } from './fixtures';
import { spaPage } from './spa-page';
import { addDays, localDay } from '../../utils/dates';

/**
 * Storage pressure (DESIGN.md, unlimitedStorage): a write the browser refuses is reported to the user,
 * what they typed or chose stays, and it is stored once writes work again, never silently dropped.
 */

const NO_ROOM = /The browser has no room left for Kith's data \(is the disk full\?\), so nothing was changed\./;

/** Makes every IndexedDB write in the service worker throw, as a browser with no room left does. */
async function refuseWrites(worker: Worker): Promise<void> {
  await worker.evaluate(() => {
    const saved = globalThis as unknown as { kithWrites?: [string, unknown][] };
    const proto = IDBObjectStore.prototype as unknown as Record<string, unknown>;
    saved.kithWrites = ['put', 'add'].map((m) => [m, proto[m]]);
    for (const m of ['put', 'add']) {
      proto[m] = () => {
        throw new DOMException('Simulated: the disk is full', 'QuotaExceededError');
      };
    }
  });
}

async function allowWrites(worker: Worker): Promise<void> {
  await worker.evaluate(() => {
    const proto = IDBObjectStore.prototype as unknown as Record<string, unknown>;
    for (const [m, original] of (globalThis as unknown as { kithWrites: [string, unknown][] }).kithWrites) proto[m] = original;
  });
}

const openSidebar = (page: Page) => openSidebarAt(page, 'https://www.linkedin.com/in/anna-nowak/', 'Anna Nowak');

test('the sidebar keeps notes, tags and an encounter through a full disk, and stores them when there is room again', async ({ page, context, worker }) => {
  await serve(context, /^https:\/\/www\.linkedin\.com\/in\//, spaPage([{ slug: 'anna-nowak', name: 'Anna Nowak', headline: 'CTO at Acme' }]));
  let sidebar = await openSidebar(page);
  await sidebar.getByRole('button', { name: 'Record encounter' }).click();
  await sidebar.getByRole('button', { name: 'Save encounter' }).click();
  const encounters = sidebar.getByRole('list', { name: 'Encounters' }).getByRole('listitem');
  await expect(encounters).toHaveCount(1);

  await refuseWrites(worker);
  const notes = sidebar.getByLabel('Notes');
  await notes.fill('Met at the bar; wants the pilot deck.');
  await sidebar.getByLabel('Add tag').fill('investor');
  await sidebar.getByLabel('Add tag').press('Enter');
  const notSaved = sidebar.getByRole('alert').filter({ hasText: 'Not saved yet.' });
  await expect(notSaved).toContainText(NO_ROOM);
  await expect(notSaved).toContainText('Kith keeps trying by itself while this page is open.');
  await expect(notes).toHaveValue('Met at the bar; wants the pilot deck.');
  await expect(sidebar.getByRole('list', { name: 'Tags' })).toContainText('investor');
  await expect(sidebar.getByRole('status').filter({ hasText: 'Saving…' })).toBeVisible();

  // An explicit action: the form stays filled, with the reason, and can be sent again.
  await sidebar.getByRole('button', { name: 'Record encounter' }).click();
  await sidebar.getByLabel('Kind').selectOption({ label: 'Call' });
  await sidebar.getByLabel('Place').fill('Warsaw');
  await sidebar.getByRole('button', { name: 'Save encounter' }).click();
  const form = sidebar.locator('form');
  await expect(form.getByRole('alert')).toContainText(NO_ROOM);
  await expect(sidebar.getByLabel('Place')).toHaveValue('Warsaw');
  await expect(sidebar.getByLabel('Kind')).toHaveValue('call');
  await expect(form.getByRole('button', { name: 'Save encounter' })).toBeEnabled();
  // Still failing after the first automatic retry (2 s after the first failure).
  await page.waitForTimeout(2500);
  await expect(notSaved).toBeVisible();

  await allowWrites(worker);
  // The next automatic try (5 s after the second failure at the latest) stores the notes and the tag.
  await expect(notSaved).toHaveCount(0, { timeout: 20_000 });
  await expect(sidebar.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await form.getByRole('button', { name: 'Save encounter' }).click();
  await expect(encounters).toHaveCount(2);
  await expect(sidebar.getByRole('alert')).toHaveCount(0);

  // All of it was stored: a fresh page reads it back.
  await page.reload();
  sidebar = await openSidebar(page);
  await expect(sidebar.getByLabel('Notes')).toHaveValue('Met at the bar; wants the pilot deck.');
  await expect(sidebar.getByRole('list', { name: 'Tags' })).toContainText('investor');
  await expect(sidebar.getByRole('list', { name: 'Encounters' }).getByRole('listitem')).toHaveCount(2);
  await expect(sidebar.getByRole('list', { name: 'Encounters' })).toContainText('Warsaw');
});

test('Done in the popup says why it failed, keeps the row, and works when pressed again', async ({ openExtensionPage, worker }) => {
  const page = await openExtensionPage('popup.html');
  const yesterday = addDays(localDay(new Date()), -1);
  const reply = await page.evaluate(
    (payload) => (globalThis as unknown as { chrome: { runtime: { sendMessage: (m: unknown) => Promise<unknown> } } }).chrome.runtime.sendMessage({ kith: 'encounter.record', payload }),
    {
      profile: { site: 'linkedin', keys: ['linkedin:anna-nowak'], url: 'https://www.linkedin.com/in/anna-nowak/', name: 'Anna Nowak' },
      encounter: { date: addDays(yesterday, -7), kind: 'in-person' },
      followUpDue: yesterday,
    },
  );
  expect(reply).toMatchObject({ ok: true });
  await page.reload();
  const anna = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Anna Nowak', level: 3 }) });
  await expect(anna).toContainText('1 day overdue');

  await refuseWrites(worker);
  await anna.getByRole('combobox', { name: 'logged as' }).selectOption({ label: 'Email' });
  await anna.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('alert')).toContainText(NO_ROOM);
  await expect(anna).toContainText('1 day overdue');
  await expect(anna.getByRole('combobox', { name: 'logged as' })).toHaveValue('email');
  await expect(anna.getByRole('button', { name: 'Done' })).toBeEnabled();

  await allowWrites(worker);
  await anna.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('status')).toHaveText('Anna Nowak: done. No follow-up planned.');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Anna Nowak' })).toHaveCount(0);
});
