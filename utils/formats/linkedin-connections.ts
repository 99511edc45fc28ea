/**
 * LinkedIn's Connections.csv (from "Get a copy of your data"), read exactly as LinkedIn writes it: an
 * optional BOM, a few lines of notes, then the header
 * `First Name,Last Name,URL,Email Address,Company,Position,Connected On`, CRLF rows, RFC 4180 quoting.
 *
 * The CSV is read by a small state machine instead of papaparse so that every row and every error knows
 * its line in the file (papaparse reports rows, which differ from lines once a quoted value holds a line
 * break) and so that a huge junk file is rejected after looking at its first few kilobytes.
 */
import { CAPS, cleanLine, fold } from '../text';
import type { Encounter, Id, KithEvent, Person } from '../types';
import { linkedin } from '../sites/linkedin';
import { derivePersonFields } from '../derive';
import { blankPerson } from '../person';
import { ImportError } from './errors';
import { deepEqual, groupByPerson, indexById, isLocalDay } from './shared';

export interface ConnectionRow {
  /** The line of the file the row starts on (1-based). */
  line: number;
  firstName: string;
  lastName: string;
  url?: string;
  /** 'linkedin:<slug>', normalized like every other LinkedIn key; absent when the URL is empty. */
  key?: string;
  email?: string;
  company?: string;
  position?: string;
  /** YYYY-MM-DD */
  connectedOn?: string;
}

export interface ConnectionsReport {
  added: number;
  updated: number;
  unchanged: number;
  /** Connected on LinkedIn, but no encounter recorded: "who is this?" */
  whoIsThis: Array<{ id: Id; name: string }>;
  /** Met in person or at an event, but not connected on LinkedIn (after this import). */
  metNotConnected: Array<{ id: Id; name: string }>;
}

const COLUMNS = [
  { field: 'firstName', names: ['first name'] },
  { field: 'lastName', names: ['last name'] },
  { field: 'url', names: ['url', 'profile url'] },
  { field: 'email', names: ['email address', 'email'] },
  { field: 'company', names: ['company'] },
  { field: 'position', names: ['position'] },
  { field: 'connectedOn', names: ['connected on'] },
] as const;
const HEADER_TEXT = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On';
const HEADER_SEARCH_LINES = 20;
const HEADER_SEARCH_CHARS = 64 * 1024;
const EMAIL_CAP = 320;
const POSITION_CAP = CAPS.headline;

// ---------------------------------------------------------------------------------------------
// Reading the file

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Rejects binary files quickly: a NUL anywhere, or many replacement/control characters near the start. */
function rejectBinary(text: string): void {
  const nul = text.indexOf('\u0000');
  if (nul !== -1) {
    const line = lineAt(text, nul);
    throw new ImportError(`This is not a CSV text file: line ${line} contains binary data.`, line);
  }
  const head = Math.min(text.length, HEADER_SEARCH_CHARS);
  let controls = 0;
  let replaced = 0;
  let firstReplaced = -1;
  for (let i = 0; i < head; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13) || c === 0x7f) controls++;
    else if (c === 0xfffd) {
      replaced++;
      if (firstReplaced === -1) firstReplaced = i;
    }
  }
  if (controls > 8 && controls > head / 100) {
    throw new ImportError('This is not a CSV text file: it contains binary data.', 1);
  }
  // U+FFFD is what a UTF-8 reader makes of bytes in another encoding (a file re-saved by a spreadsheet
  // as Windows-1250, say): reading on would store garbled names.
  if (replaced >= 20 || (replaced > 8 && replaced > head / 100)) {
    const line = lineAt(text, firstReplaced);
    throw new ImportError(
      `This file is not UTF-8 text: line ${line} has characters that cannot be read ` +
        '(export the file from LinkedIn again, or save it as "CSV UTF-8").',
      line,
    );
  }
}

/** Splits one physical line into cells (enough for finding the header, which has no line breaks). */
function splitHeaderLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          cur += '"';
          i++;
        } else quoted = false;
      } else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      cells.push(cur);
      cur = '';
    } else cur += ch;
  }
  cells.push(cur);
  return cells;
}

const norm = (s: string) => s.replace(/^\ufeff/, '').trim().replace(/\s+/g, ' ').toLowerCase();

interface Header {
  line: number;
  /** Index just after the header line's line break. */
  end: number;
  delimiter: string;
  width: number;
  /** Column index of each field. */
  index: Record<(typeof COLUMNS)[number]['field'], number>;
}

function findHeader(text: string): Header {
  // Only the first 64 KB are searched, so a huge file without line breaks is not scanned 20 times.
  const head = text.length > HEADER_SEARCH_CHARS ? text.slice(0, HEADER_SEARCH_CHARS) : text;
  let start = 0;
  for (let line = 1; line <= HEADER_SEARCH_LINES && start < head.length; line++) {
    let nl = head.indexOf('\n', start);
    const cr = head.indexOf('\r', start);
    let end: number; // index after the line break
    if (nl === -1 && cr === -1) {
      if (head.length < text.length) break; // a line longer than the search window: not a header
      nl = end = text.length;
    } else if (cr !== -1 && (nl === -1 || cr < nl)) {
      end = text[cr + 1] === '\n' ? cr + 2 : cr + 1;
      nl = cr;
    } else end = nl + 1;
    const raw = head.slice(start, nl);
    for (const delimiter of [',', ';', '\t']) {
      if (!raw.includes(delimiter)) continue;
      const cells = splitHeaderLine(raw, delimiter).map(norm);
      if (!cells.includes('first name') || !cells.includes('last name')) continue;
      const index = {} as Header['index'];
      const missing: string[] = [];
      for (const col of COLUMNS) {
        const at = cells.findIndex((c) => (col.names as readonly string[]).includes(c));
        if (at === -1) missing.push(HEADER_TEXT.split(',')[COLUMNS.indexOf(col)]);
        index[col.field] = at;
      }
      if (missing.length > 0) {
        throw new ImportError(
          `Line ${line} is a header without the column${missing.length > 1 ? 's' : ''} ${missing
            .map((m) => `"${m}"`)
            .join(', ')}: this is not LinkedIn's Connections.csv (expected ${HEADER_TEXT}).`,
          line,
        );
      }
      return { line, end, delimiter, width: cells.length, index };
    }
    start = end;
  }
  throw new ImportError(
    "This is not LinkedIn's Connections.csv: " +
      `no header "First Name,Last Name,URL,…" in the first ${HEADER_SEARCH_LINES} lines.`,
  );
}

/** Reads CSV records from `pos`, calling onRow with each record's cells and starting line. */
function readRecords(
  text: string,
  pos: number,
  firstLine: number,
  delimiter: string,
  onRow: (cells: string[], line: number) => void,
): void {
  const D = delimiter.charCodeAt(0);
  const QUOTE = 34;
  const CR = 13;
  const LF = 10;
  const n = text.length;
  let i = pos;
  let line = firstLine;
  while (i < n) {
    const rowLine = line;
    const cells: string[] = [];
    for (;;) {
      let cell: string;
      if (text.charCodeAt(i) === QUOTE) {
        const quoteLine = line;
        i++;
        cell = '';
        for (;;) {
          const j = text.indexOf('"', i);
          if (j === -1) {
            throw new ImportError(
              `Line ${quoteLine}: a quoted value starts here but its closing quote is missing.`,
              quoteLine,
            );
          }
          const chunk = text.slice(i, j);
          if (chunk.indexOf('\n') !== -1 || chunk.indexOf('\r') !== -1) line += (chunk.match(/\r\n?|\n/g) ?? []).length;
          cell += chunk;
          if (text.charCodeAt(j + 1) === QUOTE) {
            cell += '"';
            i = j + 2;
          } else {
            i = j + 1;
            break;
          }
        }
        // Anything between the closing quote and the delimiter is kept as it is (lenient).
        const rest = i;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === D || c === CR || c === LF) break;
          i++;
        }
        if (i > rest) cell += text.slice(rest, i);
      } else {
        const s = i;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === D || c === CR || c === LF) break;
          i++;
        }
        cell = text.slice(s, i);
      }
      cells.push(cell);
      if (i < n && text.charCodeAt(i) === D) {
        i++;
        continue;
      }
      // End of record.
      if (i < n) {
        if (text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF) i += 2;
        else i++;
        line++;
      }
      break;
    }
    onRow(cells, rowLine);
  }
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, september: 9, october: 10,
  november: 11, december: 12,
};

const pad = (n: number) => String(n).padStart(2, '0');

/** '12 Mar 2024', '12-Mar-24', '2024-03-12' or 'Mar 12, 2024' -> '2024-03-12'; undefined when unreadable. */
export function parseConnectedOn(value: string): string | undefined {
  const v = value.trim();
  let y: number, m: number | undefined, d: number;
  let r: RegExpExecArray | null;
  if ((r = /^(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -](\d{4}|\d{2})$/.exec(v))) {
    d = Number(r[1]);
    m = MONTHS[r[2].toLowerCase()];
    y = r[3].length === 2 ? 2000 + Number(r[3]) : Number(r[3]);
  } else if ((r = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v))) {
    y = Number(r[1]);
    m = Number(r[2]);
    d = Number(r[3]);
  } else if ((r = /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$/.exec(v))) {
    m = MONTHS[r[1].toLowerCase()];
    d = Number(r[2]);
    y = Number(r[3]);
  } else return undefined;
  if (m === undefined) return undefined;
  const day = `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;
  return isLocalDay(day) ? day : undefined;
}

function toUrl(value: string): URL | undefined {
  if (!/^https?:\/\//i.test(value)) return undefined;
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

const snippet = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

/**
 * Reads Connections.csv. Throws an ImportError naming the line and reason for: an empty file, binary
 * data, no header in the first 20 lines, a header with the wrong columns, a row with the wrong number of
 * values, a quoted value that is never closed, an unreadable "Connected On" date. Empty rows are skipped.
 */
export function parseConnections(text: string): ConnectionRow[] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (!/\S/.test(text)) throw new ImportError('The file is empty.');
  rejectBinary(text);
  const header = findHeader(text);
  const { index, width } = header;
  const rows: ConnectionRow[] = [];
  readRecords(text, header.end, header.line + 1, header.delimiter, (cells, line) => {
    if (cells.every((c) => c.trim() === '')) return; // an empty row
    if (cells.length !== width) {
      const extraEmpty = cells.length > width && cells.slice(width).every((c) => c.trim() === '');
      if (!extraEmpty) {
        throw new ImportError(
          `Line ${line} has ${cells.length} ${cells.length === 1 ? 'value' : 'values'} ` +
            `where the header has ${width} columns.`,
          line,
        );
      }
    }
    const cell = (i: number) => (i >= 0 ? (cells[i] ?? '') : '');
    const row: ConnectionRow = {
      line,
      firstName: cleanLine(cell(index.firstName), CAPS.name),
      lastName: cleanLine(cell(index.lastName), CAPS.name),
    };
    const rawUrl = cleanLine(cell(index.url), CAPS.url);
    const url = rawUrl ? toUrl(rawUrl) : undefined;
    if (url) {
      row.url = rawUrl;
      const key = linkedin.profileKey(url);
      if (key) row.key = key;
    }
    const email = cleanLine(cell(index.email), EMAIL_CAP);
    if (email) row.email = email;
    const company = cleanLine(cell(index.company), CAPS.company);
    if (company) row.company = company;
    const position = cleanLine(cell(index.position), POSITION_CAP);
    if (position) row.position = position;
    const rawDate = cleanLine(cell(index.connectedOn), 100);
    if (rawDate) {
      const day = parseConnectedOn(rawDate);
      if (!day) {
        throw new ImportError(
          `Line ${line}: "${snippet(rawDate)}" under "Connected On" is not a date ` +
            '(LinkedIn writes dates like 12 Mar 2024).',
          line,
        );
      }
      row.connectedOn = day;
    }
    rows.push(row);
  });
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Planning the import

/**
 * True when the stored name may be replaced by the file's: the person has no name, or still looks
 * exactly as a previous Connections import left them (connected, nothing the user or a page added).
 * Person has no field saying where its name came from; this is the conservative stand-in.
 */
function nameFromImport(p: Person, hasEncounters: boolean): boolean {
  if (!p.name) return true;
  const f = p.followUp ?? {};
  return (
    p.connectedOn !== undefined &&
    !hasEncounters &&
    !p.headline &&
    !p.location &&
    !p.notes &&
    p.tags.length === 0 &&
    !p.hasPhoto &&
    !p.lastTouch &&
    f.due === undefined &&
    f.cadenceDays === undefined &&
    !f.note
  );
}

const rowName = (r: ConnectionRow) => cleanLine(`${r.firstName} ${r.lastName}`, CAPS.name);

/** The file's First Name and Last Name become the person's name parts when they make up the name. */
function setNameParts(p: Person, r: ConnectionRow, name: string): void {
  if (!name || p.name !== name) return;
  if (r.firstName) p.givenName = r.firstName;
  else delete p.givenName;
  if (r.lastName) p.familyName = r.lastName;
  else delete p.familyName;
}

/** The form names are matched in: folded, whitespace collapsed. */
const nameKey = (name: string) => fold(name).replace(/\s+/g, ' ').trim();

/**
 * Works out what a Connections import writes, without writing: people matched by LinkedIn key are
 * updated (never duplicated), rows without a URL match by exact folded name when exactly one stored
 * person and one such row share it, the others are created. For the same key twice in a file the last
 * row wins. `events` (optional) lets the search terms keep the names of the events people were met at.
 */
export function planConnectionsImport(
  existing: Person[],
  encounters: Encounter[],
  rows: ConnectionRow[],
  now: number,
  events?: readonly KithEvent[],
): { put: Person[]; report: ConnectionsReport } {
  const eventsById = indexById(events ?? []);
  const encountersByPerson = groupByPerson(encounters);
  const byKey = new Map<string, Person>();
  const byName = new Map<string, Person[]>();
  for (const p of existing) {
    for (const k of p.keys) if (!byKey.has(k)) byKey.set(k, p);
    const f = nameKey(p.name);
    if (!f) continue;
    const list = byName.get(f);
    if (list) list.push(p);
    else byName.set(f, [p]);
  }

  // Last row wins for a key; keyless rows are matched by name only when the name is unique on both sides.
  const lastForKey = new Map<string, number>();
  rows.forEach((r, i) => r.key && lastForKey.set(r.key, i));
  const keylessNames = new Map<string, number>();
  for (const r of rows) {
    if (r.key) continue;
    const f = nameKey(rowName(r));
    if (f) keylessNames.set(f, (keylessNames.get(f) ?? 0) + 1);
  }

  const working = new Map<Id, Person>(); // stored people touched by the file, as updated
  const created: Person[] = [];
  rows.forEach((r, i) => {
    if (r.key && lastForKey.get(r.key) !== i) return;
    const name = rowName(r);
    if (!r.key && !name) return;
    let target: Person | undefined;
    if (r.key) target = byKey.get(r.key);
    else {
      const f = nameKey(name);
      const candidates = byName.get(f);
      if (candidates?.length === 1 && keylessNames.get(f) === 1) target = candidates[0];
    }
    if (!target) {
      const p: Person = blankPerson(name, now);
      if (r.key) p.keys = [r.key];
      setNameParts(p, r, name);
      if (r.key && r.url) p.urls = { linkedin: r.url };
      if (r.company) p.company = r.company;
      if (r.position) p.position = r.position;
      if (r.email) p.email = r.email;
      if (r.connectedOn) p.connectedOn = r.connectedOn;
      Object.assign(p, derivePersonFields(p));
      created.push(p);
      if (r.key) byKey.set(r.key, p);
      return;
    }
    const p = working.get(target.id) ?? { ...target, keys: [...target.keys], urls: { ...target.urls } };
    if (name && p.name !== name && nameFromImport(target, encountersByPerson.has(target.id))) p.name = name;
    setNameParts(p, r, name);
    if (r.company) p.company = r.company;
    if (r.position) p.position = r.position;
    if (r.email) p.email = r.email;
    if (r.connectedOn) p.connectedOn = r.connectedOn;
    if (r.key && r.url && !p.urls.linkedin) p.urls.linkedin = r.url;
    if (r.key && !p.keys.includes(r.key)) p.keys.push(r.key);
    working.set(p.id, p);
  });

  const report: ConnectionsReport = {
    added: created.length,
    updated: 0,
    unchanged: 0,
    whoIsThis: [],
    metNotConnected: [],
  };
  const put: Person[] = [];
  const finalById = new Map<Id, Person>();
  for (const p of existing) finalById.set(p.id, p);
  for (const [id, p] of working) {
    const before = finalById.get(id)!;
    const derived = { ...p, ...derivePersonFields(p, encountersByPerson.get(id) ?? [], eventsById) };
    if (deepEqual(before, derived)) {
      report.unchanged++;
      continue;
    }
    const after = { ...derived, updatedAt: Math.max(now, before.updatedAt) };
    report.updated++;
    put.push(after);
    finalById.set(id, after);
  }
  put.push(...created);
  for (const p of created) finalById.set(p.id, p);

  const met = new Set<Id>();
  const inPerson = new Set<Id>();
  for (const e of encounters) {
    met.add(e.personId);
    if (e.kind === 'in-person' || e.kind === 'event') inPerson.add(e.personId);
  }
  const people = [...finalById.values()].sort((a, b) =>
    a.sortName !== b.sortName ? (a.sortName < b.sortName ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
  for (const p of people) {
    if (p.connectedOn && !met.has(p.id)) report.whoIsThis.push({ id: p.id, name: p.name });
    if (!p.connectedOn && inPerson.has(p.id)) report.metNotConnected.push({ id: p.id, name: p.name });
  }
  return { put, report };
}
