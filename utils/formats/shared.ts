/** Small helpers shared by the format modules: date checks, deep equality, how-we-met text, indexes. */
import { addDays, isLocalDay as isDay } from '../dates';
import { SITES, type Encounter, type EncounterKind, type Id, type KithEvent, type Person } from '../model/types';

/** dates.ts's checks, for values of unknown type read from a file. */
export function isLocalDay(value: unknown): value is string {
  return typeof value === 'string' && isDay(value);
}

/** The day after a LocalDay. */
export function nextDay(day: string): string {
  return addDays(day, 1);
}

/** Structural equality of plain data where a key holding undefined equals a missing key. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], bb[i])) return false;
    return true;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  for (const k in ao) if (ao[k] !== undefined && !deepEqual(ao[k], bo[k])) return false;
  for (const k in bo) if (bo[k] !== undefined && ao[k] === undefined) return false;
  return true;
}

/** A copy of a flat record without the keys that hold undefined. */
export function compact<T extends object>(record: T): T {
  const out = {} as T;
  for (const k in record) if (record[k] !== undefined) out[k] = record[k];
  return out;
}

/** English words for encounter kinds in exported files (other tools read these; the UI uses i18n). */
const KIND_LABELS: Record<EncounterKind, string> = {
  'in-person': 'in person',
  event: 'at an event',
  call: 'call',
  video: 'video call',
  message: 'message',
  email: 'email',
  other: 'other',
};

export function groupByPerson(encounters: readonly Encounter[]): Map<Id, Encounter[]> {
  const map = new Map<Id, Encounter[]>();
  for (const e of encounters) {
    const list = map.get(e.personId);
    if (list) list.push(e);
    else map.set(e.personId, [e]);
  }
  return map;
}

export function indexById<T extends { id: Id }>(records: readonly T[]): Map<Id, T> {
  const map = new Map<Id, T>();
  for (const r of records) map.set(r.id, r);
  return map;
}

/** Oldest first: by date (partial dates sort before the full days they contain), then creation time, then id. */
export function compareEncounters(a: Encounter, b: Encounter): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  if (a.createdAt !== b.createdAt) return a.createdAt - b.createdAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Who introduced you at this encounter: the saved person's name, or the name as typed. */
export function introducerName(e: Encounter, people: ReadonlyMap<Id, Person>): string | undefined {
  if (e.introducedById) {
    const p = people.get(e.introducedById);
    if (p && p.name) return p.name;
  }
  return e.introducedByName || undefined;
}

/** The parts of one how-we-met line: date, kind, place, event, introducer. */
export function encounterParts(
  e: Encounter,
  events: ReadonlyMap<Id, KithEvent>,
  people: ReadonlyMap<Id, Person>,
): { date: string; kind: string; place?: string; event?: string; introducedBy?: string; note?: string } {
  return {
    date: e.date,
    kind: KIND_LABELS[e.kind] ?? e.kind,
    place: e.place || undefined,
    event: (e.eventId && events.get(e.eventId)?.name) || undefined,
    introducedBy: introducerName(e, people),
    note: e.note || undefined,
  };
}

/** "2024-06-19 · at an event · Warsaw · Grow Up Start Up · introduced by Anna Nowak" (no note). */
export function encounterLine(
  e: Encounter,
  events: ReadonlyMap<Id, KithEvent>,
  people: ReadonlyMap<Id, Person>,
  withNote = false,
): string {
  return encounterPartsLine(encounterParts(e, events, people), withNote);
}

/** encounterLine for parts already computed. */
export function encounterPartsLine(p: ReturnType<typeof encounterParts>, withNote = false): string {
  const parts = [p.date, p.kind];
  if (p.place) parts.push(p.place);
  if (p.event && p.event !== p.place) parts.push(p.event);
  if (p.introducedBy) parts.push(`introduced by ${p.introducedBy}`);
  let line = parts.join(' · ');
  if (withNote && p.note) line += `: ${p.note.replace(/\s*\n\s*/g, ' ')}`;
  return line;
}

/** The person's profile URLs in the fixed site order. */
export function profileUrls(person: Person): Array<{ site: (typeof SITES)[number]; url: string }> {
  const out: Array<{ site: (typeof SITES)[number]; url: string }> = [];
  for (const site of SITES) {
    const url = person.urls?.[site];
    if (url) out.push({ site, url });
  }
  return out;
}

const MAX_OCTETS = 75;
const CRLF = '\r\n';
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Folds a vCard / iCalendar content line so that no physical line is longer than 75 octets of UTF-8
 * (RFC 6350 3.2, RFC 5545 3.1), continuation lines starting with a space, never inside a UTF-8
 * sequence or a surrogate pair. `ascii` skips the check when the caller knows the line is ASCII
 * (base64 photos).
 */
export function foldContentLine(line: string, ascii = false): string {
  if (line.length <= 25) return line; // 25 characters are at most 75 octets
  if (ascii || !NON_ASCII.test(line)) {
    if (line.length <= MAX_OCTETS) return line;
    const parts = [line.slice(0, MAX_OCTETS)];
    for (let i = MAX_OCTETS; i < line.length; i += MAX_OCTETS - 1) parts.push(line.slice(i, i + MAX_OCTETS - 1));
    return parts.join(CRLF + ' ');
  }
  const parts: string[] = [];
  let start = 0;
  let octets = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    let n: number;
    let width = 1;
    if (c < 0x80) n = 1;
    else if (c < 0x800) n = 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < line.length) {
      const d = line.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n = 4;
        width = 2;
      } else n = 3;
    } else n = 3;
    if (octets + n > MAX_OCTETS) {
      parts.push(line.slice(start, i));
      start = i;
      octets = 1; // the leading space of the continuation line
    }
    octets += n;
    i += width - 1;
  }
  parts.push(line.slice(start));
  return parts.join(CRLF + ' ');
}
