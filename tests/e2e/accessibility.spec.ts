/**
 * WCAG 2.2 AA on every surface and its open states, in light and dark: axe-core with the
 * wcag2a, wcag2aa, wcag21aa and wcag22aa rules, on Kith's own pages and on its sidebar (only Kith's
 * element is checked there, never the site's page).
 */
import AxeBuilder from '@axe-core/playwright';
import axeCore from 'axe-core';
import type { Frame, Page } from '@playwright/test';
import { expect, kith, PHOTO_PNG, serve, sidebarFrame, test } from './fixtures';
import { spaPage } from './spa-page';
import { addDays, localDay } from '../../utils/dates';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'];

// Each state is checked twice (light, dark), and axe takes a few seconds a check on a shared machine.
test.describe.configure({ timeout: 240_000 });

/** Axe's findings on the page, in both colour schemes, as "rule: element" lines. */
async function violations(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const axe = new AxeBuilder({ page }).withTags(TAGS);
    const { violations: list } = await axe.analyze();
    for (const v of list) for (const n of v.nodes) found.push(`${colorScheme} ${v.id}: ${n.target.join(' ')} (${n.failureSummary?.split('\n')[1]?.trim() ?? ''})`);
  }
  return found;
}

/**
 * Axe's findings in Kith's sidebar frame, in both colour schemes. The frame sits in a closed shadow
 * root that AxeBuilder cannot enter, so axe runs inside the frame's own document.
 */
async function frameViolations(page: Page, frame: Frame): Promise<string[]> {
  const found: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    if (!(await frame.evaluate(() => 'axe' in window))) await frame.evaluate(axeCore.source);
    const list = await frame.evaluate(async (tags) => {
      const axe = (window as unknown as { axe: typeof axeCore }).axe;
      const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
      return result.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => ({ target: n.target.map(String), summary: n.failureSummary ?? '' })) }));
    }, TAGS);
    for (const v of list) for (const n of v.nodes) found.push(`${colorScheme} ${v.id}: ${n.target.join(' ')} (${n.summary.split('\n')[1]?.trim() ?? ''})`);
  }
  return found;
}

const profile = (slug: string, name: string, headline?: string) => ({
  site: 'linkedin',
  keys: [`linkedin:${slug}`],
  url: `https://www.linkedin.com/in/${slug}/`,
  name,
  ...(headline ? { headline } : {}),
});

async function seed(page: Page): Promise<string> {
  const t = localDay();
  const anna = await kith<{ person: { id: string } }>(page, 'encounter.record', {
    profile: profile('anna-nowak', 'Anna Nowak', 'CTO at Acme'),
    encounter: { date: addDays(t, -20), kind: 'event', place: 'Warsaw', event: { name: 'Grow Up Start Up' } },
    followUpDue: addDays(t, -2),
  });
  await kith(page, 'person.update', { id: anna.person.id, patch: { tags: ['investor'], followUp: { note: 'send the deck' } } });
  await kith(page, 'encounter.record', { profile: profile('bob-stone', 'Bob Stone'), encounter: { date: t, kind: 'call', introducedBy: { id: anna.person.id } }, followUpDue: t });
  await kith(page, 'encounter.record', { profile: profile('celina-lis', 'Celina Lis'), encounter: { date: t, kind: 'in-person' }, followUpDue: addDays(t, 3) });
  return anna.person.id;
}

test('the popup: welcome, the follow-ups, Snooze open, search results, Undo', async ({ openExtensionPage }) => {
  const page = await openExtensionPage('popup.html');
  await expect(page.getByRole('heading', { name: 'Remember the people you meet' })).toBeVisible();
  expect(await violations(page), 'welcome').toEqual([]);
  await seed(page);
  await page.reload();
  await expect(page.getByRole('main')).toBeVisible();
  const anna = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Anna Nowak' }) });
  await expect(anna).toBeVisible();
  expect(await violations(page), 'follow-ups').toEqual([]);
  await anna.getByRole('button', { name: /Snooze/ }).click();
  expect(await violations(page), 'snooze open').toEqual([]);
  await page.getByRole('button', { name: 'Done' }).first().click();
  await expect(page.getByRole('button', { name: 'Undo' })).toBeVisible();
  expect(await violations(page), 'undo offered').toEqual([]);
  await page.getByRole('searchbox', { name: 'Search people' }).fill('invest');
  await expect(page.getByRole('list', { name: 'People found' })).toBeVisible();
  expect(await violations(page), 'search results').toEqual([]);
});

test('the options page: as it opens, an import refused, the delete confirmation', async ({ openExtensionPage }) => {
  const page = await openExtensionPage('options.html');
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  expect(await violations(page), 'options').toEqual([]);
  await page.getByLabel('Import a Kith backup (JSON)').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  await expect(page.getByRole('alert')).toBeVisible();
  await page.getByRole('button', { name: 'Delete all data…' }).click();
  expect(await violations(page), 'import refused, delete open').toEqual([]);
});

test('the network page: people, a person with rename and delete open, events, introductions', async ({ openExtensionPage }) => {
  const page = await openExtensionPage('network.html');
  const anna = await seed(page);
  await page.goto(page.url().replace(/#.*$/, '') + `#person/${anna}`);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Anna Nowak', level: 2 })).toBeVisible();
  expect(await violations(page), 'a person').toEqual([]);
  await page.getByRole('button', { name: 'Rename' }).click();
  expect(await violations(page), 'rename open').toEqual([]);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'Delete person…' }).click();
  expect(await violations(page), 'delete asked').toEqual([]);
  await page.getByRole('button', { name: 'Record encounter' }).click();
  expect(await violations(page), 'encounter form').toEqual([]);
  await page.getByRole('link', { name: 'Events' }).click();
  await page.getByRole('button', { name: /Grow Up Start Up/ }).click();
  expect(await violations(page), 'an event').toEqual([]);
  await page.getByRole('link', { name: 'Introductions' }).click();
  await expect(page.getByRole('button', { name: 'Anna Nowak' })).toBeVisible();
  expect(await violations(page), 'introductions').toEqual([]);
});

test('the sidebar on a profile page, open, with a person saved and the encounter form', async ({ context, page }) => {
  await serve(context, /^https:\/\/www\.linkedin\.com\/in\//, spaPage([{ slug: 'anna-nowak', name: 'Anna Nowak', headline: 'CTO at Acme' }]));
  await context.route(/^https:\/\/media\.licdn\.com\//, (route) => route.fulfill({ status: 200, contentType: 'image/png', body: PHOTO_PNG }));
  await page.goto('https://www.linkedin.com/in/anna-nowak/');
  const frame = await sidebarFrame(page);
  await frame.getByRole('button', { name: 'Open Kith' }).click();
  const sidebar = frame.getByRole('complementary', { name: 'Kith: Anna Nowak' });
  await expect(sidebar).toBeVisible();
  expect(await frameViolations(page, frame), 'not saved').toEqual([]);
  await sidebar.getByRole('button', { name: 'Record encounter' }).click();
  expect(await frameViolations(page, frame), 'encounter form').toEqual([]);
  await sidebar.getByRole('button', { name: 'Save encounter' }).click();
  await expect(sidebar.getByRole('list', { name: 'Encounters' })).toBeVisible();
  expect(await frameViolations(page, frame), 'saved').toEqual([]);
});
