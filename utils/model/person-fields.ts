/**
 * The one table of a person's own fields: what they are called, how long they may be, how a message
 * and a file are checked for them, how a change and a profile page set them, how two records of the
 * same person are merged, which columns they export to, and whether search finds people by them.
 *
 * Everything else is derived from this table: the Person type's fields (utils/model/types.ts), the
 * protocol's `patch` and `profile` schemas (utils/messages.ts), the data layer's patch and profile
 * (utils/db/writes.ts), the backup's export and check (utils/formats/json-backup.ts), the CSV columns
 * (utils/formats/csv.ts), the import merge (utils/import/merge.ts) and the search words
 * (utils/derive.ts). A new field is one entry here (and its place in the UI). If it is searched
 * (`search: true`), stored people need their `terms` made again: a migration step.
 *
 * A person's identity and bookkeeping (id, keys, urls, created/updated, and the derived terms,
 * sortName and hasPhoto) are not in the table: each module handles those by name.
 */
import * as v from 'valibot';
import { formatTagCell } from '../formats/tag-cell';
import { cleanLine, cleanText } from '../text';
import { CAPS, MESSAGE_LINE } from './caps';
import type { FollowUp, LocalDay } from './types';
import { absent, day, dayCount, MUST_BE_TEXT, plainObject, text } from './values';

/**
 * How one kind of value is checked and set. `Stored` is the value in a person record; `Change` what a
 * message carries to change it.
 */
interface Kind<Stored, Change, Required extends boolean> {
  /** Longest text (a list: most entries) stored; longer is cut when stored. */
  cap: number;
  /** A person always has this field: a change never removes it (the name keeps what it had; tags, notes and follow-up may be empty). */
  required: Required;
  /** What a message may carry for it: checked, never changed (the data layer cleans it when it stores it). */
  change: v.GenericSchema<unknown, Change>;
  /** What a backup file may hold for it: the output is the value as stored (cleaned, capped); null or undefined for none. */
  file: v.GenericSchema<unknown, Stored | null | undefined>;
  /** The stored value after a change: cleaned and capped; undefined removes the field. */
  apply(current: Stored | undefined, change: Change): Stored | undefined;
  /** True when the value says nothing (a merge takes the other record's then). */
  empty(value: Stored | undefined): boolean;
  /** The value as a backup writes it (keys in a fixed order), when it is not written as it is. */
  toFile?(value: Stored): unknown;
}

/**
 * Combines the stored record's value (`base`) with an incoming one's; `newer` when the incoming record
 * is newer. `records` are the two whole records, for a field that goes with another.
 */
type MergeRule = <T>(
  base: T | undefined,
  inc: T | undefined,
  newer: boolean,
  empty: (value: T | undefined) => boolean,
  records: { base: { name: string }; inc: { name: string } },
) => T | undefined;

// ---------------------------------------------------------------------------------------------
// Kinds of value

/** One line of text: control and invisible characters removed, whitespace collapsed, capped. */
function line(cap: number): Kind<string, string, false>;
function line(cap: number, required: true): Kind<string, string, true>;
function line(cap: number, required = false): Kind<string, string, boolean> {
  const clean = (s: string) => cleanLine(s, cap);
  return {
    cap,
    required,
    change: text(MESSAGE_LINE),
    file: required
      ? v.pipe(v.string(MUST_BE_TEXT), v.transform(clean))
      : v.pipe(v.nullish(v.string(MUST_BE_TEXT)), v.transform((s) => (s == null ? undefined : clean(s) || undefined))),
    // A required line (the name) keeps what it had when the change cleans to nothing.
    apply: (current, change) => clean(change) || (required ? current : undefined),
    empty: (value) => value === undefined || value === '',
  };
}

/** Free text that keeps its line breaks; always present (empty when there is none). */
function freeText(cap: number): Kind<string, string, true> {
  const clean = (s: string) => cleanText(s, cap);
  return {
    cap,
    required: true,
    change: text(cap),
    file: v.pipe(v.nullish(v.string(MUST_BE_TEXT), ''), v.transform(clean)),
    apply: (_current, change) => clean(change),
    empty: (value) => !value,
  };
}

/** Tags: each one line of at most CAPS.tag, each once, at most CAPS.tags. */
export function cleanTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of tags) {
    const c = cleanLine(t, CAPS.tag);
    if (c && !out.includes(c)) out.push(c);
  }
  return out.slice(0, CAPS.tags);
}

function tagList(): Kind<string[], string[], true> {
  return {
    cap: CAPS.tags,
    required: true,
    change: v.pipe(v.array(text(MESSAGE_LINE), 'must be a list of text'), v.maxLength(CAPS.tags, `must be at most ${CAPS.tags} tags`)),
    file: v.pipe(v.nullish(v.array(v.string(MUST_BE_TEXT), 'must be a list of text'), () => []), v.transform((tags: string[]) => cleanTags(tags))),
    apply: (_current, change) => cleanTags(change),
    empty: (value) => !value || value.length === 0,
  };
}

/** A day the user does not type (set by touches and imports). */
function dayOnly(): Kind<LocalDay, LocalDay, false> {
  return {
    cap: 10,
    required: false,
    change: day,
    file: absent(day),
    apply: (_current, change) => change || undefined,
    empty: (value) => !value,
  };
}

/** A change to a follow-up: the fields given are set, null clears one, the others stay as stored. */
const followUpChange = v.strictObject({
  due: v.optional(v.nullable(day)),
  cadenceDays: v.optional(v.nullable(dayCount)),
  note: v.optional(v.nullable(text(MESSAGE_LINE))),
});
export type FollowUpChange = v.InferOutput<typeof followUpChange>;

const FOLLOW_UP_KEYS = ['due', 'cadenceDays', 'note'] as const;
const cleanNote = (note: string) => cleanLine(note, CAPS.followUpNote) || undefined;

function followUpKind(): Kind<FollowUp, FollowUpChange, true> {
  return {
    cap: CAPS.followUpNote,
    required: true,
    change: followUpChange,
    file: v.pipe(
      v.nullish(v.pipe(plainObject('must be an object'), v.object({ due: absent(day), cadenceDays: absent(dayCount), note: absent(v.string(MUST_BE_TEXT)) })), () => ({})),
      v.transform((f) => {
        const out: FollowUp = {};
        if (f.due != null) out.due = f.due;
        if (f.cadenceDays != null) out.cadenceDays = f.cadenceDays;
        const note = f.note == null ? undefined : cleanNote(f.note);
        if (note !== undefined) out.note = note;
        return out;
      }),
    ),
    apply(current, change) {
      const f: FollowUp = { ...current };
      if (change.due !== undefined) f.due = change.due ?? undefined;
      if (change.cadenceDays !== undefined) f.cadenceDays = change.cadenceDays ?? undefined;
      if (change.note !== undefined) f.note = change.note === null ? undefined : cleanNote(change.note);
      for (const k of FOLLOW_UP_KEYS) if (!f[k]) delete f[k];
      return f;
    },
    empty: (value) => !value || FOLLOW_UP_KEYS.every((k) => value[k] === undefined),
    toFile: (f) => ({ due: f.due, cadenceDays: f.cadenceDays, note: f.note }),
  };
}

// ---------------------------------------------------------------------------------------------
// Merge rules

/** Joins two free-text notes without losing either; idempotent (merging the same notes again is a no-op). */
export function mergeNotes(a: string | undefined, b: string | undefined, cap: number): string {
  const x = a ?? '';
  const y = b ?? '';
  if (!y || x.includes(y)) return x;
  if (!x || y.includes(x)) return y;
  return `${x}\n\n${y}`.slice(0, cap);
}

/** Each value once, the stored ones first, at most `cap`. */
export function union(a: readonly string[], b: readonly string[], cap = Infinity): string[] {
  const out = [...a];
  for (const v of b) if (!out.includes(v)) out.push(v);
  return out.slice(0, cap);
}

/** The newer record's value, unless it says nothing: then the other's. */
const newerFirst = ((base, inc, newer, empty) => {
  const [win, other] = newer ? [inc, base] : [base, inc];
  return empty(win) ? other : win;
}) as MergeRule;

const MERGE = {
  newer: newerFirst,
  /** Every value of both, the stored ones first. */
  union: ((base, inc) => union((base ?? []) as string[], (inc ?? []) as string[], CAPS.tags)) as MergeRule,
  /** Both texts, the newer record's first (one only when it already holds the other). */
  both: ((base, inc, newer) =>
    newer ? mergeNotes(inc as string, base as string, CAPS.notes) : mergeNotes(base as string, inc as string, CAPS.notes)) as MergeRule,
  /** The later day. */
  latest: ((base, inc) => (base && inc ? (base > inc ? base : inc) : (base ?? inc))) as MergeRule,
  /**
   * A name's parts belong to that name: from the record whose name the merge keeps (by the name's
   * rule, `newer`), even when they are empty there. Both records under the same name: as `newer`.
   */
  withName: ((base, inc, newer, empty, records) => {
    const [b, i] = [records.base.name, records.inc.name];
    if (b === i) return newerFirst(base, inc, newer, empty, records);
    const kept = newer ? i || b : b || i;
    return kept === i ? inc : base;
  }) as MergeRule,
};

// ---------------------------------------------------------------------------------------------
// The table

const cell = (value: string | undefined) => value ?? '';

/**
 * A person's own fields, in the order the exports write them (CSV columns, backup keys). `edit`: the
 * user may change it; `profile`: a profile page may set it; `search`: search finds people by it.
 */
const PERSON_FIELDS = {
  name: { ...line(CAPS.name, true), merge: MERGE.newer, columns: { Name: cell }, edit: true, profile: true, search: true },
  /**
   * The name in its parts, when a source gives them apart (LinkedIn's Connections.csv: First Name, Last
   * Name) and they make up `name`: a vCard's N. Absent otherwise, and ignored once `name` no longer
   * reads "given family" (a rename). The CSV has the name alone.
   */
  givenName: { ...line(CAPS.name), merge: MERGE.withName, columns: {}, edit: true, profile: false, search: false },
  familyName: { ...line(CAPS.name), merge: MERGE.withName, columns: {}, edit: true, profile: false, search: false },
  headline: { ...line(CAPS.headline), merge: MERGE.newer, columns: { Headline: cell }, edit: true, profile: true, search: true },
  company: { ...line(CAPS.company), merge: MERGE.newer, columns: { Company: cell }, edit: true, profile: true, search: true },
  position: { ...line(CAPS.position), merge: MERGE.newer, columns: { Position: cell }, edit: true, profile: false, search: false },
  location: { ...line(CAPS.location), merge: MERGE.newer, columns: { Location: cell }, edit: true, profile: true, search: true },
  /** From a LinkedIn Connections.csv (most are empty there). */
  email: { ...line(CAPS.email), merge: MERGE.newer, columns: { Email: cell }, edit: false, profile: false, search: false },
  tags: { ...tagList(), merge: MERGE.union, columns: { Tags: (tags?: string[]) => formatTagCell(tags ?? []) }, edit: true, profile: false, search: true },
  /** The last day anything was logged with this person (an encounter, or Done in the popup). */
  lastTouch: { ...dayOnly(), merge: MERGE.latest, columns: { 'Last touch': cell }, edit: false, profile: false, search: false },
  followUp: {
    ...followUpKind(),
    merge: MERGE.newer,
    columns: {
      'Follow-up due': (f?: FollowUp) => f?.due ?? '',
      'Cadence (days)': (f?: FollowUp) => (f?.cadenceDays === undefined ? '' : String(f.cadenceDays)),
      'Follow-up note': (f?: FollowUp) => f?.note ?? '',
    },
    edit: true,
    profile: false,
    search: false,
  },
  /** When the LinkedIn connection was made (from Connections.csv). */
  connectedOn: { ...dayOnly(), merge: MERGE.newer, columns: { 'Connected on': cell }, edit: false, profile: false, search: false },
  /** Free notes. */
  notes: { ...freeText(CAPS.notes), merge: MERGE.both, columns: { Notes: cell }, edit: true, profile: false, search: false },
  // Memory aids (the drill shows them after each answer; the voice note is a store of its own, like photos).
  /** "How to say it": the name as it sounds, in letters. */
  howToSay: {
    ...line(CAPS.howToSay),
    merge: MERGE.newer,
    columns: { 'How to say it': cell },
    vcard: { property: 'X-KITH-HOW-TO-SAY', note: 'How to say it' },
    edit: true,
    profile: false,
    search: false,
  },
  /** A one-line association that brings the name back. */
  memoryHook: {
    ...line(CAPS.memoryHook),
    merge: MERGE.newer,
    columns: { 'Memory hook': cell },
    vcard: { property: 'X-KITH-MEMORY-HOOK', note: 'Memory hook' },
    edit: true,
    profile: false,
    search: false,
  },
} as const satisfies Record<string, AnyField>;

/**
 * An entry of the table: a kind of value (above) and what the table says of the field. Code that walks
 * every entry sees them as this; each entry keeps its own precise types.
 */
export interface AnyField {
  cap: number;
  required: boolean;
  change: v.GenericSchema;
  file: v.GenericSchema;
  apply(current: unknown, change: unknown): unknown;
  empty(value: unknown): boolean;
  toFile?(value: unknown): unknown;
  merge: MergeRule;
  /** CSV columns it fills, by header, in order: each makes its cell from the stored value. */
  columns: Record<string, (value: never) => string>;
  /**
   * A one-line text field the vCard carries twice: in NOTE after this label (what people read in their
   * contacts app), and in its own X- property, which a re-import reads back exactly.
   */
  vcard?: { property: `X-KITH-${string}`; note: string };
  /** The user may change it (the protocol's `patch`). */
  edit: boolean;
  /** A profile page may set it (the protocol's `profile`): what a site adapter reads. */
  profile: boolean;
  /** Search finds people by its words (utils/derive.ts). */
  search: boolean;
}

type Fields = typeof PERSON_FIELDS;
export type PersonFieldName = keyof Fields;

/** The table's fields in order. */
export const PERSON_FIELD_NAMES = Object.keys(PERSON_FIELDS) as PersonFieldName[];

/** The table's entry for a field, as any entry (for loops over the table). */
export const personField = (name: PersonFieldName): AnyField => PERSON_FIELDS[name] as AnyField;

type StoredOf<F> = F extends Kind<infer S, unknown, boolean> ? S : never;
type RequiredName = { [K in PersonFieldName]: Fields[K]['required'] extends true ? K : never }[PersonFieldName];
type Flagged<Flag extends 'edit' | 'profile'> = { [K in PersonFieldName]: Fields[K][Flag] extends true ? K : never }[PersonFieldName];

/** A person's own fields, as stored: the Person type extends this. */
export type PersonFields = { [K in RequiredName]: StoredOf<Fields[K]> } & {
  [K in Exclude<PersonFieldName, RequiredName>]?: StoredOf<Fields[K]>;
};

type PatchEntries = { [K in Flagged<'edit'>]: v.OptionalSchema<Fields[K]['change'], undefined> };
type ProfileEntries = {
  [K in Flagged<'profile'>]: Fields[K]['required'] extends true ? Fields[K]['change'] : v.OptionalSchema<Fields[K]['change'], undefined>;
};

/** The fields with this flag set, in table order. */
export function fieldsWhere(flag: 'edit' | 'profile' | 'search'): PersonFieldName[] {
  return PERSON_FIELD_NAMES.filter((name) => PERSON_FIELDS[name][flag]);
}

/** Protocol entries for the fields with this flag: optional unless the field is required and `required` says so. */
function protocolEntries<E extends v.ObjectEntries>(flag: 'edit' | 'profile', required: boolean): E {
  return Object.fromEntries(
    fieldsWhere(flag).map((name) => {
      const f = personField(name);
      return [name, required && f.required ? f.change : v.optional(f.change)];
    }),
  ) as E;
}

/** The protocol's `patch` entries: every field the user may change, each optional. */
export const patchEntries = protocolEntries<PatchEntries>('edit', false);

/** The protocol's `profile` entries for what a page shows (besides its site, keys and URL): required fields required. */
export const profileEntries = protocolEntries<ProfileEntries>('profile', true);

/** A change to a person: the fields given are set (cleaned and capped), the others stay. */
export type PersonPatch = v.InferOutput<v.ObjectSchema<PatchEntries, undefined>>;
/** What a profile page shows of a person's own fields. */
export type ProfileFields = v.InferOutput<v.ObjectSchema<ProfileEntries, undefined>>;
