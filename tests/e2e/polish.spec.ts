import type { Page } from '@playwright/test';
import { expect, kith, test } from './fixtures';
import { addDays, localDay } from '../../utils/dates';

// Chromium in Polish: the extension's messages, plurals and dates follow the browser's UI language.
test.use({ browserLanguage: { lang: 'pl', locale: 'pl-PL' } });

// Written out rather than asked of Intl, so the test does not check Intl against itself.
const MONTHS = ['sty', 'lut', 'mar', 'kwi', 'maj', 'cze', 'lip', 'sie', 'wrz', 'paź', 'lis', 'gru'];
const WEEKDAYS = ['niedz.', 'pon.', 'wt.', 'śr.', 'czw.', 'pt.', 'sob.'];

/** A follow-up day as the popup writes it in Polish: 'wt., 8 gru', with the year when it is not this one. */
function polishDueDay(day: string, today: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const weekday = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
  return `${weekday}, ${d} ${MONTHS[m - 1]}${day.slice(0, 4) === today.slice(0, 4) ? '' : ` ${y}`}`;
}

async function seed(page: Page, slug: string, name: string, followUp: { due: string; cadenceDays?: number }, event?: string) {
  const view = await kith<{ person: { id: string } }>(page, 'encounter.record', {
    profile: { site: 'linkedin', keys: [`linkedin:${slug}`], url: `https://www.linkedin.com/in/${slug}/`, name },
    encounter: { date: localDay(), kind: event ? 'event' : 'in-person', ...(event ? { event: { name: event } } : {}) },
  });
  await kith(page, 'person.update', { id: view.person.id, patch: { followUp } });
}

test('the popup and the options page speak Polish, with Polish plurals and dates', async ({ openExtensionPage }) => {
  const today = localDay();
  const popup = await openExtensionPage('popup.html');
  await expect(popup.locator('html')).toHaveAttribute('lang', 'pl');
  await expect(popup.getByRole('heading', { name: 'Pamiętaj o ludziach, których poznajesz' })).toBeVisible();

  await seed(popup, 'anna-nowak', 'Anna Nowak', { due: addDays(today, -2), cadenceDays: 5 }, 'Grow Up Start Up');
  await seed(popup, 'bartek-kowalski', 'Bartek Kowalski', { due: addDays(today, 4) });
  await popup.reload();

  const overdue = popup.getByRole('region', { name: 'Zaległe', exact: true });
  await expect(overdue).toContainText('2 dni po terminie');
  await expect(overdue).toContainText('co 5 dni');
  await expect(overdue.getByRole('button', { name: 'Zrobione' })).toBeVisible();
  await expect(overdue.getByRole('button', { name: 'Odłóż', exact: true })).toBeVisible();
  const week = popup.getByRole('region', { name: 'Najbliższe 7 dni', exact: true });
  await expect(week).toContainText(`Termin: ${polishDueDay(addDays(today, 4), today)}`);
  await expect(popup.getByRole('searchbox', { name: 'Szukaj osób' })).toBeVisible();

  const options = await openExtensionPage('options.html');
  await expect(options.locator('html')).toHaveAttribute('lang', 'pl');
  await expect(options.getByRole('heading', { name: 'Ustawienia' })).toBeVisible();
  await expect(options.getByRole('heading', { name: 'Eksport' })).toBeVisible();
  await expect(options.getByRole('button', { name: 'Eksportuj CSV' })).toBeVisible();
  await expect(options.getByText('Zapisane na tym komputerze: 2 osoby, 2 spotkania i 1 wydarzenie.')).toBeVisible();
});

test('the drill speaks Polish: „Kto to?”, the grades, how you met, „Nowa znajomość” in the popup', async ({ openExtensionPage }) => {
  const popup = await openExtensionPage('popup.html');
  await kith(popup, 'capture.save', { name: 'Agnieszka', event: { name: 'Grow Up Start Up' } });
  await popup.reload();
  await expect(popup.getByRole('button', { name: 'Nowa znajomość' })).toBeVisible();
  await expect(popup.getByRole('button', { name: 'Kto to? 1 do powtórki' })).toBeVisible();

  const drill = await openExtensionPage('drill.html');
  await expect(drill).toHaveTitle('Kith – Kto to?');
  await expect(drill.getByRole('heading', { name: 'Kto to?', level: 1 })).toBeVisible();
  await expect(drill.getByRole('heading', { name: 'Agnieszka: gdzie się poznaliście?' })).toBeVisible();
  await drill.getByRole('button', { name: 'Pokaż, jak się poznaliście' }).click();
  const grades = drill.getByRole('group', { name: 'Jak dobrze to pamiętasz?' });
  await expect(grades.getByRole('button')).toHaveText(['1 Jeszcze raz', '2 Trudne', '3 Dobrze', '4 Łatwe']);
  await expect(drill.getByRole('region', { name: 'Jak się poznaliście' })).toContainText('Grow Up Start Up');
  await drill.keyboard.press('4');
  await expect(drill.getByText('To już wszyscy na teraz. Dobra robota.')).toBeVisible();
  await expect(drill.getByText('1 odpowiedź w tej powtórce')).toBeVisible();
});
