import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EXTENSION_DIR, expect, launch, PHOTO_PNG, removeDir, serve, serviceWorker, sidebarFrame, test } from './fixtures';
import { spaPage } from './spa-page';

const PREVIOUS = resolve('tests/fixtures/previous-release/chrome-mv3');
const ANNA = { slug: 'anna-nowak', name: 'Anna Nowak', headline: 'CTO at Acme', photo: 'https://media.licdn.com/dms/image/anna/1' };

async function start(profileDir: string, extensionDir: string) {
  const context = await launch(profileDir, extensionDir);
  const worker = await serviceWorker(context);
  await serve(context, /^https:\/\/www\.linkedin\.com\/in\//, spaPage([ANNA]));
  await context.route(/^https:\/\/media\.licdn\.com\//, (route) => route.fulfill({ status: 200, contentType: 'image/png', body: PHOTO_PNG }));
  return { context, id: new URL(worker.url()).host };
}

test('an update from the previous release keeps all data', async () => {
  test.setTimeout(90_000);
  const root = mkdtempSync(join(tmpdir(), 'kith-upgrade-'));
  // Unpacked extensions get their id from their folder: the update replaces the files in place.
  const extensionDir = join(root, 'kith');
  const profileDir = join(root, 'profile');
  try {
    cpSync(PREVIOUS, extensionDir, { recursive: true });
    let { context, id } = await start(profileDir, extensionDir);
    let page = await context.newPage();
    await page.goto('https://www.linkedin.com/in/anna-nowak/');
    // The previous release shows its sidebar in the page, in an open shadow root (Playwright's locators enter it).
    await page.getByRole('button', { name: 'Open Kith' }).click();
    let sidebar = page.getByRole('complementary', { name: 'Kith: Anna Nowak' });
    await sidebar.getByRole('button', { name: 'Record encounter' }).click();
    await sidebar.getByLabel('Place').fill('Warsaw');
    await sidebar.getByLabel('Event', { exact: true }).fill('Grow Up Start Up');
    await sidebar.getByRole('button', { name: 'Save encounter' }).click();
    await sidebar.getByLabel('Add tag').fill('investor');
    await sidebar.getByLabel('Add tag').press('Enter');
    await sidebar.getByLabel('Notes').fill('Wants the pilot deck');
    await sidebar.getByLabel('Notes').blur();
    await expect(sidebar.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
    await expect(sidebar.locator('header img')).toHaveAttribute('src', /^data:image\/jpeg/);
    const oldId = id;

    await context.close();
    // The update: the new build's files replace the old ones while the browser is closed.
    rmSync(extensionDir, { recursive: true, force: true });
    cpSync(EXTENSION_DIR, extensionDir, { recursive: true });
    // A store update installs the new worker script; an unpacked folder changed between runs keeps
    // the old one cached in the profile. Dropping that cache (scripts only, not the database) makes
    // this the same as an update. IndexedDB, extension storage and everything else stay.
    rmSync(join(profileDir, 'Default', 'Service Worker'), { recursive: true, force: true });
    ({ context, id } = await start(profileDir, extensionDir));
    expect(id).toBe(oldId);
    page = await context.newPage();
    await page.goto('https://www.linkedin.com/in/anna-nowak/');
    // This release shows it in its own frame, still open as the user left it.
    sidebar = (await sidebarFrame(page)).getByRole('complementary', { name: 'Kith: Anna Nowak' });
    await expect(sidebar).toBeVisible();
    await expect(sidebar.getByRole('list', { name: 'Encounters' })).toContainText('Grow Up Start Up');
    await expect(sidebar.getByRole('list', { name: 'Tags' })).toContainText('investor');
    await expect(sidebar.getByLabel('Notes')).toHaveValue('Wants the pilot deck');
    await expect(sidebar.locator('header img')).toHaveAttribute('src', /^data:image\/jpeg/);
    // The upgraded store works with what the new release added (the import receipts of schema v3).
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${id}/popup.html`);
    expect(await popup.evaluate(() => chrome.runtime.getManifest().version)).toBe(process.env.npm_package_version ?? '0.2.0');
    await expect
      .poll(() => popup.evaluate(() => chrome.runtime.sendMessage({ kith: 'import.status', payload: { id: 'none' } })), { timeout: 20_000 })
      .toEqual({ ok: true, value: { landed: false } });
    const search = await popup.evaluate(() => chrome.runtime.sendMessage({ kith: 'people.search', payload: { query: 'grow' } }));
    expect(search).toMatchObject({ ok: true, value: [{ name: 'Anna Nowak' }] });
    await context.close();
  } finally {
    removeDir(root);
  }
});
