/**
 * The JSON backup (DESIGN.md, "Formats"): everything Kith stores, versioned, photos, voice notes and
 * the drill's cards and answers included.
 *
 * Layout: one JSON document, one record per line, records sorted by id (photos by personId), keys in a
 * fixed order, derived fields (terms, sortName, hasPhoto) left out and recomputed on import. So an
 * export of the same data is always the same bytes, and export -> import -> export is byte-stable.
 * A person's own fields are written and checked as the field table (utils/model/person-fields.ts)
 * says, so a field added there is in every backup.
 *
 * References are not required to resolve inside the file: an encounter whose person, event or introducer
 * is not in the backup (possible after a person was deleted while another tab logged an encounter) is
 * kept as it is, so that every backup Kith writes can be imported again. mergeData re-points references
 * of people merged by profile key.
 */
import * as v from 'valibot';
import { cleanLine, cleanText } from '../text';
import { CAPS } from '../model/caps';
import { ENCOUNTER_KINDS, SITES, type Encounter, type KithData, type KithEvent, type Person, type Photo, type SiteId, type VoiceNote } from '../model/types';
import { PERSON_FIELD_NAMES, personField } from '../model/person-fields';
import { absent, day, isWebUrl, MUST_BE_TEXT, partialDate, plainObject, voiceDataUrl, voiceSeconds } from '../model/values';
import { parseCard, parseReview, type DrillCard, type DrillReview } from '../drill/schedule';
import { derivePersonFields } from '../derive';
import { ImportError } from './errors';
import { groupByPerson, indexById } from './shared';

export const BACKUP_FORMAT = 'kith-backup';
export const BACKUP_VERSION = 1;

// ---------------------------------------------------------------------------------------------
// Export

function byId<T extends { id: string }>(a: T, b: T): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function personOut(p: Person): object {
  const urls: Partial<Record<SiteId, string>> = {};
  for (const site of SITES) if (p.urls?.[site]) urls[site] = p.urls[site];
  // Keys in a fixed order (identity, the field table's order, then times); JSON.stringify drops the
  // ones holding undefined.
  const out: Record<string, unknown> = { id: p.id, keys: p.keys, urls };
  for (const name of PERSON_FIELD_NAMES) {
    const field = personField(name);
    const value = p[name];
    out[name] = value !== undefined && field.toFile ? field.toFile(value) : value;
  }
  out.createdAt = p.createdAt;
  out.updatedAt = p.updatedAt;
  return out;
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

function voiceNoteOut(n: VoiceNote): object {
  return { personId: n.personId, dataUrl: n.dataUrl, seconds: n.seconds, updatedAt: n.updatedAt };
}

// A drill record is written with its known fields only, in parseCard's / parseReview's order (they
// check each field, and return exactly those, in that order).
const cardOut = (c: DrillCard): object => parseCard(c) ?? c;
const reviewOut = (r: DrillReview): object => parseReview(r) ?? r;

const byPersonId = <T extends { personId: string }>(a: T, b: T): number => (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0);

function section(name: string, records: object[]): string {
  if (records.length === 0) return `"${name}":[]`;
  return `"${name}":[\n${records.map((r) => JSON.stringify(r)).join(',\n')}\n]`;
}

/** The whole store as a backup file (UTF-8 JSON text, one record per line). */
export function exportBackup(data: KithData, exportedAt: string): string {
  const people = [...data.people].sort(byId).map(personOut);
  const encounters = [...data.encounters].sort(byId).map(encounterOut);
  const events = [...data.events].sort(byId).map(eventOut);
  const photos = [...data.photos].sort(byPersonId).map(photoOut);
  const voiceNotes = [...data.voiceNotes].sort(byPersonId).map(voiceNoteOut);
  const drillCards = [...data.drillCards].sort(byPersonId).map(cardOut);
  const drillReviews = [...data.drillReviews].sort(byId).map(reviewOut);
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
    ',\n' +
    section('voiceNotes', voiceNotes) +
    ',\n' +
    section('drillCards', drillCards) +
    ',\n' +
    section('drillReviews', drillReviews) +
    '\n}\n'
  );
}

// ---------------------------------------------------------------------------------------------
// Import

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

// The file's records, checked by valibot. Each reason completes "people[3].name ...": the path of the
// first problem is put in front of it (see `problem`). Text is cleaned and capped as it is read.

// eslint-disable-next-line no-control-regex
const NOT_ID = /[\s\u0000-\u001f\u007f]/;
const KEY = /^[a-z0-9][a-z0-9-]*:\S/;
const DATA_URL = /^data:image\/(?:jpeg|png|webp);base64,[A-Za-z0-9+/]+={0,2}$/;
const MUST_BE_ID = 'must be an id (text without spaces)';
const MUST_BE_TIME = 'must be a time (milliseconds since 1970)';
const MUST_BE_IMAGE = 'must be a data: URL of a JPEG, PNG or WebP image';

const id = v.pipe(v.string(MUST_BE_ID), v.check((s) => s.length > 0 && s.length <= CAPS.id && !NOT_ID.test(s), MUST_BE_ID));
const time = v.pipe(v.number(MUST_BE_TIME), v.check((n) => Number.isFinite(n) && n >= 0, MUST_BE_TIME));
const line = (cap: number) => v.pipe(v.nullish(v.string(MUST_BE_TEXT)), v.transform((s) => (s == null ? undefined : cleanLine(s, cap) || undefined)));
const note = (cap: number) => v.pipe(v.nullish(v.string(MUST_BE_TEXT)), v.transform((s) => (s == null ? undefined : cleanText(s, cap) || undefined)));
const webUrl = v.pipe(line(CAPS.url), v.check((u) => u === undefined || isWebUrl(u), 'must be a web address (https://...)'));

/** The distinct non-empty names, cleaned and capped, at most `cap` of them. */
const names = (cap: number, max: number) =>
  v.pipe(
    absent(v.array(v.string(MUST_BE_TEXT), 'must be a list of event names')),
    v.transform((list) => {
      const out: string[] = [];
      for (const n of list ?? []) {
        const name = cleanLine(n, cap);
        if (name && !out.includes(name)) out.push(name);
      }
      return out.length > 0 ? out.slice(0, max) : undefined;
    }),
  );

/**
 * A record: `must be an object` when it is none (a list is none either); a missing entry gets the
 * reason its own check gives for nothing at all (valibot would otherwise blame the record). Keys
 * holding undefined are left out.
 */
function record<E extends v.ObjectEntries>(entries: E, what = 'an object'): v.GenericSchema<unknown, Compact<v.InferOutput<v.ObjectSchema<E, undefined>>>> {
  return v.pipe(
    plainObject(`must be ${what}`),
    v.object(entries, (issue) => {
      const missing = issue.expected?.startsWith('"') ? (JSON.parse(issue.expected) as string) : undefined;
      return (missing !== undefined && v.safeParse(entries[missing], undefined).issues?.[0]?.message) || `must be ${what}`;
    }),
    v.transform(compact),
  );
}

/** A record's type once the keys holding null or undefined are gone: those keys are optional. */
type Compact<T> = { [K in keyof T as null extends T[K] ? never : undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as null extends T[K] ? K : undefined extends T[K] ? K : never]?: NonNullable<T[K]>;
};

// A copy rather than `delete`, which would leave V8 a slower object for every later read; most
// records have no such key (valibot leaves a missing key out).
function compact<T extends object>(r: T): Compact<T> {
  let clean = true;
  for (const k in r) if (r[k] == null) clean = false;
  if (clean) return r as Compact<T>;
  const out = {} as T;
  for (const k in r) if (r[k] != null) out[k] = r[k];
  return out as Compact<T>;
}

/** No two records of a list share `field` (checked once each record is). */
function unique<T>(kind: string, field: string, of: (r: T) => string) {
  return v.rawCheck<T[]>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const seen = new Map<string, number>();
    dataset.value.forEach((r, i) => {
      const k = of(r);
      const first = seen.get(k);
      if (first !== undefined) {
        addIssue({
          message: `repeats ${kind}[${first}].${field}`,
          path: [
            { type: 'array', origin: 'value', input: dataset.value, key: i, value: r },
            { type: 'object', origin: 'value', input: r as Record<string, unknown>, key: field, value: k },
          ],
        });
      }
      if (first === undefined) seen.set(k, i);
    });
  });
}

const keys = v.pipe(
  v.array(
    v.pipe(
      v.unknown(),
      v.transform((k) => (typeof k === 'string' ? cleanLine(k, CAPS.key) : '')),
      v.regex(KEY, 'must be a profile key like "linkedin:anna-nowak"'),
    ),
    'must be a list of profile keys',
  ),
  v.transform((list) => [...new Set(list)]),
);

const urls = v.pipe(
  v.nullish(
    v.pipe(plainObject('must be an object of profile URLs by site'), v.record(v.picklist(SITES, 'is not a site Kith knows'), webUrl)),
    () => ({}),
  ),
  v.transform((byKnownSite) => {
    const out: Partial<Record<SiteId, string>> = {};
    for (const [site, url] of Object.entries(byKnownSite ?? {})) if (url != null) out[site as SiteId] = url;
    return out;
  }),
);

/** A person: identity, then every field of the field table as it says, then the times. */
const person = v.pipe(
  record({
    id,
    keys,
    urls,
    ...Object.fromEntries(PERSON_FIELD_NAMES.map((name) => [name, personField(name).file])),
    createdAt: time,
    updatedAt: time,
  }),
  v.transform((p) => Object.assign(p, { terms: [] as string[], sortName: '' }) as unknown as Person),
);

const encounter = record({
  id,
  personId: id,
  date: partialDate,
  kind: v.picklist(ENCOUNTER_KINDS, `must be one of ${ENCOUNTER_KINDS.join(', ')}`),
  place: line(CAPS.place),
  eventId: absent(id),
  introducedById: absent(id),
  introducedByName: line(CAPS.name),
  note: note(CAPS.note),
  createdAt: time,
  updatedAt: time,
}) satisfies v.GenericSchema<unknown, Encounter>;

const event = record({
  id,
  name: v.pipe(v.string(MUST_BE_TEXT), v.transform((s) => cleanLine(s, CAPS.eventName))),
  start: absent(day),
  end: absent(day),
  place: line(CAPS.place),
  url: webUrl,
  notes: note(CAPS.note),
  mergedNames: names(CAPS.eventName, CAPS.mergedNames),
  createdAt: time,
  updatedAt: time,
}) satisfies v.GenericSchema<unknown, KithEvent>;

const photo = record({
  personId: id,
  dataUrl: v.pipe(
    v.string(MUST_BE_IMAGE),
    v.startsWith('data:', MUST_BE_IMAGE),
    v.maxLength(CAPS.photoDataUrl, `is too big for a thumbnail (over ${CAPS.photoDataUrl / 1024} KB)`),
    v.regex(DATA_URL, MUST_BE_IMAGE),
  ),
  updatedAt: time,
}) satisfies v.GenericSchema<unknown, Photo>;

const voiceNote = record({
  personId: id,
  dataUrl: voiceDataUrl,
  seconds: voiceSeconds,
  updatedAt: time,
}) satisfies v.GenericSchema<unknown, VoiceNote>;

/** A drill record checked by the drill's own reader (utils/drill/schedule.ts), which knows what its fields depend on. */
const drillRecord = <T>(parse: (raw: unknown) => T | null, what: string) =>
  v.pipe(
    v.unknown(),
    v.rawTransform<unknown, T>(({ dataset, addIssue, NEVER }) => {
      const parsed = parse(dataset.value);
      if (parsed === null) {
        addIssue({ message: `must be ${what}` });
        return NEVER;
      }
      return parsed;
    }),
  );
const drillCard = drillRecord(parseCard, 'a drill card');
const drillReview = drillRecord(parseReview, 'a drill answer');

/** A list of records; an optional one may be left out. */
const list = <T>(of: v.GenericSchema<unknown, T>, optional: boolean) => {
  const items = v.array(of, 'must be a list');
  return optional ? v.nullish(items, () => []) : items;
};

const records = record({
  exportedAt: absent(v.string(MUST_BE_TEXT)),
  people: v.pipe(list(person, false), unique<Person>('people', 'id', (p) => p.id)),
  encounters: v.pipe(list(encounter, true), unique<Encounter>('encounters', 'id', (e) => e.id)),
  events: v.pipe(list(event, true), unique<KithEvent>('events', 'id', (e) => e.id)),
  photos: v.pipe(list(photo, true), unique<Photo>('photos', 'personId', (p) => p.personId)),
  voiceNotes: v.pipe(list(voiceNote, true), unique<VoiceNote>('voiceNotes', 'personId', (n) => n.personId)),
  drillCards: v.pipe(list(drillCard, true), unique<DrillCard>('drillCards', 'personId', (c) => c.personId)),
  drillReviews: v.pipe(list(drillReview, true), unique<DrillReview>('drillReviews', 'id', (r) => r.id)),
});

/** What the file says it is: the first check, with sentences of its own. */
const NOT_OURS = 'This is not a Kith backup: it is JSON from another app (no "format": "kith-backup").';
const BAD_VERSION = 'This backup is damaged: its "version" is not a whole number.';
const kind = v.object(
  {
    format: v.pipe(
      v.string(NOT_OURS),
      v.check(
        (f) => f === BACKUP_FORMAT,
        (issue) => `This is not a Kith backup: it is JSON of another kind ("format": ${JSON.stringify(String(issue.input).slice(0, 40))}).`,
      ),
    ),
    version: v.pipe(
      v.number(BAD_VERSION),
      v.integer(BAD_VERSION),
      v.minValue(1, BAD_VERSION),
      v.maxValue(BACKUP_VERSION, (issue) => `This backup was made by a newer Kith (version ${issue.input}); update Kith to import it.`),
    ),
  },
  (issue) => (issue.expected === '"version"' ? BAD_VERSION : NOT_OURS),
);

const FIRST_PROBLEM = { abortEarly: true } as const;

/** "people[1].followUp.due", or the quoted name of a whole list ("people"). */
function problem(issue: v.BaseIssue<unknown>): string {
  const path = issue.path ?? [];
  if (path.length === 1) return `"${String(path[0].key)}"`;
  let at = '';
  for (const item of path) at += typeof item.key === 'number' ? `[${item.key}]` : at ? `.${String(item.key)}` : String(item.key);
  return at;
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
  const what = v.safeParse(kind, doc, FIRST_PROBLEM);
  if (!what.success) throw new ImportError(what.issues[0].message);
  const checked = v.safeParse(records, doc, FIRST_PROBLEM);
  if (!checked.success) {
    const issue = checked.issues[0];
    throw new ImportError(`This backup cannot be imported: ${problem(issue)} ${issue.message}.`);
  }
  const { people, encounters, events, photos, voiceNotes, drillCards, drillReviews } = checked.output;

  const withPhoto = new Set(photos.map((p) => p.personId));
  const eventsById = indexById(events);
  const encountersByPerson = groupByPerson(encounters);
  for (const p of people) {
    if (withPhoto.has(p.id)) p.hasPhoto = true;
    const d = derivePersonFields(p, encountersByPerson.get(p.id) ?? [], eventsById);
    p.terms = d.terms;
    p.sortName = d.sortName;
  }
  return { people, encounters, events, photos, voiceNotes, drillCards, drillReviews };
}
