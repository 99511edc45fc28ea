import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Download, Page } from '@playwright/test';
import Papa from 'papaparse';
import { expect, kith, launch, serviceWorker, test } from './fixtures';

const FILES = resolve('tests/fixtures/files');
const file = (name: string) => join(FILES, name);

type Stats = { people: number; encounters: number; events: number };
type ChromeLike = { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; value?: unknown; error?: string }> } } };

/** Sends one protocol message from an extension page, as Kith's own pages do. */
const stats = (page: Page) => kith<Stats>(page, 'stats.get', {});

const ANNA = {
  site: 'linkedin',
  keys: ['linkedin:anna-nowak'],
  url: 'https://www.linkedin.com/in/anna-nowak/',
  name: 'Anna Nowak',
  headline: 'CTO at Acme',
};
const PIOTR = {
  site: 'linkedin',
  keys: ['linkedin:piotr-zielinski'],
  url: 'https://www.linkedin.com/in/piotr-zielinski/',
  name: 'Piotr Zieliński',
};

/** Anna met at an event (with a follow-up due), Piotr met in person and not in Connections.csv. */
async function seed(page: Page) {
  await kith(page, 'encounter.record', {
    profile: ANNA,
    encounter: { date: '2026-06-19', kind: 'event', place: 'Warsaw', event: { name: 'Grow Up Start Up' }, note: 'Talked about pilots' },
    followUpDue: '2026-07-01',
  });
  await kith(page, 'encounter.record', { profile: PIOTR, encounter: { date: '2026-06-20', kind: 'in-person', place: 'Kraków' } });
}

async function openOptions(openExtensionPage: (path: string) => Promise<Page>): Promise<Page> {
  const page = await openExtensionPage('options.html');
  await expect(page.getByRole('heading', { name: 'Kith', level: 1 })).toBeVisible();
  return page;
}

/** The report row for one kind of record: [added, updated, unchanged]. */
async function counts(page: Page, kind: 'People' | 'Encounters' | 'Events', report = page.locator('.kith-report')) {
  const row = report.getByRole('row', { name: new RegExp(`^${kind}\\b`) });
  return (await row.getByRole('cell').allTextContents()).map((s) => Number(s.replace(/\D/g, '')));
}

async function downloadFrom(page: Page, button: string): Promise<{ download: Download; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const path = await download.path();
  return { download, text: readFileSync(path, 'utf8') };
}

/** Deterministic junk bytes (a little LCG), with NULs and invalid UTF-8 like a real binary file. */
function junk(n: number): Buffer {
  const b = Buffer.alloc(n);
  let x = 12345;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

test('imports Connections.csv: updates the person saved first, adds the rest, lists who is who', async ({ openExtensionPage }) => {
  const page = await openOptions(openExtensionPage);
  await seed(page);
  await page.reload();
  await expect(page.getByText('Stored on this computer: 2 people, 2 encounters and 1 event.')).toBeVisible();

  await page.getByLabel('Import LinkedIn Connections.csv').setInputFiles(file('Connections.csv'));
  const report = page.locator('.kith-report');
  await expect(report.getByRole('heading', { name: 'Imported Connections.csv' })).toBeVisible();
  expect(await counts(page, 'People')).toEqual([5, 1, 0]);
  // The report took the focus, so a keyboard or screen-reader user lands on it.
  await expect(report.getByRole('heading', { name: 'Imported Connections.csv' })).toBeFocused();

  const who = report.getByRole('list', { name: /^Who is this\?/ });
  await expect(who.getByRole('listitem')).toHaveText(['Bartosz Wiśniewski', 'Carla Mendes', 'Dawid Kowalski', "Emma O'Brien", 'Zoë Ångström']);
  await expect(report.getByRole('heading', { name: /^Who is this\?.*\(5\)$/ })).toBeVisible();
  const met = report.getByRole('list', { name: /^Met, but not connected/ });
  await expect(met.getByRole('listitem')).toHaveText(['Piotr Zieliński']);
  await expect(page.getByRole('alert')).toHaveCount(0);

  // The stats line followed the import.
  await expect(page.getByText('Stored on this computer: 7 people, 2 encounters and 1 event.')).toBeVisible();
  expect(await stats(page)).toEqual({ people: 7, encounters: 2, events: 1 });

  // Anna was updated in place: one person, her encounter kept, the file's facts added.
  const anna = await kith<{ person: { name: string; company: string; position: string; connectedOn: string; keys: string[] }; encounters: unknown[] }>(
    page,
    'person.lookup',
    { keys: ['linkedin:anna-nowak'] },
  );
  expect(anna.person).toMatchObject({ name: 'Anna Nowak', company: 'Acme, Inc.', position: 'CTO', connectedOn: '2024-03-12' });
  expect(anna.encounters).toHaveLength(1);
  // Percent-encoded slug and a country subdomain with a trailing slash map to the usual keys.
  const bartosz = await kith<{ person: { name: string; position: string } } | null>(page, 'person.lookup', { keys: ['linkedin:bartosz-wiśniewski-1a2b3c'] });
  expect(bartosz?.person).toMatchObject({ name: 'Bartosz Wiśniewski', position: 'Head of "Growth"' });
  const dawid = await kith<{ person: { connectedOn: string } } | null>(page, 'person.lookup', { keys: ['linkedin:dawid-kowalski'] });
  expect(dawid?.person.connectedOn).toBe('2021-06-15');

  // The same file again changes nothing.
  await page.getByLabel('Import LinkedIn Connections.csv').setInputFiles(file('Connections.csv'));
  await expect.poll(() => counts(page, 'People')).toEqual([0, 0, 6]);
  expect(await stats(page)).toEqual({ people: 7, encounters: 2, events: 1 });
});

test('exports JSON, CSV, vCard 3.0 and 4.0 and iCalendar files with sensible names', async ({ openExtensionPage }) => {
  const page = await openOptions(openExtensionPage);
  await seed(page);
  await page.getByLabel('Import LinkedIn Connections.csv').setInputFiles(file('Connections.csv'));
  await expect(page.locator('.kith-report')).toBeVisible();
  // Done in the popup for Piotr, by email: a touch today, after the first meeting.
  const { person: piotr } = await kith<{ person: { id: string } }>(page, 'person.lookup', { keys: ['linkedin:piotr-zielinski'] });
  await kith(page, 'followups.done', { personId: piotr.id, kind: 'email' });
  const today = await page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  });

  const json = await downloadFrom(page, 'Export JSON backup');
  expect(json.download.suggestedFilename()).toMatch(/^kith-backup-\d{4}-\d{2}-\d{2}\.json$/);
  await expect(page.getByRole('status').filter({ hasText: json.download.suggestedFilename() })).toBeVisible();
  const backup = JSON.parse(json.text) as { format: string; version: number; people: { name: string }[]; encounters: unknown[]; events: unknown[] };
  expect(backup).toMatchObject({ format: 'kith-backup', version: 1 });
  expect(backup.people.map((p) => p.name).sort()).toEqual(
    ['Anna Nowak', 'Bartosz Wiśniewski', 'Carla Mendes', 'Dawid Kowalski', "Emma O'Brien", 'Piotr Zieliński', 'Zoë Ångström'].sort(),
  );
  expect(backup.encounters).toHaveLength(3); // the two met, and the Done
  expect(backup.events).toHaveLength(1);

  const csv = await downloadFrom(page, 'Export CSV');
  expect(csv.download.suggestedFilename()).toMatch(/^kith-people-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = readFileSync(await csv.download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(csv.text.replace(/^\ufeff/, '').split('\r\n')[0]).toMatch(/^Name,Headline,Company,/);
  expect(csv.text).toContain('Anna Nowak');
  // A cell that would run as a formula in a spreadsheet is neutralised.
  expect(csv.text).not.toMatch(/(^|,)=HYPERLINK/m);
  // The Position Connections.csv gave, and how you met kept apart from the last touch: after Piotr's
  // Done by email, his first meeting is still in the file.
  const [header, ...rows] = Papa.parse<string[]>(csv.text.replace(/^\ufeff/, ''), { skipEmptyLines: true }).data;
  const row = (name: string) => Object.fromEntries(header.map((c, i) => [c, rows.find((r) => r[0] === name)?.[i]]));
  expect(row('Anna Nowak')).toMatchObject({ Position: 'CTO', 'How you met': '2026-06-19 · at an event · Warsaw · Grow Up Start Up' });
  expect(row('Bartosz Wiśniewski')).toMatchObject({ Position: 'Head of "Growth"', 'How you met': '' });
  expect(row('Piotr Zieliński')).toMatchObject({ 'How you met': '2026-06-20 · in person · Kraków', 'Last touch': today });

  const vcf3 = await downloadFrom(page, 'Export vCard');
  expect(vcf3.download.suggestedFilename()).toMatch(/^kith-contacts-\d{4}-\d{2}-\d{2}\.vcf$/);
  expect(vcf3.text).toMatch(/^BEGIN:VCARD\r\nVERSION:3\.0\r\n/);
  expect(vcf3.text).toContain('FN:Anna Nowak');
  expect(vcf3.text.match(/BEGIN:VCARD/g)).toHaveLength(7);

  await page.getByLabel('vCard version').selectOption({ label: '4.0' });
  const vcf4 = await downloadFrom(page, 'Export vCard');
  expect(vcf4.text).toMatch(/^BEGIN:VCARD\r\nVERSION:4\.0\r\n/);
  expect(vcf4.text).toContain('FN:Anna Nowak');

  const ics = await downloadFrom(page, 'Export iCalendar');
  expect(ics.download.suggestedFilename()).toMatch(/^kith-follow-ups-\d{4}-\d{2}-\d{2}\.ics$/);
  expect(ics.text).toContain('BEGIN:VCALENDAR');
  // One follow-up is pending (Anna's), so exactly one event, with its alarm.
  expect(ics.text.match(/BEGIN:VEVENT/g)).toHaveLength(1);
  expect(ics.text).toContain('SUMMARY:Follow up: Anna Nowak');
  // One UID per person's follow-up, whatever its date, and a version a re-import can compare.
  expect(ics.text).toMatch(/\r\nUID:followup-[0-9a-f-]{36}@kith\r\n/);
  expect(ics.text).toMatch(/\r\nSEQUENCE:\d+\r\n/);
  expect(ics.text).toMatch(/BEGIN:VALARM[\s\S]*ACTION:DISPLAY[\s\S]*END:VALARM/);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a bad file gets one clear message naming the line and reason, and changes nothing', async ({ openExtensionPage }) => {
  const page = await openOptions(openExtensionPage);
  await seed(page);
  await page.getByLabel('Import LinkedIn Connections.csv').setInputFiles(file('Connections.csv'));
  await expect(page.locator('.kith-report')).toBeVisible();

  // A real backup, cut off halfway, as a failed download leaves it.
  const { text: whole } = await downloadFrom(page, 'Export JSON backup');
  const before = await stats(page);
  expect(before).toEqual({ people: 7, encounters: 2, events: 1 });

  const dir = mkdtempSync(join(tmpdir(), 'kith-bad-files-'));
  try {
    const truncated = join(dir, 'kith-backup-truncated.json');
    writeFileSync(truncated, whole.slice(0, Math.floor(whole.length / 2)));
    const junkFile = join(dir, 'photo.jpg');
    writeFileSync(junkFile, junk(20_000));
    // 101 MB without writing 101 MB: a sparse file. It must be refused before it is read.
    const huge = join(dir, 'Connections-huge.csv');
    writeFileSync(huge, '');
    truncateSync(huge, 101 * 1024 * 1024);

    const cases: { input: string; path: string; message: RegExp }[] = [
      { input: 'Import LinkedIn Connections.csv', path: file('not-a-csv.txt'), message: /not-a-csv\.txt was not imported, and nothing was changed\. It is not a CSV file/ },
      { input: 'Import LinkedIn Connections.csv', path: file('wrong-columns.csv'), message: /Line 1 is a header without the columns "URL"/ },
      { input: 'Import LinkedIn Connections.csv', path: file('bad-row.csv'), message: /Line 6: a quoted value starts here but its closing quote is missing/ },
      { input: 'Import LinkedIn Connections.csv', path: file('empty.csv'), message: /The file is empty/ },
      { input: 'Import LinkedIn Connections.csv', path: junkFile, message: /photo\.jpg was not imported.*It is not a CSV file/ },
      { input: 'Import LinkedIn Connections.csv', path: huge, message: /Connections-huge\.csv is 101 MB; Kith imports files of up to 100 MB/ },
      { input: 'Import a Kith backup (JSON)', path: truncated, message: /Line \d+: This backup is cut short/ },
      { input: 'Import a Kith backup (JSON)', path: file('other-app.json'), message: /not a Kith backup: it is JSON from another app/ },
      { input: 'Import a Kith backup (JSON)', path: file('newer-version.json'), message: /made by a newer Kith \(version 99\)/ },
      { input: 'Import a Kith backup (JSON)', path: file('empty.json'), message: /The file is empty/ },
      { input: 'Import a Kith backup (JSON)', path: junkFile, message: /It is not a JSON file: choose a Kith backup/ },
      { input: 'Import a Kith backup (JSON)', path: file('Connections.csv'), message: /It is not a JSON file: choose a Kith backup/ },
    ];
    for (const c of cases) {
      await page.reload();
      await page.getByLabel(c.input).setInputFiles(c.path);
      const alert = page.getByRole('alert');
      await expect(alert, c.path).toHaveCount(1);
      await expect(alert, c.path).toContainText(c.message);
      await expect(alert, c.path).toContainText(/nothing was changed/i);
      await expect(page.locator('.kith-report'), c.path).toHaveCount(0);
      expect(await stats(page), c.path).toEqual(before);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a JSON backup restores into a fresh browser: all added, then all unchanged, byte-stable', async ({ openExtensionPage }) => {
  const page = await openOptions(openExtensionPage);
  await seed(page);
  await page.getByLabel('Import LinkedIn Connections.csv').setInputFiles(file('Connections.csv'));
  await expect(page.locator('.kith-report')).toBeVisible();
  const { download, text: exported } = await downloadFrom(page, 'Export JSON backup');
  const backupPath = await download.path();

  const dir = mkdtempSync(join(tmpdir(), 'kith-fresh-'));
  const fresh = await launch(dir);
  try {
    const id = new URL((await serviceWorker(fresh)).url()).host;
    const other = await fresh.newPage();
    await other.goto(`chrome-extension://${id}/options.html`);
    await expect(other.getByText('Stored on this computer: 0 people, 0 encounters and 0 events.')).toBeVisible();

    await other.getByLabel('Import a Kith backup (JSON)').setInputFiles(backupPath);
    await expect(other.locator('.kith-report')).toBeVisible();
    expect(await counts(other, 'People')).toEqual([7, 0, 0]);
    expect(await counts(other, 'Encounters')).toEqual([2, 0, 0]);
    expect(await counts(other, 'Events')).toEqual([1, 0, 0]);
    await expect(other.getByText('Stored on this computer: 7 people, 2 encounters and 1 event.')).toBeVisible();

    // The export of the restored store is the same file (but for its time stamp).
    const again = await downloadFrom(other, 'Export JSON backup');
    const body = (s: string) => s.replace(/"exportedAt":"[^"]*"/, '');
    expect(body(again.text)).toBe(body(exported));

    await other.getByLabel('Import a Kith backup (JSON)').setInputFiles(backupPath);
    await expect.poll(() => counts(other, 'People')).toEqual([0, 0, 7]);
    expect(await counts(other, 'Encounters')).toEqual([0, 0, 2]);
    expect(await counts(other, 'Events')).toEqual([0, 0, 1]);
    expect(await stats(other)).toEqual({ people: 7, encounters: 2, events: 1 });
  } finally {
    await fresh.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('30,000 connections: progress while writing, a capped list, and the page stays usable', async ({ openExtensionPage }) => {
  // Generous: IndexedDB writes of 30,000 people take 10 s or more on a loaded 2-core machine.
  test.setTimeout(120_000);
  const page = await openOptions(openExtensionPage);
  const dir = mkdtempSync(join(tmpdir(), 'kith-big-'));
  try {
    const rows = ['First Name,Last Name,URL,Email Address,Company,Position,Connected On'];
    for (let i = 0; i < 30_000; i++) {
      rows.push(`Person,Number ${String(i).padStart(5, '0')},https://www.linkedin.com/in/person-${i},,"Company ${i % 97}, Ltd.",Engineer,${1 + (i % 28)} Mar 2024`);
    }
    const big = join(dir, 'Connections.csv');
    writeFileSync(big, '\ufeff' + rows.join('\r\n') + '\r\n');

    // Record what the progress bar showed, however briefly.
    await page.evaluate(() => {
      const seen: string[] = [];
      (globalThis as unknown as { seen: string[] }).seen = seen;
      new MutationObserver(() => {
        const bar = document.querySelector('progress');
        if (bar) seen.push(`${bar.getAttribute('aria-labelledby') ? 'labelled' : 'unlabelled'}:${bar.hasAttribute('value') ? `${bar.value}/${bar.max}` : 'indeterminate'}`);
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    const started = Date.now();
    await page.getByLabel('Import LinkedIn Connections.csv').setInputFiles(big);
    await expect(page.getByRole('progressbar', { name: 'Importing Connections.csv' })).toBeVisible();
    // Still responsive: the settings react while the import runs.
    await page.getByLabel('Daily reminder of due follow-ups').focus();
    await expect(page.getByLabel('Daily reminder of due follow-ups')).toBeFocused();

    const report = page.locator('.kith-report');
    await expect(report).toBeVisible({ timeout: 90_000 });
    // Not a timed test (the benchmark owns the budget); the time is noted in the report.
    test.info().annotations.push({ type: 'import of 30,000 rows', description: `${Date.now() - started} ms` });
    expect(await counts(page, 'People')).toEqual([30_000, 0, 0]);
    await expect(report.getByRole('list', { name: /^Who is this\?/ }).getByRole('listitem')).toHaveCount(50);
    await expect(report.getByText('+29,950 more')).toBeVisible();
    expect(await stats(page)).toEqual({ people: 30_000, encounters: 0, events: 0 });

    const seen = await page.evaluate(() => (globalThis as unknown as { seen: string[] }).seen);
    expect(seen.every((s) => s.startsWith('labelled:'))).toBe(true);
    expect(seen).toContain('labelled:indeterminate');
    expect(seen.some((s) => /^labelled:\d+\/30000$/.test(s) && s !== 'labelled:30000/30000')).toBe(true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a backup over the 64 MiB message limit is sent in parts and arrives intact', async ({ openExtensionPage }) => {
  test.setTimeout(120_000);
  const page = await openOptions(openExtensionPage);
  const dir = mkdtempSync(join(tmpdir(), 'kith-huge-backup-'));
  try {
    // 500 people with 99,999-character notes of 'a😀': 50 M characters, 83 MB of UTF-8. Emoji are
    // surrogate pairs, and a boundary between parts would fall inside one: each must arrive whole.
    const notes = 'a😀'.repeat(33_333);
    const people = Array.from({ length: 500 }, (_, i) =>
      JSON.stringify({ id: `p${String(i).padStart(3, '0')}`, keys: [`linkedin:p-${i}`], name: `Person ${i}`, urls: {}, tags: [], notes, followUp: {}, createdAt: 1, updatedAt: 1 }),
    );
    const path = join(dir, 'kith-backup-big.json');
    writeFileSync(path, `{"format":"kith-backup","version":1,"people":[\n${people.join(',\n')}\n],"encounters":[],"events":[],"photos":[]}\n`);

    await page.getByLabel('Import a Kith backup (JSON)').setInputFiles(path);
    await expect(page.locator('.kith-report')).toBeVisible({ timeout: 60_000 });
    expect(await counts(page, 'People')).toEqual([500, 0, 0]);
    const intact = await page.evaluate(async (expected) => {
      const { chrome } = globalThis as unknown as ChromeLike;
      let same = 0;
      for (let i = 0; i < 500; i++) {
        const r = await chrome.runtime.sendMessage({ kith: 'person.get', payload: { id: `p${String(i).padStart(3, '0')}` } });
        if ((r.value as { person: { notes: string } }).person.notes === expected) same++;
      }
      return same;
    }, notes);
    expect(intact).toBe(500);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('delete all data needs DELETE typed; then everything is gone', async ({ openExtensionPage }) => {
  const page = await openOptions(openExtensionPage);
  await seed(page);
  await page.reload();
  await expect(page.getByText('Stored on this computer: 2 people, 2 encounters and 1 event.')).toBeVisible();

  // Enter on the first button only opens the confirmation, and puts the focus in its field.
  const opener = page.getByRole('button', { name: 'Delete all data…' });
  await opener.focus();
  await page.keyboard.press('Enter');
  await expect(opener).toHaveAttribute('aria-expanded', 'true');
  const field = page.getByLabel('Type DELETE to confirm');
  await expect(field).toBeFocused();
  await page.keyboard.press('Enter');
  const final = page.getByRole('button', { name: 'Delete everything' });
  await expect(final).toBeDisabled();
  expect(await stats(page)).toEqual({ people: 2, encounters: 2, events: 1 });

  await field.fill('delete');
  await expect(final).toBeDisabled();
  await field.fill('DELET');
  await expect(final).toBeDisabled();
  // Escape cancels.
  await field.press('Escape');
  await expect(final).toHaveCount(0);
  await expect(opener).toBeFocused();
  expect(await stats(page)).toEqual({ people: 2, encounters: 2, events: 1 });

  await opener.click();
  await field.fill('DELETE');
  await expect(final).toBeEnabled();
  await final.click();
  await expect(page.getByRole('status').filter({ hasText: 'All data was deleted.' })).toBeVisible();
  await expect(page.getByText('Stored on this computer: 0 people, 0 encounters and 0 events.')).toBeVisible();
  expect(await stats(page)).toEqual({ people: 0, encounters: 0, events: 0 });
  await expect(final).toHaveCount(0);
});

test('settings are saved on change, invalid values are refused with a message, and they persist', async ({ openExtensionPage }) => {
  const page = await openOptions(openExtensionPage);
  const saved = page.getByRole('status').filter({ hasText: /^Saved: / });

  const cadence = page.getByLabel('Default follow-up cadence for newly saved people');
  await expect(cadence).toHaveValue('');
  await cadence.selectOption({ label: 'Every 3 months' });
  await expect(saved).toHaveText('Saved: Default follow-up cadence for newly saved people');

  const postMeeting = page.getByLabel('Suggest a follow-up this many days after a first meeting in person');
  await expect(postMeeting).toHaveValue('2');
  await postMeeting.fill('-3');
  await postMeeting.press('Tab');
  await expect(page.getByRole('alert')).toHaveText('Enter a whole number of days from 0 (off) to 365.');
  await expect(postMeeting).toHaveAttribute('aria-invalid', 'true');
  await postMeeting.fill('400');
  await postMeeting.press('Tab');
  await expect(page.getByRole('alert')).toHaveText('Enter a whole number of days from 0 (off) to 365.');
  await postMeeting.fill('5');
  await postMeeting.press('Tab');
  await expect(saved).toHaveText('Saved: Suggest a follow-up this many days after a first meeting in person');
  await expect(page.getByRole('alert')).toHaveCount(0);

  const reminder = page.getByRole('checkbox', { name: 'Daily reminder of due follow-ups' });
  const time = page.getByLabel('Reminder time');
  await expect(reminder).toBeChecked();
  await time.fill('18:30');
  await time.press('Tab');
  await expect(saved).toHaveText('Saved: Reminder time');
  await reminder.uncheck();
  await expect(saved).toHaveText('Saved: Daily reminder of due follow-ups');
  await expect(time).toBeDisabled();

  const linkedin = page.getByRole('checkbox', { name: 'LinkedIn' });
  await expect(linkedin).toBeChecked();
  await linkedin.uncheck();
  await expect(saved).toHaveText('Saved: LinkedIn');

  await page.reload();
  await expect(page.getByLabel('Default follow-up cadence for newly saved people')).toHaveValue('91');
  await expect(page.getByLabel('Suggest a follow-up this many days after a first meeting in person')).toHaveValue('5');
  await expect(page.getByRole('checkbox', { name: 'Daily reminder of due follow-ups' })).not.toBeChecked();
  await expect(page.getByLabel('Reminder time')).toHaveValue('18:30');
  await expect(page.getByRole('checkbox', { name: 'LinkedIn' })).not.toBeChecked();

  // A custom cadence: the days field appears, refuses nonsense, saves a number.
  await page.getByLabel('Default follow-up cadence for newly saved people').selectOption({ label: 'Custom (days)' });
  const days = page.getByLabel('Cadence in days');
  await days.fill('0');
  await days.press('Tab');
  await expect(page.getByRole('alert')).toHaveText('Enter a whole number of days from 1 to 3650.');
  await days.fill('45');
  await days.press('Tab');
  await expect(saved).toHaveText('Saved: Default follow-up cadence for newly saved people');
  await page.reload();
  await expect(page.getByLabel('Default follow-up cadence for newly saved people')).toHaveValue('custom');
  await expect(page.getByLabel('Cadence in days')).toHaveValue('45');
  const stored = await page.evaluate(() =>
    (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } }).chrome.storage.local.get('settings'),
  );
  expect(stored.settings).toMatchObject({
    defaultCadenceDays: 45,
    postMeetingFollowUpDays: 5,
    notifications: { enabled: false, time: '18:30' },
    sites: { linkedin: false },
  });
});

test('every control is labelled and reachable from the keyboard, in light and dark', async ({ openExtensionPage }, testInfo) => {
  const page = await openOptions(openExtensionPage);
  await seed(page);
  await page.getByLabel('Import LinkedIn Connections.csv').setInputFiles(file('Connections.csv'));
  await expect(page.locator('.kith-report')).toBeVisible();
  await page.getByRole('button', { name: 'Delete all data…' }).click();

  // Every form control has an accessible name.
  const unnamed = await page.evaluate(() =>
    [...document.querySelectorAll('input, select, button, progress')]
      .filter((el) => {
        const id = el.id;
        const byFor = id ? document.querySelector(`label[for="${id}"]`) : null;
        return !el.closest('label') && !byFor && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby') && !(el.textContent ?? '').trim();
      })
      .map((el) => `${el.tagName}#${el.id}.${el.className}`),
  );
  expect(unnamed).toEqual([]);

  // Tab walks through every enabled control.
  const reached = new Set<string>();
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const name = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el ? `${el.tagName}:${el.id || el.textContent?.trim()}` : '';
    });
    reached.add(name);
  }
  for (const expected of [
    'SELECT:kith-cadence',
    'INPUT:kith-post-meeting',
    'INPUT:kith-reminder-time',
    'BUTTON:Export JSON backup',
    'BUTTON:Export iCalendar',
    'INPUT:kith-import-backup-file',
    'INPUT:kith-import-connections-file',
    'BUTTON:Delete all data…',
    'INPUT:kith-delete-word',
  ]) {
    expect([...reached], expected).toContain(expected);
  }

  await page.setViewportSize({ width: 900, height: 800 });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.screenshot({ path: testInfo.outputPath('options-light.png'), fullPage: true });
  const lightBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: testInfo.outputPath('options-dark.png'), fullPage: true });
  const darkBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(lightBg).not.toBe(darkBg);
  if (process.env.KITH_SCREENSHOTS) {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.screenshot({ path: join(process.env.KITH_SCREENSHOTS, 'options-light.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(process.env.KITH_SCREENSHOTS, 'options-dark.png'), fullPage: true });
  }
});
