/**
 * The LocalStore over Kith's own IndexedDB (utils/db, schema v6). Records stay where they are, once,
 * in Kith's record stores; sync keeps only small bookkeeping beside them:
 *
 *   syncOutbox  key 'type:id' -> OutboxEntry   records changed here since they last synced, with the
 *                                              server version the change started from (the merge base)
 *   syncRevs    key 'type:id' -> RevEntry      the server's _rev of every synced record (~70 bytes each)
 *   syncState   key string    -> unknown       'checkpoint' (Checkpoint), 'device' (while connected),
 *                                              'settings:person', and what the background keeps for the
 *                                              connection (its CryptoKeys are non-extractable and
 *                                              survive a structured clone into IndexedDB)
 *
 * Every local write (utils/db/outbox.ts: the background's writes, imports, delete-all) calls markDirty
 * in its own transaction, so a change and its outbox entry are stored together or not at all.
 */
import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { SYNC_STORES, type KithSchema } from '../db/schema';
import { tombstone, type RecordType, type Version } from './records';
import { recordKey, type Checkpoint, type DirtyRecord, type LocalState, type LocalStore, type RecordKey, type RemoteVersion, type Resolver } from './store';

export interface OutboxEntry {
  key: RecordKey;
  type: RecordType;
  id: string;
  /** Bumped by each local edit: a push clears the entry only if no edit came while it was on the way. */
  seq: number;
  /** The record as it was before the first unsynced edit: the server's version when it had one. */
  base?: Version;
  /** Set when the change is a delete: the record is gone from its store, and this is its tombstone. */
  deletedAt?: number;
  /** Set when the record was brought back from a delete (Undo) since it last synced: the restore's time. */
  restoredAt?: number;
}

export interface RevEntry {
  key: RecordKey;
  rev: string;
  /** The server holds a tombstone for this record. */
  deleted?: true;
  /** The tombstone's time (absent in entries stored before restores existed: then 0, older than any restore). */
  deletedAt?: number;
  /** The server's version is a restore, made at this time (records.ts, Version.restoredAt). */
  restoredAt?: number;
}

/** What syncRevs keeps of the server's `version` at `rev`. */
function revEntry(key: RecordKey, rev: string, version: Version): RevEntry {
  if (version.deleted) return { key, rev, deleted: true, deletedAt: version.updatedAt };
  return { key, rev, ...(version.restoredAt !== undefined ? { restoredAt: version.restoredAt } : {}) };
}


/** The object stores records of a type live in (the person's settings: in syncState, out of line). */
export type RecordStoreName = 'people' | 'encounters' | 'events' | 'photos' | 'drillCards' | 'drillReviews' | 'voiceNotes' | 'syncState';

/** Where each record type lives: its object store, and the field holding its id there. */
export const RECORD_STORES: Record<RecordType, { store: RecordStoreName; idField: string }> = {
  person: { store: 'people', idField: 'id' },
  encounter: { store: 'encounters', idField: 'id' },
  event: { store: 'events', idField: 'id' },
  photo: { store: 'photos', idField: 'personId' },
  card: { store: 'drillCards', idField: 'personId' },
  review: { store: 'drillReviews', idField: 'id' },
  voice: { store: 'voiceNotes', idField: 'personId' },
  // The person's settings live in extension storage; the background mirrors them into syncState.
  settings: { store: 'syncState', idField: 'settings:<id>, out of line' },
};

/** The record types kept in a record store of their own (not the settings). */
const STORED_TYPES = ['person', 'encounter', 'event', 'photo', 'card', 'review', 'voice'] as const satisfies RecordType[];

type Db = IDBPDatabase<KithSchema>;
/** A transaction over every store a sync batch touches. */
export type ApplyTx = IDBPTransaction<KithSchema, StoreNames<KithSchema>[], 'readwrite'>;
/** Any write transaction that includes the outbox. */
type OutboxTx = IDBPTransaction<KithSchema, ArrayLike<StoreNames<KithSchema>>, 'readwrite'>;
type AnyValue = Record<string, unknown>;

function recordStore(type: RecordType): RecordStoreName {
  return RECORD_STORES[type].store;
}

function recordId(type: RecordType, id: string): string {
  return type === 'settings' ? `settings:${id}` : id;
}

/** The stored record of a type by id, from whichever store holds it (typed loosely: records of any type). */
function getRecord(tx: ApplyTx, type: RecordType, id: string): Promise<AnyValue | undefined> {
  return tx.objectStore(recordStore(type)).get(recordId(type, id)) as Promise<AnyValue | undefined>;
}

/** What a local write is: a delete (its time), a restore of a deleted record (its time), or an edit. */
export interface LocalChange {
  deletedAt?: number;
  restoredAt?: number;
}

/**
 * The outbox entry after one more local edit: the seq bumped, the base kept from the first unsynced
 * edit (or taken from `before`, the record as it was: the server's version when it had one). A restore
 * replaces a tombstone still waiting here; an edit after a restore not yet sent keeps the restore.
 */
export function nextOutboxEntry(existing: OutboxEntry | undefined, type: RecordType, id: string, before: AnyValue | undefined, options: { deviceId: string } & LocalChange): OutboxEntry {
  const base = existing ? existing.base : before ? { type, id, updatedAt: Number(before.updatedAt) || 0, deviceId: options.deviceId, value: before } : undefined;
  const entry: OutboxEntry = { key: recordKey(type, id), type, id, seq: (existing?.seq ?? 0) + 1 };
  if (base) entry.base = base;
  const restoredAt = options.restoredAt ?? (existing?.deletedAt === undefined ? existing?.restoredAt : undefined);
  if (options.deletedAt !== undefined) entry.deletedAt = options.deletedAt;
  else if (restoredAt !== undefined) entry.restoredAt = restoredAt;
  return entry;
}

/**
 * Marks a record changed here, inside the caller's write transaction (which must include
 * 'syncOutbox'). `before` is the record as it was before this write (undefined for a new one).
 */
export async function markDirty(tx: OutboxTx, type: RecordType, id: string, before: AnyValue | undefined, options: { deviceId: string } & LocalChange): Promise<void> {
  const outbox = tx.objectStore('syncOutbox');
  const existing = await outbox.get(recordKey(type, id));
  await outbox.put(nextOutboxEntry(existing, type, id, before, options));
}

/**
 * On connecting: every record already here is to be sent (the server has none of them yet), one
 * transaction per record store. Records already in the outbox keep their entry.
 */
export async function markAllDirty(db: Db, types: readonly RecordType[] = STORED_TYPES): Promise<number> {
  let count = 0;
  for (const type of types) {
    const tx = db.transaction([recordStore(type), 'syncOutbox'], 'readwrite');
    const outbox = tx.objectStore('syncOutbox');
    const [ids, existing] = await Promise.all([tx.objectStore(recordStore(type)).getAllKeys(), outbox.getAllKeys()]);
    const queued = new Set(existing);
    const writes: Promise<unknown>[] = [];
    for (const id of ids as string[]) {
      const key = recordKey(type, id);
      if (!queued.has(key)) writes.push(outbox.put({ key, type, id, seq: 1 } satisfies OutboxEntry));
    }
    await Promise.all([...writes, tx.done]);
    count += writes.length;
  }
  return count;
}

/** A received version as stored here, and the record as it was before (undefined: it was not here). */
export interface AppliedRecord {
  version: Version;
  previous?: Record<string, unknown>;
}

export interface IdbSyncStoreOptions {
  deviceId: string;
  /**
   * Fills in what the device derives for itself before a received record is stored. Runs inside the
   * apply transaction: only requests on `tx`, no other awaits.
   */
  prepare?: (tx: ApplyTx, version: Version) => Promise<AnyValue>;
  /**
   * After a batch's records are written, still inside its transaction: what depends on them (a
   * person's search words depend on their encounters and events). `written` are the versions stored
   * here (tombstones included), each with the record it replaced.
   */
  applied?: (tx: ApplyTx, written: AppliedRecord[]) => Promise<void>;
}

export class IdbSyncStore implements LocalStore {
  constructor(
    private readonly db: Db,
    private readonly options: IdbSyncStoreOptions,
  ) {}

  private stores(): StoreNames<KithSchema>[] {
    return [...new Set<StoreNames<KithSchema>>([...Object.values(RECORD_STORES).map((r) => r.store), ...SYNC_STORES])];
  }

  private version(type: RecordType, id: string, value: AnyValue | undefined, outbox?: OutboxEntry, rev?: RevEntry): Version | undefined {
    if (outbox?.deletedAt !== undefined) return tombstone(type, id, outbox.deletedAt, this.options.deviceId);
    if (value) {
      // A restore stays with the record: the one waiting to be sent, else the one the server has.
      const restoredAt = outbox?.restoredAt ?? rev?.restoredAt;
      return { type, id, updatedAt: Number(value.updatedAt) || 0, deviceId: this.options.deviceId, value, ...(restoredAt !== undefined ? { restoredAt } : {}) };
    }
    if (rev?.deleted) return tombstone(type, id, rev.deletedAt ?? 0, this.options.deviceId);
    return undefined;
  }

  async listDirty(options: { limit: number; after?: RecordKey; keys?: RecordKey[] }): Promise<DirtyRecord[]> {
    const tx = this.db.transaction(this.stores(), 'readonly') as unknown as ApplyTx;
    const outbox = tx.objectStore('syncOutbox');
    const entries: OutboxEntry[] = options.keys
      ? (await Promise.all(options.keys.map((k) => outbox.get(k)))).filter((e): e is OutboxEntry => !!e)
      : await outbox.getAll(options.after === undefined ? undefined : IDBKeyRange.lowerBound(options.after, true), options.limit);
    const out = await Promise.all(
      entries.map(async (e) => {
        const [value, rev] = await Promise.all([getRecord(tx, e.type, e.id), tx.objectStore('syncRevs').get(e.key)]);
        const current = this.version(e.type, e.id, value, e, rev);
        const dirty: DirtyRecord | undefined = current && { key: e.key, seq: e.seq, current, base: e.base, rev: rev?.rev };
        return dirty;
      }),
    );
    await tx.done;
    return out.filter((d): d is DirtyRecord => !!d);
  }

  async countDirty(): Promise<number> {
    return this.db.count('syncOutbox');
  }

  async applyRemote(batch: RemoteVersion[], resolve: Resolver, checkpoint?: Checkpoint): Promise<number> {
    const tx = this.db.transaction(this.stores(), 'readwrite');
    const outbox = tx.objectStore('syncOutbox');
    const revs = tx.objectStore('syncRevs');
    // Read everything the batch touches at once, then decide (synchronously), then write.
    const states = await Promise.all(
      batch.map(async (remote) => {
        const { type, id } = remote.version;
        const key = recordKey(type, id);
        const [value, entry, rev] = await Promise.all([getRecord(tx, type, id), outbox.get(key), revs.get(key)]);
        const local: LocalState = { current: this.version(type, id, value, entry, rev), rev: rev?.rev, dirty: entry && { seq: entry.seq, base: entry.base } };
        return { remote, key, entry, value, resolution: resolve(remote, local) };
      }),
    );
    let count = 0;
    const written: AppliedRecord[] = [];
    const writes: Promise<unknown>[] = [];
    for (const { remote, key, entry, value: previous, resolution } of states) {
      if (!resolution) continue;
      count++;
      const { type, id } = remote.version;
      const current = resolution.current;
      if (current?.deleted) {
        writes.push(tx.objectStore(recordStore(type)).delete(recordId(type, id)));
      } else if (current?.value) {
        const value = this.options.prepare ? await this.options.prepare(tx, current) : current.value;
        // syncState keys its entries out of line; the record stores key them by their own id field.
        if (type === 'settings') writes.push(tx.objectStore('syncState').put(value, recordId(type, id)));
        else writes.push((tx.objectStore(recordStore(type)) as unknown as { put(v: AnyValue): Promise<unknown> }).put(value));
      }
      if (current) written.push({ version: current, ...(previous ? { previous } : {}) });
      writes.push(revs.put(revEntry(key, resolution.rev, remote.version)));
      if (resolution.dirty) {
        const change: LocalChange = current?.deleted ? { deletedAt: current.updatedAt } : current?.restoredAt !== undefined ? { restoredAt: current.restoredAt } : {};
        writes.push(outbox.put({ key, type, id, seq: entry?.seq ?? 1, base: resolution.dirty.base, ...change } satisfies OutboxEntry));
      } else if (entry) {
        writes.push(outbox.delete(key));
      }
    }
    if (this.options.applied && written.length) await this.options.applied(tx, written);
    if (checkpoint) writes.push(tx.objectStore('syncState').put(checkpoint, 'checkpoint'));
    await Promise.all(writes);
    await tx.done;
    return count;
  }

  async markSynced(items: { key: RecordKey; seq: number; rev: string; version: Version }[]): Promise<void> {
    const tx = this.db.transaction(['syncOutbox', 'syncRevs'], 'readwrite');
    const outbox = tx.objectStore('syncOutbox');
    await Promise.all(
      items.map(async (item) => {
        await tx.objectStore('syncRevs').put(revEntry(item.key, item.rev, item.version));
        const entry = await outbox.get(item.key);
        if (entry?.seq === item.seq) await outbox.delete(item.key);
        else if (entry) await outbox.put({ ...entry, base: item.version });
      }),
    );
    await tx.done;
  }

  async dropDirty(items: { key: RecordKey; seq: number }[]): Promise<void> {
    const tx = this.db.transaction(['syncOutbox', 'syncRevs'], 'readwrite');
    await Promise.all(
      items.map(async (item) => {
        const [entry, rev] = await Promise.all([tx.objectStore('syncOutbox').get(item.key), tx.objectStore('syncRevs').get(item.key)]);
        if (entry?.seq === item.seq && !rev) await tx.objectStore('syncOutbox').delete(item.key);
      }),
    );
    await tx.done;
  }

  async getCheckpoint(): Promise<Checkpoint | undefined> {
    return (await this.db.get('syncState', 'checkpoint')) as Checkpoint | undefined;
  }
}
