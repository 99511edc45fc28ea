/**
 * "Who's this?" in Chromium: the popup's count opens the drill; a name typed with a typo is "almost";
 * grades by keyboard; how you met after each answer; the history. "Met someone" from the popup in a
 * few steps, the network page's list of who is still to match, and the match the sidebar offers on
 * their profile later. Memory aids after a reload and the event refresher are shared scenarios
 * (tests/scenarios/drill.ts), run in both browsers.
 */
import type { Page } from '@playwright/test';
import { expect, kith, openSidebar, PHOTO_PNG, serve, test } from './fixtures';
import { spaPage } from './spa-page';
import { localDay } from '../../utils/dates';

const today = () => localDay(new Date());
const photo = (slug: string) => `https://media.licdn.com/dms/image/${slug}/profile-displayphoto-shrink_400_400/0/1`;

/** Saves someone met in person today, with a face (served from LinkedIn's CDN). */
async function saveWithFace(page: Page, slug: string, name: string, extra: { event?: string; company?: string } = {}): Promise<string> {
  const view = await kith<{ person: { id: string } }>(page, 'encounter.record', {
    profile: { site: 'linkedin', keys: [`linkedin:${slug}`], url: `https://www.linkedin.com/in/${slug}/`, name, ...(extra.company ? { company: extra.company } : {}) },
    encounter: { date: today(), kind: extra.event ? 'event' : 'in-person', place: 'Warsaw', ...(extra.event ? { event: { name: extra.event } } : {}) },
    photoUrl: photo(slug),
  });
  return view.person.id;
}

test.beforeEach(async ({ context }) => {
  await context.route(/^https:\/\/media\.licdn\.com\//, (route) => route.fulfill({ status: 200, contentType: 'image/png', body: PHOTO_PNG }));
});

test('the popup counts who is due; the drill grades a typo as almost, takes grades by key, and keeps a history', async ({ context, openExtensionPage }) => {
  const page = await openExtensionPage('popup.html');
  const lukasz = await saveWithFace(page, 'lukasz', 'Łukasz Żółć', { event: 'Grow Up Start Up', company: 'Acme' });
  await kith(page, 'person.update', { id: lukasz, patch: { memoryHook: 'gold like the yolk', howToSay: 'WOO-kash' } });
  await saveWithFace(page, 'anna', 'Anna Nowak');

  const popup = await openExtensionPage('popup.html');
  const open = popup.getByRole('button', { name: "Who's this? 2 due" });
  await expect(open).toBeVisible();
  const [drill] = await Promise.all([context.waitForEvent('page'), open.click()]);
  await expect(drill).toHaveURL(/\/drill\.html$/);
  await expect(drill.getByRole('heading', { name: "Who's this?", level: 2 })).toBeVisible();

  // Newest first: Anna. The name field has the keyboard; a typo in the surname is "almost".
  const name = drill.getByLabel('Their name');
  await expect(name).toBeFocused();
  await expect(drill.getByRole('img', { name: 'The face of someone you saved' })).toHaveAttribute('src', /^data:image\/jpeg;base64,/);
  await name.pressSequentially('Anna Nowk');
  await name.press('Enter');
  await expect(drill.getByRole('status').filter({ hasText: 'Almost' })).toHaveText('Almost (a small typo): Anna Nowak');
  const grades = drill.getByRole('group', { name: 'How well did you know it?' });
  // Enter would take the suggested grade (Hard, for almost): it has the keyboard.
  await expect(grades.getByRole('button', { name: 'Hard' })).toBeFocused();
  await expect(drill.getByRole('region', { name: 'How you met' })).toContainText('Warsaw');
  await drill.keyboard.press('3');

  // Łukasz, typed without his accents: right. How you met, with the memory aids.
  await expect(name).toBeFocused();
  await drill.getByRole('button', { name: 'Show the company' }).click();
  await expect(drill.getByText('Acme', { exact: true })).toBeVisible();
  await name.fill('lukasz zolc');
  await name.press('Enter');
  await expect(drill.getByRole('status').filter({ hasText: 'Right' })).toHaveText('Right: Łukasz Żółć');
  const met = drill.getByRole('region', { name: 'How you met' });
  await expect(met).toContainText('Grow Up Start Up');
  await expect(met).toContainText('gold like the yolk');
  await expect(met).toContainText('WOO-kash');
  await drill.keyboard.press('Enter');

  // Both answered Good once: each comes back in ten minutes, so within this session (learning).
  await expect(drill.getByRole('heading', { name: "Who's this?", level: 2 })).toBeVisible();
  await name.fill('');
  await name.press('Enter'); // nothing typed: show the name
  await expect(drill.getByRole('status').filter({ hasText: 'It is' })).toBeVisible();
  await drill.keyboard.press('4');
  await name.fill('Lukasz');
  await name.press('Enter');
  await expect(drill.getByRole('status').filter({ hasText: 'Almost' })).toHaveText('Almost (first name only): Łukasz Żółć');
  await drill.keyboard.press('4');
  await expect(drill.getByText("That's everyone for now. Well done.")).toBeVisible();
  await expect(drill.getByText('4 answers this session')).toBeVisible();

  // The history: today's four answers.
  const history = drill.getByRole('region', { name: 'Recall over time' });
  await expect(history).toContainText('Last 14 days: 2 right, 2 almost, 0 wrong (50% right)');
  await expect(history.getByRole('listitem').last()).toHaveAttribute('aria-label', /2 right, 2 almost, 0 wrong$/);
  // The popup counts nobody due now.
  const again = await openExtensionPage('popup.html');
  await expect(again.getByRole('button', { name: "Who's this? 0 due" })).toBeVisible();
});

test('Met someone from the popup in three steps; the network page lists them; a profile opened later matches them', async ({ page, context, openExtensionPage }) => {
  const setup = await openExtensionPage('network.html');
  const gusu = await kith<{ id: string; name: string }>(setup, 'event.create', { name: 'Grow Up Start Up', start: today() });
  await setup.evaluate((c) => (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local.set({ activeEvent: c }), {
    id: gusu.id,
    eventName: gusu.name,
    until: today(),
  });

  // 1: open the popup; 2: "Met someone"; 3: type the name; 4: Enter. The event comes from the check-in.
  const started = Date.now();
  const popup = await openExtensionPage('popup.html');
  await popup.getByRole('button', { name: 'Met someone' }).click();
  const form = popup.getByRole('form', { name: 'Met someone' });
  await expect(form.getByLabel('Event')).toHaveValue('Grow Up Start Up');
  await expect(form.getByLabel('Name')).toBeFocused();
  await popup.keyboard.type('Agnieszka');
  await popup.keyboard.press('Enter');
  await expect(popup.getByRole('status').filter({ hasText: 'Saved' })).toHaveText('Saved: Agnieszka. When you open their profile, Kith offers to match it.');
  expect(Date.now() - started).toBeLessThan(10_000);
  await expect(popup.getByRole('button', { name: 'Met someone' })).toBeFocused();

  // With a note and who introduced you, not at the checked-in event.
  await popup.getByRole('button', { name: 'Met someone' }).click();
  await form.getByLabel('Name').fill('Tomek');
  await form.getByLabel('Event').fill('');
  await form.getByLabel('Who introduced you').fill('Marta');
  await form.getByLabel('Note').fill('runs a bakery');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(popup.getByRole('status').filter({ hasText: 'Saved' })).toHaveText(/^Saved: Tomek\./);

  // The network page's list of who is still to match.
  const network = await openExtensionPage('network.html#captured');
  const list = network.getByRole('list', { name: 'Met, not matched yet' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(list.getByRole('listitem').first()).toContainText('Tomek');
  await expect(list.getByRole('listitem').first()).toContainText('runs a bakery');
  await expect(list.getByRole('listitem').nth(1)).toContainText('met at Grow Up Start Up');
  await expect(network.getByRole('status').filter({ hasText: 'to match' })).toHaveText('2 to match');

  // Later, her profile: the sidebar asks whether she is the Agnieszka met at the event, and attaches on "Yes".
  const AGNIESZKA = { slug: 'agnieszka-w', name: 'Agnieszka Wiśniewska', headline: 'Founder', photo: photo('agnieszka-w') };
  await serve(context, /^https:\/\/www\.linkedin\.com\/in\//, spaPage([AGNIESZKA]));
  await page.bringToFront();
  const sidebar = await openSidebar(page, 'https://www.linkedin.com/in/agnieszka-w/', 'Agnieszka Wiśniewska');
  const offer = sidebar.getByRole('group', { name: 'Agnieszka' });
  await expect(offer).toContainText('Is this Agnieszka');
  await expect(offer).toContainText('Grow Up Start Up');
  // Tomek is no match for her name.
  await expect(sidebar.getByRole('group', { name: 'Tomek' })).toHaveCount(0);
  await offer.getByRole('button', { name: "Yes, that's them" }).click();
  await expect(sidebar.getByRole('list', { name: 'Encounters' })).toContainText('at Grow Up Start Up');
  await expect(sidebar.getByRole('group', { name: 'Agnieszka' })).toHaveCount(0);
  const agnieszka = await kith<{ person: { name: string; keys: string[]; hasPhoto?: boolean } }>(network, 'person.lookup', { keys: ['linkedin:agnieszka-w'] });
  expect(agnieszka.person).toMatchObject({ name: 'Agnieszka Wiśniewska', keys: ['linkedin:agnieszka-w'], hasPhoto: true });
  // The open page follows: one left to match.
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(network.getByRole('status').filter({ hasText: 'to match' })).toHaveText('1 to match');

  // Tomek matched to someone saved, from the list.
  await kith(network, 'encounter.record', {
    profile: { site: 'linkedin', keys: ['linkedin:tomasz-b'], url: 'https://www.linkedin.com/in/tomasz-b/', name: 'Tomasz Baker' },
    encounter: { date: today(), kind: 'call' },
  });
  await list.getByRole('button', { name: 'Match to someone saved' }).click();
  await list.getByLabel('Find them among the people saved').fill('Tomasz');
  await list.getByRole('button', { name: 'This is Tomasz Baker' }).click();
  await expect(network.getByRole('status').filter({ hasText: 'Matched' })).toHaveText('Matched: Tomek is Tomasz Baker.');
  await expect(network.getByText('Nobody is waiting to be matched.')).toBeVisible();
  const tomasz = await kith<{ encounters: { note?: string; introducedByName?: string }[] }>(network, 'person.lookup', { keys: ['linkedin:tomasz-b'] });
  expect(tomasz.encounters).toContainEqual(expect.objectContaining({ note: 'runs a bakery', introducedByName: 'Marta' }));
});
