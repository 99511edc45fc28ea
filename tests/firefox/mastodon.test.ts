/**
 * Kith on a Mastodon instance, the whole way, in Firefox: nothing on the instance until the user allows
 * it in the options page (an optional permission for exactly that origin), then the sidebar on a
 * profile there, an encounter recorded with the person's face, the sidebar again after a restart, the
 * site switch, and removing the instance. Headless Chromium cannot grant an optional permission (its prompt never answers; measured),
 * so Chromium checks the part before the grant (tests/e2e/mastodon.spec.ts).
 *
 * Firefox asks the user too; its pref extensions.webextOptionalPermissionPrompts=false grants without
 * the prompt. It is set here, at run time from a privileged page, so no other test runs without it.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { FirefoxKith } from './driver';
import { until, untilEqual } from '../scenarios/assert';
import { PHOTO_PNG } from '../scenarios/kith';
import type { Tab, Target } from '../scenarios/driver';

const INSTANCE = 'mastodon.example.pl';
const PROFILE = `https://${INSTANCE}/@anna`;
const page = (file: string) => readFileSync(join(resolve('tests/fixtures/mastodon'), file), 'utf8');

const field: Target = { role: 'textbox', name: 'Mastodon instance' };
const allowButton: Target = { role: 'button', name: 'Allow Kith on this instance' };
const instances: Target = { role: 'list', name: 'Instances Kith is allowed on' };
const removeButton: Target = { role: 'button', name: `Remove ${INSTANCE}` };
const siteSwitch: Target = { role: 'checkbox', name: 'Mastodon' };
const sidebar: Target = { role: 'complementary', name: 'Kith: Anna Nowak' };
const inSidebar = (role: Target['role'], name?: string): Target => ({ role, ...(name !== undefined ? { name } : {}), within: sidebar });

let firefox: FirefoxKith;
beforeEach(async () => {
  firefox = await FirefoxKith.launch();
});
afterEach(async () => {
  await firefox?.close();
});

const grantWithoutPrompt = () => firefox.grantOptionalPermissionsWithoutPrompt();

/** Whether Kith put anything into the page: its element, after the page loaded and Kith had time to start. */
async function kithInPage(tab: Tab): Promise<boolean> {
  await new Promise((r) => setTimeout(r, 1000));
  return tab.evaluate(() => !!document.querySelector('kith-sidebar'));
}

/** The origins Kith holds now, beyond those its manifest declares. */
function grantedOrigins(options: Tab): Promise<string[]> {
  return options.evaluate(async () => {
    const g = globalThis as unknown as { browser: typeof chrome };
    const declared = new Set(g.browser.runtime.getManifest().permissions);
    return ((await g.browser.permissions.getAll()).origins ?? []).filter((o) => !declared.has(o));
  });
}

test('an instance the user allows gets the sidebar; removing it takes the sidebar and the permission away', { timeout: 120_000 }, async () => {
  await firefox.serve({ url: new RegExp(`^https://${INSTANCE.replace(/\./g, '\\.')}/`), body: page('a_small_instance_loggedin_4_3.html') });
  await firefox.serve({ url: /^https:\/\/files\.mastodon\.example\.pl\//, body: PHOTO_PNG, contentType: 'image/png' });
  await grantWithoutPrompt();

  // Before: nothing on the instance, nothing granted.
  let profile = await firefox.open(PROFILE);
  expect(await kithInPage(profile)).toBe(false);
  let options = await firefox.openExtensionPage('options.html');
  expect(await grantedOrigins(options)).toEqual([]);

  // Junk is refused with a reason, and nothing is asked for.
  await options.fill(field, 'https://10.0.0.1/@anna');
  await options.click(allowButton);
  await untilEqual('the refusal', () => options.texts({ role: 'alert' }), ["Enter the instance's name, like mastodon.social, not an IP address."]);
  expect(await grantedOrigins(options)).toEqual([]);

  // A profile's address is enough: Kith asks for that instance, exactly.
  await options.fill(field, `https://${INSTANCE.toUpperCase()}/@anna`);
  await options.click(allowButton);
  await until('the instance in the list, with its Remove button', () => options.count(removeButton), (n) => n === 1);
  expect(await options.texts({ role: 'listitem', within: instances })).toEqual([`${INSTANCE}Remove`]);
  expect(await grantedOrigins(options)).toEqual([`https://${INSTANCE}/*`]);
  expect(await options.count({ role: 'alert' })).toBe(0);

  // The sidebar on the profile, and an encounter recorded with the face from the instance's media host.
  await profile.reload();
  await until('the Kith tab', () => profile.count({ role: 'button', name: 'Open Kith' }), (n) => n === 1);
  await profile.click({ role: 'button', name: 'Open Kith' });
  await until('the sidebar of Anna Nowak', () => profile.count(sidebar), (n) => n === 1);
  await profile.click(inSidebar('button', 'Record encounter'));
  await profile.fill(inSidebar('textbox', 'Place'), 'Kraków, meet.js');
  await profile.click(inSidebar('button', 'Save encounter'));
  await until('the encounter', () => profile.texts({ role: 'listitem', within: inSidebar('list', 'Encounters') }), ([t]) => /Kraków, meet\.js/.test(t ?? ''));
  await until(
    'a JPEG thumbnail of the face',
    () => profile.evaluateInKith(() => document.querySelector('header img')?.getAttribute('src') ?? ''),
    (src) => src.startsWith('data:image/jpeg;base64,'),
  );

  // Firefox forgets registered scripts when it quits: the background registers them again at start.
  await firefox.restart();
  profile = await firefox.open(PROFILE);
  await until('the sidebar after a restart', () => profile.count(sidebar), (n) => n === 1);
  await until('the encounter after a restart', () => profile.texts(inSidebar('list', 'Encounters')), ([t]) => /Kraków, meet\.js/.test(t ?? ''));
  options = await firefox.openExtensionPage('options.html');

  // The site switch: off, no sidebar; on again, the sidebar and what was recorded.
  await options.click(siteSwitch);
  await untilEqual('Mastodon switched off', () => options.value(siteSwitch), 'false');
  await profile.reload();
  expect(await kithInPage(profile)).toBe(false);
  await options.click(siteSwitch);
  await untilEqual('Mastodon switched on', () => options.value(siteSwitch), 'true');
  await profile.reload();
  await until('the sidebar again', () => profile.count(sidebar), (n) => n === 1);
  await until('the encounter again', () => profile.texts(inSidebar('list', 'Encounters')), ([t]) => /Kraków, meet\.js/.test(t ?? ''));

  // Removed: off the list, the permission given back, and no sidebar after a reload.
  await options.click(removeButton);
  await untilEqual('the list without it', () => options.texts({ role: 'listitem', within: instances }), ['No Mastodon instance yet.']);
  await untilEqual('the permission given back', () => grantedOrigins(options), []);
  await profile.reload();
  expect(await kithInPage(profile)).toBe(false);
  expect(await firefox.backgroundErrors()).toEqual([]);
});
