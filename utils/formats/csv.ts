/**
 * CSV export (DESIGN.md, "Formats"): one row per person, UTF-8 with a BOM (so Excel reads the accents),
 * RFC 4180 quoting and CRLF via papaparse, and every cell that a spreadsheet could run as a formula
 * (beginning with = + - @, a tab or a CR) prefixed with a single quote.
 */
import Papa from 'papaparse';
import type { KithData, Person } from '../model/types';
import { compareEncounters, encounterLine, groupByPerson, indexById, introducerName, profileUrls } from './shared';

export const CSV_COLUMNS = [
  'Name',
  'Headline',
  'Company',
  'Position',
  'Location',
  'Email',
  'Tags',
  'Profile URLs',
  'Met',
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
    const newest = list[list.length - 1];
    const introduced = list.map((e) => introducerName(e, peopleById)).find((n) => n);
    const f = p.followUp ?? {};
    rows.push([
      p.name,
      p.headline ?? '',
      p.company ?? '',
      p.position ?? '',
      p.location ?? '',
      p.email ?? '',
      p.tags.join('; '),
      profileUrls(p)
        .map((u) => u.url)
        .join(' '),
      newest ? encounterLine(newest, events, peopleById) : '',
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
