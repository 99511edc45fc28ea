/**
 * Sync between two browser profiles (two Chromiums with Kith, as a laptop and a desktop) through a
 * CouchDB-protocol server this test starts: PouchDB Server, in memory, on 127.0.0.1, with an admin.
 * Both connect from Options → Sync as a person would. PouchDB Server lets every origin in by CORS, so
 * Kith needs no host permission for it (headless Chromium cannot grant one: its prompt never
 * answers; Firefox checks the permission path, tests/firefox/sync.test.ts).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page, Request } from '@playwright/test';
import { expect, kith, launch, removeDir, serviceWorker, test } from './fixtures';
import { startPouchServer, type PouchServer } from '../unit/sync/pouchdb-server';

const admin = { name: 'anna', password: 'couch-password' };
const PASSPHRASE = 'correct horse battery staple';
const DATABASE = 'kith-e2e';

let server: PouchServer;
test.beforeAll(async () => {
  server = await startPouchServer({ admin });
});
test.afterAll(async () => {
  await server?.stop();
});

interface Device {
  context: BrowserContext;
  dir: string;
  id: string;
  options: Page;
  /** Cuts this device off the server (requests fail as with no network), or lets it through again. */
  offline(off: boolean): Promise<void>;
}

async function device(label: string): Promise<Device> {
  const dir = mkdtempSync(join(tmpdir(), `kith-e2e-sync-${label}-`));
  const context = await launch(dir);
  const id = new URL((await serviceWorker(context)).url()).host;
  // launch() refuses every request; the sync server is let through (unless this device is "offline").
  let cut = false;
  await context.route(`${server.url}**`, (route) => (cut ? route.abort('internetdisconnected') : route.continue()));
  const options = await context.newPage();
  await options.goto(`chrome-extension://${id}/options.html`);
  return { context, dir, id, options, offline: async (off) => void (cut = off) };
}

const syncPanel = (page: Page) => page.getByRole('region', { name: 'Sync between your devices' });

async function fillConnect(page: Page, passphrase: string) {
  const panel = syncPanel(page);
  await panel.getByLabel('Server address').fill(server.url);
  await panel.getByLabel('Database').fill(DATABASE);
  await panel.getByLabel('Username').fill(admin.name);
  await panel.getByLabel('Password', { exact: true }).fill(admin.password);
  await panel.getByLabel('Encryption passphrase').fill(passphrase);
  await panel.getByRole('button', { name: 'Connect' }).click();
}

const person = (page: Page, keys: string[]) => kith<{ person: { id: string; name: string; notes: string; headline?: string; tags: string[] } } | null>(page, 'person.lookup', { keys });
const stats = (page: Page) => kith<{ people: number; encounters: number; events: number }>(page, 'stats.get', {});

test('two browsers sync through the server: records both ways, a delete undone on both, offline edits merged, deletes, and a wrong passphrase changes nothing', async () => {
  test.setTimeout(180_000);
  const a = await device('a');
  const b = await device('b');
  try {
    // Nothing is sent anywhere until the user connects: not with Kith's pages open (they hold the
    // sync port), not after a change.
    const fromKith: string[] = [];
    const record = (r: Request) => {
      if (!r.url().startsWith(`chrome-extension://${a.id}/`)) fromKith.push(r.url());
    };
    a.context.on('request', record);
    for (const page of ['popup.html', 'network.html']) await (await a.context.newPage()).goto(`chrome-extension://${a.id}/${page}`);

    // A: the database is not there yet; Kith says so and offers to create it.
    await kith(a.options, 'encounter.record', {
      profile: { site: 'linkedin', keys: ['linkedin:anna-nowak'], url: 'https://www.linkedin.com/in/anna-nowak/', name: 'Anna Nowak', headline: 'CTO at Acme' },
      encounter: { date: '2026-06-19', kind: 'event', place: 'Warsaw', event: { name: 'Grow Up Start Up' }, note: 'Talked about the pilot' },
    });
    await a.options.waitForTimeout(3000);
    expect(fromKith).toEqual([]);
    await fillConnect(a.options, PASSPHRASE);
    const panelA = syncPanel(a.options);
    await expect(panelA.getByRole('alert')).toContainText(`There is no database “${DATABASE}” on ${server.url.replace(/\/$/, '')} yet.`);
    await panelA.getByRole('button', { name: `Create the database “${DATABASE}” and connect` }).click();
    await expect(panelA.getByText(`Connected to the database “${DATABASE}” on ${server.url.replace(/\/$/, '')} as ${admin.name}.`)).toBeVisible();
    await expect(panelA.getByTestId('sync-status')).toHaveText('Last synced just now · 3 records', { timeout: 20_000 });
    // From Connect on, the requests go to the server the user named, and nowhere else.
    expect(fromKith.length).toBeGreaterThan(0);
    expect(fromKith.filter((u) => !u.startsWith(server.url))).toEqual([]);
    a.context.off('request', record);

    // B: a person of its own, then the wrong passphrase: a clear error, and nothing changes.
    await kith(b.options, 'encounter.record', {
      profile: { site: 'linkedin', keys: ['linkedin:bob-stone'], url: 'https://www.linkedin.com/in/bob-stone/', name: 'Bob Stone' },
      encounter: { date: '2026-06-20', kind: 'call' },
    });
    await fillConnect(b.options, 'not the passphrase');
    const panelB = syncPanel(b.options);
    await expect(panelB.getByRole('alert')).toHaveText('That passphrase does not open this database: use the one chosen on your first device. Nothing was changed.');
    expect(await stats(b.options)).toEqual({ people: 1, encounters: 1, events: 0 });
    expect(await person(b.options, ['linkedin:anna-nowak'])).toBeNull();
    expect((await kith<{ connected: boolean }>(b.options, 'sync.status', {})).connected).toBe(false);

    // The right passphrase: B gets A's person and note; A gets B's.
    await panelB.getByLabel('Encryption passphrase').fill(PASSPHRASE);
    await panelB.getByRole('button', { name: 'Connect' }).click();
    await expect(panelB.getByTestId('sync-status')).toHaveText(/^Last synced just now · 5 records$/, { timeout: 20_000 });
    const annaOnB = await person(b.options, ['linkedin:anna-nowak']);
    expect(annaOnB?.person.name).toBe('Anna Nowak');
    const view = await kith<{ encounters: { note?: string; eventName?: string }[] }>(b.options, 'person.get', { id: annaOnB!.person.id });
    expect(view.encounters).toEqual([expect.objectContaining({ note: 'Talked about the pilot', eventName: 'Grow Up Start Up' })]);
    await expect.poll(async () => (await person(a.options, ['linkedin:bob-stone']))?.person.name, { timeout: 15_000 }).toBe('Bob Stone');

    // Live: with both browsers open, a change on one shows on the other within 10 s.
    const network = await b.context.newPage();
    await network.goto(`chrome-extension://${b.id}/network.html`);
    const list = network.getByRole('listbox', { name: 'People' });
    await expect(list.getByRole('option')).toHaveCount(2);
    await kith(a.options, 'encounter.record', {
      profile: { site: 'linkedin', keys: ['linkedin:celina-lis'], url: 'https://www.linkedin.com/in/celina-lis/', name: 'Celina Lis' },
      encounter: { date: '2026-06-21', kind: 'video', note: 'Intro to her team' },
    });
    const recorded = Date.now();
    await expect(list.getByRole('option', { name: /Celina Lis/ })).toBeVisible({ timeout: 10_000 });
    console.log(`sync: a change on one browser showed on the other after ${Date.now() - recorded} ms`);

    // A deletes Celina from the network page; once B has seen her go, A presses Undo: she is back on
    // both, encounter and all, and stays through another sync on each. (Undo waits while the keyboard
    // is on it, which it is after the delete.)
    const celinaId = (await person(a.options, ['linkedin:celina-lis']))!.person.id;
    const networkA = await a.context.newPage();
    await networkA.goto(`chrome-extension://${a.id}/network.html#person/${celinaId}`);
    const celina = networkA.getByRole('article');
    await celina.getByRole('button', { name: 'Delete person…' }).click();
    await celina.getByRole('group', { name: 'Delete Celina Lis?' }).getByRole('button', { name: 'Delete' }).click();
    await expect(networkA.getByRole('status').filter({ hasText: 'Deleted: Celina Lis' })).toBeVisible();
    await kith(a.options, 'sync.now', {});
    await expect(list.getByRole('option', { name: /Celina Lis/ })).toHaveCount(0, { timeout: 10_000 });
    expect(await person(b.options, ['linkedin:celina-lis'])).toBeNull();
    await networkA.getByRole('button', { name: 'Undo' }).click();
    await expect(networkA.getByRole('heading', { name: 'Celina Lis', level: 2 })).toBeVisible();
    await expect(list.getByRole('option', { name: /Celina Lis/ })).toBeVisible({ timeout: 10_000 });
    for (const page of [b.options, a.options, b.options]) await kith(page, 'sync.now', {});
    for (const page of [a.options, b.options]) {
      expect((await person(page, ['linkedin:celina-lis']))?.person.name).toBe('Celina Lis');
      const back = await kith<{ encounters: { note?: string }[] }>(page, 'person.get', { id: celinaId });
      expect(back.encounters).toEqual([expect.objectContaining({ note: 'Intro to her team' })]);
    }
    await expect(list.getByRole('option', { name: /Celina Lis/ })).toBeVisible();
    await networkA.close();

    // Offline on both: each edits Anna, differently (and both her notes), then the network is back.
    const merged = async (page: Page) => (await person(page, ['linkedin:anna-nowak']))?.person;
    await a.offline(true);
    await b.offline(true);
    const annaId = annaOnB!.person.id;
    await kith(a.options, 'person.update', { id: annaId, patch: { headline: 'CEO at Acme', notes: 'Laptop: send the deck' } });
    await kith(b.options, 'person.update', { id: annaId, patch: { tags: ['investor'], notes: 'Desktop: met her co-founder' } });
    await panelA.getByRole('button', { name: 'Sync now' }).click();
    // Kith cannot tell a server that is down from a browser keeping it out: it offers the permission too.
    await expect(panelA.getByRole('alert')).toContainText(`The last sync failed. No answer from ${server.url.replace(/\/$/, '')}. Check the address and the port, and that the server is running.`, { timeout: 20_000 });
    await expect(panelA.getByRole('button', { name: `Allow Kith to connect to ${server.url.replace(/\/$/, '')}` })).toBeVisible();
    expect((await merged(b.options))?.headline).toBe('CTO at Acme');
    await a.offline(false);
    await b.offline(false);
    await panelA.getByRole('button', { name: 'Sync now' }).click();
    await panelB.getByRole('button', { name: 'Sync now' }).click();
    await expect
      .poll(async () => {
        const [onA, onB] = [await merged(a.options), await merged(b.options)];
        return JSON.stringify(onA) === JSON.stringify(onB) && onA?.headline === 'CEO at Acme' && onA.tags.includes('investor') && onA.notes.includes('Laptop: send the deck') && onA.notes.includes('Desktop: met her co-founder');
      }, { timeout: 30_000, message: 'both browsers end with one Anna, with both edits and both notes' })
      .toBe(true);

    // A delete on B is gone on A, and stays gone.
    await kith(b.options, 'person.delete', { id: annaId });
    await expect.poll(async () => person(a.options, ['linkedin:anna-nowak']), { timeout: 15_000 }).toBeNull();
    await panelA.getByRole('button', { name: 'Sync now' }).click();
    await expect(panelA.getByTestId('sync-status')).toHaveText(/^Last synced just now · \d+ records$/);
    expect(await person(b.options, ['linkedin:anna-nowak'])).toBeNull();

    // What the server holds is ciphertext: no name, slug, place or note written above.
    const raw = await (await server.adminFetch(`${DATABASE}/_all_docs?include_docs=true`)).text();
    for (const plain of ['Anna', 'anna-nowak', 'Bob Stone', 'Celina', 'Warsaw', 'pilot', 'deck', 'Grow Up']) expect(raw).not.toContain(plain);

    // Pause, then Disconnect: local data stays.
    await panelB.getByRole('button', { name: 'Pause' }).click();
    await expect(panelB.getByTestId('sync-status')).toHaveText('Paused. Changes made here wait until you resume.');
    const before = await stats(b.options);
    await panelB.getByRole('button', { name: 'Disconnect' }).click();
    await expect(panelB.getByRole('button', { name: 'Connect' })).toBeVisible();
    expect(await stats(b.options)).toEqual(before);
  } finally {
    await a.context.close();
    await b.context.close();
    removeDir(a.dir);
    removeDir(b.dir);
  }
});
