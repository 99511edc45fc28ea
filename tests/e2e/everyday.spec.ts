/**
 * Everyday use (issue 19): what a user must be able to take back, and things said right, by role and
 * label as a person finds them.
 */
import type { Page } from '@playwright/test';
import { expect, kith, openSidebar, serve, test } from './fixtures';
import { spaPage } from './spa-page';
import { addDays, localDay } from '../../utils/dates';

const profile = (slug: string, name: string, headline?: string) => ({
  site: 'linkedin',
  keys: [`linkedin:${slug}`],
  url: `https://www.linkedin.com/in/${slug}/`,
  name,
  ...(headline ? { headline } : {}),
});
const today = () => localDay();
/** A day as the browser's language writes it (the test browser's UI is en-US). */
const asWritten = (day: string) => new Intl.DateTimeFormat('en-US', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));

async function openPerson(page: Page, id: string) {
  await page.goto(page.url().replace(/#.*$/, '') + `#person/${id}`);
  await page.reload();
  await expect(page.getByRole('article')).toBeVisible();
}

test('the network page: an encounter deleted and undone, the last touch and "How you met" follow; a person renamed, then deleted and undone', async ({ openExtensionPage }) => {
  const page = await openExtensionPage('network.html');
  const older = addDays(today(), -40);
  const newer = addDays(today(), -10);
  const anna = await kith<{ person: { id: string } }>(page, 'encounter.record', { profile: profile('anna', 'Anna Nowk'), encounter: { date: older, kind: 'in-person', place: 'Warsaw' } });
  const id = anna.person.id;
  await kith(page, 'encounter.record', { personId: id, encounter: { date: newer, kind: 'call' } });
  await kith(page, 'person.update', { id, patch: { followUp: { due: addDays(today(), -2) } } });
  await openPerson(page, id);
  const person = page.getByRole('article');

  // Dates as the browser writes them, and how late the follow-up is.
  const met = person.getByRole('region', { name: 'How you met' });
  await expect(met).toContainText(`Last touch: ${asWritten(newer)}`);
  await expect(person.getByText('2 days overdue')).toBeVisible();

  await met.getByRole('button', { name: `Delete encounter of ${asWritten(newer)}` }).click();
  await expect(met).toContainText(`Last touch: ${asWritten(older)}`);
  await expect(page.getByRole('status').filter({ hasText: `Deleted: encounter of ${asWritten(newer)}.` })).toBeVisible();
  // The keyboard was on the deleted row's button: it is on Undo now.
  await expect(page.getByRole('button', { name: 'Undo' })).toBeFocused();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(met).toContainText(`Last touch: ${asWritten(newer)}`);
  await expect(met.getByRole('listitem')).toHaveCount(2);

  // Both gone: no empty heading, no stale last touch.
  await met.getByRole('button', { name: `Delete encounter of ${asWritten(newer)}` }).click();
  await person.getByRole('button', { name: `Delete encounter of ${asWritten(older)}` }).click();
  await expect(person.getByRole('region', { name: 'How you met' })).toHaveCount(0);
  await expect(person.getByText(/Last touch/)).toHaveCount(0);

  // Rename.
  await person.getByRole('button', { name: 'Rename' }).click();
  await person.getByRole('textbox', { name: 'Name' }).fill('Anna Nowak');
  await person.getByRole('button', { name: 'Save name' }).click();
  await expect(person.getByRole('heading', { name: 'Anna Nowak', level: 2 })).toBeVisible();
  await expect(page.getByRole('listbox').getByText('Anna Nowak')).toBeVisible();

  // Delete asks first, then offers Undo.
  await person.getByRole('button', { name: 'Delete person…' }).click();
  const ask = person.getByRole('group', { name: 'Delete Anna Nowak?' });
  await expect(ask).toContainText('Their 0 encounters, tags, notes and follow-up go with them.');
  await ask.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('article')).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Deleted: Anna Nowak' })).toBeVisible();
  expect(await kith(page, 'person.get', { id })).toBeNull();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('heading', { name: 'Anna Nowak', level: 2 })).toBeVisible();
  expect(await kith<{ person: { name: string } }>(page, 'person.get', { id })).toMatchObject({ person: { name: 'Anna Nowak' } });
});

test('the popup: Done and Snooze can be undone, the menu says what Done logs, search says why someone matched, a long name is there whole', async ({ openExtensionPage }) => {
  const page = await openExtensionPage('popup.html');
  const long = 'Anna Maria Konstancja Nowak-Wiśniewska-Przybyszewska';
  const anna = await kith<{ person: { id: string } }>(page, 'encounter.record', {
    profile: profile('anna', long, 'CTO at Acme'),
    encounter: { date: addDays(today(), -30), kind: 'event', event: { name: 'Grow Up Start Up' } },
    followUpDue: addDays(today(), -3),
  });
  await kith(page, 'person.update', { id: anna.person.id, patch: { tags: ['investor'] } });
  await page.reload();
  const overdue = page.getByRole('region', { name: 'Overdue', exact: true });
  const row = overdue.getByRole('listitem');
  await expect(row.getByRole('heading', { name: long })).toHaveAttribute('title', long);
  await expect(row.getByRole('combobox', { name: 'logged as' })).toHaveValue('message');

  await row.getByRole('button', { name: 'Done' }).click();
  await expect(overdue).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: `${long}: done. No follow-up planned.` })).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('region', { name: 'Overdue', exact: true }).getByText('3 days overdue')).toBeVisible();
  expect((await kith<{ encounters: unknown[] }>(page, 'person.get', { id: anna.person.id })).encounters).toHaveLength(1);

  await page.getByRole('region', { name: 'Overdue', exact: true }).getByRole('button', { name: /Snooze/ }).click();
  await page.getByRole('button', { name: '1 week' }).click();
  await expect(page.getByRole('region', { name: 'Overdue', exact: true })).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('region', { name: 'Overdue', exact: true }).getByText('3 days overdue')).toBeVisible();

  await page.getByRole('searchbox', { name: 'Search people' }).fill('invest');
  await expect(page.getByRole('list', { name: 'People found' }).getByRole('link')).toContainText('tag: investor');
  await page.getByRole('searchbox', { name: 'Search people' }).fill('grow');
  await expect(page.getByRole('list', { name: 'People found' }).getByRole('link')).toContainText('met at Grow Up Start Up');
});

test('events: one first named in an encounter has its day and place; the list puts what is to come first, then the most recent', async ({ openExtensionPage }) => {
  const page = await openExtensionPage('network.html');
  const t = today();
  await kith(page, 'encounter.record', { profile: profile('anna', 'Anna Nowak'), encounter: { date: addDays(t, -3), kind: 'event', place: 'Warsaw', event: { name: 'Last week conf' } } });
  await kith(page, 'event.create', { name: 'Long ago', start: addDays(t, -300) });
  await kith(page, 'event.create', { name: 'Next month', start: addDays(t, 30) });
  await page.getByRole('link', { name: 'Events' }).click();
  const items = page.getByRole('list', { name: 'Events' }).getByRole('listitem');
  await expect(items).toHaveCount(3);
  await expect(items.nth(0)).toContainText('Next month');
  await expect(items.nth(1)).toContainText('Last week conf');
  await expect(items.nth(1)).toContainText(`${asWritten(addDays(t, -3))} · Warsaw`);
  await expect(items.nth(2)).toContainText('Long ago');
});

test('options: a file picker and a drop zone that refuses a file of the wrong kind', async ({ openExtensionPage }) => {
  const page = await openExtensionPage('options.html');
  const input = page.getByLabel('Import LinkedIn Connections.csv');
  await expect(page.getByText('Choose a file…').first()).toBeVisible();
  // Dropped onto the zone around the picker.
  await input.evaluate((el) => {
    const data = new DataTransfer();
    data.items.add(new File(['{}'], 'backup.json', { type: 'application/json' }));
    el.parentElement!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  });
  await expect(page.getByRole('alert')).toHaveText('backup.json was not imported, and nothing was changed. It is not a CSV file: choose LinkedIn’s Connections.csv, a file whose name ends in .csv.');
  // A right one dropped is imported.
  await input.evaluate((el) => {
    const data = new DataTransfer();
    data.items.add(new File(['First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\nAnna,Nowak,https://www.linkedin.com/in/anna-nowak,,Acme,CTO,12 Mar 2024\r\n'], 'Connections.csv', { type: 'text/csv' }));
    el.parentElement!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  });
  await expect(page.getByText('Stored on this computer: 1 person, 0 encounters and 0 events.')).toBeVisible();
});

test.describe('in Polish', () => {
  test.use({ browserLanguage: { lang: 'pl', locale: 'pl-PL' } });
  test('the word that deletes everything is Polish', async ({ openExtensionPage }) => {
    const page = await openExtensionPage('options.html');
    await page.getByRole('button', { name: 'Usuń wszystkie dane…' }).click();
    const field = page.getByLabel('Wpisz USUŃ, aby potwierdzić');
    await field.fill('DELETE');
    const final = page.getByRole('button', { name: 'Usuń wszystko' });
    await expect(final).toBeDisabled();
    await field.fill('USUŃ');
    await expect(final).toBeEnabled();
  });
});

test('the sidebar: an encounter deleted and undone, a person renamed, then deleted and undone', async ({ context, page }) => {
  await serve(context, /^https:\/\/www\.linkedin\.com\/in\//, spaPage([{ slug: 'anna-nowak', name: 'Anna Nowak', headline: 'CTO at Acme' }]));
  const sidebar = await openSidebar(page, 'https://www.linkedin.com/in/anna-nowak/', 'Anna Nowak');
  for (const place of ['Warsaw', 'Krakow']) {
    await sidebar.getByRole('button', { name: 'Record encounter' }).click();
    await sidebar.getByLabel('Place').fill(place);
    await sidebar.getByRole('button', { name: 'Save encounter' }).click();
    await expect(sidebar.getByRole('list', { name: 'Encounters' })).toContainText(place);
  }
  const encounters = sidebar.getByRole('list', { name: 'Encounters' }).getByRole('listitem');
  await expect(encounters).toHaveCount(2);

  await encounters.filter({ hasText: 'Krakow' }).getByRole('button', { name: /delete/i }).click();
  await expect(encounters).toHaveCount(1);
  await expect(sidebar.getByRole('status').filter({ hasText: /^Deleted: encounter of / })).toBeVisible();
  await sidebar.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(encounters).toHaveCount(2);
  await expect(sidebar.getByText('Undone.')).toBeVisible();

  await sidebar.getByRole('button', { name: 'Rename' }).click();
  await sidebar.getByLabel('Name', { exact: true }).fill('Anna Nowak-Kowalska');
  await sidebar.getByRole('button', { name: 'Save name' }).click();
  await expect(sidebar.getByRole('heading', { name: 'Anna Nowak-Kowalska' })).toBeVisible();

  await sidebar.getByRole('button', { name: 'Delete person…' }).click();
  await expect(sidebar.getByText('Their 2 encounters, tags, notes and follow-up go with them.', { exact: false })).toBeVisible();
  await sidebar.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(sidebar.getByText('You have not recorded meeting this person yet.')).toBeVisible();
  await expect(sidebar.getByRole('status').filter({ hasText: 'Deleted: Anna Nowak-Kowalska' })).toBeVisible();
  await sidebar.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(encounters).toHaveCount(2);
  await expect(sidebar.getByRole('heading', { name: 'Anna Nowak-Kowalska' })).toBeVisible();
});
