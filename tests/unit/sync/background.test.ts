/**
 * The background's sync (entrypoints/background/sync) with Kith's real database (fake-indexeddb) and
 * its real write paths, two or three devices through PouchDB Server on 127.0.0.1 (started here, with
 * an admin, so credentials are checked): Connect and its failures, records both ways, offline edits
 * merged, deletes, the person's settings, the live feed while a page is open, pause and disconnect.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openKithDb, type KithDb } from '../../../utils/db';
import { deletePerson, recordEncounter, updatePerson, type ProfileInput } from '../../../utils/db/writes';
import { linkProfile } from '../../../utils/db/link';
import { answerCard, deleteVoiceNote, saveVoiceNote } from '../../../utils/db/drill';
import { readAll } from '../../../utils/db/reads';
import { DEFAULT_SETTINGS, type Settings } from '../../../utils/settings';
import type { SyncConnectInput, SyncStatus } from '../../../utils/messages';
import { createSyncService, SYNC_ALARM, type SyncPortLike, type SyncService } from '../../../entrypoints/background/sync/service';
import { kithStoreHooks } from '../../../entrypoints/background/sync/local';
import { IdbSyncStore } from '../../../utils/sync/idb-store';
import { speakEnglish } from '../english';
import { freePort, startPouchServer, type PouchServer } from './pouchdb-server';

speakEnglish();

const admin = { name: 'anna', password: 'couch-password' };
const PASSPHRASE = 'Kith on my own server, 2026';
const TODAY = '2026-11-27';
let server: PouchServer;
let serial = 0;

beforeAll(async () => {
  server = await startPouchServer({ admin });
}, 30_000);
afterAll(async () => {
  await server?.stop();
});

interface Device {
  name: string;
  db: KithDb;
  sync: SyncService;
  announced: string[][];
  settings: Settings;
  alarms: Map<string, unknown>;
}

function device(name: string): Device {
  const dbName = `kith-bg-sync-${++serial}-${name}`;
  const alarms = new Map<string, unknown>();
  const d = { name, announced: [], settings: structuredClone(DEFAULT_SETTINGS), alarms } as unknown as Device;
  d.sync = createSyncService({
    db: () => openKithDb(dbName),
    announce: (ids) => d.announced.push(ids),
    settings: {
      get: async () => structuredClone(d.settings),
      save: async (change) => {
        d.settings = { ...d.settings, ...change };
      },
    },
    alarms: {
      create: (n, info) => alarms.set(n, info),
      clear: (n) => alarms.delete(n),
      get: async (n) => alarms.get(n),
    },
    debounceMs: 50,
    feedWaitMs: 2000,
    requestTimeoutMs: 5000,
  });
  return d;
}

async function withDb(d: Device): Promise<Device> {
  d.db = await openKithDb(`kith-bg-sync-${serial}-${d.name}`);
  return d;
}

const input = (database: string, extra: Partial<SyncConnectInput> = {}): SyncConnectInput => ({
  url: server.url,
  database,
  username: admin.name,
  password: admin.password,
  passphrase: PASSPHRASE,
  ...extra,
});

const profile = (slug: string, fullName: string, extra: Partial<ProfileInput> = {}): ProfileInput => ({
  site: 'linkedin',
  keys: [`linkedin:${slug}`],
  url: `https://www.linkedin.com/in/${slug}/`,
  name: fullName,
  ...extra,
});

async function connected(d: Device, database: string, extra: Partial<SyncConnectInput> = {}): Promise<SyncStatus> {
  const { status, error } = await d.sync.connect(input(database, extra));
  expect(error).toBeUndefined();
  await d.sync.run();
  return status;
}

async function rawDocs(db: string): Promise<string> {
  return (await server.adminFetch(`${db}/_all_docs?include_docs=true`)).text();
}

describe('Connect', () => {
  it('names each failure and stores nothing; offers to create a missing database; a wrong passphrase changes nothing', async () => {
    const a = await withDb(device('A'));
    const database = `kith-connect-${serial}`;
    expect((await a.sync.connect(input(database, { url: 'http://example.org/' }))).error).toBe('bad-url');
    expect((await a.sync.connect(input('Not A Name'))).error).toBe('bad-database-name');
    expect((await a.sync.connect(input(database, { url: `http://127.0.0.1:${await freePort()}/` }))).error).toBe('unreachable');
    expect((await a.sync.connect(input(database, { password: 'wrong' }))).error).toBe('unauthorized');
    expect((await a.sync.connect(input(database))).error).toBe('no-database');
    expect(await a.db.count('syncState')).toBe(0);
    expect((await a.sync.status()).connected).toBe(false);

    const { status, error } = await a.sync.connect(input(database, { createDatabase: true }));
    expect(error).toBeUndefined();
    expect(status).toMatchObject({ connected: true, paused: false, firstSync: true, server: { url: server.url, database, username: admin.name } });
    expect(a.alarms.has(SYNC_ALARM)).toBe(true);
    // The passphrase is kept only as the keys derived from it, which cannot be read back out.
    const kept = JSON.stringify(await a.db.get('syncState', 'connection'));
    expect(kept).not.toContain(PASSPHRASE);
    expect(((await a.db.get('syncState', 'connection')) as { keys: { content: CryptoKey } }).keys.content.extractable).toBe(false);
    await expect(a.sync.connect(input(database))).rejects.toThrow('connected already');

    // A second device with the wrong passphrase: a clear error, nothing stored, nothing sent.
    await recordEncounter(a.db, { profile: profile('anna-nowak', 'Anna Nowak'), encounter: { date: TODAY, kind: 'call' } }, Date.now(), TODAY);
    await a.sync.run();
    const before = await rawDocs(database);
    const b = await withDb(device('B'));
    await recordEncounter(b.db, { profile: profile('bob', 'Bob'), encounter: { date: TODAY, kind: 'call' } }, Date.now(), TODAY);
    expect((await b.sync.connect(input(database, { passphrase: 'not the passphrase' }))).error).toBe('wrong-passphrase');
    expect(await b.db.count('syncState')).toBe(0);
    expect(await b.db.count('syncOutbox')).toBe(0);
    expect((await readAll(b.db)).people.map((p) => p.name)).toEqual(['Bob']);
    expect(await rawDocs(database)).toBe(before);
  });
});

describe('two devices', () => {
  const database = `kith-two-${Date.now()}`;
  let a: Device;
  let b: Device;

  it('what was stored before connecting, and what is recorded after, reaches the other device, derived fields and all', async () => {
    a = await withDb(device('A'));
    b = await withDb(device('B'));
    const { person: anna } = await recordEncounter(a.db, { profile: profile('anna-nowak', 'Anna Nowak', { company: 'Acme' }), encounter: { date: '2026-06-19', kind: 'event', event: { name: 'Grow Up Start Up' }, place: 'Warsaw' }, photoDataUrl: 'data:image/jpeg;base64,AAAA' }, Date.now(), TODAY);
    await connected(a, database, { createDatabase: true });
    await connected(b, database);
    const got = await readAll(b.db);
    expect(got.people).toEqual([expect.objectContaining({ id: anna.id, name: 'Anna Nowak', keys: ['linkedin:anna-nowak'] })]);
    expect(got.people[0].terms).toEqual(anna.terms);
    expect(got.people[0].sortName).toBe(anna.sortName);
    expect(got.encounters).toHaveLength(1);
    expect(got.events.map((e) => e.name)).toEqual(['Grow Up Start Up']);
    expect(got.photos).toEqual([expect.objectContaining({ personId: anna.id })]);
    expect(b.announced.flat()).toContain(anna.id);
    const status = await b.sync.status();
    expect(status).toMatchObject({ connected: true, running: false, firstSync: false, records: 4 });
    expect(status.lastSyncedAt).toBeGreaterThan(Date.now() - 60_000);
    expect(status.error).toBeUndefined();
    // The server holds ciphertext only.
    const raw = await rawDocs(database);
    for (const plain of ['Anna', 'anna-nowak', 'Acme', 'Warsaw', 'Grow Up']) expect(raw).not.toContain(plain);

    const { person: bob } = await recordEncounter(b.db, { profile: profile('bob', 'Bob Kowalski'), encounter: { date: TODAY, kind: 'call', note: 'Talked about sailing' } }, Date.now(), TODAY);
    await b.sync.run();
    await a.sync.run();
    expect((await a.db.get('people', bob.id))?.name).toBe('Bob Kowalski');
    expect((await readAll(a.db)).encounters.map((e) => e.note).filter(Boolean)).toEqual(['Talked about sailing']);
  });

  it('offline edits of the same person on both merge field by field, and both notes survive', async () => {
    const [anna] = (await readAll(a.db)).people.filter((p) => p.name === 'Anna Nowak');
    await updatePerson(a.db, anna.id, { headline: 'CTO at Acme', notes: 'Written on the laptop' }, Date.now());
    await updatePerson(b.db, anna.id, { tags: ['investor'], notes: 'Written on the desktop' }, Date.now() + 1);
    await a.sync.run();
    await b.sync.run();
    await a.sync.run();
    const [onA, onB] = [await a.db.get('people', anna.id), await b.db.get('people', anna.id)];
    expect(onA).toEqual(onB);
    expect(onA).toMatchObject({ headline: 'CTO at Acme', tags: ['investor'] });
    expect(onA!.notes).toContain('Written on the laptop');
    expect(onA!.notes).toContain('Written on the desktop');
    expect(onA!.terms).toContain('investor');
  });

  it('the drill follows the person: cards, every answer and the voice note; answered on both offline, the later answer schedules', async () => {
    const [anna] = (await readAll(a.db)).people.filter((p) => p.name === 'Anna Nowak');
    const t0 = Date.now();
    await answerCard(a.db, { personId: anna.id, direction: 'face-to-name', grade: 3, verdict: 'right' }, t0);
    await saveVoiceNote(a.db, { personId: anna.id, dataUrl: 'data:audio/webm;base64,AAAA', seconds: 1.5, updatedAt: t0 });
    await a.sync.run();
    b.announced.length = 0;
    await b.sync.run();
    expect(await b.db.get('drillCards', anna.id)).toEqual(await a.db.get('drillCards', anna.id));
    expect((await b.db.getAll('drillReviews')).map((r) => r.grade)).toEqual([3]);
    expect(await b.db.get('voiceNotes', anna.id)).toMatchObject({ seconds: 1.5 });
    expect(b.announced.flat()).toContain(anna.id);

    // Both answer offline; B later. One schedule on both (B's), and both answers in the history.
    await answerCard(a.db, { personId: anna.id, direction: 'face-to-name', grade: 1, verdict: 'wrong' }, t0 + 60_000);
    await answerCard(b.db, { personId: anna.id, direction: 'face-to-name', grade: 4, verdict: 'right' }, t0 + 120_000);
    await a.sync.run();
    await b.sync.run();
    await a.sync.run();
    const [cardA, cardB] = [await a.db.get('drillCards', anna.id), await b.db.get('drillCards', anna.id)];
    expect(cardA).toEqual(cardB);
    expect(cardA!.lastReview).toBe(t0 + 120_000);
    for (const d of [a, b]) expect((await d.db.getAll('drillReviews')).map((r) => r.grade).sort()).toEqual([1, 3, 4]);

    // A voice note deleted on one is gone on the other.
    await deleteVoiceNote(b.db, anna.id, Date.now());
    await b.sync.run();
    await a.sync.run();
    expect(await a.db.get('voiceNotes', anna.id)).toBeUndefined();
    // The server still holds ciphertext only.
    expect(await rawDocs(database)).not.toContain('audio/webm');
  });

  it('a delete on one removes the person, their encounters and photo on the other, for good', async () => {
    const [anna] = (await readAll(b.db)).people.filter((p) => p.name === 'Anna Nowak');
    await deletePerson(b.db, anna.id, Date.now());
    await b.sync.run();
    await a.sync.run();
    expect(await a.db.get('people', anna.id)).toBeUndefined();
    expect(await a.db.get('photos', anna.id)).toBeUndefined();
    expect((await readAll(a.db)).encounters.filter((e) => e.personId === anna.id)).toEqual([]);
    // Their drill card and answers go with them.
    expect(await a.db.get('drillCards', anna.id)).toBeUndefined();
    expect(await a.db.getAllFromIndex('drillReviews', 'byPerson', anna.id)).toEqual([]);
    // An edit that raced the delete on the other device does not bring the person back.
    await a.sync.run();
    await b.sync.run();
    expect(await b.db.get('people', anna.id)).toBeUndefined();
    expect(await a.db.count('syncOutbox')).toBe(0);
  });

  it("the person's settings follow them; the device's own stay", async () => {
    a.settings = { ...a.settings, defaultCadenceDays: 30, notifications: { enabled: false, time: '07:00' } };
    a.sync.settingsChanged(a.settings);
    await vi.waitFor(async () => expect(await a.db.count('syncOutbox')).toBe(1));
    await a.sync.run();
    await b.sync.run();
    expect(b.settings.defaultCadenceDays).toBe(30);
    expect(b.settings.notifications).toEqual(DEFAULT_SETTINGS.notifications);
    // Settings that came from sync do not go back out.
    b.sync.settingsChanged(b.settings);
    await new Promise((r) => setTimeout(r, 100));
    expect(await b.db.count('syncOutbox')).toBe(0);
  });

  it('a change is sent a moment after it is made, without asking', async () => {
    const { person } = await recordEncounter(a.db, { profile: profile('carol', 'Carol'), encounter: { date: TODAY, kind: 'video' } }, Date.now(), TODAY);
    a.sync.changed();
    await vi.waitFor(async () => expect(await a.db.count('syncOutbox')).toBe(0), { timeout: 5000 });
    await b.sync.run();
    expect((await b.db.get('people', person.id))?.name).toBe('Carol');
  });

  it('while a page is open, the live feed brings the other device\'s changes and the page hears the status', async () => {
    const heard: SyncStatus[] = [];
    let closed: () => void = () => undefined;
    const port: SyncPortLike = { postMessage: (m) => heard.push((m as { kithSync: SyncStatus }).kithSync), onDisconnect: { addListener: (l) => (closed = l) } };
    b.sync.port(port);
    await vi.waitFor(() => expect(heard.length).toBeGreaterThan(0));
    const { person } = await recordEncounter(a.db, { profile: profile('dave', 'Dave'), encounter: { date: TODAY, kind: 'email' } }, Date.now(), TODAY);
    await a.sync.run();
    await vi.waitFor(async () => expect((await b.db.get('people', person.id))?.name).toBe('Dave'), { timeout: 8000 });
    expect(b.announced.flat()).toContain(person.id);
    expect(heard.some((s) => s.running)).toBe(true);
    closed();
  });

  it('linking on one device (two people become one) applies on the other whatever order the records come in', async () => {
    const { person: kept } = await recordEncounter(a.db, { profile: profile('eve', 'Eve'), encounter: { date: TODAY, kind: 'call' } }, Date.now(), TODAY);
    const github: ProfileInput = { site: 'github', keys: ['github:eve'], url: 'https://github.com/eve', name: 'Eve G.' };
    const { person: other } = await recordEncounter(a.db, { profile: github, encounter: { date: TODAY, kind: 'message' } }, Date.now(), TODAY);
    await a.sync.run();
    await b.sync.run();
    await linkProfile(a.db, kept.id, github, Date.now());
    await a.sync.run();
    await b.sync.run();
    const onB = await readAll(b.db);
    expect(onB.people.find((p) => p.id === other.id)).toBeUndefined();
    expect(onB.people.find((p) => p.id === kept.id)?.keys.sort()).toEqual(['github:eve', 'linkedin:eve']);
    expect(onB.encounters.filter((e) => e.personId === kept.id)).toHaveLength(2);
    expect(await b.db.get('syncState', 'heldKeys')).toBeUndefined();
  });

  it('the same profile saved on two devices before they synced: both stay, sync does not stop', async () => {
    const c = await withDb(device('C'));
    await recordEncounter(c.db, { profile: profile('bob', 'Bob (saved on C)'), encounter: { date: TODAY, kind: 'call' } }, Date.now(), TODAY);
    await connected(c, database);
    expect((await c.sync.status()).error).toBeUndefined();
    const bobs = (await readAll(c.db)).people.filter((p) => p.name.startsWith('Bob'));
    expect(bobs).toHaveLength(2);
    // One of them holds the key here; the other keeps it on the server for when it is free.
    expect(bobs.filter((p) => p.keys.includes('linkedin:bob'))).toHaveLength(1);
    await a.sync.run();
    expect((await a.sync.status()).error).toBeUndefined();
    await c.sync.disconnect();
  });

  it('pause stops syncing (changes still queue); disconnect forgets the server and keeps every record', async () => {
    await a.sync.pause();
    const { person } = await recordEncounter(a.db, { profile: profile('frank', 'Frank'), encounter: { date: TODAY, kind: 'call' } }, Date.now(), TODAY);
    expect(await a.sync.run()).toBe(false);
    expect(await a.db.count('syncOutbox')).toBeGreaterThan(0);
    expect((await a.sync.status()).paused).toBe(true);
    await a.sync.resume();
    await vi.waitFor(async () => expect(await a.db.count('syncOutbox')).toBe(0), { timeout: 5000 });
    await b.sync.run();
    expect((await b.db.get('people', person.id))?.name).toBe('Frank');

    const people = await b.db.count('people');
    const status = await b.sync.disconnect();
    expect(status.connected).toBe(false);
    expect(b.alarms.has(SYNC_ALARM)).toBe(false);
    for (const s of ['syncOutbox', 'syncRevs', 'syncState'] as const) expect(await b.db.count(s)).toBe(0);
    expect(await b.db.count('people')).toBe(people);
    // Nothing is queued any more.
    await recordEncounter(b.db, { profile: profile('gina', 'Gina'), encounter: { date: TODAY, kind: 'call' } }, Date.now(), TODAY);
    expect(await b.db.count('syncOutbox')).toBe(0);
    await a.sync.disconnect();
  });
});

describe('received people and the one-owner rule for profile keys', () => {
  it('a person who arrives with a key someone here still holds gets it once that one lets it go, later in the pull', async () => {
    const db = await openKithDb(`kith-bg-held-${++serial}`);
    const now = Date.now();
    const { person: q } = await recordEncounter(db, { profile: profile('eve', 'Eve'), encounter: { date: TODAY, kind: 'call' } }, now, TODAY);
    const received = { people: new Set<string>(), settings: false };
    const store = new IdbSyncStore(db, { deviceId: 'dev', ...kithStoreHooks(received) });
    const take = () => ({ current: undefined as never, rev: '1-a', dirty: null });
    const p = { id: 'p-kept', name: 'Eve Kept', keys: ['linkedin:eve', 'github:eve'], urls: {}, tags: [], notes: '', followUp: {}, createdAt: now, updatedAt: now + 1 };
    // P first: Q holds linkedin:eve here, so P is stored without it, and the key is held for P.
    await store.applyRemote([{ rev: '1-p', version: { type: 'person', id: p.id, updatedAt: now + 1, deviceId: 'other', value: p } }], (remote) => ({ ...take(), current: remote.version, rev: remote.rev }));
    expect((await db.get('people', p.id))?.keys).toEqual(['github:eve']);
    expect(await db.get('syncState', 'heldKeys')).toEqual({ 'linkedin:eve': p.id });
    // Then Q's tombstone: the key is free, and goes to P.
    await store.applyRemote([{ rev: '2-q', version: { type: 'person', id: q.id, updatedAt: now + 1, deviceId: 'other', deleted: true } }], (remote) => ({ ...take(), current: remote.version, rev: remote.rev }));
    expect(await db.get('people', q.id)).toBeUndefined();
    expect((await db.get('people', p.id))?.keys.sort()).toEqual(['github:eve', 'linkedin:eve']);
    expect(await db.get('syncState', 'heldKeys')).toBeUndefined();
    expect([...received.people].sort()).toEqual([p.id, q.id].sort());
    // P got its derived fields here.
    expect((await db.get('people', p.id))?.sortName).toBe('eve kept');
  });
});
