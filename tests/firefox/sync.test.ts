/**
 * Sync in Firefox: Options → Sync against PouchDB Server on 127.0.0.1 with CORS turned off, so the
 * server does not let Kith's origin in and Kith must ask for the host permission for that one origin
 * (Firefox grants it without its prompt here: grantOptionalPermissionsWithoutPrompt). The other
 * device is Kith's sync engine in Node (utils/sync, the same code the background runs): a record it
 * made reaches Firefox, and one recorded in Firefox reaches it.
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from 'vitest';
import { FirefoxKith } from './driver';
import { until } from '../scenarios/assert';
import type { Tab, Target } from '../scenarios/driver';
import { startPouchServer, type PouchServer } from '../unit/sync/pouchdb-server';
import { CouchClient } from '../../utils/sync/couch';
import { openSync } from '../../utils/sync/connect';
import { MemoryStore } from '../../utils/sync/memory-store';
import { Replicator } from '../../utils/sync/replicator';

const admin = { name: 'anna', password: 'couch-password' };
const PASSPHRASE = 'correct horse battery staple';
const DATABASE = 'kith-firefox';
const panel: Target = { role: 'region', name: 'Sync between your devices' };
const inPanel = (role: Target['role'], name?: string): Target => ({ role, ...(name !== undefined ? { name } : {}), within: panel });

let server: PouchServer;
let firefox: FirefoxKith;
beforeAll(async () => {
  server = await startPouchServer({ admin, cors: false });
}, 30_000);
afterAll(async () => {
  await server?.stop();
});
beforeEach(async () => {
  firefox = await FirefoxKith.launch();
});
afterEach(async () => {
  await firefox?.close();
});

/** The other device: Kith's replicator in Node with a store in memory. */
async function otherDevice() {
  const client = new CouchClient({ url: server.url, db: DATABASE, username: admin.name, password: admin.password });
  await client.createDatabase();
  const opened = await openSync(client, PASSPHRASE, { setUp: true });
  const store = new MemoryStore('device-node');
  const replicator = new Replicator({ client, store, keys: opened.keys, meta: opened.meta, deviceId: store.deviceId });
  return { store, sync: () => replicator.sync() };
}

/** Sends one protocol message from a Kith page, as the pages do. */
function kith<T>(tab: Tab, name: string, payload: unknown): Promise<T> {
  return tab.evaluate(
    async ([n, p]) => {
      const g = globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; value?: unknown; error?: string }> } } };
      const reply = await g.browser.runtime.sendMessage({ kith: n, payload: p });
      if (!reply.ok) throw new Error(reply.error);
      return reply.value as T;
    },
    [name, payload] as const,
  );
}

/** Password fields have no textbox role: they are filled by their label's id, as a person types. */
function fillPassword(tab: Tab, id: string, value: string): Promise<void> {
  return tab.evaluate(
    ([i, v]) => {
      const input = document.getElementById(i) as HTMLInputElement;
      input.value = v;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    },
    [id, value] as const,
  );
}

test('connect (asking for the server\'s permission), then a record each way', { timeout: 120_000 }, async () => {
  const node = await otherDevice();
  const now = Date.now();
  node.store.put('person', 'person-anna', { id: 'person-anna', name: 'Anna Nowak', keys: ['linkedin:anna-nowak'], urls: {}, tags: ['investor'], notes: 'From the other device', followUp: {}, createdAt: now, updatedAt: now }, now);
  await node.sync();
  await firefox.grantOptionalPermissionsWithoutPrompt();

  const options = await firefox.openExtensionPage('options.html');
  await options.fill(inPanel('textbox', 'Server address'), server.url);
  await options.fill(inPanel('textbox', 'Database'), DATABASE);
  await options.fill(inPanel('textbox', 'Username'), admin.name);
  await fillPassword(options, 'kith-sync-password', admin.password);
  await fillPassword(options, 'kith-sync-passphrase', PASSPHRASE);
  await options.click(inPanel('button', 'Connect'));

  // The server does not let Kith in by CORS: Kith says so and offers to ask for that one server.
  const origin = server.url.replace(/\/$/, '');
  await until('the offer to allow the server', () => options.count(inPanel('button', `Allow Kith to connect to ${origin}`)), (n) => n === 1, 20_000);
  await options.click(inPanel('button', `Allow Kith to connect to ${origin}`));
  const panelText = () => options.evaluate(() => document.getElementById('kith-sync-h')?.closest('section')?.textContent ?? '');
  await until('the connection', panelText, (text) => text.includes(`Connected to the database “${DATABASE}” on ${origin} as ${admin.name}.`), 20_000);
  await until('the first sync', panelText, (text) => text.includes('Last synced just now · 1 record'), 20_000);
  const granted = await options.evaluate(async () => ((await (globalThis as unknown as { browser: typeof chrome }).browser.permissions.getAll()).origins ?? []).filter((o) => o.startsWith('http://')));
  expect(granted).toEqual(['http://127.0.0.1/*']);

  // The other device's record is here, with what this device derives for itself.
  const anna = await until('Anna from the other device', () => kith<{ person: { name: string; notes: string; sortName: string } } | null>(options, 'person.lookup', { keys: ['linkedin:anna-nowak'] }), (v) => !!v, 20_000);
  expect(anna!.person).toMatchObject({ name: 'Anna Nowak', notes: 'From the other device', sortName: 'anna nowak' });

  // One recorded here reaches the other device, a few seconds later, without asking.
  const view = await kith<{ person: { id: string } }>(options, 'encounter.record', {
    profile: { site: 'github', keys: ['github:bstone'], url: 'https://github.com/bstone', name: 'Bob Stone' },
    encounter: { date: '2026-06-20', kind: 'call', note: 'Wants a demo' },
  });
  await until(
    'Bob on the other device',
    async () => {
      await node.sync();
      return node.store.get('person', view.person.id)?.name;
    },
    (name) => name === 'Bob Stone',
    20_000,
  );
  expect(Object.values(node.store.snapshot()).some((r) => r.note === 'Wants a demo')).toBe(true);
  expect(await firefox.backgroundErrors()).toEqual([]);
});
