/**
 * Push and pull between the device's store and the user's CouchDB, every document encrypted.
 *
 * Pull reads `_changes` from the checkpoint in batches; each batch is decrypted, merged with what
 * changed here, and applied in one local transaction together with the new checkpoint, so a sync cut
 * short (worker stopped, browser closed, network gone) resumes where the last stored batch ended and
 * never applies a record twice. Push sends dirty records with `_bulk_docs` and the last known `_rev`;
 * a 409 means another device got there first: the server's version is fetched, merged (three-way,
 * against the base this edit started from) and sent again.
 */
import { type Change, type CouchClient, type CouchDoc } from './couch';
import { decrypt, docId, encrypt, META_DOC_ID, type EncryptedBlob, type SyncKeys, type SyncMeta } from './crypto';
import { SyncError } from './errors';
import { merge, restores, same, type MergeOptions } from './merge';
import { isRecordType, withoutDerived, type Version } from './records';
import { type DirtyRecord, type LocalStore, type RecordKey, type RemoteVersion, type Resolution, type Resolver } from './store';

const BATCH_SIZE = 500;
/** A record that conflicts again this many times in one push gives up for this run. */
const CONFLICT_ROUNDS = 5;
/** The format of the documents Kith writes: `{ _id, _rev, kith, iv, ct }`. */
const DOC_FORMAT = 1;

export interface Progress {
  phase: 'pull' | 'push';
  done: number;
  /** An estimate while pulling from a server that does not say how many changes are pending. */
  total: number;
}

export interface SyncReport {
  /** Records received from the server and stored here. */
  pulled: number;
  /** Records sent to the server. */
  pushed: number;
  /** Records another device had changed meanwhile, merged and sent again. */
  merged: number;
  /** Documents on the server that do not open with this key (damaged, or not Kith's). */
  unreadable: number;
}

export interface ReplicatorOptions {
  client: CouchClient;
  store: LocalStore;
  keys: SyncKeys;
  meta: SyncMeta;
  deviceId: string;
  batchSize?: number;
  onProgress?: (progress: Progress) => void;
  mergeOptions?: MergeOptions;
}

/** The encrypted document the server stores: nothing in it but an opaque id and ciphertext. */
interface KithDoc extends CouchDoc, EncryptedBlob {
  kith: number;
}

function isKithDoc(doc: CouchDoc | undefined): doc is KithDoc {
  return !!doc && typeof doc.kith === 'number' && typeof doc.iv === 'string' && typeof doc.ct === 'string';
}

/** The N of a CouchDB revision 'N-hash'. */
function revGeneration(rev: string): number {
  return Number.parseInt(rev, 10) || 0;
}

function seqNumber(seq: string | number): number {
  return typeof seq === 'number' ? seq : Number.parseInt(seq, 10) || 0;
}

/**
 * What to do with a record the server has now, given what this device has. Pure, so a store can run
 * it inside one transaction.
 */
export function resolveRemote(remote: RemoteVersion, local: Parameters<Resolver>[1], options: MergeOptions = {}): Resolution | undefined {
  // Our own push coming back through the changes feed, or an older revision than the one we know.
  if (local.rev && (local.rev === remote.rev || revGeneration(local.rev) > revGeneration(remote.rev))) return undefined;
  const theirs = withoutDerived(remote.version);
  const ours = local.current && withoutDerived(local.current);
  if (!local.dirty) {
    // A record deleted here stays deleted, even if someone wrote over its tombstone on the server, and
    // one restored here stays, over a tombstone older than the restore: unless the server's version
    // wins by merge's rule (a restore later than our delete, a delete later than our restore).
    if (ours && !!ours.deleted !== !!theirs.deleted) {
      const oursWins = ours.deleted ? !restores(theirs, ours) : restores(ours, theirs);
      if (oursWins) return { current: ours, rev: remote.rev, dirty: { base: theirs } };
    }
    return { current: theirs, rev: remote.rev, dirty: null };
  }
  const base = local.dirty.base && withoutDerived(local.dirty.base);
  const merged = merge(base, ours!, theirs, options);
  if (same(merged.value, theirs.value) && !!merged.deleted === !!theirs.deleted && merged.restoredAt === theirs.restoredAt) return { current: theirs, rev: remote.rev, dirty: null };
  return { current: merged, rev: remote.rev, dirty: { base: theirs } };
}

export class Replicator {
  private readonly options: ReplicatorOptions;
  private readonly batchSize: number;
  private readonly resolver: Resolver;
  private running?: Promise<SyncReport>;

  constructor(options: ReplicatorOptions) {
    this.options = options;
    this.batchSize = options.batchSize ?? BATCH_SIZE;
    this.resolver = (remote, local) => resolveRemote(remote, local, options.mergeOptions);
  }

  /** Pull, then push. A call while a sync runs joins that sync instead of starting a second one. */
  sync(signal?: AbortSignal): Promise<SyncReport> {
    this.running ??= (async () => {
      try {
        const report: SyncReport = { pulled: 0, pushed: 0, merged: 0, unreadable: 0 };
        const client = this.options.client.withSignal(signal);
        await this.pull(client, report);
        await this.push(client, report);
        return report;
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  private progress(phase: Progress['phase'], done: number, total: number): void {
    this.options.onProgress?.({ phase, done, total: Math.max(done, total) });
  }

  private async encode(version: Version, rev: string | undefined): Promise<KithDoc> {
    const id = await docId(this.options.keys, version.type, version.id);
    const blob = await encrypt(this.options.keys, id, withoutDerived(version));
    return { _id: id, ...(rev ? { _rev: rev } : {}), kith: DOC_FORMAT, ...blob };
  }

  /** The record in a server document, or undefined when it does not open with our keys. */
  private async decode(doc: CouchDoc): Promise<RemoteVersion | undefined> {
    if (!isKithDoc(doc) || !doc._rev) return undefined;
    let version: Version;
    try {
      version = (await decrypt(this.options.keys, doc._id, doc)) as Version;
    } catch {
      return undefined;
    }
    if (!version || !isRecordType(version.type) || typeof version.id !== 'string' || typeof version.updatedAt !== 'number') return undefined;
    if (version.restoredAt !== undefined && typeof version.restoredAt !== 'number') return undefined;
    // The id must be the one this record would have: a document copied under another id is refused.
    if ((await docId(this.options.keys, version.type, version.id)) !== doc._id) return undefined;
    return { rev: doc._rev, version };
  }

  private async decodeChanges(changes: Change[], report: SyncReport): Promise<RemoteVersion[]> {
    const wanted = changes.filter((c) => c.id !== META_DOC_ID && !c.id.startsWith('_design/') && !c.deleted && c.doc);
    const decoded = await Promise.all(wanted.map((c) => this.decode(c.doc!)));
    const out: RemoteVersion[] = [];
    for (const d of decoded) {
      if (d) out.push(d);
      else report.unreadable++;
    }
    return out;
  }

  async pull(client: CouchClient, report: SyncReport): Promise<void> {
    const { store, meta, deviceId } = this.options;
    const checkpoint = await store.getCheckpoint();
    // A checkpoint from another database (the user pointed Kith elsewhere) means nothing here.
    let since: string | number = checkpoint?.syncId === meta.syncId ? checkpoint.seq : 0;
    const info = await client.info();
    let total = Math.max(0, seqNumber(info.update_seq) - seqNumber(since));
    let done = 0;
    this.progress('pull', 0, total);
    for (;;) {
      const page = await client.changes(since, this.batchSize);
      if (page.pending !== undefined) total = done + page.results.length + page.pending;
      const remotes = await this.decodeChanges(page.results, report);
      report.pulled += await store.applyRemote(remotes, this.resolver, { syncId: meta.syncId, seq: page.last_seq });
      done += page.results.length;
      since = page.last_seq;
      this.progress('pull', done, total);
      if (page.results.length === 0) break;
      // The server's copy of the checkpoint, as CouchDB replicators keep one on both sides; the local
      // one, stored with the batch, is the one a resumed pull starts from.
      await client.putLocal(`kith-${deviceId}`, { syncId: meta.syncId, seq: since, at: Date.now() });
      if (page.results.length < this.batchSize || page.pending === 0) break;
    }
  }

  async push(client: CouchClient, report: SyncReport): Promise<void> {
    const { store } = this.options;
    const total = await store.countDirty();
    let done = 0;
    if (total) this.progress('push', 0, total);
    // The next batch is read and encrypted while the current one is on its way to the server.
    const prepare = async (after: RecordKey | undefined) => {
      const batch = await store.listDirty({ limit: this.batchSize, after });
      return { batch, docs: await this.encodeAll(batch) };
    };
    let next = prepare(undefined);
    try {
      for (;;) {
        const { batch, docs } = await next;
        if (!batch.length) break;
        next = prepare(batch[batch.length - 1].key);
        await this.pushBatch(client, batch, docs, report);
        done += batch.length;
        this.progress('push', done, total);
      }
    } finally {
      // A push that failed leaves the batch it prepared unused; its failure, if any, is not news.
      next.catch(() => {});
    }
  }

  /** The documents for these records; undefined for one never sent that is now deleted (nothing to send). */
  private encodeAll(batch: DirtyRecord[]): Promise<(KithDoc | undefined)[]> {
    return Promise.all(batch.map((d) => (d.current.deleted && !d.rev ? undefined : this.encode(d.current, d.rev))));
  }

  private async pushBatch(client: CouchClient, batch: DirtyRecord[], encoded: (KithDoc | undefined)[], report: SyncReport): Promise<void> {
    const { store } = this.options;
    let pending = batch;
    for (let round = 0; pending.length; round++) {
      if (round === CONFLICT_ROUNDS) throw new SyncError('conflict', `${pending.length} records kept changing on the server`);
      const all = round === 0 ? encoded : await this.encodeAll(pending);
      // Created and deleted here before it ever synced: no other device can have it.
      const neverSent = pending.filter((_d, i) => !all[i]);
      if (neverSent.length) await store.dropDirty(neverSent.map((d) => ({ key: d.key, seq: d.seq })));
      const send = pending.filter((_d, i) => all[i]);
      const docs = all.filter((d): d is KithDoc => !!d);
      if (!send.length) return;
      const results = await client.bulkDocs(docs);
      const byId = new Map(results.map((r) => [r.id, r]));
      const synced: { key: RecordKey; seq: number; rev: string; version: Version }[] = [];
      const conflicted: { key: RecordKey; docId: string }[] = [];
      send.forEach((d, i) => {
        const r = byId.get(docs[i]._id);
        if (r && 'ok' in r && r.ok) synced.push({ key: d.key, seq: d.seq, rev: r.rev, version: withoutDerived(d.current) });
        else if (r && 'error' in r && r.error === 'conflict') conflicted.push({ key: d.key, docId: docs[i]._id });
        else if (r && 'error' in r && (r.error === 'forbidden' || r.error === 'unauthorized')) throw new SyncError('forbidden', r.reason ?? r.error);
        else throw new SyncError('server-error', `_bulk_docs: ${r && 'error' in r ? r.error : 'no answer'} for a document`);
      });
      await store.markSynced(synced);
      report.pushed += synced.length;
      if (!conflicted.length) return;
      // Another device saved these first: take the server's versions in, merged with ours, and retry.
      const current = await client.getDocs(conflicted.map((c) => c.docId));
      const remotes = (await Promise.all(current.map((doc) => this.decode(doc)))).filter((r): r is RemoteVersion => !!r);
      report.merged += await store.applyRemote(remotes, this.resolver);
      pending = await store.listDirty({ limit: conflicted.length, keys: conflicted.map((c) => c.key) });
    }
  }
}

