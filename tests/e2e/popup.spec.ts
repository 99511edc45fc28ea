import type { Locator, Page, Worker } from '@playwright/test';
import { expect, kith, PHOTO_PNG, serve, test } from './fixtures';
import { addDays, localDay } from '../../utils/dates';
import { FIRST_SCREEN_KEY, type FirstScreen } from '../../utils/first-screen';

/** The browser's extension API, as seen from an extension page or the service worker. */
type Chrome = {
  runtime: { sendMessage: (m: unknown) => Promise<unknown> };
  storage: { local: { set: (items: object) => Promise<void> } };
  action: { getBadgeText: (d: object) => Promise<string> };
  alarms: {
    getAll: () => Promise<{ name: string; scheduledTime: number }[]>;
    create: (name: string, info: { when: number }) => Promise<void>;
  };
  notifications: { getAll: () => Promise<Record<string, boolean>>; clear: (id: string) => Promise<boolean> };
};

interface Seed {
  slug: string;
  name: string;
  headline?: string;
  due?: string;
  /** The encounter: defaults to in person, today. */
  date?: string;
  kind?: string;
  place?: string;
  event?: string;
  /** Applied after the encounter with person.update. */
  followUp?: { due?: string; cadenceDays?: number; note?: string };
  tags?: string[];
  /** The photo the page showed (the background fetches it from LinkedIn's CDN). */
  photoUrl?: string;
}

const today = () => localDay(new Date());
const profileUrl = (slug: string) => `https://www.linkedin.com/in/${slug}/`;

/** Sends one protocol message from an extension page, as the popup does. */

/** Saves a person through the protocol (the sidebar's 'encounter.record'); returns their id. */
async function seed(page: Page, s: Seed): Promise<string> {
  const view = (await kith(page, 'encounter.record', {
    profile: { site: 'linkedin', keys: [`linkedin:${s.slug}`], url: profileUrl(s.slug), name: s.name, ...(s.headline ? { headline: s.headline } : {}) },
    encounter: {
      date: s.date ?? today(),
      kind: s.kind ?? 'in-person',
      ...(s.place ? { place: s.place } : {}),
      ...(s.event ? { event: { name: s.event } } : {}),
    },
    ...(s.due ? { followUpDue: s.due } : {}),
    ...(s.photoUrl ? { photoUrl: s.photoUrl } : {}),
  })) as { person: { id: string } };
  const id = view.person.id;
  const patch = { ...(s.followUp ? { followUp: s.followUp } : {}), ...(s.tags ? { tags: s.tags } : {}) };
  if (Object.keys(patch).length) await kith(page, 'person.update', { id, patch });
  return id;
}

async function personOf(page: Page, id: string) {
  return (await kith(page, 'person.get', { id })) as {
    person: { followUp: { due?: string; cadenceDays?: number }; lastTouch?: string };
    encounters: { kind: string; date: string }[];
  };
}

const badge = (worker: Worker) => worker.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.action.getBadgeText({}));
const alarms = (worker: Worker) => worker.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.alarms.getAll());

const group = (page: Page, name: 'Overdue' | 'Due today' | 'Next 7 days') => page.getByRole('region', { name, exact: true });
const names = (region: Locator) => region.getByRole('listitem').getByRole('heading', { level: 3 }).allTextContents();
const row = (page: Page, name: string) => page.getByRole('listitem').filter({ has: page.getByRole('heading', { name, level: 3 }) });

/** The year of today, so a meeting "this year" shows without its year ("Jan 1" in the en-US browser). */
const thisYearJan1 = () => `${today().slice(0, 4)}-01-01`;

async function seedTeam(page: Page) {
  const t = today();
  const ids = {
    anna: await seed(page, {
      slug: 'anna-nowak',
      name: 'Anna Nowak',
      headline: 'CTO at Acme',
      date: thisYearJan1(),
      kind: 'event',
      place: 'Warsaw',
      event: 'Grow Up Start Up',
      followUp: { due: addDays(t, -5), note: 'send the pilot deck' },
      tags: ['investor'],
    }),
    bartek: await seed(page, { slug: 'bartek-kowalski', name: 'Bartek Kowalski', headline: 'Founder', followUp: { due: addDays(t, -2), cadenceDays: 30 } }),
    celina: await seed(page, { slug: 'celina-lis', name: 'Celina Lis', place: 'Kraków', followUp: { due: t, cadenceDays: 3 } }),
    dawid: await seed(page, { slug: 'dawid-wolny', name: 'Dawid Wolny', due: addDays(t, 3) }),
    ewa: await seed(page, { slug: 'ewa-zajac', name: 'Ewa Zając', due: addDays(t, 20) }),
    filip: await seed(page, { slug: 'filip-nowy', name: 'Filip Nowy' }),
  };
  await page.reload();
  return ids;
}

test('nobody saved: the popup explains Kith and how to record the first encounter; no badge', async ({ openExtensionPage, worker }) => {
  const page = await openExtensionPage('popup.html');
  await expect(page.getByRole('heading', { name: 'Remember the people you meet' })).toBeVisible();
  await expect(page.getByText('Open the LinkedIn profile of someone you met.')).toBeVisible();
  await expect(page.getByText('Open the Kith tab on the right edge of the page.')).toBeVisible();
  await expect(page.getByText(/Record encounter/)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Overdue' })).toHaveCount(0);
  expect(await badge(worker)).toBe('');
});

test('people saved, nobody due: says so', async ({ openExtensionPage, worker }) => {
  const page = await openExtensionPage('popup.html');
  await seed(page, { slug: 'ewa-zajac', name: 'Ewa Zając', due: addDays(today(), 20) });
  await seed(page, { slug: 'filip-nowy', name: 'Filip Nowy' });
  await page.reload();
  await expect(page.getByText(/^Nobody is due\./)).toBeVisible();
  await expect(page.getByRole('searchbox', { name: 'Search people' })).toBeVisible();
  expect(await badge(worker)).toBe('');
});

test('three groups in order, with faces, headline, lateness, note and where they met; the badge counts them', async ({ openExtensionPage, worker }) => {
  const page = await openExtensionPage('popup.html');
  await seedTeam(page);

  await expect(group(page, 'Overdue').getByRole('listitem')).toHaveCount(2);
  expect(await names(group(page, 'Overdue'))).toEqual(['Anna Nowak', 'Bartek Kowalski']);
  expect(await names(group(page, 'Due today'))).toEqual(['Celina Lis']);
  expect(await names(group(page, 'Next 7 days'))).toEqual(['Dawid Wolny']);
  await expect(page.getByRole('heading', { name: 'Ewa Zając' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Filip Nowy' })).toHaveCount(0);

  const anna = row(page, 'Anna Nowak');
  await expect(anna).toContainText('5 days overdue');
  await expect(anna).toContainText('CTO at Acme');
  await expect(anna).toContainText('send the pilot deck');
  await expect(anna).toContainText('met at Grow Up Start Up, Warsaw, Jan 1');
  await expect(anna.locator('.kith-initials')).toHaveText('AN');
  await expect(row(page, 'Bartek Kowalski')).toContainText('2 days overdue');
  await expect(row(page, 'Bartek Kowalski')).toContainText('every 30 days');
  await expect(row(page, 'Celina Lis')).toContainText('Due today');
  await expect(row(page, 'Celina Lis')).toContainText('met in Kraków');
  await expect(row(page, 'Dawid Wolny')).toContainText(/Due \w{3},? (\d{1,2} \w{3}|\w{3} \d{1,2})/);

  // Every control of a row is labelled.
  for (const name of ['Done', 'Snooze', 'Open profile']) await expect(anna.getByRole('button', { name, exact: true })).toBeVisible();
  await expect(anna.getByRole('combobox', { name: 'logged as' })).toHaveValue('message');

  expect(await badge(worker)).toBe('3');
});

test('Done logs a touch of the chosen kind: no cadence clears the follow-up, a cadence reschedules it', async ({ openExtensionPage, worker }) => {
  const page = await openExtensionPage('popup.html');
  const ids = await seedTeam(page);
  const t = today();

  // No cadence: done, gone.
  const anna = row(page, 'Anna Nowak');
  await anna.getByRole('combobox', { name: 'logged as' }).selectOption({ label: 'Email' });
  await anna.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('status')).toHaveText('Anna Nowak: done. No follow-up planned.');
  expect(await names(group(page, 'Overdue'))).toEqual(['Bartek Kowalski']);
  await expect(page.getByRole('heading', { name: 'Anna Nowak' })).toHaveCount(0);
  const annaNow = await personOf(page, ids.anna);
  expect(annaNow.person.followUp.due).toBeUndefined();
  expect(annaNow.person.lastTouch).toBe(t);
  expect(annaNow.encounters[0]).toMatchObject({ kind: 'email', date: t });
  await expect.poll(() => badge(worker)).toBe('2');

  // Cadence of 30 days: out of the week's list, due in 30 days.
  await row(page, 'Bartek Kowalski').getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('status')).toContainText('Bartek Kowalski: done. Next follow-up');
  await expect(page.getByRole('region', { name: 'Overdue', exact: true })).toHaveCount(0);
  expect((await personOf(page, ids.bartek)).person.followUp).toMatchObject({ due: addDays(t, 30), cadenceDays: 30 });
  expect((await personOf(page, ids.bartek)).encounters[0].kind).toBe('message');

  // Cadence of 3 days: from "Due today" into "Next 7 days".
  await row(page, 'Celina Lis').getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('region', { name: 'Due today', exact: true })).toHaveCount(0);
  expect(await names(group(page, 'Next 7 days'))).toEqual(['Celina Lis', 'Dawid Wolny']);
  expect((await personOf(page, ids.celina)).person.followUp.due).toBe(addDays(t, 3));
  await expect.poll(() => badge(worker)).toBe('');
});

test('Snooze: 1 day moves an overdue person to tomorrow, 1 week and a picked date move them further', async ({ openExtensionPage, worker }) => {
  const page = await openExtensionPage('popup.html');
  const ids = await seedTeam(page);
  const t = today();

  const bartek = row(page, 'Bartek Kowalski');
  await bartek.getByRole('button', { name: 'Snooze', exact: true }).click();
  await expect(bartek.getByRole('button', { name: 'Snooze', exact: true })).toHaveAttribute('aria-expanded', 'true');
  await bartek.getByRole('button', { name: '1 day' }).click();
  await expect(page.getByRole('status')).toHaveText('Bartek Kowalski: snoozed to tomorrow.');
  expect(await names(group(page, 'Overdue'))).toEqual(['Anna Nowak']);
  expect(await names(group(page, 'Next 7 days'))).toEqual(['Bartek Kowalski', 'Dawid Wolny']);
  await expect(row(page, 'Bartek Kowalski')).toContainText('Due tomorrow');
  expect((await personOf(page, ids.bartek)).person.followUp).toMatchObject({ due: addDays(t, 1), cadenceDays: 30 });
  await expect.poll(() => badge(worker)).toBe('2');

  // 1 week, from today for someone due today.
  const celina = row(page, 'Celina Lis');
  await celina.getByRole('button', { name: 'Snooze', exact: true }).click();
  await celina.getByRole('button', { name: '1 week' }).click();
  await expect(page.getByRole('region', { name: 'Due today', exact: true })).toHaveCount(0);
  expect(await names(group(page, 'Next 7 days'))).toEqual(['Bartek Kowalski', 'Dawid Wolny', 'Celina Lis']);
  expect((await personOf(page, ids.celina)).person.followUp.due).toBe(addDays(t, 7));

  // Pick a date.
  const anna = row(page, 'Anna Nowak');
  await anna.getByRole('button', { name: 'Snooze', exact: true }).click();
  await anna.getByLabel('Pick a date').fill(addDays(t, 5));
  await anna.getByRole('button', { name: 'Snooze to this date' }).click();
  await expect(page.getByRole('region', { name: 'Overdue', exact: true })).toHaveCount(0);
  expect(await names(group(page, 'Next 7 days'))).toEqual(['Bartek Kowalski', 'Dawid Wolny', 'Anna Nowak', 'Celina Lis']);
  expect((await personOf(page, ids.anna)).person.followUp).toMatchObject({ due: addDays(t, 5), note: 'send the pilot deck' });
  await expect.poll(() => badge(worker)).toBe('');
});

test('Open profile opens the profile in a new tab', async ({ context, openExtensionPage }) => {
  await serve(context, profileUrl('anna-nowak'), '<!doctype html><title>Anna Nowak | LinkedIn</title><h1>Anna Nowak</h1>');
  const page = await openExtensionPage('popup.html');
  await seedTeam(page);
  const [tab] = await Promise.all([
    context.waitForEvent('page'),
    row(page, 'Anna Nowak').getByRole('button', { name: 'Open profile' }).click(),
  ]);
  await tab.waitForURL(profileUrl('anna-nowak'));
  await expect(tab.getByRole('heading', { name: 'Anna Nowak' })).toBeVisible();
});

test('search finds anyone saved by name, tag, event and place; Enter opens the first', async ({ context, openExtensionPage }) => {
  const page = await openExtensionPage('popup.html');
  await seedTeam(page);
  const search = page.getByRole('searchbox', { name: 'Search people' });
  await expect(search).toBeFocused();
  const results = page.getByRole('list', { name: 'People found' });
  const found = () => results.locator('.result-name');

  await search.fill('ewa');
  await expect(found()).toHaveText(['Ewa Zając']);
  // The follow-ups make way for the results.
  await expect(page.getByRole('region', { name: 'Overdue', exact: true })).toHaveCount(0);

  await search.fill('invest');
  await expect(found()).toHaveText(['Anna Nowak']);
  await expect(results.getByRole('link', { name: 'Anna Nowak CTO at Acme' })).toBeVisible();
  await search.fill('grow up');
  await expect(found()).toHaveText(['Anna Nowak']);
  await search.fill('krak');
  await expect(found()).toHaveText(['Celina Lis']);
  await search.fill('nowak nobody');
  await expect(page.getByText('Nobody saved matches “nowak nobody”.')).toBeVisible();
  await search.fill('now');
  await expect(found()).toHaveText(['Anna Nowak', 'Filip Nowy']);

  // The keyboard: arrow down into the results; Enter on the search box opens the first.
  await search.press('ArrowDown');
  await expect(results.getByRole('link').first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(results.getByRole('link').nth(1)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(search).toBeFocused();

  await serve(context, profileUrl('anna-nowak'), '<!doctype html><title>Anna Nowak</title>');
  const [tab] = await Promise.all([context.waitForEvent('page'), search.press('Enter')]);
  await tab.waitForURL(profileUrl('anna-nowak'));

  await search.fill('');
  expect(await names(group(page, 'Overdue'))).toEqual(['Anna Nowak', 'Bartek Kowalski']);
});

test('a long overdue list shows the first 25 and "Show all"', async ({ openExtensionPage }) => {
  const page = await openExtensionPage('popup.html');
  for (let i = 0; i < 27; i++) await seed(page, { slug: `p-${i}`, name: `Person ${String(i).padStart(2, '0')}`, due: addDays(today(), -1 - i) });
  await page.reload();
  const overdue = group(page, 'Overdue');
  await expect(overdue.getByRole('listitem')).toHaveCount(25);
  // Most overdue first.
  expect((await names(overdue))[0]).toBe('Person 26');
  await overdue.getByRole('button', { name: 'Show all 27' }).click();
  await expect(overdue.getByRole('listitem')).toHaveCount(27);
  await expect(overdue.getByRole('button', { name: /Show all/ })).toHaveCount(0);
});

test('the list follows changes made elsewhere at once', async ({ openExtensionPage }) => {
  const page = await openExtensionPage('popup.html');
  await seedTeam(page);
  const other = await openExtensionPage('popup.html');
  await seed(other, { slug: 'gosia-nowa', name: 'Gosia Nowa', due: addDays(today(), -1) });
  await expect.poll(() => names(group(page, 'Overdue'))).toEqual(['Anna Nowak', 'Bartek Kowalski', 'Gosia Nowa']);
});

test('the first screen is kept ready: a popup opened with the worker stopped paints it, and a change replaces it', async ({ context, openExtensionPage }) => {
  const page = await openExtensionPage('popup.html');
  const ids = await seedTeam(page);
  // Read from an extension page: storage.session is open to Kith's own pages (not to content scripts).
  const kept = () =>
    page.evaluate(async (key) => {
      const session = (globalThis as unknown as { chrome: { storage: { session: { get: (k: string) => Promise<Record<string, FirstScreen | undefined>> } } } }).chrome.storage.session;
      const s = (await session.get(key))[key];
      return s ? s.list.overdue.map((r) => r.name) : null;
    }, FIRST_SCREEN_KEY);
  await expect.poll(kept).toEqual(['Anna Nowak', 'Bartek Kowalski']);

  // The worker stops (as it does after 30 s idle): the popup paints the kept screen, the worker wakes.
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  const fresh = await openExtensionPage('popup.html');
  await expect(group(fresh, 'Overdue').getByRole('listitem')).toHaveCount(2);
  expect(await fresh.evaluate(() => performance.getEntriesByName('kith-popup-kept').length)).toBe(1);
  expect(await names(group(fresh, 'Due today'))).toEqual(['Celina Lis']);
  await expect(row(fresh, 'Anna Nowak')).toContainText('met at Grow Up Start Up, Warsaw, Jan 1');

  // Done on Anna elsewhere: the next popup lists only Bartek as overdue, and so does the kept screen.
  await kith(page, 'followups.done', { personId: ids.anna, kind: 'message' });
  const after = await openExtensionPage('popup.html');
  await expect.poll(() => names(group(after, 'Overdue'))).toEqual(['Bartek Kowalski']);
  await expect.poll(kept).toEqual(['Bartek Kowalski']);
});

test('faces: every row shows its own, below the first screen too, and a face saved later shows in an open popup', async ({ context, openExtensionPage }) => {
  await context.route(/^https:\/\/media\.licdn\.com\//, (route) => route.fulfill({ status: 200, contentType: 'image/png', body: PHOTO_PNG }));
  const page = await openExtensionPage('popup.html');
  const photo = (slug: string) => `https://media.licdn.com/dms/image/${slug}/profile-displayphoto-shrink_400_400/0/1`;
  // 12 with a photo and one without: more rows than the first screen (8) holds.
  for (let i = 0; i < 12; i++) await seed(page, { slug: `face-${i}`, name: `Face ${String(i).padStart(2, '0')}`, due: addDays(today(), -1 - i), photoUrl: photo(`face-${i}`) });
  await seed(page, { slug: 'no-face', name: 'No Face', due: addDays(today(), -30) });

  const popup = await openExtensionPage('popup.html');
  await expect(group(popup, 'Overdue').getByRole('listitem')).toHaveCount(13);
  for (let i = 0; i < 12; i++) await expect(row(popup, `Face ${String(i).padStart(2, '0')}`).locator('img.kith-avatar')).toHaveAttribute('src', /^data:image\/jpeg;base64,/);
  await expect(row(popup, 'No Face').locator('.kith-initials')).toHaveText('NF');
  await expect(popup.locator('.kith-face-pending')).toHaveCount(0);

  // No Face is saved again from a page that shows a photo: the open popup shows it.
  await seed(page, { slug: 'no-face', name: 'No Face', due: addDays(today(), -30), photoUrl: photo('no-face') });
  await expect(row(popup, 'No Face').locator('img.kith-avatar')).toHaveAttribute('src', /^data:image\/jpeg;base64,/);
  await expect(row(popup, 'No Face').locator('.kith-initials')).toHaveCount(0);
});

test('keyboard: every row action is reachable with Tab', async ({ openExtensionPage }) => {
  const page = await openExtensionPage('popup.html');
  await seedTeam(page);
  await expect(page.getByRole('searchbox', { name: 'Search people' })).toBeFocused();
  const anna = row(page, 'Anna Nowak');
  await page.keyboard.press('Tab');
  await expect(anna.getByRole('button', { name: 'Done' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(anna.getByRole('combobox', { name: 'logged as' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(anna.getByRole('button', { name: 'Snooze', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(anna.getByRole('button', { name: '1 day' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(anna.getByRole('button', { name: 'Snooze', exact: true })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(anna.getByRole('button', { name: 'Open profile' })).toBeFocused();
  // Done from the keyboard: the focus moves on to the next person.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(anna.getByRole('button', { name: 'Done' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(row(page, 'Bartek Kowalski').getByRole('button', { name: 'Done' })).toBeFocused();
});

test('alarms: midnight for the badge, the daily reminder at the chosen time, none when turned off', async ({ openExtensionPage, worker }) => {
  const now = new Date();
  const nextMidnight = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getTime();
  const nextAt = (h: number, m: number) => {
    const d = new Date(now.getFullYear(), now.getMonth(), now.getDate(), h, m);
    return d.getTime() > Date.now() ? d.getTime() : new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, h, m).getTime();
  };
  const named = async (name: string) => (await alarms(worker)).find((a) => a.name === name);

  await expect.poll(async () => (await named('kith-midnight'))?.scheduledTime ?? 0).toBeGreaterThanOrEqual(nextMidnight);
  expect((await named('kith-midnight'))!.scheduledTime).toBeLessThan(nextMidnight + 60_000);
  await expect.poll(async () => (await named('kith-daily-reminder'))?.scheduledTime).toBe(nextAt(9, 0));

  const page = await openExtensionPage('popup.html');
  const setSettings = (settings: object) =>
    page.evaluate((s) => (globalThis as unknown as { chrome: Chrome }).chrome.storage.local.set({ settings: s }), settings);
  const settings = {
    defaultCadenceDays: null,
    postMeetingFollowUpDays: 2,
    sites: { linkedin: true, github: true, x: true, xing: true, mastodon: true },
  };
  await setSettings({ ...settings, notifications: { enabled: true, time: '07:30' } });
  await expect.poll(async () => (await named('kith-daily-reminder'))?.scheduledTime).toBe(nextAt(7, 30));
  await setSettings({ ...settings, notifications: { enabled: false, time: '07:30' } });
  await expect.poll(async () => (await alarms(worker)).map((a) => a.name).sort()).toEqual(['kith-midnight']);
});

test('the daily reminder shows who is due, and nothing when notifications are off', async ({ openExtensionPage, worker }) => {
  const page = await openExtensionPage('popup.html');
  await seedTeam(page);
  type W = { chrome: Chrome };
  const notifications = () => worker.evaluate(() => (globalThis as unknown as W).chrome.notifications.getAll());
  // Fire the reminder now (unpacked extensions may set alarms this close).
  await worker.evaluate(() => (globalThis as unknown as W).chrome.alarms.create('kith-daily-reminder', { when: Date.now() + 50 }));
  await expect.poll(notifications).toHaveProperty('kith-daily');
  // It was re-armed for the next day.
  await expect
    .poll(async () => (await alarms(worker)).find((a) => a.name === 'kith-daily-reminder')?.scheduledTime ?? 0)
    .toBeGreaterThan(Date.now() + 60_000);

  await worker.evaluate(() => (globalThis as unknown as W).chrome.notifications.clear('kith-daily'));
  await page.evaluate(() =>
    (globalThis as unknown as W).chrome.storage.local.set({ settings: { notifications: { enabled: false, time: '09:00' } } }),
  );
  await expect.poll(async () => (await alarms(worker)).map((a) => a.name)).not.toContain('kith-daily-reminder');
  // Even if a reminder alarm fires (left from before), nothing is shown.
  await worker.evaluate(() => (globalThis as unknown as W).chrome.alarms.create('kith-daily-reminder', { when: Date.now() + 50 }));
  await expect.poll(async () => (await alarms(worker)).map((a) => a.name)).not.toContain('kith-daily-reminder');
  await page.waitForTimeout(300);
  expect(await notifications()).toEqual({});
});

test('screenshots in light and dark mode', async ({ openExtensionPage }, testInfo) => {
  const page = await openExtensionPage('popup.html');
  await page.setViewportSize({ width: 380, height: 600 });
  const shoot = async (name: string) => {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await page.waitForTimeout(200); // let the colour transitions end
      await page.screenshot({ path: testInfo.outputPath(`popup-${name}-${colorScheme}.png`), fullPage: true });
    }
  };
  await expect(page.getByRole('heading', { name: 'Remember the people you meet' })).toBeVisible();
  await shoot('welcome');
  await seedTeam(page);
  await row(page, 'Anna Nowak').getByRole('button', { name: 'Snooze', exact: true }).click();
  await shoot('list');
  await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(31, 31, 36)');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(255, 255, 255)');
  // Every row's actions fit on two lines at most, and Done with its "logged as" menu never breaks apart.
  for (const item of await page.locator('.fu-actions').all()) expect((await item.boundingBox())!.height).toBeLessThan(72);
  for (const item of await page.locator('.fu-done-group').all()) expect((await item.boundingBox())!.height).toBeLessThan(40);
  await page.getByRole('searchbox', { name: 'Search people' }).fill('now');
  await expect(page.getByRole('list', { name: 'People found' }).getByRole('listitem')).toHaveCount(2);
  await shoot('search');
});
