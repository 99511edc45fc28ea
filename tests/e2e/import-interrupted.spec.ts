import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, removeDir, test } from './fixtures';

const ROWS = 30_000;

function connectionsCsv(rows: number): string {
  const lines = ['Notes:', '"When exporting your connection data, you may notice..."', '', 'First Name,Last Name,URL,Email Address,Company,Position,Connected On'];
  for (let i = 0; i < rows; i++) lines.push(`Anna${i},Nowak${i},https://www.linkedin.com/in/anna-nowak-${i},,Acme ${i % 100},Engineer,12 Mar 2024`);
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}

test('the worker stopped in the middle of a 30,000-row import: the store holds all of it or none, and the user is told which', async ({ openExtensionPage, context }) => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'kith-csv-'));
  const file = join(dir, 'Connections.csv');
  writeFileSync(file, connectionsCsv(ROWS));
  try {
    const page = await openExtensionPage('options.html');
    const cdp = await context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await page.getByLabel('Import LinkedIn Connections.csv').setInputFiles(file);
    // Stop the worker as soon as it is writing (or, on a fast machine, still checking).
    await expect(page.getByText(/Checking every line|Writing [\d,]+ of/)).toBeVisible();
    await cdp.send('ServiceWorker.stopAllWorkers');

    const stats = () => page.evaluate(() => chrome.runtime.sendMessage({ kith: 'stats.get', payload: {} })) as Promise<{ ok: boolean; value: { people: number } }>;
    const told = page.getByRole('alert').or(page.getByRole('status').filter({ hasText: /imported/ })).first();
    await expect(told).toBeVisible({ timeout: 30_000 });
    const people = (await stats()).value.people;
    test.info().annotations.push({ type: 'outcome', description: people === 0 ? 'none landed' : 'all landed' });
    if (people === 0) {
      await expect(page.getByRole('alert')).toContainText('nothing was imported');
    } else {
      // It committed before the stop: all of it, and the report says so.
      expect(people).toBe(ROWS);
      await expect(page.getByRole('heading', { name: /Imported Connections\.csv/ })).toBeVisible();
    }
    expect([0, ROWS]).toContain(people);
  } finally {
    removeDir(dir);
  }
});
