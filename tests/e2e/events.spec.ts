import type { Page, Worker } from '@playwright/test';
import { expect, kith, openSidebar as openSidebarAt, serve, test } from './fixtures';
import { spaPage, type SpaPerson } from './spa-page';
import { addDays, formatPartialDate, localDay } from '../../utils/dates';

const ANNA: SpaPerson = { slug: 'anna-nowak', name: 'Anna Nowak', headline: 'CTO at Acme', company: 'Acme' };
const BOB: SpaPerson = { slug: 'bob-stone', name: 'Bob Stone', headline: 'Founder of Stone Labs' };
const CELINA: SpaPerson = { slug: 'celina-lis', name: 'Celina Lis', headline: 'Designer' };
const DAWID: SpaPerson = { slug: 'dawid-wolny', name: 'Dawid Wolny', headline: 'Investor' };
const PEOPLE = [ANNA, BOB, CELINA, DAWID];

type Chrome = { runtime: { sendMessage: (m: unknown) => Promise<unknown> }; storage: { local: { set: (o: object) => Promise<void>; get: (k: string) => Promise<Record<string, unknown>> } } };

const today = () => localDay(new Date());
const profileUrl = (slug: string) => `https://www.linkedin.com/in/${slug}/`;

/** Sends one protocol message from an extension page, as Kith's pages do. */

async function openSidebar(page: Page, person: SpaPerson) {
  const sidebar = await openSidebarAt(page, profileUrl(person.slug), person.name);
  // The person's lookup has answered once an action shows.
  await expect(sidebar.getByRole('button', { name: /^(Record encounter|Met here)/ })).toBeVisible();
  return sidebar;
}

const setStorage = (worker: Worker, items: object) =>
  worker.evaluate((i) => (globalThis as unknown as { chrome: Chrome }).chrome.storage.local.set(i), items);

test.beforeEach(async ({ context }) => {
  await serve(context, /^https:\/\/([a-z]+\.)?linkedin\.com\/(in|feed|search)\//, spaPage(PEOPLE));
});

test('check in on the network page, "Met here" on three profiles, find all three on the event’s page, check out', async ({ page, openExtensionPage }) => {
  const t = today();
  const network = await openExtensionPage('network.html#events');
  await expect(network.getByRole('heading', { name: 'Your network', level: 1 })).toBeVisible();
  await expect(network.getByText(/No events yet/)).toBeVisible();

  // A new event, dated today and tomorrow, with a place.
  await network.getByRole('button', { name: 'New event' }).click();
  const form = network.getByRole('form', { name: 'New event' });
  await form.getByLabel('Name').fill('Grow Up Start Up');
  await form.getByLabel('First day').fill(t);
  await form.getByLabel('Last day').fill(addDays(t, 1));
  await form.getByLabel('Place').fill('Warsaw, EXPO XXI');
  await form.getByRole('button', { name: 'Create event' }).click();
  const detail = network.getByRole('region', { name: 'Grow Up Start Up' });
  await expect(detail.getByRole('heading', { name: 'Grow Up Start Up', level: 2 })).toBeVisible();
  await detail.getByRole('button', { name: 'Check in here' }).click();
  const checkin = network.getByRole('group', { name: 'Event check-in' });
  await expect(checkin).toContainText('At Grow Up Start Up (until tomorrow)');
  await expect(network.getByRole('list', { name: 'Events' }).getByRole('button', { name: /Grow Up Start Up/ })).toContainText('checked in');

  // Three profiles, one click on "Met here" each: the encounter is saved at once, at the event, with its
  // place, today, and the post-meeting follow-up (two days later by default).
  for (const person of [ANNA, BOB, CELINA]) {
    const sidebar = await openSidebar(page, person);
    await expect(sidebar.getByRole('button', { name: 'Record encounter' })).toHaveCount(0);
    await sidebar.getByRole('button', { name: 'Met here: Grow Up Start Up' }).click();
    await expect(sidebar.getByRole('region', { name: 'Met here' }).getByRole('status')).toHaveText(
      `Saved: met at Grow Up Start Up, ${formatPartialDate(t, 'en-US')}. Follow up on ${formatPartialDate(addDays(t, 2), 'en-US')}.`,
    );
    await expect(sidebar.getByRole('form')).toHaveCount(0);
    await expect(sidebar.getByRole('list', { name: 'Encounters' })).toContainText('at Grow Up Start Up');
    await expect(sidebar.getByRole('list', { name: 'Encounters' })).toContainText('Warsaw, EXPO XXI');
    await expect(sidebar.getByLabel('Next follow-up')).toHaveValue(addDays(t, 2));
  }
  const anna = await kith<{ encounters: { kind: string; date: string; place?: string; eventName?: string }[] }>(network, 'person.lookup', { keys: [`linkedin:${ANNA.slug}`] });
  expect(anna.encounters).toEqual([expect.objectContaining({ kind: 'event', date: t, place: 'Warsaw, EXPO XXI', eventName: 'Grow Up Start Up' })]);

  // The event's page lists the three, and only them; one event, not three.
  await network.bringToFront();
  await network.reload();
  const events = network.getByRole('list', { name: 'Events' });
  await expect(events.getByRole('button')).toHaveCount(1);
  await expect(events.getByRole('button', { name: /Grow Up Start Up/ })).toContainText('3 people met');
  const met = network.getByRole('listbox', { name: 'People you met at Grow Up Start Up' });
  await expect(met.getByRole('option')).toHaveText([/Anna Nowak/, /Bob Stone/, /Celina Lis/]);
  // Opening one shows their record in the people view.
  await met.getByRole('option', { name: /Bob Stone/ }).click();
  await expect(network).toHaveURL(/#person\//);
  await expect(network.getByRole('heading', { name: 'Bob Stone', level: 2 })).toBeVisible();
  await expect(network.getByRole('list', { name: 'Encounters' })).toContainText('at Grow Up Start Up');

  // Check out from the popup: one click, and profiles offer the plain action again.
  const popup = await openExtensionPage('popup.html');
  const popupCheckin = popup.getByRole('group', { name: 'Event check-in' });
  await expect(popupCheckin).toContainText('At Grow Up Start Up');
  await popupCheckin.getByRole('button', { name: 'Check out' }).click();
  await expect(popup.getByRole('button', { name: 'Check in to an event…' })).toBeVisible();
  // The network page follows the check-out without a reload.
  await expect(network.getByRole('button', { name: 'Check in to an event…' })).toBeVisible();
  await page.bringToFront();
  const sidebar = await openSidebar(page, DAWID);
  await expect(sidebar.getByRole('button', { name: 'Record encounter' })).toBeVisible();
  await expect(sidebar.getByRole('button', { name: /Met here/ })).toHaveCount(0);
});

test('check in from the popup to a new event by typing its name; the popup opens the network page', async ({ page, context, openExtensionPage }) => {
  const popup = await openExtensionPage('popup.html');
  await popup.getByRole('button', { name: 'Check in to an event…' }).click();
  const field = popup.getByLabel('Event you are at');
  await expect(field).toBeFocused();
  await field.fill('Infoshare');
  await field.press('Enter');
  await expect(popup.getByRole('group', { name: 'Event check-in' })).toContainText('At Infoshare (until today)');
  const stored = (await kith<{ id: string; name: string; start: string }[]>(popup, 'events.list', {}))[0];
  expect(stored).toMatchObject({ name: 'Infoshare', start: today() });

  const sidebar = await openSidebar(page, ANNA);
  await sidebar.getByRole('button', { name: 'Met here: Infoshare' }).click();
  await expect(sidebar.getByRole('list', { name: 'Encounters' })).toContainText('at Infoshare');
  // "Add a note" right there: the note joins the encounter just saved (no second encounter).
  await sidebar.getByRole('button', { name: 'Add a note' }).click();
  await expect(sidebar.getByRole('textbox', { name: 'Note', exact: true })).toBeFocused();
  await page.keyboard.type('Asked about the pilot');
  await sidebar.getByRole('button', { name: 'Save note' }).click();
  await expect(sidebar.getByRole('region', { name: 'Met here' }).getByRole('status')).toContainText('Note saved.');
  await expect(sidebar.getByRole('list', { name: 'Encounters' }).getByRole('listitem')).toHaveCount(1);
  await expect(sidebar.getByRole('list', { name: 'Encounters' })).toContainText('Asked about the pilot');
  // Checking in again to the same name reuses the event.
  await popup.reload();
  await popup.getByRole('group', { name: 'Event check-in' }).getByRole('button', { name: 'Check out' }).click();
  await popup.getByRole('button', { name: 'Check in to an event…' }).click();
  await popup.getByLabel('Event you are at').fill('infoshare');
  await popup.getByRole('button', { name: 'Check in', exact: true }).click();
  await expect(popup.getByRole('group', { name: 'Event check-in' })).toContainText('At Infoshare');
  expect(await kith<unknown[]>(popup, 'events.list', {})).toHaveLength(1);

  const [network] = await Promise.all([context.waitForEvent('page'), popup.getByRole('button', { name: 'Network' }).click()]);
  await expect(network).toHaveURL(/\/network\.html$/);
  await expect(network.getByRole('listbox', { name: 'People' }).getByRole('option')).toHaveText([/Anna Nowak/]);
});

test('a check-in ends by itself after the event’s last day: an expired one offers no "Met here"', async ({ page, worker, openExtensionPage }) => {
  const ext = await openExtensionPage('network.html#events');
  const event = await kith<{ id: string }>(ext, 'event.create', { name: 'Yesterday Conf', start: addDays(today(), -2), end: addDays(today(), -1) });
  // What a check-in made during the event left behind.
  await setStorage(worker, { activeEvent: { id: event.id, eventName: 'Yesterday Conf', until: addDays(today(), -1) } });
  let sidebar = await openSidebar(page, ANNA);
  await expect(sidebar.getByRole('button', { name: 'Record encounter' })).toBeVisible();
  await expect(sidebar.getByRole('button', { name: /Met here/ })).toHaveCount(0);
  await ext.reload();
  await expect(ext.getByRole('button', { name: 'Check in to an event…' })).toBeVisible();
  await expect(ext.getByRole('group', { name: 'Event check-in' })).toHaveCount(0);

  // The same check-in on its last day still holds.
  await setStorage(worker, { activeEvent: { id: event.id, eventName: 'Yesterday Conf', until: today() } });
  sidebar = await openSidebar(page, BOB);
  await expect(sidebar.getByRole('button', { name: 'Met here: Yesterday Conf' })).toBeVisible();
});

test('an introduction shows on both people, in the sidebar and on the network page', async ({ page, openExtensionPage }) => {
  let sidebar = await openSidebar(page, BOB);
  await sidebar.getByRole('button', { name: 'Record encounter' }).click();
  await sidebar.getByLabel('Kind').selectOption({ label: 'Call' });
  await sidebar.getByRole('button', { name: 'Save encounter' }).click();
  await expect(sidebar.getByRole('list', { name: 'Encounters' })).toContainText('Call');

  sidebar = await openSidebar(page, ANNA);
  await sidebar.getByRole('button', { name: 'Record encounter' }).click();
  await sidebar.getByLabel('Introduced by').fill('Bob St');
  await expect(sidebar.locator('datalist#kith-people option')).toHaveCount(1);
  await sidebar.getByLabel('Introduced by').fill('Bob Stone');
  await sidebar.getByRole('button', { name: 'Save encounter' }).click();
  await expect(sidebar.getByRole('list', { name: 'Encounters' })).toContainText('introduced by Bob Stone');

  sidebar = await openSidebar(page, BOB);
  await expect(sidebar.getByRole('region', { name: 'Introduced you to' })).toContainText('Anna Nowak');

  const network = await openExtensionPage('network.html');
  const list = network.getByRole('listbox', { name: 'People' });
  await list.getByRole('option', { name: /Anna Nowak/ }).click();
  await expect(network.getByRole('heading', { name: 'Anna Nowak', level: 2 })).toBeVisible();
  await network.getByRole('button', { name: 'Bob Stone' }).click();
  await expect(network.getByRole('heading', { name: 'Bob Stone', level: 2 })).toBeVisible();
  await expect(network.getByRole('region', { name: 'Introduced you to' })).toContainText('Anna Nowak');

  await network.getByRole('link', { name: 'Introductions' }).click();
  const intros = network.getByRole('list', { name: 'People Bob Stone introduced you to' });
  await expect(intros.getByRole('listitem')).toHaveCount(1);
  await expect(intros).toContainText('Anna Nowak');
  await intros.getByRole('button', { name: 'Anna Nowak' }).click();
  await expect(network.getByRole('heading', { name: 'Anna Nowak', level: 2 })).toBeVisible();
});

test('edit an event, and merge a duplicate into it: encounters move, nothing is lost, the check-in follows', async ({ openExtensionPage }) => {
  const network = await openExtensionPage('network.html#events');
  const keep = await kith<{ id: string }>(network, 'event.create', { name: 'Grow Up Start Up', start: today() });
  const dup = await kith<{ id: string }>(network, 'event.create', { name: 'GUSU', place: 'Warsaw', notes: 'Badge pickup at 8' });
  const profile = (p: SpaPerson) => ({ site: 'linkedin', keys: [`linkedin:${p.slug}`], url: profileUrl(p.slug), name: p.name });
  await kith(network, 'encounter.record', { profile: profile(ANNA), encounter: { date: today(), kind: 'in-person', event: { id: keep.id } } });
  await kith(network, 'encounter.record', { profile: profile(BOB), encounter: { date: today(), kind: 'in-person', event: { id: dup.id } } });
  await kith(network, 'encounter.record', { profile: profile(CELINA), encounter: { date: today(), kind: 'in-person', event: { id: dup.id } } });
  await network.reload();

  const events = network.getByRole('list', { name: 'Events' });
  await events.getByRole('button', { name: /^GUSU/ }).click();
  let detail = network.getByRole('region', { name: 'GUSU' });
  await detail.getByRole('button', { name: 'Check in here' }).click();
  await expect(network.getByRole('group', { name: 'Event check-in' })).toContainText('At GUSU');

  await events.getByRole('button', { name: /^Grow Up Start Up/ }).click();
  detail = network.getByRole('region', { name: 'Grow Up Start Up' });
  await detail.getByText('Edit or merge this event').click();
  const form = detail.getByRole('form', { name: 'Edit Grow Up Start Up' });
  await form.getByLabel('Link').fill('https://growup.example/2026');
  await form.getByRole('button', { name: 'Save event' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved');

  await detail.getByLabel('Duplicate event').selectOption({ label: 'GUSU' });
  await detail.getByRole('button', { name: 'Merge…' }).click();
  await expect(detail.getByRole('group', { name: 'Confirm the merge' })).toContainText('“GUSU” will be removed; its 2 encounters move to “Grow Up Start Up”');
  await detail.getByRole('button', { name: 'Merge “GUSU” into this event' }).click();

  await expect(events.getByRole('button')).toHaveCount(1);
  await expect(events.getByRole('button', { name: /Grow Up Start Up/ })).toContainText('3 people met');
  await expect(network.getByRole('listbox', { name: 'People you met at Grow Up Start Up' }).getByRole('option')).toHaveText([/Anna Nowak/, /Bob Stone/, /Celina Lis/]);
  // The check-in moved with its event; the duplicate's details are in the notes.
  await expect(network.getByRole('group', { name: 'Event check-in' })).toContainText('At Grow Up Start Up');
  const [merged] = await kith<{ name: string; place: string; url: string; notes: string }[]>(network, 'events.list', {});
  expect(merged).toMatchObject({ name: 'Grow Up Start Up', place: 'Warsaw', url: 'https://growup.example/2026' });
  expect(merged.notes).toContain('GUSU');
  expect(merged.notes).toContain('Badge pickup at 8');
  // The duplicate's old name finds the event.
  await network.getByLabel('Find an event').fill('gusu');
  await expect(events.getByRole('button')).toHaveText([/Grow Up Start Up/]);
});

test('the popup’s Network button and check-in, in light and dark', async ({ openExtensionPage }) => {
  const popup = await openExtensionPage('popup.html');
  await popup.setViewportSize({ width: 380, height: 420 });
  await kith(popup, 'encounter.record', {
    profile: { site: 'linkedin', keys: ['linkedin:anna-nowak'], url: profileUrl('anna-nowak'), name: 'Anna Nowak' },
    encounter: { date: today(), kind: 'in-person' },
    followUpDue: today(),
  });
  await popup.reload();
  for (const colorScheme of ['light', 'dark'] as const) {
    await popup.emulateMedia({ colorScheme });
    await popup.getByRole('button', { name: 'Check in to an event…' }).click();
    await popup.screenshot({ path: test.info().outputPath(`popup-checkin-form-${colorScheme}.png`) });
    await popup.getByLabel('Event you are at').fill(`Meetup ${colorScheme}`);
    await popup.getByRole('button', { name: 'Check in', exact: true }).click();
    const group = popup.getByRole('group', { name: 'Event check-in' });
    await expect(group).toContainText(`At Meetup ${colorScheme} (until today)`);
    await popup.screenshot({ path: test.info().outputPath(`popup-checked-in-${colorScheme}.png`) });
    await group.getByRole('button', { name: 'Check out' }).click();
  }
});
