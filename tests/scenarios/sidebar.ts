/**
 * The sidebar on profile pages, in any browser: the whole chain from the page to IndexedDB and back,
 * tags and notes, the photo thumbnail, two tabs. (The pages it appears on: pages.ts.)
 */
import type { KithBrowser, Scenario, Tab, Target } from './driver';
import { assert, until, untilEqual } from './assert';
import { PHOTO_PNG, profileUrl } from './kith';
import { spaPage, type SpaPerson } from '../e2e/spa-page';

export const ANNA: SpaPerson = {
  slug: 'anna-nowak',
  name: 'Anna Nowak',
  headline: 'CTO at Acme',
  company: 'Acme',
  photo: 'https://media.licdn.com/dms/image/anna/profile-displayphoto-shrink_400_400/0/1',
};
const BOB: SpaPerson = { slug: 'bob-stone', name: 'Bob Stone', headline: 'Founder of Stone Labs' };
const LUKASZ: SpaPerson = { slug: 'łukasz-żółć', name: 'Łukasz Żółć', headline: 'Inżynier' };
export const PEOPLE = [ANNA, BOB, LUKASZ];

export const sidebarOf = (name: string): Target => ({ role: 'complementary', name: `Kith: ${name}` });
const inside = (sidebar: Target, role: Target['role'], name?: string): Target => ({ role, ...(name !== undefined ? { name } : {}), within: sidebar });
const encounters = (sidebar: Target): Target => inside(sidebar, 'list', 'Encounters');
const items = (list: Target): Target => ({ role: 'listitem', within: list });
/** The tags shown, without each one's "×" (its remove button). */
const tagsShown = async (tab: Tab, sidebar: Target) => (await tab.texts(items(inside(sidebar, 'list', 'Tags')))).map((t) => t.replace(/×$/, '').trim());

/** LinkedIn's pages (a small single-page app) and its photo CDN. */
export async function serveLinkedIn(browser: KithBrowser): Promise<void> {
  await browser.serve({ url: /^https:\/\/([a-z]+\.)?linkedin\.com\/(in|feed|search)\//, body: spaPage(PEOPLE) });
  await browser.serve({ url: /^https:\/\/media\.licdn\.com\//, body: PHOTO_PNG, contentType: 'image/png' });
}

/** The Kith tab on the page's edge is there; open the sidebar unless it already is (the state is remembered). */
export async function openSidebar(tab: Tab, name: string): Promise<Target> {
  await until('the Kith tab', async () => (await tab.count({ role: 'button', name: 'Open Kith' })) + (await tab.count({ role: 'button', name: 'Close Kith' })), (n) => n === 1);
  if ((await tab.count({ role: 'button', name: 'Open Kith' })) === 1) await tab.click({ role: 'button', name: 'Open Kith' });
  const sidebar = sidebarOf(name);
  await until(`the sidebar of ${name}`, () => tab.count(sidebar), (n) => n === 1);
  return sidebar;
}

async function recordEncounter(tab: Tab, sidebar: Target, fields: { place?: string; event?: string } = {}): Promise<void> {
  const before = await tab.count(items(encounters(sidebar)));
  await tab.click(inside(sidebar, 'button', 'Record encounter'));
  if (fields.place) await tab.fill(inside(sidebar, 'textbox', 'Place'), fields.place);
  if (fields.event) await tab.fill(inside(sidebar, 'combobox', 'Event'), fields.event);
  await tab.click(inside(sidebar, 'button', 'Save encounter'));
  await until('the new encounter in the list', () => tab.count(items(encounters(sidebar))), (n) => n === before + 1);
}

const chain: Scenario = {
  name: 'the chain: profile page → sidebar → background → IndexedDB → sidebar; a reload and a restart keep it',
  async run(browser) {
    await serveLinkedIn(browser);
    let tab = await browser.open(profileUrl('anna-nowak'));
    const sidebar = await openSidebar(tab, 'Anna Nowak');
    // The background answered from IndexedDB: not saved yet.
    await until('"not recorded yet"', () => tab.texts(sidebar), ([text]) => text?.includes('You have not recorded meeting this person yet.'));
    await recordEncounter(tab, sidebar, { place: 'Warsaw', event: 'Grow Up Start Up' });
    const [item] = await tab.texts(items(encounters(sidebar)));
    assert.match(item, /Warsaw/);
    assert.match(item, /Grow Up Start Up/);

    await tab.reload();
    await until('the sidebar, open again after a reload', () => tab.count(sidebar), (n) => n === 1);
    await until('the encounter after a reload', () => tab.texts(encounters(sidebar)), ([t]) => /Grow Up Start Up/.test(t ?? ''));

    // Same profile, new browser process: everything is still there, and the sidebar is still open.
    await browser.restart();
    tab = await browser.open(profileUrl('anna-nowak'));
    await until('the sidebar after a restart', () => tab.count(sidebar), (n) => n === 1);
    await until('the encounter after a restart', () => tab.texts(encounters(sidebar)), ([t]) => /Warsaw/.test(t ?? ''));
  },
};

const tagsAndNotes: Scenario = {
  name: 'tags, notes that save as you type, and a follow-up cadence are saved',
  async run(browser) {
    await serveLinkedIn(browser);
    const tab = await browser.open(profileUrl('bob-stone'));
    const sidebar = await openSidebar(tab, 'Bob Stone');
    await recordEncounter(tab, sidebar);
    const addTag = inside(sidebar, 'combobox', 'Add tag');
    const tags = inside(sidebar, 'list', 'Tags');
    await tab.fill(addTag, 'investor');
    await tab.press(addTag, 'Enter');
    await tab.fill(addTag, 'sailing');
    await tab.press(addTag, 'Enter');
    await until('two tags', () => tab.count(items(tags)), (n) => n === 2);
    await tab.click(inside(sidebar, 'button', 'Remove tag sailing'));
    await untilEqual('one tag left', () => tagsShown(tab, sidebar), ['investor']);

    await tab.type(inside(sidebar, 'textbox', 'Notes'), 'Met at the bar; wants the pilot deck.');
    await until('"Saved"', () => tab.texts(inside(sidebar, 'status')), (s) => s.includes('Saved'));
    await tab.select(inside(sidebar, 'combobox', 'Cadence'), 'Every month');
    await tab.fill(inside(sidebar, 'textbox', 'Promised'), 'send the pilot deck');
    await tab.press(inside(sidebar, 'textbox', 'Promised'), 'Tab');

    await tab.reload();
    await until('the sidebar after a reload', () => tab.count(sidebar), (n) => n === 1);
    await untilEqual('the notes', () => tab.value(inside(sidebar, 'textbox', 'Notes')), 'Met at the bar; wants the pilot deck.');
    await untilEqual('the cadence', () => tab.value(inside(sidebar, 'combobox', 'Cadence')), '30');
    await untilEqual('the promise', () => tab.value(inside(sidebar, 'textbox', 'Promised')), 'send the pilot deck');
    await untilEqual('the tags', () => tagsShown(tab, sidebar), ['investor']);
  },
};

const photo: Scenario = {
  name: 'saving someone keeps a thumbnail of their face, made by the background from the CDN photo',
  async run(browser) {
    await serveLinkedIn(browser);
    const tab = await browser.open(profileUrl('anna-nowak'));
    const sidebar = await openSidebar(tab, 'Anna Nowak');
    await recordEncounter(tab, sidebar);
    // A data: URL made by the background (fetch, createImageBitmap, OffscreenCanvas), not the page's URL.
    await until(
      'a JPEG thumbnail',
      () => tab.evaluateInKith(() => document.querySelector('header img')?.getAttribute('src') ?? ''),
      (src) => src.startsWith('data:image/jpeg;base64,'),
    );
  },
};

const twoTabs: Scenario = {
  name: 'two tabs on one person: a change in one shows in the other',
  async run(browser) {
    await serveLinkedIn(browser);
    const a = await browser.open(profileUrl('anna-nowak'));
    const sa = await openSidebar(a, 'Anna Nowak');
    const b = await browser.open(profileUrl('anna-nowak'));
    const sb = await openSidebar(b, 'Anna Nowak');
    await recordEncounter(a, sa, { place: 'Gdańsk' });
    // The background told Kith's pages, the other tab's sidebar frame among them.
    await until('the encounter in the other tab', () => b.texts(encounters(sb)), ([t]) => /Gdańsk/.test(t ?? ''));
    const addTag = inside(sa, 'combobox', 'Add tag');
    await a.fill(addTag, 'vc');
    await a.press(addTag, 'Enter');
    await untilEqual('the tag in the other tab', () => tagsShown(b, sb), ['vc']);
  },
};

export const sidebarScenarios: Scenario[] = [chain, tagsAndNotes, photo, twoTabs];
