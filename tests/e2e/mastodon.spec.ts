/**
 * Mastodon in Chromium, up to the grant: nothing on an instance the user has not allowed, and the
 * options page asks the browser for exactly that instance. Headless Chromium cannot answer the
 * permission prompt (measured: permissions.request stays pending, the prompt is never shown), so the
 * granted part (sidebar, encounter, removal) runs in Firefox: tests/firefox/mastodon.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page, Worker } from '@playwright/test';
import { expect, serve, test } from './fixtures';

const INSTANCE = 'mastodon.example.pl';
const PROFILE = `https://${INSTANCE}/@anna`;
const fixture = readFileSync(join(resolve('tests/fixtures/mastodon'), 'a_small_instance_loggedin_4_3.html'), 'utf8');

/** Kith's element in the page, once the page has loaded and Kith had time to start. */
async function kithInPage(p: Page): Promise<number> {
  await p.waitForTimeout(1000);
  return p.locator('kith-sidebar').count();
}

const registered = (worker: Worker) => worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.id));

/** Records each permissions.request the page makes, then lets Chromium handle it. */
async function recordRequests(p: Page): Promise<() => Promise<unknown[]>> {
  await p.evaluate(() => {
    const g = globalThis as unknown as { kithRequests: unknown[] };
    g.kithRequests = [];
    const original = chrome.permissions.request.bind(chrome.permissions) as (p: chrome.permissions.Permissions, cb?: (ok: boolean) => void) => unknown;
    (chrome.permissions as unknown as { request: typeof original }).request = (req, cb) => {
      g.kithRequests.push(JSON.parse(JSON.stringify(req)));
      return original(req, cb);
    };
  });
  return () => p.evaluate(() => (globalThis as unknown as { kithRequests: unknown[] }).kithRequests);
}

test('an instance not allowed gets nothing; the options page asks for exactly the instance typed, and refuses junk', async ({ context, worker, openExtensionPage }) => {
  await serve(context, (u) => u.hostname === INSTANCE, fixture);
  const profile = await context.newPage();
  await profile.goto(PROFILE);
  expect(await kithInPage(profile)).toBe(0);
  expect(await registered(worker)).toEqual([]);

  const options = await openExtensionPage('options.html');
  const field = options.getByRole('textbox', { name: 'Mastodon instance', exact: true });
  const allow = options.getByRole('button', { name: 'Allow Kith on this instance' });
  await expect(field).toBeVisible();
  const requests = await recordRequests(options);

  // Junk gets a reason, and the browser is asked nothing.
  const refusals: [string, string][] = [
    ['', "Enter an instance's address, like mastodon.social."],
    ['192.168.1.20', "Enter the instance's name, like mastodon.social, not an IP address."],
    ['mastodon.example.pl:8443', 'Enter the instance without a port number, like mastodon.social: Kith reads instances at their usual https address only.'],
    ['http://mastodon.example.pl', 'Kith reads instances over https only. Enter the name alone, like mastodon.social.'],
    ['www.linkedin.com', 'www.linkedin.com is not a Mastodon instance.'],
    ['not an instance', "That is not an instance's address. Enter one like mastodon.social."],
  ];
  for (const [input, message] of refusals) {
    await field.fill(input);
    await allow.click();
    await expect(options.getByRole('alert')).toHaveText(message);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
  }
  expect(await requests()).toEqual([]);

  // A profile's address, as copied from the browser: the request is for that instance's origin only.
  await field.fill(`https://${INSTANCE}/@anna`);
  await allow.click();
  await expect.poll(requests).toEqual([{ origins: [`https://${INSTANCE}/*`] }]);
  // Chromium took the request (it refuses an origin the manifest does not offer at once, measured:
  // "Only permissions specified in the manifest may be requested"); its prompt waits for the user.
  await options.waitForTimeout(1000);
  await expect(options.getByRole('alert')).toHaveCount(0);
  // Not granted, so not listed, not registered, nothing on the instance.
  await expect(options.getByRole('list', { name: 'Instances Kith is allowed on' })).toHaveText('No Mastodon instance yet.');
  expect(await worker.evaluate(() => chrome.storage.local.get('mastodonInstances'))).toEqual({});
  expect(await registered(worker)).toEqual([]);
  await profile.reload();
  expect(await kithInPage(profile)).toBe(0);

  // The background follows the list: an instance listed without its permission (as when the browser
  // dropped it) is taken off the list and never registered.
  await worker.evaluate(() => chrome.storage.local.set({ mastodonInstances: ['mastodon.example.pl'] }));
  await expect.poll(() => worker.evaluate(() => chrome.storage.local.get('mastodonInstances'))).toEqual({ mastodonInstances: [] });
  await expect(options.getByRole('list', { name: 'Instances Kith is allowed on' })).toHaveText('No Mastodon instance yet.');
  expect(await registered(worker)).toEqual([]);
});

test('the Mastodon site switch is there and saves', async ({ worker, openExtensionPage }) => {
  const options = await openExtensionPage('options.html');
  const site = options.getByRole('checkbox', { name: 'Mastodon', exact: true });
  await expect(site).toBeChecked();
  await site.uncheck();
  await expect(options.getByRole('status').filter({ hasText: 'Saved: Mastodon' })).toBeVisible();
  const stored = await worker.evaluate(() => chrome.storage.local.get('settings'));
  expect((stored.settings as { sites: Record<string, boolean> }).sites).toMatchObject({ mastodon: false, linkedin: true });
});
