/**
 * Two (and three) devices syncing through a real CouchDB-protocol server: PouchDB Server 4.2 on
 * 127.0.0.1 with an admin (so credentials are checked), started here and stopped after. Each device
 * connects as the options page will: openSync with the passphrase (real PBKDF2), then Replicator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSync } from '../../../utils/sync/connect';
import { CouchClient } from '../../../utils/sync/couch';
import { SyncError } from '../../../utils/sync/errors';
import { Replicator } from '../../../utils/sync/replicator';
import { replica, type Replica } from './harness';
import { startPouchServer, type PouchServer } from './pouchdb-server';

const admin = { name: 'anna', password: 'couch-password' };
const PASSPHRASE = 'Kith on my own server, 2026';
let server: PouchServer;
let dbSerial = 0;

beforeAll(async () => {
  server = await startPouchServer({ admin });
}, 30_000);
afterAll(async () => {
  await server?.stop();
});

const options = (db: string, extra: object = {}) => ({
  url: server.url,
  db,
  username: admin.name,
  password: admin.password,
  fetch: (i: RequestInfo | URL, init?: RequestInit) => fetch(i, init),
  ...extra,
});

/** A device that connects as a user would: "Connect" (set up the database when first), then sync. */
async function device(name: string, db: string, passphrase = PASSPHRASE, extra: object = {}): Promise<Replica> {
  const client = new CouchClient(options(db, extra));
  let opened;
  try {
    opened = await openSync(client, passphrase);
  } catch (e) {
    if (!(e instanceof SyncError && (e.code === 'no-database' || e.code === 'not-set-up'))) throw e;
    if (e.code === 'no-database') await client.createDatabase();
    opened = await openSync(client, passphrase, { setUp: true });
  }
  return replica(name, options(db, extra), opened);
}

async function rawDocs(db: string): Promise<string> {
  const r = await server.adminFetch(`${db}/_all_docs?include_docs=true`);
  return await r.text();
}

const anna = (extra: Record<string, unknown> = {}) => ({
  id: 'person-anna',
  name: 'Anna Nowak',
  company: 'Acme Robotics',
  keys: ['linkedin:anna-nowak'],
  urls: { linkedin: 'https://www.linkedin.com/in/anna-nowak/' },
  tags: ['investor'],
  notes: 'Met at Grow Up Start Up',
  followUp: { cadenceDays: 30, note: 'send the pilot deck' },
  createdAt: 1_750_000_000_000,
  updatedAt: 1_750_000_000_000,
  ...extra,
});

describe('two devices through PouchDB Server', () => {
  const db = `kith-${++dbSerial}`;
  let a: Replica;
  let b: Replica;

  it('a record made on A shows on B', async () => {
    a = await device('A', db);
    b = await device('B', db);
    a.store.put('person', 'person-anna', anna(), 1_750_000_000_000);
    a.store.put('encounter', 'enc-1', { id: 'enc-1', personId: 'person-anna', date: '2026-06-19', kind: 'event', place: 'Warsaw', createdAt: 1, updatedAt: 1 }, 1);
    await a.sync();
    await b.sync();
    expect(b.store.get('person', 'person-anna')).toEqual(anna());
    expect(b.store.get('encounter', 'enc-1')).toMatchObject({ place: 'Warsaw' });
  });

  it('both edit offline, then converge with both edits and both notes', async () => {
    const offline = () => 'drop' as const;
    a.fault = offline;
    b.fault = offline;
    a.store.put('person', 'person-anna', { ...a.store.get('person', 'person-anna'), company: 'Beta Labs', notes: 'Met at Grow Up Start Up. Wants the pilot deck.', updatedAt: 1_750_000_100_000 }, 1_750_000_100_000);
    b.store.put('person', 'person-anna', { ...b.store.get('person', 'person-anna'), headline: 'Partner', tags: ['investor', 'warsaw'], notes: 'Introduced by Piotr', updatedAt: 1_750_000_200_000 }, 1_750_000_200_000);
    b.store.put('encounter', 'enc-2', { id: 'enc-2', personId: 'person-anna', date: '2026-06-20', kind: 'call', createdAt: 2, updatedAt: 2 }, 2);
    await expect(a.sync()).rejects.toMatchObject({ code: 'unreachable' });
    await expect(b.sync()).rejects.toMatchObject({ code: 'unreachable' });
    a.fault = () => 'pass';
    b.fault = () => 'pass';
    await a.sync();
    await b.sync();
    await a.sync();
    expect(a.store.snapshot()).toEqual(b.store.snapshot());
    const p = a.store.get('person', 'person-anna')!;
    expect(p).toMatchObject({ company: 'Beta Labs', headline: 'Partner', tags: ['investor', 'warsaw'] });
    expect(p.notes).toContain('Wants the pilot deck.');
    expect(p.notes).toContain('Introduced by Piotr');
    expect(p.notes).toContain('also written on another device');
    expect(a.store.get('encounter', 'enc-2')).toBeDefined();
    expect(a.store.get('encounter', 'enc-1')).toBeDefined();
  });

  it('a delete on B is gone on A, and stays gone after A edits its old copy', async () => {
    a.store.put('person', 'person-old', anna({ id: 'person-old', name: 'Old Contact' }), 5);
    await a.sync();
    await b.sync();
    expect(b.store.get('person', 'person-old')).toBeDefined();
    b.store.remove('person', 'person-old', 10);
    a.store.put('person', 'person-old', { ...a.store.get('person', 'person-old'), company: 'Edited later', updatedAt: 20 }, 20);
    await b.sync();
    await a.sync();
    await b.sync();
    expect(a.store.get('person', 'person-old')).toBeUndefined();
    expect(b.store.get('person', 'person-old')).toBeUndefined();
  });

  it('the server stores no plain text of what was written, and a checkpoint per device', async () => {
    const raw = await rawDocs(db);
    for (const secret of ['Anna', 'Nowak', 'anna-nowak', 'Acme', 'Beta', 'Piotr', 'pilot deck', 'investor', 'warsaw', 'Warsaw', 'person', 'encounter', 'enc-1', 'Old Contact', 'linkedin', 'device-A']) {
      expect(raw, secret).not.toContain(secret);
    }
    expect(raw).toContain('"kith-sync"');
    const ids = (JSON.parse(raw) as { rows: { id: string }[] }).rows.map((r) => r.id).filter((id) => id !== 'kith-sync');
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{64}$/);
    const checkpoint = await server.adminFetch(`${db}/_local/kith-device-B`);
    expect(checkpoint.status).toBe(200);
    expect(await checkpoint.json()).toMatchObject({ syncId: expect.any(String), seq: expect.anything() });
  });

  it('a wrong passphrase on another device is named, and changes nothing here or there', async () => {
    const before = await rawDocs(db);
    const client = new CouchClient(options(db));
    const error = await openSync(client, 'kith on my own server, 2026').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncError);
    expect((error as SyncError).code).toBe('wrong-passphrase');
    expect(await rawDocs(db)).toBe(before);
  });

  it('the live feed wakes B when A saves something', async () => {
    const info = await b.client.info();
    const waiting = b.client.waitForChanges(info.update_seq, 10_000);
    await new Promise((r) => setTimeout(r, 200));
    a.store.put('person', 'person-live', anna({ id: 'person-live', name: 'Live' }), 30);
    await a.sync();
    expect((await waiting).changed).toBe(true);
    await b.sync();
    expect(b.store.get('person', 'person-live')).toMatchObject({ name: 'Live' });
    const quiet = await b.client.waitForChanges((await b.client.info()).update_seq, 300);
    expect(quiet.changed).toBe(false);
  });

  it('a wrong couch password is 401 before any passphrase is tried', async () => {
    const client = new CouchClient(options(db, { password: 'nope' }));
    await expect(openSync(client, PASSPHRASE)).rejects.toMatchObject({ code: 'unauthorized' });
  });
});

describe('a first pull stopped part way', () => {
  it('resumes from its checkpoint and holds each record once', async () => {
    const db = `kith-${++dbSerial}`;
    const a = await device('A', db);
    for (let i = 0; i < 95; i++) a.store.put('person', `p${i}`, anna({ id: `p${i}`, name: `Person ${i}` }), 1 + i);
    await a.sync();

    const b = await device('B', db, PASSPHRASE, {});
    const stop = new AbortController();
    const opened = await openSync(new CouchClient(options(db)), PASSPHRASE);
    const replicator = new Replicator({
      client: b.client,
      store: b.store,
      ...opened,
      deviceId: b.store.deviceId,
      batchSize: 20,
      onProgress: (p) => {
        // The worker stops (the browser closes) once two batches are stored.
        if (p.phase === 'pull' && p.done >= 40) stop.abort();
      },
    });
    const first = await replicator.sync(stop.signal).catch((e: unknown) => e);
    expect(first).toMatchObject({ code: 'aborted' });
    const applied = Object.keys(b.store.snapshot()).length;
    expect(applied).toBe(39); // two batches of 20, less the kith-sync document
    const resumed = await replicator.sync();
    expect(resumed.pulled).toBe(95 - applied);
    expect(b.store.snapshot()).toEqual(a.store.snapshot());
  });
});

describe('connecting', () => {
  it('refuses to set up a database that holds documents that are not Kith\'s', async () => {
    const db = `other-${++dbSerial}`;
    await server.adminFetch(db, { method: 'PUT' });
    await server.adminFetch(`${db}/recipe`, { method: 'PUT', body: JSON.stringify({ title: 'pierogi' }) });
    const client = new CouchClient(options(db));
    await expect(openSync(client, PASSPHRASE)).rejects.toMatchObject({ code: 'not-set-up' });
    await expect(openSync(client, PASSPHRASE, { setUp: true })).rejects.toMatchObject({ code: 'not-set-up' });
  });

  it('names a missing database, and no passphrase means no sync', async () => {
    const client = new CouchClient(options(`missing-${++dbSerial}`));
    await expect(openSync(client, PASSPHRASE)).rejects.toMatchObject({ code: 'no-database' });
    await expect(openSync(client, '')).rejects.toMatchObject({ code: 'wrong-passphrase' });
  });
});
