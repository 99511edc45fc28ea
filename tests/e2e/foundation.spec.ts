import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, launch, removeDir, serve, serviceWorker, sidebarFrame, test } from './fixtures';
import { spaPage } from './spa-page';

const ANNA = { slug: 'anna-nowak', name: 'Anna Nowak', headline: 'CTO at Acme', company: 'Acme' };

test('the chain: page → content script → background → IndexedDB → sidebar, and it survives a restart', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kith-restart-'));
  try {
    let context = await launch(dir);
    await serviceWorker(context);
    await serve(context, /^https:\/\/www\.linkedin\.com\/in\//, spaPage([ANNA]));
    let page = await context.newPage();
    await page.goto('https://www.linkedin.com/in/anna-nowak/');
    const kith = await sidebarFrame(page);
    await kith.getByRole('button', { name: 'Open Kith' }).click();
    const sidebar = kith.getByRole('complementary', { name: /Kith: Anna Nowak/ });
    await expect(sidebar).toBeVisible();
    // The background answered from IndexedDB: not saved yet.
    await expect(sidebar.getByText('You have not recorded meeting this person yet.')).toBeVisible();
    await sidebar.getByRole('button', { name: 'Record encounter' }).click();
    await sidebar.getByLabel('Place').fill('Warsaw');
    await sidebar.getByLabel('Event', { exact: true }).fill('Grow Up Start Up');
    await sidebar.getByRole('button', { name: 'Save encounter' }).click();
    await expect(sidebar.getByRole('list', { name: 'Encounters' }).getByRole('listitem')).toHaveCount(1);
    await expect(sidebar.getByRole('list', { name: 'Encounters' })).toContainText('Warsaw');
    await context.close();

    // Same browser profile, new browser: everything is still there.
    context = await launch(dir);
    await serviceWorker(context);
    await serve(context, /^https:\/\/www\.linkedin\.com\/in\//, spaPage([ANNA]));
    page = await context.newPage();
    await page.goto('https://www.linkedin.com/in/anna-nowak/');
    // The open state was remembered.
    const again = (await sidebarFrame(page)).getByRole('complementary', { name: /Kith: Anna Nowak/ });
    await expect(again).toBeVisible();
    await expect(again.getByRole('list', { name: 'Encounters' })).toContainText('Grow Up Start Up');
    await context.close();
  } finally {
    removeDir(dir);
  }
});

test('nothing is injected on sites Kith does not support', async ({ context }) => {
  await serve(context, 'https://example.com/in/anna-nowak/', spaPage([ANNA]));
  const page = await context.newPage();
  await page.goto('https://example.com/in/anna-nowak/');
  await page.waitForTimeout(500);
  expect(await page.locator('kith-sidebar').count()).toBe(0);
});

test('a web page cannot talk to the background', async ({ context }) => {
  await serve(context, /^https:\/\/www\.linkedin\.com\/in\//, spaPage([ANNA]));
  const page = await context.newPage();
  await page.goto('https://www.linkedin.com/in/anna-nowak/');
  await expect(page.locator('kith-sidebar')).toHaveCount(1);
  // Kith's element holds a closed shadow root: the page cannot reach Kith's frame through it.
  expect(await page.locator('kith-sidebar').evaluate((el) => el.shadowRoot)).toBeNull();
  // The page's own world has no extension messaging to Kith (no externally_connectable).
  const reachable = await page.evaluate(() => {
    const w = window as unknown as { chrome?: { runtime?: { sendMessage?: unknown } } };
    return typeof w.chrome?.runtime?.sendMessage === 'function';
  });
  expect(reachable).toBe(false);
});
