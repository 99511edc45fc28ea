/**
 * Sync in the background: the connection (kept in syncState: the server, the credentials, this
 * device's id and the non-extractable keys; never the passphrase), and when a sync runs: a few seconds
 * after each change, on an alarm, at browser start, and whenever the server's changes feed says so
 * while a Kith page is open. Received changes are announced like every other change (changes.ts).
 */
import type { KithDb } from '@/utils/db';
import { SYNC_DEVICE_KEY, SYNCED_STORES, type SyncDevice } from '@/utils/db/outbox';
import { SYNC_STORES } from '@/utils/db/schema';
import type { Settings } from '@/utils/settings';
import { CouchClient } from '@/utils/sync/couch';
import { openSync } from '@/utils/sync/connect';
import type { SyncKeys, SyncMeta } from '@/utils/sync/crypto';
import { isSyncError, SyncError, type SyncErrorCode } from '@/utils/sync/errors';
import { IdbSyncStore, markAllDirty } from '@/utils/sync/idb-store';
import { Replicator, type Progress } from '@/utils/sync/replicator';
import type { SyncConnectInput, SyncStatus } from '@/utils/messages';
import { t } from '@/utils/i18n';
import { kithStoreHooks, mirrorSettings, syncedSettings, type Received } from './local';

/** The alarm that syncs now and then, whatever else happens (and resumes a sync cut short). */
export const SYNC_ALARM = 'kith-sync';
const ALARM_MINUTES = 5;
/** A change is sent this long after the last one of a burst (typing in a note saves many times). */
const DEBOUNCE_MS = 2000;
/** How long one wait on the live changes feed lasts: under the 30 s a browser lets a request run in a worker. */
const FEED_WAIT_MS = 20_000;
const FEED_RETRY_MS = [5_000, 15_000, 30_000, 60_000];
/** Syncs in a row when changes keep coming while one runs. */
const MAX_ROUNDS = 3;
/** Status messages to the pages while a sync runs, at most this often. */
const PROGRESS_EVERY_MS = 250;
/** Above this many people changed, a notice says "anyone may have changed" instead of naming them. */
const NAMED_CHANGES = 1000;

/** What the background keeps for a connection (syncState 'connection'). */
interface Connection {
  url: string;
  database: string;
  username: string;
  password: string;
  deviceId: string;
  meta: SyncMeta;
  keys: SyncKeys;
  paused: boolean;
}

/** What outlives a worker of the last sync (syncState 'status'). */
interface LastSync {
  /** When a sync last finished without an error. */
  at?: number;
  error?: SyncErrorCode;
  /** The first sync (everything here sent, everything there received) has finished. */
  firstDone?: boolean;
}

interface Active {
  connection: Connection;
  client: CouchClient;
  store: IdbSyncStore;
  replicator: Replicator;
}

/** A page's port (runtime.Port, as much of it as this needs). */
export interface SyncPortLike {
  postMessage(message: unknown): void;
  onDisconnect: { addListener(listener: () => void): void };
  onMessage?: { addListener(listener: (message: unknown) => void): void };
}

export interface SyncDeps {
  db: () => Promise<KithDb>;
  /** Announces people changed by a received batch (changes.ts: `changes.changed`). */
  announce: (personIds: string[]) => void;
  settings: { get(): Promise<Settings>; save(change: Partial<Settings>): Promise<unknown> };
  alarms: {
    create(name: string, info: { periodInMinutes: number; delayInMinutes?: number }): unknown;
    clear(name: string): unknown;
    get(name: string): Promise<unknown>;
  };
  fetch?: typeof fetch;
  now?: () => number;
  /** Tests shorten the waits. */
  debounceMs?: number;
  feedWaitMs?: number;
  requestTimeoutMs?: number;
}

export interface SyncService {
  status(): Promise<SyncStatus>;
  /** "Connect": checks the server, opens (or sets up, or with `createDatabase` first creates) the database. */
  connect(input: SyncConnectInput): Promise<{ status: SyncStatus; error?: SyncErrorCode }>;
  /** Syncs now (not waiting for it). */
  syncNow(): Promise<SyncStatus>;
  /** Syncs now and waits: true when it finished without an error. */
  run(): Promise<boolean>;
  pause(): Promise<SyncStatus>;
  resume(): Promise<SyncStatus>;
  /** Stops syncing and forgets the connection, the credentials and sync's bookkeeping; the data stays. */
  disconnect(): Promise<SyncStatus>;
  /** A local change was committed (sync's own announcements excepted): sync a few seconds later. */
  changed(): void;
  /** The settings changed here: the person's ones go into the synced record. */
  settingsChanged(settings: Settings): void;
  /** The alarm fired, or the browser started: sync now. */
  alarm(): void;
  /** The worker started: the alarm is kept, and changes a stopped worker left unsent are sent. */
  start(): void;
  /** A Kith page is open: status messages go to it, and the live changes feed runs while any is. */
  port(port: SyncPortLike): void;
}

export function createSyncService(deps: SyncDeps): SyncService {
  const now = deps.now ?? Date.now;
  const debounceMs = deps.debounceMs ?? DEBOUNCE_MS;
  const ports = new Set<SyncPortLike>();
  let active: Promise<Active | undefined> | undefined;
  let running: Promise<boolean> | undefined;
  let again = false;
  let runAbort: AbortController | undefined;
  let progress: Progress | undefined;
  let lastPost = 0;
  let progressTimer: ReturnType<typeof setTimeout> | undefined;
  let debounce: ReturnType<typeof setTimeout> | undefined;
  let feed: { abort: AbortController; done: Promise<void> } | undefined;
  /** True while sync announces its own received changes: they are not local changes to send. */
  let announcing = false;
  const received: Received = { people: new Set(), settings: false };

  function open(db: KithDb, connection: Connection): Active {
    const client = new CouchClient({
      url: connection.url,
      db: connection.database,
      username: connection.username,
      password: connection.password,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
      ...(deps.requestTimeoutMs ? { timeoutMs: deps.requestTimeoutMs } : {}),
    });
    const store = new IdbSyncStore(db, { deviceId: connection.deviceId, ...kithStoreHooks(received) });
    const replicator = new Replicator({
      client,
      store,
      keys: connection.keys,
      meta: connection.meta,
      deviceId: connection.deviceId,
      onProgress: (p) => {
        progress = p;
        // Each pull batch is stored before its progress is told: the views can read it now.
        void announceReceived();
        post(false);
      },
    });
    return { connection, client, store, replicator };
  }

  /** The connection, loaded once per worker. */
  function current(): Promise<Active | undefined> {
    active ??= (async () => {
      const db = await deps.db();
      const connection = (await db.get('syncState', 'connection')) as Connection | undefined;
      return connection && open(db, connection);
    })();
    active.catch(() => (active = undefined));
    return active;
  }

  async function lastSync(db: KithDb): Promise<LastSync> {
    return ((await db.get('syncState', 'status')) as LastSync | undefined) ?? {};
  }

  async function status(): Promise<SyncStatus> {
    const a = await current();
    if (!a) return { connected: false, paused: false, running: false, firstSync: false, records: 0 };
    const db = await deps.db();
    const last = await lastSync(db);
    const counts = await Promise.all(Object.keys(SYNCED_STORES).map((s) => db.count(s as keyof typeof SYNCED_STORES)));
    const { url, database, username, paused } = a.connection;
    return {
      connected: true,
      server: { url, database, username },
      paused,
      running: !!running,
      firstSync: !last.firstDone,
      records: counts.reduce((n, c) => n + c, 0),
      ...(last.at ? { lastSyncedAt: last.at } : {}),
      ...(last.error ? { error: last.error } : {}),
      ...(running && progress ? { progress: { phase: progress.phase, done: progress.done, total: progress.total } } : {}),
    };
  }

  /** Tells every open page the status (throttled while a sync runs, unless `now`). */
  function post(immediately = true): void {
    if (!ports.size) return;
    const send = () => {
      progressTimer = undefined;
      lastPost = now();
      void status().then((s) => {
        for (const p of ports) {
          try {
            p.postMessage({ kithSync: s });
          } catch {
            ports.delete(p);
          }
        }
      });
    };
    if (immediately) {
      clearTimeout(progressTimer);
      send();
    } else if (!progressTimer) {
      progressTimer = setTimeout(send, Math.max(0, PROGRESS_EVERY_MS - (now() - lastPost)));
    }
  }

  async function announceReceived(): Promise<void> {
    if (received.people.size) {
      const ids = received.people.size > NAMED_CHANGES ? [] : [...received.people];
      received.people.clear();
      announcing = true;
      try {
        deps.announce(ids);
      } finally {
        announcing = false;
      }
    }
    if (received.settings) {
      received.settings = false;
      const db = await deps.db();
      const settings = await syncedSettings(db);
      if (settings) await deps.settings.save(settings).catch((e) => console.error('Kith: synced settings', e));
    }
  }

  async function saveLastSync(change: LastSync): Promise<void> {
    const db = await deps.db();
    const tx = db.transaction('syncState', 'readwrite');
    // Not after a disconnect: the connection is gone, and so is what is said of it.
    if (await tx.store.get('connection')) await tx.store.put({ ...(await tx.store.get('status') as LastSync | undefined), ...change }, 'status');
    await tx.done;
  }

  function run(): Promise<boolean> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        for (let round = 1; ; round++) {
          again = false;
          const a = await current();
          if (!a || a.connection.paused) return false;
          runAbort = new AbortController();
          progress = undefined;
          post();
          try {
            await a.replicator.sync(runAbort.signal);
            // Edits made while it ran may sit before where the push had got to: once more for those.
            if (!again && (await a.store.countDirty()) > 0) again = true;
            await saveLastSync({ at: now(), error: undefined, firstDone: true });
          } catch (e) {
            if (isSyncError(e, 'aborted')) return false;
            const code: SyncErrorCode = isSyncError(e) ? e.code : e instanceof DOMException ? 'storage' : 'server-error';
            if (!isSyncError(e)) console.error('Kith: sync', e);
            await saveLastSync({ error: code });
            return false;
          } finally {
            await announceReceived();
          }
          // A few rounds at most: what is still left waits for the next change, alarm or feed.
          if (!again || round === MAX_ROUNDS) return true;
        }
      } finally {
        running = undefined;
        runAbort = undefined;
        progress = undefined;
        post();
      }
    })();
    return running;
  }

  function soon(): void {
    clearTimeout(debounce);
    debounce = setTimeout(() => void run(), debounceMs);
  }

  /** Waits `ms`, or less when `signal` aborts. */
  const sleep = (ms: number, signal: AbortSignal) =>
    new Promise<void>((done) => {
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        done();
      });
    });

  /** The live changes feed: while a page is open, a wait on `_changes`, then a sync when something came. */
  function startFeed(): void {
    if (feed || !ports.size) return;
    const abort = new AbortController();
    const self: { abort: AbortController; done?: Promise<void> } = { abort };
    feed = self as { abort: AbortController; done: Promise<void> };
    self.done = (async () => {
      let failures = 0;
      while (ports.size && !abort.signal.aborted) {
        const a = await current().catch(() => undefined);
        if (!a || a.connection.paused) break;
        try {
          const checkpoint = await a.store.getCheckpoint();
          const since = checkpoint?.syncId === a.connection.meta.syncId ? checkpoint.seq : undefined;
          const changed = since === undefined || (await a.client.withSignal(abort.signal).waitForChanges(since, deps.feedWaitMs ?? FEED_WAIT_MS)).changed;
          if (changed && !(await run()) && !abort.signal.aborted) throw new Error('sync failed');
          failures = 0;
        } catch {
          if (abort.signal.aborted) break;
          await sleep(FEED_RETRY_MS[Math.min(failures++, FEED_RETRY_MS.length - 1)], abort.signal);
        }
      }
      if (feed === self) feed = undefined;
    })();
  }

  async function stopAll(): Promise<void> {
    clearTimeout(debounce);
    feed?.abort.abort();
    runAbort?.abort();
    await Promise.all([feed?.done, running?.catch(() => false)]);
  }

  async function setPaused(paused: boolean): Promise<void> {
    const a = await current();
    if (!a) return;
    a.connection.paused = paused;
    const db = await deps.db();
    await db.put('syncState', a.connection, 'connection');
  }

  return {
    status,

    async connect(input) {
      if (await current()) throw new RangeError(t('errorSyncConnected'));
      const db = await deps.db();
      let opened;
      let client: CouchClient;
      try {
        client = new CouchClient({ url: input.url, db: input.database, username: input.username, password: input.password, ...(deps.fetch ? { fetch: deps.fetch } : {}), ...(deps.requestTimeoutMs ? { timeoutMs: deps.requestTimeoutMs } : {}) });
        if (input.createDatabase) await client.createDatabase();
        opened = await openSync(client, input.passphrase, { setUp: true });
      } catch (e) {
        if (!(e instanceof SyncError)) throw e;
        return { status: await status(), error: e.code };
      }
      const connection: Connection = {
        url: client.base.href,
        database: client.db,
        username: input.username,
        password: input.password,
        deviceId: crypto.randomUUID(),
        meta: opened.meta,
        keys: opened.keys,
        paused: false,
      };
      // Whatever an earlier connection left goes; from the 'device' entry on, every write is queued.
      const tx = db.transaction([...SYNC_STORES], 'readwrite');
      await Promise.all(SYNC_STORES.map((s) => tx.objectStore(s).clear()));
      await tx.objectStore('syncState').put(connection, 'connection');
      await tx.objectStore('syncState').put({ deviceId: connection.deviceId } satisfies SyncDevice, SYNC_DEVICE_KEY);
      await tx.objectStore('syncState').put({} satisfies LastSync, 'status');
      await tx.done;
      active = Promise.resolve(open(db, connection));
      // What is here already goes to the server; a database that has settings keeps them (updatedAt 0).
      await markAllDirty(db);
      await mirrorSettings(db, await deps.settings.get(), opened.created ? now() : 0);
      await deps.alarms.create(SYNC_ALARM, { periodInMinutes: ALARM_MINUTES, delayInMinutes: ALARM_MINUTES });
      void run();
      startFeed();
      return { status: await status() };
    },

    async syncNow() {
      void run();
      startFeed();
      return status();
    },

    run,

    async pause() {
      await setPaused(true);
      await stopAll();
      return status();
    },

    async resume() {
      await setPaused(false);
      void run();
      startFeed();
      return status();
    },

    async disconnect() {
      const a = await current();
      if (a) {
        // Nothing may still be writing sync's bookkeeping when it is cleared.
        a.connection.paused = true;
        await stopAll();
      }
      const db = await deps.db();
      const tx = db.transaction([...SYNC_STORES], 'readwrite');
      await Promise.all([...SYNC_STORES.map((s) => tx.objectStore(s).clear()), tx.done]);
      active = undefined;
      await deps.alarms.clear(SYNC_ALARM);
      const s = await status();
      post();
      return s;
    },

    changed() {
      if (announcing) return;
      void current().then((a) => {
        if (a && !a.connection.paused) soon();
      });
    },

    settingsChanged(settings) {
      void current()
        .then(async (a) => {
          if (!a) return;
          if (await mirrorSettings(await deps.db(), settings, now())) soon();
        })
        .catch((e) => console.error('Kith: settings for sync', e));
    },

    alarm() {
      void run();
    },

    start() {
      void current()
        .then(async (a) => {
          if (!a) return;
          if (!(await deps.alarms.get(SYNC_ALARM))) await deps.alarms.create(SYNC_ALARM, { periodInMinutes: ALARM_MINUTES });
          // A worker stopped with changes not yet sent (a sync cut short, a debounce that never fired).
          if (!a.connection.paused && (await a.store.countDirty()) > 0) soon();
        })
        .catch((e) => console.error('Kith: sync at start', e));
    },

    port(port) {
      ports.add(port);
      // The page's pings carry nothing; hearing them is what keeps the worker (and so the feed) alive.
      port.onMessage?.addListener(() => undefined);
      port.onDisconnect.addListener(() => {
        ports.delete(port);
        if (!ports.size) feed?.abort.abort();
      });
      post();
      startFeed();
    },
  };
}
