/**
 * The LocalStore over Kith's own IndexedDB (not wired into the background yet; the schema's v6 step,
 * utils/db/migrations.ts, makes the three stores below). Records stay where they are, once, in Kith's
 * record stores; sync keeps only small bookkeeping beside them:
 *
 *   syncOutbox  key 'type:id' -> OutboxEntry   records changed here since they last synced, with the
 *                                              server version the change started from (the merge base)
 *   syncRevs    key 'type:id' -> RevEntry      the server's _rev of every synced record (~70 bytes each)
 *   syncState   key string    -> unknown       'checkpoint' (Checkpoint), and what the background keeps
 *                                              for the connection (its CryptoKeys are non-extractable
 *                                              and survive a structured clone into IndexedDB)
 *
 * Every local write (the background's writes, imports, delete-all) calls markDirty in its own
 * transaction, so a change and its outbox entry are stored together or not at all.
 */
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import { SYNC_STORES } from '../db/schema';
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
}

export interface RevEntry {
  key: RecordKey;
  rev: string;
  /** The server holds a tombstone for this record. */
  deleted?: true;
}


/** Where each record type lives: its object store, and the field holding its id there. */
export const RECORD_STORES: Record<RecordType, { store: string; idField: string }> = {
  person: { store: 'people', idField: 'id' },
  encounter: { store: 'encounters', idField: 'id' },
  event: { store: 'events', idField: 'id' },
  photo: { store: 'photos', idField: 'personId' },
  // The person's settings live in extension storage; the background mirrors them into syncState.
  settings: { store: 'syncState', idField: 'settings:<id>, out of line' },
};

/* eslint-disable @typescript-eslint/no-explicit-any -- KithSchema has these stores since v6, but the
   store is not typed by it yet: it works on any database of the same shape (its tests open their own). */
type Db = IDBPDatabase<any>;
type Tx = IDBPTransaction<any, string[], 'readwrite' | 'readonly'>;
/* eslint-enable @typescript-eslint/no-explicit-any */

function recordStore(type: RecordType): string {
  return RECORD_STORES[type].store;
}

function recordId(type: RecordType, id: string): IDBValidKey {
  return type === 'settings' ? `settings:${id}` : id;
}

/**
 * Marks a record changed here, inside the caller's write transaction (which must include
 * 'syncOutbox'). `before` is the record as it was before this write (undefined for a new one).
 */
export async function markDirty(tx: IDBPTransaction<any, string[], 'readwrite'>, type: RecordType, id: string, before: Record<string, unknown> | undefined, options: { deviceId: string; deletedAt?: number }): Promise<void> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const outbox = tx.objectStore('syncOutbox');
  const key = recordKey(type, id);
  const existing = (await outbox.get(key)) as OutboxEntry | undefined;
  const base = existing ? existing.base : before ? { type, id, updatedAt: Number(before.updatedAt) || 0, deviceId: options.deviceId, value: before } : undefined;
  const entry: OutboxEntry = { key, type, id, seq: (existing?.seq ?? 0) + 1, base };
  if (options.deletedAt !== undefined) entry.deletedAt = options.deletedAt;
  await outbox.put(entry);
}

/**
 * On connecting: every record already here is to be sent (the server has none of them yet), one
 * transaction per record store. Records already in the outbox keep their entry.
 */
export async function markAllDirty(db: Db, types: RecordType[] = ['person', 'encounter', 'event', 'photo']): Promise<number> {
  let count = 0;
  for (const type of types) {
    const tx = db.transaction([recordStore(type), 'syncOutbox'], 'readwrite');
    const outbox = tx.objectStore('syncOutbox');
    const ids = (await tx.objectStore(recordStore(type)).getAllKeys()) as string[];
    const existing = new Set((await outbox.getAllKeys()) as string[]);
    const writes: Promise<unknown>[] = [];
    for (const id of ids) {
      const key = recordKey(type, id);
      if (!existing.has(key)) writes.push(outbox.put({ key, type, id, seq: 1 } satisfies OutboxEntry));
    }
    await Promise.all(writes);
    await tx.done;
    count += writes.length;
  }
  return count;
}

export interface IdbSyncStoreOptions {
  deviceId: string;
  /**
   * Fills in what the device derives for itself (a person's search terms and sort name) before a
   * received record is stored. Runs inside the apply transaction: only requests on `tx`, no other awaits.
   */
  prepare?: (tx: Tx, version: Version) => Promise<Record<string, unknown>>;
}

export class IdbSyncStore implements LocalStore {
  constructor(private readonly db: Db, private readonly options: IdbSyncStoreOptions) {}

  private stores(): string[] {
    return [...new Set([...Object.values(RECORD_STORES).map((r) => r.store), ...SYNC_STORES])];
  }

  private version(type: RecordType, id: string, value: Record<string, unknown> | undefined, outbox?: OutboxEntry, rev?: RevEntry): Version | undefined {
    if (outbox?.deletedAt !== undefined) return tombstone(type, id, outbox.deletedAt, this.options.deviceId);
    if (value) return { type, id, updatedAt: Number(value.updatedAt) || 0, deviceId: this.options.deviceId, value };
    if (rev?.deleted) return tombstone(type, id, 0, this.options.deviceId);
    return undefined;
  }

  async listDirty(options: { limit: number; after?: RecordKey; keys?: RecordKey[] }): Promise<DirtyRecord[]> {
    const tx = this.db.transaction(this.stores(), 'readonly');
    const outbox = tx.objectStore('syncOutbox');
    const entries: OutboxEntry[] = options.keys
      ? ((await Promise.all(options.keys.map((k) => outbox.get(k)))) as (OutboxEntry | undefined)[]).filter((e): e is OutboxEntry => !!e)
      : ((await outbox.getAll(options.after === undefined ? undefined : IDBKeyRange.lowerBound(options.after, true), options.limit)) as OutboxEntry[]);
    const out = await Promise.all(
      entries.map(async (e) => {
        const [value, rev] = await Promise.all([tx.objectStore(recordStore(e.type)).get(recordId(e.type, e.id)), tx.objectStore('syncRevs').get(e.key)]);
        const current = this.version(e.type, e.id, value, e, rev);
        const dirty: DirtyRecord | undefined = current && { key: e.key, seq: e.seq, current, base: e.base, rev: (rev as RevEntry | undefined)?.rev };
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
        const [value, entry, rev] = (await Promise.all([tx.objectStore(recordStore(type)).get(recordId(type, id)), outbox.get(key), revs.get(key)])) as [Record<string, unknown> | undefined, OutboxEntry | undefined, RevEntry | undefined];
        const local: LocalState = { current: this.version(type, id, value, entry, rev), rev: rev?.rev, dirty: entry && { seq: entry.seq, base: entry.base } };
        return { remote, key, entry, resolution: resolve(remote, local) };
      }),
    );
    let written = 0;
    const writes: Promise<unknown>[] = [];
    for (const { remote, key, entry, resolution } of states) {
      if (!resolution) continue;
      written++;
      const { type, id } = remote.version;
      const current = resolution.current;
      if (current?.deleted) {
        writes.push(tx.objectStore(recordStore(type)).delete(recordId(type, id)));
      } else if (current?.value) {
        const value = this.options.prepare ? await this.options.prepare(tx, current) : current.value;
        // syncState keys its entries out of line; the record stores key them by their own id field.
        writes.push(type === 'settings' ? tx.objectStore('syncState').put(value, recordId(type, id)) : tx.objectStore(recordStore(type)).put(value));
      }
      writes.push(revs.put({ key, rev: resolution.rev, ...(remote.version.deleted ? { deleted: true } : {}) } satisfies RevEntry));
      if (resolution.dirty) {
        writes.push(outbox.put({ key, type, id, seq: entry?.seq ?? 1, base: resolution.dirty.base, ...(current?.deleted ? { deletedAt: current.updatedAt } : {}) } satisfies OutboxEntry));
      } else if (entry) {
        writes.push(outbox.delete(key));
      }
    }
    if (checkpoint) writes.push(tx.objectStore('syncState').put(checkpoint, 'checkpoint'));
    await Promise.all(writes);
    await tx.done;
    return written;
  }

  async markSynced(items: { key: RecordKey; seq: number; rev: string; version: Version }[]): Promise<void> {
    const tx = this.db.transaction(['syncOutbox', 'syncRevs'], 'readwrite');
    const outbox = tx.objectStore('syncOutbox');
    await Promise.all(
      items.map(async (item) => {
        await tx.objectStore('syncRevs').put({ key: item.key, rev: item.rev, ...(item.version.deleted ? { deleted: true } : {}) } satisfies RevEntry);
        const entry = (await outbox.get(item.key)) as OutboxEntry | undefined;
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
        if ((entry as OutboxEntry | undefined)?.seq === item.seq && !rev) await tx.objectStore('syncOutbox').delete(item.key);
      }),
    );
    await tx.done;
  }

  async getCheckpoint(): Promise<Checkpoint | undefined> {
    return (await this.db.get('syncState', 'checkpoint')) as Checkpoint | undefined;
  }
}
