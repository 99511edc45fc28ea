/**
 * The network page, event check-in and the keyboard shortcut, in any browser: search as you type, a
 * tag filter, a person's record edited beside the list; "Met here" on profiles while checked in, and
 * the event's page listing them; the shortcut opening and closing the sidebar of the tab in front.
 */
import type { Scenario, Tab, Target } from './driver';
import { assert, until, untilEqual } from './assert';
import { kith, profileUrl, seed } from './kith';
import { openSidebar, PEOPLE, serveLinkedIn, sidebarOf } from './sidebar';

const people: Target = { role: 'listbox', name: 'People' };
const search: Target = { role: 'searchbox', name: 'Search' };
const countLine: Target = { role: 'status', within: { role: 'region', name: 'People' } };
const checkIn: Target = { role: 'group', name: 'Event check-in' };
const EVENT = 'Grow Up Start Up';

const record = (name: string): Target => ({ role: 'article', name });
const inside = (scope: Target, role: Target['role'], name?: string): Target => ({ role, ...(name !== undefined ? { name } : {}), within: scope });
/** The names in a list of people, in order (a row's text is the initials, the name, the headline...). */
const names = async (tab: Tab, list: Target, all: string[]) =>
  (await tab.texts({ role: 'option', within: list })).map((row) => all.find((n) => row.includes(n)) ?? row);
const tagsShown = async (tab: Tab, scope: Target) => (await tab.texts(inside(inside(scope, 'list', 'Tags'), 'listitem'))).map((t) => t.replace(/×$/, '').trim());

const SEEDED = ['Anna Nowak', 'Bob Stone', 'Celina Lis', 'Łukasz Żółć'];

const networkPage: Scenario = {
  name: 'the network page: search as you type, filter by tag, edit a person beside the list; a reload keeps it',
  async run(browser) {
    const page = await browser.openExtensionPage('network.html');
    const ids = {
      anna: await seed(page, { slug: 'anna-nowak', name: 'Anna Nowak', headline: 'CTO at Acme' }),
      bob: await seed(page, { slug: 'bob-stone', name: 'Bob Stone', headline: 'Founder of Stone Labs' }),
      celina: await seed(page, { slug: 'celina-lis', name: 'Celina Lis', headline: 'Designer at Globex' }),
      lukasz: await seed(page, { slug: 'łukasz-żółć', name: 'Łukasz Żółć', headline: 'Inżynier' }),
    };
    await kith(page, 'person.update', { id: ids.bob, patch: { tags: ['founder'] } });
    await kith(page, 'person.update', { id: ids.celina, patch: { tags: ['founder', 'design'] } });
    await page.reload();
    await untilEqual('everyone, by name', () => names(page, people, SEEDED), SEEDED);
    await until('the count', () => page.texts(countLine), ([t]) => t === '4 people saved');

    // Search as you type: the list follows each keystroke, across diacritics.
    await page.type(search, 'lis');
    await untilEqual('"lis" finds Celina', () => names(page, people, SEEDED), ['Celina Lis']);
    await until('the count of matches', () => page.texts(countLine), ([t]) => /^1 person matches/.test(t ?? ''));
    await page.fill(search, 'zolc');
    await untilEqual('"zolc" finds Łukasz Żółć', () => names(page, people, SEEDED), ['Łukasz Żółć']);
    await page.fill(search, 'nobody-is-called-this');
    await untilEqual('nobody', () => page.count({ role: 'option', within: people }), 0);
    await page.fill(search, '');
    await untilEqual('everyone again', () => names(page, people, SEEDED), SEEDED);

    // Filter by tag, then clear.
    await page.select({ role: 'combobox', name: 'Tag' }, 'founder');
    await untilEqual('the founders', () => names(page, people, SEEDED), ['Bob Stone', 'Celina Lis']);
    await page.select({ role: 'combobox', name: 'Tag' }, 'design');
    await untilEqual('the designers', () => names(page, people, SEEDED), ['Celina Lis']);
    await page.click({ role: 'button', name: 'Clear search and filters' });
    await untilEqual('everyone after clearing', () => names(page, people, SEEDED), SEEDED);

    // Open Anna's record beside the list and edit it: a tag and notes, saved through the background.
    await page.fill(search, 'acme');
    await untilEqual('"acme" finds Anna', () => names(page, people, SEEDED), ['Anna Nowak']);
    await page.click({ role: 'option', within: people });
    const anna = record('Anna Nowak');
    await until('her record', () => page.count(anna), (n) => n === 1);
    assert.match(await page.url(), new RegExp(`#person/${ids.anna}$`));
    await page.fill(inside(anna, 'combobox', 'Add tag'), 'investor');
    await page.press(inside(anna, 'combobox', 'Add tag'), 'Enter');
    await untilEqual('the tag', () => tagsShown(page, anna), ['investor']);
    await page.type(inside(anna, 'textbox', 'Notes'), 'Sails in Mazury');
    await until('"Saved"', () => page.texts(inside(anna, 'status')), (s) => s.includes('Saved'));

    // The new tag is a filter at once.
    await page.fill(search, '');
    await page.select({ role: 'combobox', name: 'Tag' }, 'investor');
    await untilEqual('the investors', () => names(page, people, SEEDED), ['Anna Nowak']);

    // A reload opens the same record (the address names her), with what was typed.
    await page.reload();
    await until('her record after a reload', () => page.count(anna), (n) => n === 1);
    await untilEqual('the notes after a reload', () => page.value(inside(anna, 'textbox', 'Notes')), 'Sails in Mazury');
    await untilEqual('the tag after a reload', () => tagsShown(page, anna), ['investor']);
    const stored = await kith<{ person: { tags: string[]; notes: string } }>(page, 'person.get', { id: ids.anna });
    assert.deepEqual([stored.person.tags, stored.person.notes], [['investor'], 'Sails in Mazury']);
  },
};

const metHere: Scenario = {
  name: 'check in on the network page, "Met here" on three profiles, find them on the event’s page, check out',
  timeout: 90_000,
  async run(browser) {
    await serveLinkedIn(browser);
    const network = await browser.openExtensionPage('network.html#events');
    await until('the network page', () => network.count({ role: 'heading', name: 'Your network' }), (n) => n === 1);

    // Check in by typing a name no event has: the event is made, dated today.
    await network.click({ role: 'button', name: 'Check in to an event…' });
    await network.fill({ role: 'combobox', name: 'Event you are at' }, EVENT);
    await network.press({ role: 'combobox', name: 'Event you are at' }, 'Enter');
    await until('checked in', () => network.texts(checkIn), ([t]) => t?.startsWith(`At ${EVENT} (until today)`) ?? false);

    // Every profile now offers "Met here"; one click records the meeting at the event.
    const profile = await browser.open('about:blank');
    for (const person of PEOPLE) {
      await profile.goto(profileUrl(person.slug));
      const sidebar = await openSidebar(profile, person.name);
      assert.equal(await profile.count(inside(sidebar, 'button', 'Record encounter')), 0);
      await profile.click(inside(sidebar, 'button', `Met here: ${EVENT}`));
      await until(`${person.name}: the encounter at the event`, () => profile.texts(inside(sidebar, 'list', 'Encounters')), ([t]) => (t ?? '').includes(`at ${EVENT}`));
      await until('what was saved', () => profile.texts({ role: 'status', within: inside(sidebar, 'region', 'Met here') }), ([t]) => (t ?? '').startsWith(`Saved: met at ${EVENT},`));
      // "Add a note" is offered right there; no form was opened.
      assert.equal(await profile.count(inside(sidebar, 'button', 'Add a note')), 1);
      assert.equal(await profile.count(inside(sidebar, 'button', 'Save encounter')), 0);
    }

    // The event's page: one event, the three people met there (the page follows without a reload).
    const events: Target = { role: 'list', name: 'Events' };
    await untilEqual('one event', () => network.count({ role: 'button', within: events }), 1);
    await until('three people met, checked in', () => network.texts({ role: 'button', within: events }), ([t]) => /checked in/.test(t ?? '') && /3 people met/.test(t ?? ''));
    await network.click({ role: 'button', within: events });
    const met: Target = { role: 'listbox', name: `People you met at ${EVENT}` };
    const metNames = PEOPLE.map((p) => p.name);
    await untilEqual('the three on the event’s page', () => names(network, met, metNames), ['Anna Nowak', 'Bob Stone', 'Łukasz Żółć']);
    // The second of them opens in the people view, with the encounter there.
    await network.press(met, 'ArrowDown');
    await network.press(met, 'Enter');
    const bob = record('Bob Stone');
    await until('Bob’s record', () => network.count(bob), (n) => n === 1);
    await until('the encounter in his record', () => network.texts(inside(bob, 'list', 'Encounters')), ([t]) => (t ?? '').includes(`at ${EVENT}`));

    // Check out from the popup; the network page follows, and profiles offer the plain action again.
    const popup = await browser.openExtensionPage('popup.html');
    await until('the popup’s check-in', () => popup.texts(checkIn), ([t]) => t?.startsWith(`At ${EVENT}`) ?? false);
    await popup.click(inside(checkIn, 'button', 'Check out'));
    await until('checked out in the popup', () => popup.count({ role: 'button', name: 'Check in to an event…' }), (n) => n === 1);
    await until('checked out on the network page', () => network.count({ role: 'button', name: 'Check in to an event…' }), (n) => n === 1);
    assert.equal(await network.count(checkIn), 0);
    await profile.goto(profileUrl(PEOPLE[0].slug));
    const sidebar = await openSidebar(profile, PEOPLE[0].name);
    await until('"Record encounter" again', () => profile.count(inside(sidebar, 'button', 'Record encounter')), (n) => n === 1);
    assert.equal(await profile.count(inside(sidebar, 'button', `Met here: ${EVENT}`)), 0);
  },
};

const shortcut: Scenario = {
  name: 'the keyboard shortcut opens and closes the sidebar in the tab in front',
  async run(browser) {
    await serveLinkedIn(browser);
    const [anna, bob] = PEOPLE;
    const a = await browser.open(profileUrl(anna.slug));
    const b = await browser.open(profileUrl(bob.slug));
    for (const tab of [a, b]) await until('the Kith tab, closed', () => tab.count({ role: 'button', name: 'Open Kith' }), (n) => n === 1);

    await a.shortcut('toggle-sidebar');
    await until('Anna’s sidebar open', () => a.count(sidebarOf(anna.name)), (n) => n === 1);
    assert.equal(await a.count({ role: 'button', name: 'Close Kith' }), 1);
    // Only the tab in front.
    assert.equal(await b.count(sidebarOf(bob.name)), 0);

    await b.shortcut('toggle-sidebar');
    await until('Bob’s sidebar open', () => b.count(sidebarOf(bob.name)), (n) => n === 1);
    await a.shortcut('toggle-sidebar');
    await until('Anna’s sidebar closed', () => a.count(sidebarOf(anna.name)), (n) => n === 0);
    await until('the Kith tab back', () => a.count({ role: 'button', name: 'Open Kith' }), (n) => n === 1);
    assert.equal(await b.count(sidebarOf(bob.name)), 1);
  },
};

export const networkScenarios: Scenario[] = [networkPage, metHere, shortcut];
