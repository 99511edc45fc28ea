/**
 * Replicas for the sync tests: each a MemoryStore (one device's data) with its own Replicator, all
 * syncing through one server (the fake CouchDB, or PouchDB Server on 127.0.0.1), each through a fetch
 * that can be made to fail.
 */
import { CouchClient } from '../../../utils/sync/couch';
import { createSyncMeta, META_DOC_ID, type SyncKeys, type SyncMeta } from '../../../utils/sync/crypto';
import { MemoryStore } from '../../../utils/sync/memory-store';
import { Replicator, type Progress, type SyncReport } from '../../../utils/sync/replicator';
import { faulty, type Fault, type FaultyRequest } from './fake-couch';

const PASSPHRASE = 'a long passphrase for the tests';

let shared: Promise<{ meta: SyncMeta; keys: SyncKeys }> | undefined;
/** One meta document and its keys for every test database (PBKDF2 runs once, not once per test). */
export function sharedMeta(): Promise<{ meta: SyncMeta; keys: SyncKeys }> {
  shared ??= createSyncMeta(PASSPHRASE);
  return shared;
}

export interface Replica {
  name: string;
  store: MemoryStore;
  replicator: Replicator;
  client: CouchClient;
  /** What the next requests meet; 'pass' lets everything through. */
  fault: (r: FaultyRequest) => Fault;
  progress: Progress[];
  sync(): Promise<SyncReport>;
}

export interface ReplicaOptions {
  url: string;
  db: string;
  fetch: typeof fetch;
  username?: string;
  password?: string;
  batchSize?: number;
  timeoutMs?: number;
}

export async function replica(name: string, options: ReplicaOptions, opened?: { meta: SyncMeta; keys: SyncKeys }): Promise<Replica> {
  const { meta, keys } = opened ?? (await sharedMeta());
  const store = new MemoryStore(`device-${name}`);
  const r = { name, store, fault: () => 'pass', progress: [] } as unknown as Replica;
  const f = faulty(options.fetch, (req) => r.fault(req));
  r.client = new CouchClient({ url: options.url, db: options.db, username: options.username, password: options.password, fetch: f, timeoutMs: options.timeoutMs ?? 5000 });
  r.replicator = new Replicator({ client: r.client, store, keys, meta, deviceId: store.deviceId, batchSize: options.batchSize, onProgress: (p) => r.progress.push(p) });
  r.sync = () => r.replicator.sync();
  return r;
}

/** Makes `db` a Kith database with the shared meta document (what openSync does for the first device). */
export async function setUpDatabase(client: CouchClient): Promise<void> {
  await client.createDatabase();
  const { meta } = await sharedMeta();
  await client.putDoc({ _id: META_DOC_ID, ...meta });
}

/** Syncs every replica in turn until a whole round changes nothing; returns the rounds it took. */
export async function settle(replicas: Replica[], maxRounds = 6): Promise<number> {
  for (let round = 1; round <= maxRounds; round++) {
    let changed = 0;
    for (const r of replicas) {
      const report = await r.sync();
      changed += report.pushed + report.merged;
      if (round > 1) changed += report.pulled;
    }
    if (round > 1 && changed === 0) return round;
  }
  throw new Error(`replicas did not settle in ${maxRounds} rounds`);
}
