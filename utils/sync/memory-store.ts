/**
 * A LocalStore in memory: the model the IndexedDB store follows, used by the tests and the benchmark.
 * Edits go through put() and remove(), as the background's writes would.
 */
import { recordKey, type Checkpoint, type DirtyRecord, type LocalState, type LocalStore, type RecordKey, type RemoteVersion, type Resolver } from './store';
import { tombstone, type RecordType, type Version } from './records';

interface Entry {
  current?: Version;
  rev?: string;
  dirty?: { seq: number; base?: Version };
}

export class MemoryStore implements LocalStore {
  private readonly entries = new Map<RecordKey, Entry>();
  private checkpoint?: Checkpoint;
  /** The keys in order, kept until a key is added or removed (an IndexedDB cursor gives this for free). */
  private sortedKeys?: RecordKey[];
  private seq = 0;
  /** Set by a test to make the next applyRemote fail before it stores anything (a closing browser). */
  failNextApply?: Error;

  constructor(readonly deviceId: string) {}

  /**
   * A local edit: the record is stored and marked dirty, keeping the base of its first unsynced edit.
   * A record restored once stays restored (records.ts, Version.restoredAt).
   */
  put(type: RecordType, id: string, value: Record<string, unknown>, updatedAt = Date.now()): void {
    const current = this.entries.get(recordKey(type, id))?.current;
    const restoredAt = current && !current.deleted ? current.restoredAt : undefined;
    this.edit(type, id, { type, id, updatedAt, deviceId: this.deviceId, value: structuredClone(value), ...(restoredAt !== undefined ? { restoredAt } : {}) });
  }

  /** An Undo of a delete at `at`: the record is back as `value`, as a restore that wins over its tombstone. */
  restore(type: RecordType, id: string, value: Record<string, unknown>, at = Date.now()): void {
    this.edit(type, id, { type, id, updatedAt: Number(value.updatedAt) || at, deviceId: this.deviceId, value: structuredClone(value), restoredAt: at });
  }

  /** A local delete: the record goes, and its tombstone waits in the outbox. */
  remove(type: RecordType, id: string, at = Date.now()): void {
    this.edit(type, id, tombstone(type, id, at, this.deviceId));
  }

  private edit(type: RecordType, id: string, version: Version): void {
    const key = recordKey(type, id);
    const e = this.entries.get(key) ?? {};
    const base = e.dirty ? e.dirty.base : e.rev ? e.current : undefined;
    if (!this.entries.has(key)) this.sortedKeys = undefined;
    this.entries.set(key, { current: version, rev: e.rev, dirty: { seq: ++this.seq, base } });
  }

  get(type: RecordType, id: string): Record<string, unknown> | undefined {
    const v = this.entries.get(recordKey(type, id))?.current;
    return v && !v.deleted ? structuredClone(v.value) : undefined;
  }

  /** Every live record, by key: what a user would see. */
  snapshot(): Record<RecordKey, Record<string, unknown>> {
    const out: Record<RecordKey, Record<string, unknown>> = {};
    for (const key of [...this.entries.keys()].sort()) {
      const v = this.entries.get(key)!.current;
      if (v && !v.deleted) out[key] = v.value!;
    }
    return out;
  }

  async listDirty(options: { limit: number; after?: RecordKey; keys?: RecordKey[] }): Promise<DirtyRecord[]> {
    const sorted = (this.sortedKeys ??= [...this.entries.keys()].sort());
    let start = 0;
    if (options.after !== undefined) {
      let hi = sorted.length;
      while (start < hi) {
        const mid = (start + hi) >>> 1;
        if (sorted[mid] <= options.after) start = mid + 1;
        else hi = mid;
      }
    }
    const keys = options.keys ?? sorted.slice(start);
    const out: DirtyRecord[] = [];
    for (const key of keys) {
      const e = this.entries.get(key);
      if (!e?.dirty || !e.current) continue;
      out.push(structuredClone({ key, seq: e.dirty.seq, current: e.current, base: e.dirty.base, rev: e.rev }));
      if (out.length >= options.limit) break;
    }
    return out;
  }

  async countDirty(): Promise<number> {
    let n = 0;
    for (const e of this.entries.values()) if (e.dirty) n++;
    return n;
  }

  async applyRemote(batch: RemoteVersion[], resolve: Resolver, checkpoint?: Checkpoint): Promise<number> {
    if (this.failNextApply) {
      const e = this.failNextApply;
      this.failNextApply = undefined;
      throw e;
    }
    // Resolve everything first and write after, so a throwing resolver leaves the store as it was.
    const writes: [RecordKey, Entry][] = [];
    for (const remote of batch) {
      const key = recordKey(remote.version.type, remote.version.id);
      const e = this.entries.get(key) ?? {};
      const local: LocalState = structuredClone({ current: e.current, rev: e.rev, dirty: e.dirty });
      const r = resolve(structuredClone(remote), local);
      if (!r) continue;
      writes.push([key, { current: r.current ?? e.current, rev: r.rev, dirty: r.dirty ? { seq: e.dirty?.seq ?? ++this.seq, base: r.dirty.base } : undefined }]);
    }
    for (const [key, entry] of writes) {
      if (!this.entries.has(key)) this.sortedKeys = undefined;
      this.entries.set(key, structuredClone(entry));
    }
    if (checkpoint) this.checkpoint = { ...checkpoint };
    return writes.length;
  }

  async markSynced(items: { key: RecordKey; seq: number; rev: string; version: Version }[]): Promise<void> {
    for (const item of items) {
      const e = this.entries.get(item.key);
      if (!e) continue;
      e.rev = item.rev;
      if (e.dirty?.seq === item.seq) e.dirty = undefined;
      else if (e.dirty) e.dirty.base = structuredClone(item.version);
    }
  }

  async dropDirty(items: { key: RecordKey; seq: number }[]): Promise<void> {
    for (const item of items) {
      const e = this.entries.get(item.key);
      if (e?.dirty?.seq === item.seq && !e.rev) {
        this.entries.delete(item.key);
        this.sortedKeys = undefined;
      }
    }
  }

  async getCheckpoint(): Promise<Checkpoint | undefined> {
    return this.checkpoint && { ...this.checkpoint };
  }
}
