/**
 * CSV export (DESIGN.md, "Formats"): one row per person, UTF-8 with a BOM (so Excel reads the accents),
 * RFC 4180 quoting and CRLF via papaparse, and every cell that a spreadsheet could run as a formula
 * (beginning with = + - @, a tab or a CR) prefixed with a single quote. The columns are described in
 * the README ("CSV columns").
 */
import Papa from 'papaparse';
import type { Encounter, Id, KithData, KithEvent, Person } from '../model/types';
import { PERSON_FIELD_NAMES, personField } from '../model/person-fields';
import { compareEncounters, encounterParts, encounterPartsLine, groupByPerson, indexById, introducerName, profileUrls } from './shared';

/** What the person record alone does not say: written after the tags. */
const AFTER_TAGS = ['Profile URLs', 'How you met', 'Introduced by'] as const;

/** Each field's columns (the field table's, in its order), with the identity and encounter columns after the tags. */
const FIELD_COLUMNS = PERSON_FIELD_NAMES.flatMap((name) =>
  Object.entries(personField(name).columns).map(([header, cell]) => ({ name, header, cell: cell as (value: unknown) => string })),
);
const TAGS_END = FIELD_COLUMNS.findLastIndex((c) => c.name === 'tags') + 1;

export const CSV_COLUMNS: readonly string[] = [
  ...FIELD_COLUMNS.slice(0, TAGS_END).map((c) => c.header),
  ...AFTER_TAGS,
  ...FIELD_COLUMNS.slice(TAGS_END).map((c) => c.header),
];

/**
 * Cells a spreadsheet would treat as a formula. papaparse's own `escapeFormulae: true` uses
 * /^[=+\-@\t\r].*$/, which misses a formula cell that goes on over several lines, so ours tests only
 * the first character.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Where you first met in person or at an event (else the first encounter of any kind): "2024-06-19 · at an event · Warsaw · Grow Up Start Up". */
function howYouMet(list: readonly Encounter[], events: ReadonlyMap<Id, KithEvent>, people: ReadonlyMap<Id, Person>): string {
  const first = list.find((e) => e.kind === 'in-person' || e.kind === 'event') ?? list[0];
  if (!first) return '';
  // The introducer has a column of its own.
  return encounterPartsLine({ ...encounterParts(first, events, people), introducedBy: undefined });
}

function byName(a: Person, b: Person): number {
  const x = a.sortName || a.name;
  const y = b.sortName || b.name;
  if (x !== y) return x < y ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function exportCsv(data: KithData): string {
  const events = indexById(data.events);
  const peopleById = indexById(data.people);
  const encounters = groupByPerson(data.encounters);
  const rows: string[][] = [];
  for (const p of [...data.people].sort(byName)) {
    const list = (encounters.get(p.id) ?? []).slice().sort(compareEncounters);
    const introduced = list.map((e) => introducerName(e, peopleById)).find((n) => n);
    const cells = FIELD_COLUMNS.map(({ name, cell }) => cell(p[name]));
    rows.push([
      ...cells.slice(0, TAGS_END),
      profileUrls(p)
        .map((u) => u.url)
        .join(' '),
      howYouMet(list, events, peopleById),
      introduced ?? '',
      ...cells.slice(TAGS_END),
    ]);
  }
  const body = Papa.unparse(
    { fields: [...CSV_COLUMNS], data: rows },
    { newline: '\r\n', quotes: false, escapeFormulae: FORMULA_START, header: true },
  );
  // papaparse ends the header-only file with CRLF but not the others: end every file with one.
  return '\ufeff' + body.replace(/\r\n$/, '') + '\r\n';
}
