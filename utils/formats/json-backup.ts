/**
 * The JSON backup (DESIGN.md, "Formats"): everything Kith stores, versioned, photos included.
 *
 * Layout: one JSON document, one record per line, records sorted by id (photos by personId), keys in a
 * fixed order, derived fields (terms, sortName, hasPhoto) left out and recomputed on import. So an
 * export of the same data is always the same bytes, and export -> import -> export is byte-stable.
 *
 * References are not required to resolve inside the file: an encounter whose person, event or introducer
 * is not in the backup (possible after a person was deleted while another tab logged an encounter) is
 * kept as it is, so that every backup Kith writes can be imported again. mergeData re-points references
 * of people merged by profile key.
 */
import { CAPS, cleanLine, cleanText } from '../text';
import {
  ENCOUNTER_KINDS,
  SITES,
  type Encounter,
  type EncounterKind,
  type FollowUp,
  type KithData,
  type KithEvent,
  type Person,
  type Photo,
  type SiteId,
} from '../types';
import { derivePersonFields } from '../derive';
import { ImportError } from './errors';
import {
  groupByPerson,
  indexById,
  isLocalDay,
  isPartialDate,
} from './shared';

export const BACKUP_FORMAT = 'kith-backup';
export const BACKUP_VERSION = 1;

/** Caps for fields text.ts has no cap for. */
const EMAIL_CAP = 320;
const POSITION_CAP = CAPS.headline;
const ID_CAP = 200;
const MAX_CADENCE_DAYS = 3660;
/** A photo's data: URL is at most this many characters (a thumbnail is a few KB). */
export const MAX_PHOTO_DATA_URL = 200 * 1024;
// eslint-disable-next-line no-control-regex
const NOT_ID = /[\s\u0000-\u001f\u007f]/;
const DATA_URL = /^data:image\/(?:jpeg|png|webp);base64,[A-Za-z0-9+/]+={0,2}$/;

// ---------------------------------------------------------------------------------------------
// Export

function byId<T extends { id: string }>(a: T, b: T): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function personOut(p: Person): object {
  const urls: Partial<Record<SiteId, string>> = {};
  for (const site of SITES) if (p.urls?.[site]) urls[site] = p.urls[site];
  const f = p.followUp ?? {};
  // Keys in a fixed order; JSON.stringify drops the ones holding undefined.
  return {
    id: p.id,
    keys: p.keys,
    name: p.name,
    givenName: p.givenName,
    familyName: p.familyName,
    headline: p.headline,
    company: p.company,
    position: p.position,
    location: p.location,
    email: p.email,
    urls,
    tags: p.tags,
    notes: p.notes,
    followUp: { due: f.due, cadenceDays: f.cadenceDays, note: f.note },
    lastTouch: p.lastTouch,
    connectedOn: p.connectedOn,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

function encounterOut(e: Encounter): object {
  return {
    id: e.id,
    personId: e.personId,
    date: e.date,
    kind: e.kind,
    place: e.place,
    eventId: e.eventId,
    introducedById: e.introducedById,
    introducedByName: e.introducedByName,
    note: e.note,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
}

function eventOut(e: KithEvent): object {
  return {
    id: e.id,
    name: e.name,
    start: e.start,
    end: e.end,
    place: e.place,
    url: e.url,
    notes: e.notes,
    mergedNames: e.mergedNames,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
}

function photoOut(p: Photo): object {
  return { personId: p.personId, dataUrl: p.dataUrl, updatedAt: p.updatedAt };
}

function section(name: string, records: object[]): string {
  if (records.length === 0) return `"${name}":[]`;
  return `"${name}":[\n${records.map((r) => JSON.stringify(r)).join(',\n')}\n]`;
}

/** The whole store as a backup file (UTF-8 JSON text, one record per line). */
export function exportBackup(data: KithData, exportedAt: string): string {
  const people = [...data.people].sort(byId).map(personOut);
  const encounters = [...data.encounters].sort(byId).map(encounterOut);
  const events = [...data.events].sort(byId).map(eventOut);
  const photos = [...data.photos]
    .sort((a, b) => (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0))
    .map(photoOut);
  return (
    '{\n' +
    `"format":${JSON.stringify(BACKUP_FORMAT)},\n` +
    `"version":${BACKUP_VERSION},\n` +
    `"exportedAt":${JSON.stringify(exportedAt)},\n` +
    section('people', people) +
    ',\n' +
    section('encounters', encounters) +
    ',\n' +
    section('events', events) +
    ',\n' +
    section('photos', photos) +
    '\n}\n'
  );
}

// ---------------------------------------------------------------------------------------------
// Import

function damaged(path: string, reason: string): never {
  throw new ImportError(`This backup cannot be imported: ${path} ${reason}.`);
}

type Rec = Record<string, unknown>;

function isRecord(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const end = text.trimEnd().length;
    const lc = /line (\d+) column (\d+)/i.exec(msg);
    const pos = /position (\d+)/i.exec(msg);
    const at = pos ? Number(pos[1]) : undefined;
    if (/end of (?:JSON input|data)/i.test(msg) || (at !== undefined && at >= end)) {
      throw new ImportError(
        'This backup is cut short: the file ends in the middle of the data ' +
          '(it may not have finished saving or downloading).',
        lineOf(text, end),
      );
    }
    const first = text.trimStart()[0];
    if (first !== '{' && first !== '[') {
      throw new ImportError('This is not a Kith backup: the file is not JSON.', 1);
    }
    const line = lc ? Number(lc[1]) : at !== undefined ? lineOf(text, at) : undefined;
    throw new ImportError(
      line !== undefined
        ? `This backup is damaged: the JSON is broken on line ${line}.`
        : 'This backup is damaged: the JSON is broken.',
      line,
    );
  }
}

class Checker {
  /** `kind[index]` or a full path; built only when a message needs it. */
  constructor(
    private readonly base: string,
    private readonly index?: number,
  ) {}

  get path(): string {
    return this.index === undefined ? this.base : `${this.base}[${this.index}]`;
  }

  at(path: string): Checker {
    return new Checker(path);
  }

  id(rec: Rec, field: string): string {
    const v = rec[field];
    if (typeof v !== 'string' || v.length === 0 || v.length > ID_CAP || NOT_ID.test(v)) {
      damaged(`${this.path}.${field}`, 'must be an id (text without spaces)');
    }
    return v;
  }

  optId(rec: Rec, field: string): string | undefined {
    return rec[field] == null ? undefined : this.id(rec, field);
  }

  text(rec: Rec, field: string, cap: number, multiline = false): string {
    const v = rec[field];
    if (typeof v !== 'string') damaged(`${this.path}.${field}`, 'must be text');
    return multiline ? cleanText(v, cap) : cleanLine(v, cap);
  }

  optText(rec: Rec, field: string, cap: number, multiline = false): string | undefined {
    if (rec[field] == null) return undefined;
    return this.text(rec, field, cap, multiline) || undefined;
  }

  url(rec: Rec, field: string): string | undefined {
    const v = this.optText(rec, field, CAPS.url);
    if (v === undefined) return undefined;
    if (!isWebUrl(v)) damaged(`${this.path}.${field}`, 'must be a web address (https://...)');
    return v;
  }

  day(rec: Rec, field: string): string | undefined {
    const v = rec[field];
    if (v == null) return undefined;
    if (!isLocalDay(v)) damaged(`${this.path}.${field}`, 'must be a day written YYYY-MM-DD');
    return v;
  }

  time(rec: Rec, field: string): number {
    const v = rec[field];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      damaged(`${this.path}.${field}`, 'must be a time (milliseconds since 1970)');
    }
    return v;
  }

  record(v: unknown, what = 'an object'): Rec {
    if (!isRecord(v)) damaged(this.path, `must be ${what}`);
    return v;
  }
}

function isWebUrl(v: string): boolean {
  if (!/^https?:\/\//i.test(v)) return false;
  try {
    new URL(v);
    return true;
  } catch {
    return false;
  }
}

function checkPerson(c: Checker, raw: unknown): Person {
  const r = c.record(raw);
  const id = c.id(r, 'id');

  if (!Array.isArray(r.keys)) damaged(`${c.path}.keys`, 'must be a list of profile keys');
  const keys: string[] = [];
  (r.keys as unknown[]).forEach((k, i) => {
    const key = typeof k === 'string' ? cleanLine(k, CAPS.key) : '';
    if (!/^[a-z0-9][a-z0-9-]*:\S/.test(key)) {
      damaged(`${c.path}.keys[${i}]`, 'must be a profile key like "linkedin:anna-nowak"');
    }
    if (!keys.includes(key)) keys.push(key);
  });

  const urls: Partial<Record<SiteId, string>> = {};
  if (r.urls != null) {
    const u = c.at(`${c.path}.urls`).record(r.urls, 'an object of profile URLs by site');
    for (const site of Object.keys(u)) {
      if (!(SITES as readonly string[]).includes(site)) damaged(`${c.path}.urls.${site}`, 'is not a site Kith knows');
      const url = c.at(`${c.path}.urls`).url(u, site);
      if (url !== undefined) urls[site as SiteId] = url;
    }
  }

  let tags: string[] = [];
  if (r.tags != null) {
    if (!Array.isArray(r.tags)) damaged(`${c.path}.tags`, 'must be a list of text');
    (r.tags as unknown[]).forEach((t, i) => {
      if (typeof t !== 'string') damaged(`${c.path}.tags[${i}]`, 'must be text');
      const tag = cleanLine(t, CAPS.tag);
      if (tag && !tags.includes(tag)) tags.push(tag);
    });
    tags = tags.slice(0, CAPS.tags);
  }

  const followUp: FollowUp = {};
  if (r.followUp != null) {
    const fc = c.at(`${c.path}.followUp`);
    const f = fc.record(r.followUp);
    const due = fc.day(f, 'due');
    if (due !== undefined) followUp.due = due;
    if (f.cadenceDays != null) {
      const n = f.cadenceDays;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_CADENCE_DAYS) {
        damaged(`${c.path}.followUp.cadenceDays`, `must be a whole number of days from 1 to ${MAX_CADENCE_DAYS}`);
      }
      followUp.cadenceDays = n;
    }
    const note = fc.optText(f, 'note', CAPS.note, true);
    if (note !== undefined) followUp.note = note;
  }

  const person = {
    id,
    keys,
    name: c.text(r, 'name', CAPS.name),
    urls,
    tags,
    notes: r.notes == null ? '' : c.text(r, 'notes', CAPS.notes, true),
    followUp,
    terms: [] as string[],
    sortName: '',
    createdAt: c.time(r, 'createdAt'),
    updatedAt: c.time(r, 'updatedAt'),
  } as Person;
  set(person, 'givenName', c.optText(r, 'givenName', CAPS.name));
  set(person, 'familyName', c.optText(r, 'familyName', CAPS.name));
  set(person, 'headline', c.optText(r, 'headline', CAPS.headline));
  set(person, 'company', c.optText(r, 'company', CAPS.company));
  set(person, 'position', c.optText(r, 'position', POSITION_CAP));
  set(person, 'location', c.optText(r, 'location', CAPS.location));
  set(person, 'email', c.optText(r, 'email', EMAIL_CAP));
  set(person, 'lastTouch', c.day(r, 'lastTouch'));
  set(person, 'connectedOn', c.day(r, 'connectedOn'));
  return person;
}

/** Sets an optional field only when it has a value, so records never carry keys holding undefined. */
function set<T extends object, K extends keyof T>(record: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) record[key] = value;
}

function checkEncounter(c: Checker, raw: unknown): Encounter {
  const r = c.record(raw);
  const date = r.date;
  if (!isPartialDate(date)) damaged(`${c.path}.date`, 'must be a date written YYYY, YYYY-MM or YYYY-MM-DD');
  if (!(ENCOUNTER_KINDS as readonly unknown[]).includes(r.kind)) {
    damaged(`${c.path}.kind`, `must be one of ${ENCOUNTER_KINDS.join(', ')}`);
  }
  const e: Encounter = {
    id: c.id(r, 'id'),
    personId: c.id(r, 'personId'),
    date,
    kind: r.kind as EncounterKind,
    createdAt: c.time(r, 'createdAt'),
    updatedAt: c.time(r, 'updatedAt'),
  };
  set(e, 'place', c.optText(r, 'place', CAPS.place));
  set(e, 'eventId', c.optId(r, 'eventId'));
  set(e, 'introducedById', c.optId(r, 'introducedById'));
  set(e, 'introducedByName', c.optText(r, 'introducedByName', CAPS.name));
  set(e, 'note', c.optText(r, 'note', CAPS.note, true));
  return e;
}

function checkEvent(c: Checker, raw: unknown): KithEvent {
  const r = c.record(raw);
  const e: KithEvent = {
    id: c.id(r, 'id'),
    name: c.text(r, 'name', CAPS.eventName),
    createdAt: c.time(r, 'createdAt'),
    updatedAt: c.time(r, 'updatedAt'),
  };
  set(e, 'start', c.day(r, 'start'));
  set(e, 'end', c.day(r, 'end'));
  set(e, 'place', c.optText(r, 'place', CAPS.place));
  set(e, 'url', c.url(r, 'url'));
  set(e, 'notes', c.optText(r, 'notes', CAPS.notes, true));
  if (r.mergedNames != null) {
    if (!Array.isArray(r.mergedNames)) damaged(`${c.path}.mergedNames`, 'must be a list of event names');
    const names: string[] = [];
    (r.mergedNames as unknown[]).forEach((n, i) => {
      if (typeof n !== 'string') damaged(`${c.path}.mergedNames[${i}]`, 'must be text');
      const name = cleanLine(n, CAPS.eventName);
      if (name && !names.includes(name)) names.push(name);
    });
    if (names.length > 0) e.mergedNames = names.slice(0, CAPS.mergedNames);
  }
  return e;
}

function checkPhoto(c: Checker, raw: unknown): Photo {
  const r = c.record(raw);
  const personId = c.id(r, 'personId');
  const dataUrl = r.dataUrl;
  if (typeof dataUrl !== 'string' || !dataUrl.startsWith('data:')) {
    damaged(`${c.path}.dataUrl`, 'must be a data: URL of a JPEG, PNG or WebP image');
  }
  if (dataUrl.length > MAX_PHOTO_DATA_URL) damaged(`${c.path}.dataUrl`, 'is too big for a thumbnail (over 200 KB)');
  if (!DATA_URL.test(dataUrl)) damaged(`${c.path}.dataUrl`, 'must be a data: URL of a JPEG, PNG or WebP image');
  return { personId, dataUrl, updatedAt: c.time(r, 'updatedAt') };
}

function list(doc: Rec, name: string, required: boolean): unknown[] {
  const v = doc[name];
  if (v == null && !required) return [];
  if (!Array.isArray(v)) damaged(`"${name}"`, 'must be a list');
  return v;
}

/**
 * Reads and checks a backup file. Everything is validated before anything is returned; the first
 * problem throws an ImportError. Text is cleaned and capped like page text (CAPS); derived fields
 * (terms, sortName, hasPhoto) are recomputed, never read from the file.
 */
export function parseBackup(text: string): KithData {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (!/\S/.test(text)) throw new ImportError('The file is empty.');
  const doc = parseJson(text);
  if (!isRecord(doc) || typeof doc.format !== 'string') {
    throw new ImportError('This is not a Kith backup: it is JSON from another app (no "format": "kith-backup").');
  }
  if (doc.format !== BACKUP_FORMAT) {
    throw new ImportError(
      `This is not a Kith backup: it is JSON of another kind ("format": ${JSON.stringify(doc.format.slice(0, 40))}).`,
    );
  }
  const version = doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new ImportError('This backup is damaged: its "version" is not a whole number.');
  }
  if (version > BACKUP_VERSION) {
    throw new ImportError(`This backup was made by a newer Kith (version ${version}); update Kith to import it.`);
  }
  if (doc.exportedAt != null && typeof doc.exportedAt !== 'string') damaged('"exportedAt"', 'must be text');

  const people = list(doc, 'people', true).map((r, i) => checkPerson(new Checker('people', i), r));
  const encounters = list(doc, 'encounters', false).map((r, i) => checkEncounter(new Checker('encounters', i), r));
  const events = list(doc, 'events', false).map((r, i) => checkEvent(new Checker('events', i), r));
  const photos = list(doc, 'photos', false).map((r, i) => checkPhoto(new Checker('photos', i), r));

  unique(people, (p) => p.id, 'people', 'id');
  unique(encounters, (e) => e.id, 'encounters', 'id');
  unique(events, (e) => e.id, 'events', 'id');
  unique(photos, (p) => p.personId, 'photos', 'personId');

  const withPhoto = new Set(photos.map((p) => p.personId));
  const eventsById = indexById(events);
  const encountersByPerson = groupByPerson(encounters);
  for (const p of people) {
    if (withPhoto.has(p.id)) p.hasPhoto = true;
    const d = derivePersonFields(p, encountersByPerson.get(p.id) ?? [], eventsById);
    p.terms = d.terms;
    p.sortName = d.sortName;
  }
  return { people, encounters, events, photos };
}

function unique<T>(records: T[], key: (r: T) => string, kind: string, field: string): void {
  const seen = new Map<string, number>();
  records.forEach((r, i) => {
    const k = key(r);
    const first = seen.get(k);
    if (first !== undefined) damaged(`${kind}[${i}].${field}`, `repeats ${kind}[${first}].${field}`);
    seen.set(k, i);
  });
}
