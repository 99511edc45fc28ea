/**
 * The three-way merge of two versions of one record with the version both started from (the base:
 * what the server had when this device last synced the record). Pure and deterministic:
 * merge(base, a, b) equals merge(base, b, a), so whichever device merges, every device ends with the
 * same record. Field rules come from records.ts.
 */
import { RECORD_TYPES, type FieldRule, type Version } from './records';

export interface MergeOptions {
  /**
   * The line put above the other device's text when a note was edited on both sides. Pure, so the
   * merge stays deterministic; the background can pass one in the user's language.
   */
  noteMarker?: (other: Version) => string;
}

function defaultNoteMarker(other: Version): string {
  const when = new Date(other.updatedAt).toISOString().slice(0, 16).replace('T', ' ');
  return `--- also written on another device, ${when} UTC ---`;
}

/** JSON with sorted keys and no undefined members: equal values give equal text. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) if ((v as Record<string, unknown>)[k] !== undefined) sorted[k] = (v as Record<string, unknown>)[k];
      return sorted;
    }
    return v;
  });
}

export function same(a: unknown, b: unknown): boolean {
  return a === b || canonical(a) === canonical(b);
}

/** Positive when `a` is the later version: by clock, then device id, then content (a total order). */
function compareVersions(a: Version, b: Version, clock: (v: Version) => number = (v) => v.updatedAt): number {
  const ca = clock(a);
  const cb = clock(b);
  if (ca !== cb) return ca < cb ? -1 : 1;
  if (a.deviceId !== b.deviceId) return a.deviceId < b.deviceId ? -1 : 1;
  const ta = canonical(a);
  const tb = canonical(b);
  return ta === tb ? 0 : ta < tb ? -1 : 1;
}

/**
 * Whether `alive` brings back the record `gone` deleted. A delete wins over every edit (an edit made
 * offline on a record someone deleted must not resurrect it), but not over the user's Undo of a
 * delete: a restore is a later decision about the same record, so it wins over a tombstone written
 * at or before its time, and a tombstone written after it wins in turn. Only the times decide, so
 * every device picks the same winner. (Same time: the restore, which on one device can only be the
 * Undo of that very delete.)
 */
export function restores(alive: Version, gone: Version): boolean {
  return !alive.deleted && alive.restoredAt !== undefined && alive.restoredAt >= gone.updatedAt;
}

/** The merged live version, with the later of both sides' restores (a restore stays with its record). */
function keepRestore(merged: Version, a: Version, b: Version): Version {
  const at = Math.max(a.restoredAt ?? -Infinity, b.restoredAt ?? -Infinity);
  if (at === -Infinity || merged.restoredAt === at) return merged;
  return { ...merged, restoredAt: at };
}

/**
 * Merges two versions of the same record. `base` is undefined when the record did not exist when the
 * two sides split (both created it: only records with a fixed id, like the person's settings, can).
 */
export function merge(base: Version | undefined, a: Version, b: Version, options: MergeOptions = {}): Version {
  if (a.type !== b.type || a.id !== b.id) throw new Error(`merge of different records: ${a.type}:${a.id} and ${b.type}:${b.id}`);
  // A delete wins over every edit, so a record deleted anywhere is deleted everywhere; a restore (the
  // user's Undo) wins over a delete written before it.
  if (a.deleted || b.deleted) {
    if (a.deleted && b.deleted) return compareVersions(a, b) >= 0 ? a : b;
    const [gone, alive] = a.deleted ? [a, b] : [b, a];
    return restores(alive, gone) ? alive : gone;
  }
  return keepRestore(mergeLive(base, a, b, options), a, b);
}

/** The merge of two live versions (field by field, or the later whole). */
function mergeLive(base: Version | undefined, a: Version, b: Version, options: MergeOptions): Version {
  const rules = RECORD_TYPES[a.type];
  const clock = rules.whole && rules.clock ? (v: Version) => (v.value ? rules.clock!(v.value) : v.updatedAt) : undefined;
  const aLater = compareVersions(a, b, clock) >= 0;
  const [winner, loser] = aLater ? [a, b] : [b, a];
  if (same(a.value, b.value)) return winner;
  if (base && !base.deleted) {
    if (same(base.value, a.value)) return b;
    if (same(base.value, b.value)) return a;
  }
  if (rules.whole) return winner;

  const baseValue = (base && !base.deleted ? base.value : undefined) ?? {};
  const av = a.value ?? {};
  const bv = b.value ?? {};
  const wv = winner.value ?? {};
  const lv = loser.value ?? {};
  const fields = rules.fields as Partial<Record<string, FieldRule>> | undefined;
  const value: Record<string, unknown> = {};
  // Fields in the winner's order, then the loser's, so equal inputs give equal objects.
  for (const f of new Set([...Object.keys(wv), ...Object.keys(lv)])) {
    const merged = mergeField(fields?.[f] ?? 'latest', baseValue[f], av[f], bv[f], aLater, loser, options);
    if (merged !== undefined) value[f] = merged;
  }
  return { type: a.type, id: a.id, updatedAt: Math.max(a.updatedAt, b.updatedAt), deviceId: winner.deviceId, value };
}

function mergeField(rule: FieldRule, base: unknown, a: unknown, b: unknown, aLater: boolean, loser: Version, options: MergeOptions): unknown {
  if (same(a, b)) return aLater ? a : b;
  if (same(base, a)) return b;
  if (same(base, b)) return a;
  const [w, l] = aLater ? [a, b] : [b, a];
  switch (rule) {
    case 'latest':
      return w;
    case 'max':
      return w === undefined ? l : l === undefined ? w : (l as number) > (w as number) ? l : w;
    case 'min':
      return w === undefined ? l : l === undefined ? w : (l as number) < (w as number) ? l : w;
    case 'text':
      return mergeText(w, l, loser, options);
    case 'set':
    case 'union':
      return mergeSet(rule, base, w, l);
    case 'map':
      return mergeMap(base, a, b, aLater);
  }
}

function mergeText(w: unknown, l: unknown, loser: Version, options: MergeOptions): string {
  const wt = typeof w === 'string' ? w : '';
  const lt = typeof l === 'string' ? l : '';
  // One side's text already holds the other's (an addition to it, or a side that cleared it).
  if (wt.includes(lt)) return wt;
  if (lt.includes(wt)) return lt;
  const marker = (options.noteMarker ?? defaultNoteMarker)(loser);
  return `${wt}\n\n${marker}\n${lt}`;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function mergeSet(rule: 'set' | 'union', base: unknown, w: unknown, l: unknown): string[] {
  const wl = strings(w);
  const ll = strings(l);
  const removed = new Set<string>();
  if (rule === 'set') {
    const inW = new Set(wl);
    const inL = new Set(ll);
    for (const x of strings(base)) if (!inW.has(x) || !inL.has(x)) removed.add(x);
  }
  const out: string[] = [];
  for (const x of [...wl, ...ll]) if (!removed.has(x) && !out.includes(x)) out.push(x);
  return out;
}

function mergeMap(base: unknown, a: unknown, b: unknown, aLater: boolean): Record<string, unknown> | undefined {
  const obj = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  const [bo, ao, bb] = [obj(base), obj(a), obj(b)];
  const out: Record<string, unknown> = {};
  const keys = aLater ? [...Object.keys(ao), ...Object.keys(bb)] : [...Object.keys(bb), ...Object.keys(ao)];
  for (const k of new Set(keys)) {
    const v = mergeField('latest', bo[k], ao[k], bb[k], aLater, undefined as never, {});
    if (v !== undefined) out[k] = v;
  }
  return out;
}
