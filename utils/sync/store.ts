/**
 * What the replicator needs from the device's own store. Two implementations: MemoryStore (below, for
 * tests and the benchmark) and IdbSyncStore (idb-store.ts, over Kith's IndexedDB).
 *
 * Every record is in one of three states: never synced (no rev), in step with the server (a rev, not
 * dirty), or changed here since (dirty: an outbox entry with a seq and the base it started from).
 */
import type { RecordType, Version } from './records';

/** A record's key in the store's own bookkeeping: 'person:<id>'. */
export type RecordKey = string;

export function recordKey(type: RecordType, id: string): RecordKey {
  return `${type}:${id}`;
}

export interface DirtyRecord {
  key: RecordKey;
  /** Bumped by every local edit; markSynced clears the dirty mark only if no edit came in between. */
  seq: number;
  /** The record as it is here now, or its tombstone. */
  current: Version;
  /** The server's version this edit started from; undefined for a record created here. */
  base?: Version;
  /** The server's revision of `base`; undefined when the server has never had the record. */
  rev?: string;
}

/** What the store knows of one record, read inside applyRemote's transaction. */
export interface LocalState {
  current?: Version;
  rev?: string;
  /** Present when the record changed here since it last synced. */
  dirty?: { seq: number; base?: Version };
}

/** A record as the server has it now, decrypted. */
export interface RemoteVersion {
  rev: string;
  version: Version;
}

/** What becomes of one record: the resolver's answer, which the store writes as it says. */
export interface Resolution {
  /** The record to keep here (a tombstone deletes it here); undefined leaves it as it is. */
  current?: Version;
  rev: string;
  /** Still changed here against the server's `base` (a merge the server does not have yet), or in step. */
  dirty: { base: Version } | null;
}

/** Pure and synchronous, so the store can call it inside one transaction with nothing awaited between. */
export type Resolver = (remote: RemoteVersion, local: LocalState) => Resolution | undefined;

/** How far this device has read the server's changes feed, for the database named by `syncId`. */
export interface Checkpoint {
  syncId: string;
  seq: string | number;
}

export interface LocalStore {
  /** Dirty records in key order, after `after` (a cursor through one push); or exactly `keys`. */
  listDirty(options: { limit: number; after?: RecordKey; keys?: RecordKey[] }): Promise<DirtyRecord[]>;
  /** How many records are dirty (for progress). */
  countDirty(): Promise<number>;
  /**
   * In one transaction: resolve each remote version against the local state and write what the
   * resolver says, then (when given) the checkpoint. All of it or none of it is stored. Returns how
   * many records it wrote (our own pushes coming back are not written again).
   */
  applyRemote(batch: RemoteVersion[], resolve: Resolver, checkpoint?: Checkpoint): Promise<number>;
  /**
   * After a push: the server now has `version` at `rev`. Records the rev and base, and clears the
   * dirty mark where the record's seq is still `seq`.
   */
  markSynced(items: { key: RecordKey; seq: number; rev: string; version: Version }[]): Promise<void>;
  /** Forgets a dirty record the server never had (created and deleted here before it synced). */
  dropDirty(items: { key: RecordKey; seq: number }[]): Promise<void>;
  getCheckpoint(): Promise<Checkpoint | undefined>;
}
