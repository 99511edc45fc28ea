/**
 * "Who's this?" and capture-then-match, in any browser: the popup's count, a drill session graded by
 * keyboard (a typo is "almost"), how you met after each answer, the history; "Met someone" from the
 * popup, the network page's list of who is to match, and the match a profile's sidebar asks for; an
 * imported connection's sidebar saying since when you are connected, with one action to say how you met;
 * memory aids saved on the network page and shown after a reload, in the popup and in the drill; the
 * refresher of an event, started from the events view.
 */
import type { Scenario, Tab, Target } from './driver';
import { assert, until, untilEqual } from './assert';
import { file, kith, PHOTO_PNG, profileUrl, setStorage, today } from './kith';
import { openSidebar } from './sidebar';
import { spaPage } from '../e2e/spa-page';

const photo = (slug: string) => `https://media.licdn.com/dms/image/${slug}/profile-displayphoto-shrink_400_400/0/1`;

/** Saves someone met today at an event, with a face from LinkedIn's CDN; returns their id. */
async function saveWithFace(tab: Tab, slug: string, name: string): Promise<string> {
  const view = await kith<{ person: { id: string } }>(tab, 'encounter.record', {
    profile: { site: 'linkedin', keys: [`linkedin:${slug}`], url: profileUrl(slug), name },
    encounter: { date: today(), kind: 'event', place: 'Warsaw', event: { name: 'Grow Up Start Up' } },
    photoUrl: photo(slug),
  });
  return view.person.id;
}

const nameField: Target = { role: 'textbox', name: 'Their name' };
const grades: Target = { role: 'group', name: 'How well did you know it?' };
const bodyText = (tab: Tab) => tab.evaluate(() => document.body.textContent ?? '');
const statuses = (tab: Tab) => tab.texts({ role: 'status' });

const drillSession: Scenario = {
  name: 'the drill: the popup counts who is due; a typo is almost; grades by keyboard; how you met; the history',
  timeout: 90_000,
  async run(browser) {
    await browser.serve({ url: /^https:\/\/media\.licdn\.com\//, body: PHOTO_PNG, contentType: 'image/png' });
    const setup = await browser.openExtensionPage('network.html');
    const lukasz = await saveWithFace(setup, 'lukasz', 'Łukasz Żółć');
    await kith(setup, 'person.update', { id: lukasz, patch: { memoryHook: 'gold like the yolk', howToSay: 'WOO-kash' } });
    await saveWithFace(setup, 'anna', 'Anna Nowak');

    const popup = await browser.openExtensionPage('popup.html');
    await untilEqual('the drill button with its count', () => popup.count({ role: 'button', name: "Who's this? 2 due" }), 1);

    const drill = await browser.openExtensionPage('drill.html');
    await until(
      'the first face',
      () => drill.evaluate(() => document.querySelector('.drill-face img')?.getAttribute('src') ?? ''),
      (src) => src.startsWith('data:image/jpeg;base64,'),
    );
    // Anna, the newest, with a typo in her surname.
    await drill.type(nameField, 'Anna Nowk');
    await drill.press(nameField, 'Enter');
    await until('almost', () => statuses(drill), (s) => s.includes('Almost (a small typo): Anna Nowak'));
    assert.match((await drill.texts({ role: 'region', name: 'How you met' }))[0] ?? '', /Grow Up Start Up/);
    await drill.press({ role: 'button', name: 'Hard', within: grades }, '3');

    // Łukasz without his accents: right; how you met with the memory aids; Enter takes Good.
    await until('the next face', () => drill.count(nameField), (n) => n === 1);
    await drill.type(nameField, 'lukasz zolc');
    await drill.press(nameField, 'Enter');
    await until('right', () => statuses(drill), (s) => s.includes('Right: Łukasz Żółć'));
    const met = (await drill.texts({ role: 'region', name: 'How you met' }))[0] ?? '';
    assert.match(met, /gold like the yolk/);
    assert.match(met, /WOO-kash/);
    await drill.press({ role: 'button', name: 'Good', within: grades }, 'Enter');

    // Each answered Good once comes back after its ten-minute step: Enter on nothing shows the name.
    await until('Anna again', () => drill.count(nameField), (n) => n === 1);
    await drill.press(nameField, 'Enter');
    await until('the name shown', () => statuses(drill), (s) => s.includes('It is Anna Nowak'));
    await drill.press({ role: 'button', name: 'Good', within: grades }, '4');
    await until('Łukasz again', () => drill.count(nameField), (n) => n === 1);
    await drill.type(nameField, 'Lukasz');
    await drill.press(nameField, 'Enter');
    await until('first name only', () => statuses(drill), (s) => s.includes('Almost (first name only): Łukasz Żółć'));
    await drill.press({ role: 'button', name: 'Hard', within: grades }, '4');

    await until('the end of the session', () => bodyText(drill), (t) => t.includes("That's everyone for now. Well done.") && t.includes('4 answers this session'));
    await until(
      'the history',
      async () => (await drill.texts({ role: 'region', name: 'Recall over time' }))[0] ?? '',
      (t) => t.includes('Last 14 days: 2 right, 2 almost, 0 wrong (50% right)'),
    );
    const again = await browser.openExtensionPage('popup.html');
    await untilEqual('nobody due now', () => again.count({ role: 'button', name: "Who's this? 0 due" }), 1);
  },
};

const capture: Scenario = {
  name: 'Met someone from the popup, listed on the network page, then matched when their profile is opened',
  async run(browser) {
    const setup = await browser.openExtensionPage('network.html');
    const gusu = await kith<{ id: string; name: string }>(setup, 'event.create', { name: 'Grow Up Start Up', start: today() });
    await setStorage(setup, { activeEvent: { id: gusu.id, eventName: gusu.name, until: today() } });

    const popup = await browser.openExtensionPage('popup.html');
    await popup.click({ role: 'button', name: 'Met someone' });
    await untilEqual('the event from the check-in', () => popup.value({ role: 'combobox', name: 'Event' }), 'Grow Up Start Up');
    await popup.type({ role: 'textbox', name: 'Name' }, 'Agnieszka');
    await popup.press({ role: 'textbox', name: 'Name' }, 'Enter');
    await until('saved', () => statuses(popup), (s) => s.includes('Saved: Agnieszka. When you open their profile, Kith offers to match it.'));

    const network = await browser.openExtensionPage('network.html#captured');
    const list: Target = { role: 'list', name: 'Met, not matched yet' };
    const [row] = await until('Agnieszka to match', () => network.texts({ role: 'listitem', within: list }), (rows) => rows.length === 1);
    assert.match(row!, /Agnieszka/);
    assert.match(row!, /met at Grow Up Start Up/);

    // Her profile, later: the sidebar asks whether she is the Agnieszka met at the event; "Yes" attaches.
    await browser.serve({ url: /^https:\/\/www\.linkedin\.com\/in\//, body: spaPage([{ slug: 'agnieszka-w', name: 'Agnieszka Wiśniewska', headline: 'Founder' }]) });
    const tab = await browser.open(profileUrl('agnieszka-w'));
    const sidebar = await openSidebar(tab, 'Agnieszka Wiśniewska');
    const offer: Target = { role: 'group', name: 'Agnieszka', within: sidebar };
    const [asked] = await until('the offer', () => tab.texts(offer), (t) => t.length === 1);
    assert.match(asked!, /Is this Agnieszka \(met at Grow Up Start Up/);
    await tab.click({ role: 'button', name: "Yes, that's them", within: offer });
    await until('her encounter at the event', () => tab.texts({ role: 'list', name: 'Encounters', within: sidebar }), ([t]) => (t ?? '').includes('at Grow Up Start Up'));
    await untilEqual('no offer left', () => tab.count(offer), 0);
    const view = await kith<{ person: { keys: string[]; name: string }; encounters: { eventName?: string }[] }>(network, 'person.lookup', { keys: ['linkedin:agnieszka-w'] });
    assert.deepEqual([view.person.name, view.person.keys], ['Agnieszka Wiśniewska', ['linkedin:agnieszka-w']]);
    assert.equal(view.encounters[0]?.eventName, 'Grow Up Start Up');
    await untilEqual('nobody left to match', () => network.count({ role: 'listitem', within: list }), 0);
  },
};

const connectedSince: Scenario = {
  name: 'an imported LinkedIn connection: the sidebar says since when, and records how you met in one action',
  async run(browser) {
    const options = await browser.openExtensionPage('options.html');
    await options.upload('#kith-import-connections-file', file('Connections.csv'));
    await until('the report', () => options.count({ role: 'heading', name: 'Imported Connections.csv' }), (n) => n === 1);

    await browser.serve({ url: /^https:\/\/www\.linkedin\.com\/in\//, body: spaPage([{ slug: 'carlamendes', name: 'Carla Mendes', headline: 'Designer' }]) });
    const tab = await browser.open(profileUrl('carlamendes'));
    const sidebar = await openSidebar(tab, 'Carla Mendes');
    const since = await tab.evaluateInKith(() => document.querySelector('.kith-connected')?.textContent ?? '');
    // Connected On "3 Jan 2022", written in the browser's language (en-US or en-GB here).
    assert.match(since, /^Connected on LinkedIn since (3 Jan 2022|Jan 3, 2022) · how did you meet\?$/);
    await tab.click({ role: 'button', name: 'Record how you met', within: sidebar });
    await tab.fill({ role: 'textbox', name: 'Place', within: sidebar }, 'Design Days, Gdańsk');
    await tab.click({ role: 'button', name: 'Save encounter', within: sidebar });
    await until('the encounter', () => tab.texts({ role: 'list', name: 'Encounters', within: sidebar }), ([t]) => (t ?? '').includes('Design Days, Gdańsk'));
    // Once it is said how you met, the question is gone.
    await untilEqual('no question left', () => tab.evaluateInKith(() => document.querySelectorAll('.kith-connected').length), 0);
    assert.equal(await tab.count({ role: 'button', name: 'Record encounter', within: sidebar }), 1);
  },
};

const memoryAids: Scenario = {
  name: 'memory aids saved on the network page show after a reload, in the popup rows, and in the drill',
  async run(browser) {
    await browser.serve({ url: /^https:\/\/media\.licdn\.com\//, body: PHOTO_PNG, contentType: 'image/png' });
    const setup = await browser.openExtensionPage('network.html');
    const id = await saveWithFace(setup, 'agnieszka', 'Agnieszka Wiśniewska');
    await kith(setup, 'person.update', { id, patch: { followUp: { due: today() } } });
    // A headless browser has no microphone: the clip is saved as the recorder would save it.
    await kith(setup, 'voiceNote.save', { personId: id, dataUrl: 'data:audio/webm;base64,GkXfo0AgQoaBAUL3gQFC8oEEQvOBCEKChHdlYm0=', seconds: 1.5 });

    const network = await browser.openExtensionPage(`network.html#person/${id}`);
    const aids: Target = { role: 'region', name: 'Memory aids' };
    const howToSay: Target = { role: 'textbox', name: 'How to say it', within: aids };
    const hook: Target = { role: 'textbox', name: 'Memory hook', within: aids };
    const play: Target = { role: 'button', name: 'Play the voice note (1.5 s)' };
    await network.fill(howToSay, 'ag-NYESH-kah');
    await network.fill(hook, 'batteries, like her startup');
    await network.press(hook, 'Enter');
    await untilEqual('saved', () => network.texts({ role: 'status', within: aids }), ['Saved']);
    assert.equal(await network.count({ ...play, within: aids }), 1);
    await network.reload();
    await untilEqual('how to say it, after the reload', () => network.value(howToSay), 'ag-NYESH-kah');
    assert.equal(await network.value(hook), 'batteries, like her startup');

    const popup = await browser.openExtensionPage('popup.html');
    await until(
      'her row with the memory aids',
      async () => (await popup.texts({ role: 'listitem' })).filter((row) => row.includes('Agnieszka')),
      (rows) => rows.length === 1 && rows[0]!.includes('say: ag-NYESH-kah · batteries, like her startup'),
    );

    const drill = await browser.openExtensionPage('drill.html');
    await drill.click({ role: 'button', name: 'Show the name' });
    const met: Target = { role: 'region', name: 'How you met' };
    const [shown] = await until('how you met', () => drill.texts(met), (t) => t.length === 1);
    assert.match(shown!, /ag-NYESH-kah/);
    assert.match(shown!, /batteries, like her startup/);
    assert.equal(await drill.count({ ...play, within: met }), 1);

    // Deleting the voice note on the network page.
    await network.click({ role: 'button', name: 'Delete the voice note', within: aids });
    await untilEqual('no voice note left', () => network.count(play), 0);
  },
};

const eventRefresher: Scenario = {
  name: 'the event refresher starts from the events view: the people met at its earlier edition',
  async run(browser) {
    const setup = await browser.openExtensionPage('network.html');
    await kith(setup, 'event.create', { name: 'Grow Up Start Up 2025', start: '2025-06-20' });
    const now = await kith<{ id: string }>(setup, 'event.create', { name: 'Grow Up Start Up 2026', start: '2026-06-25' });
    await kith(setup, 'encounter.record', {
      profile: { site: 'linkedin', keys: ['linkedin:anna'], url: profileUrl('anna'), name: 'Anna Nowak' },
      encounter: { date: '2025-06-20', kind: 'event', event: { name: 'Grow Up Start Up 2025' } },
    });

    const network = await browser.openExtensionPage(`network.html#event/${now.id}`);
    await network.click({ role: 'link', name: 'Refresher: who will I see?' });
    await until('the refresher', () => network.url(), (u) => /\/drill\.html#event\//.test(u));
    await until(
      'its heading',
      () => network.evaluate(() => [...document.querySelectorAll('h1')].map((h) => h.textContent ?? '')),
      (h) => h.includes('Refresher: Grow Up Start Up 2026'),
    );
    // No face: name to context.
    await untilEqual('the question', () => network.count({ role: 'heading', name: 'Where did you meet Anna Nowak?' }), 1);
    await network.click({ role: 'button', name: 'Show where you met' });
    const [met] = await until('how you met', () => network.texts({ role: 'region', name: 'How you met' }), (t) => t.length === 1);
    assert.match(met!, /met at Grow Up Start Up 2025/);
    // The suggested grade has the keyboard, so Enter takes it.
    await untilEqual(
      'Good focused',
      () => network.evaluate(() => (document.activeElement?.closest('[role="group"]') ? (document.activeElement.textContent ?? '').replace(/^\d\s*/, '') : '')),
      'Good',
    );
    await network.press({ role: 'button', name: 'Good', within: grades }, 'Enter');
    // A new card answered Good comes back after its ten-minute step, within the session; Easy is done.
    await network.click({ role: 'button', name: 'Show where you met' });
    await network.press({ role: 'button', name: 'Easy', within: grades }, '4');
    await until('the end of the session', () => bodyText(network), (t) => t.includes("That's everyone for now. Well done."));
  },
};

export const drillScenarios: Scenario[] = [drillSession, capture, connectedSince, memoryAids, eventRefresher];
