/**
 * CSV export (DESIGN.md, "Formats"): one row per person, UTF-8 with a BOM (so Excel reads the accents),
 * RFC 4180 quoting and CRLF via papaparse, and every cell that a spreadsheet could run as a formula
 * (beginning with = + - @, a tab or a CR) prefixed with a single quote. The columns are described in
 * the README ("CSV columns").
 */
import Papa from 'papaparse';
import type { Encounter, Id, KithData, KithEvent, Person } from '../types';
import { compareEncounters, encounterParts, encounterPartsLine, groupByPerson, indexById, introducerName, profileUrls } from './shared';

export const CSV_COLUMNS = [
  'Name',
  'Headline',
  'Company',
  'Position',
  'Location',
  'Email',
  'Tags',
  'Profile URLs',
  'How you met',
  'Introduced by',
  'Last touch',
  'Follow-up due',
  'Cadence (days)',
  'Follow-up note',
  'Connected on',
  'Notes',
] as const;

/**
 * Cells a spreadsheet would treat as a formula. papaparse's own `escapeFormulae: true` uses
 * /^[=+\-@\t\r].*$/, which misses a formula cell that goes on over several lines, so ours tests only
 * the first character.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A tag written bare would be read back wrong (or run as a formula at the start of the cell): it is
 * empty, holds the separator's comma or a quote, begins or ends with whitespace (trimmed on reading), or
 * begins like a formula.
 */
const TAG_NEEDS_QUOTES = /^$|[,"]|^\s|\s$|^[=+\-@]/;

/**
 * The Tags cell: the tags joined with ", ", a tag that needs it quoted CSV-style inside the cell
 * ("a, b" is written "\"a, b\"", a quote in it doubled). parseTagCell reads it back exactly.
 */
export function formatTagCell(tags: readonly string[]): string {
  let out = '';
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i];
    if (i > 0) out += ', ';
    out += TAG_NEEDS_QUOTES.test(tag) ? `"${tag.replace(/"/g, '""')}"` : tag;
  }
  return out;
}

/**
 * The tags of a Tags cell as formatTagCell writes it. Also reads a cell edited by hand: spaces around
 * the commas are dropped, and an empty cell (or an empty item between two commas) is no tag.
 */
export function parseTagCell(cell: string): string[] {
  const tags: string[] = [];
  let i = 0;
  const n = cell.length;
  while (i < n) {
    while (i < n && /\s/.test(cell[i])) i++;
    if (cell[i] === '"') {
      let tag = '';
      i++;
      for (;;) {
        const q = cell.indexOf('"', i);
        if (q === -1) {
          tag += cell.slice(i); // no closing quote: keep the rest as the tag
          i = n;
          break;
        }
        tag += cell.slice(i, q);
        if (cell[q + 1] === '"') {
          tag += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      // Anything between the closing quote and the next comma belongs to the tag (lenient).
      const comma = cell.indexOf(',', i);
      const end = comma === -1 ? n : comma;
      tag += cell.slice(i, end).trimEnd();
      tags.push(tag);
      i = end + 1;
      continue;
    }
    const comma = cell.indexOf(',', i);
    const end = comma === -1 ? n : comma;
    const tag = cell.slice(i, end).trim();
    if (tag) tags.push(tag);
    i = end + 1;
  }
  return tags;
}

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
    const f = p.followUp ?? {};
    rows.push([
      p.name,
      p.headline ?? '',
      p.company ?? '',
      p.position ?? '',
      p.location ?? '',
      p.email ?? '',
      formatTagCell(p.tags),
      profileUrls(p)
        .map((u) => u.url)
        .join(' '),
      howYouMet(list, events, peopleById),
      introduced ?? '',
      p.lastTouch ?? '',
      f.due ?? '',
      f.cadenceDays === undefined ? '' : String(f.cadenceDays),
      f.note ?? '',
      p.connectedOn ?? '',
      p.notes,
    ]);
  }
  const body = Papa.unparse(
    { fields: [...CSV_COLUMNS], data: rows },
    { newline: '\r\n', quotes: false, escapeFormulae: FORMULA_START, header: true },
  );
  // papaparse ends the header-only file with CRLF but not the others: end every file with one.
  return '\ufeff' + body.replace(/\r\n$/, '') + '\r\n';
}
