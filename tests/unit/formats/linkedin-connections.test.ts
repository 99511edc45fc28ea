import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../../utils/formats/errors';
import {
  parseConnectedOn,
  parseConnections,
  planConnectionsImport,
  type ConnectionRow,
} from '../../../utils/formats/linkedin-connections';
import type { Encounter, Person } from '../../../utils/types';
import { encounter, person } from './data';

const FIXTURE = new URL('../../fixtures/files/formats-connections-realistic.csv', import.meta.url);
const HEADER = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On';
const NOW = 1_750_000_000_000;

function errorOf(fn: () => unknown): ImportError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return e as ImportError;
  }
  throw new Error('expected an ImportError');
}

/** Applies a plan's writes to a store, as the DB layer would. */
function apply(existing: Person[], put: Person[]): Person[] {
  const byId = new Map(existing.map((p) => [p.id, p]));
  for (const p of put) byId.set(p.id, p);
  return [...byId.values()];
}

describe('parseConnections: a real-looking file', () => {
  const text = readFileSync(FIXTURE, 'utf8');

  it('reads the BOM, the notes before the header, CRLF, quoting, both date styles and empty cells', () => {
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = parseConnections(text);
    expect(rows).toEqual([
      {
        line: 5,
        firstName: 'Anna',
        lastName: 'Nowak',
        url: 'https://www.linkedin.com/in/anna-nowak',
        key: 'linkedin:anna-nowak',
        company: 'Old Employer',
        position: 'CEO',
        connectedOn: '2024-03-12',
      },
      {
        line: 6,
        firstName: 'Łukasz',
        lastName: 'Żółć',
        url: 'https://www.linkedin.com/in/%C5%82ukasz-%C5%BC%C3%B3%C5%82%C4%87-123abc',
        key: 'linkedin:łukasz-żółć-123abc',
        email: 'lukasz@example.com',
        company: 'Kowalski, Nowak & Partners',
        position: 'Partner, "Growth"',
        connectedOn: '2023-01-01',
      },
      { line: 7, firstName: 'John', lastName: 'Smith', company: 'Big Co', position: 'Engineer', connectedOn: '2019-02-05' },
      {
        line: 9,
        firstName: 'Zoë',
        lastName: "O'Brien",
        url: 'https://pl.linkedin.com/in/zoe-obrien/?originalSubdomain=pl',
        key: 'linkedin:zoe-obrien',
        connectedOn: '2021-12-28',
      },
      {
        line: 11,
        firstName: 'Marie',
        lastName: 'Curie',
        url: 'https://www.linkedin.com/in/Marie-Curie/',
        key: 'linkedin:marie-curie',
        company: 'Sorbonne',
        position: 'Researcher (radioactivity)',
        connectedOn: '2011-11-07',
      },
      {
        line: 13,
        firstName: 'Anna',
        lastName: 'Nowak',
        url: 'https://www.linkedin.com/in/anna-nowak/',
        key: 'linkedin:anna-nowak',
        company: 'Acme, Inc.',
        position: 'Chief Executive Officer',
        connectedOn: '2024-03-13',
      },
    ]);
  });

  it('reads LF-only files, a header in other case and spacing, and a file without notes or BOM', () => {
    const lf = parseConnections(text.replace(/\r\n/g, '\n'));
    expect(lf.map((r) => r.line)).toEqual([5, 6, 7, 9, 11, 13]);
    const plain = parseConnections(' first name , LAST NAME,Url,Email address,company,position,connected  on\nA,B,,,,,1 Jan 2020');
    expect(plain).toEqual([{ line: 2, firstName: 'A', lastName: 'B', connectedOn: '2020-01-01' }]);
    expect(parseConnections(HEADER + '\r\n')).toEqual([]);
  });

  it('reads the dates LinkedIn has written', () => {
    expect(parseConnectedOn('12 Mar 2024')).toBe('2024-03-12');
    expect(parseConnectedOn('1 Sep 2009')).toBe('2009-09-01');
    expect(parseConnectedOn('12-Mar-24')).toBe('2024-03-12');
    expect(parseConnectedOn('05-feb-2019')).toBe('2019-02-05');
    expect(parseConnectedOn('2024-03-12')).toBe('2024-03-12');
    expect(parseConnectedOn('Mar 12, 2024')).toBe('2024-03-12');
    expect(parseConnectedOn('31 Feb 2024')).toBeUndefined();
    expect(parseConnectedOn('12/03/2024')).toBeUndefined();
    expect(parseConnectedOn('12 Mär 2024')).toBeUndefined();
  });
});

describe('parseConnections: bad files', () => {
  it('rejects an empty file', () => {
    expect(errorOf(() => parseConnections('')).message).toBe('The file is empty.');
    expect(errorOf(() => parseConnections('\ufeff\r\n  \r\n')).message).toBe('The file is empty.');
  });

  it('rejects binary data, naming the line', () => {
    const e = errorOf(() => parseConnections(`Notes:\r\n${HEADER}\r\nAnna,No\u0000wak,,,,,12 Mar 2024\r\n`));
    expect(e.line).toBe(3);
    expect(e.message).toBe('This is not a CSV text file: line 3 contains binary data.');
    const xlsx = 'PK\u0003\u0004\u0014\u0000\u0006\u0000\b\u0000\u0000\u0000!\u0000';
    expect(errorOf(() => parseConnections(xlsx)).message).toMatch(/not a CSV text file/);
    const junk = Array.from({ length: 2000 }, (_, i) => String.fromCharCode(1 + (i % 8), 0xfffd)).join('');
    expect(errorOf(() => parseConnections(junk)).message).toMatch(/not a CSV text file/);
  });

  it('rejects text in another encoding (a spreadsheet re-saved it as Windows-1250), naming the line', () => {
    const bytes = Buffer.from(`${HEADER}\r\n`, 'latin1');
    const rows = Array.from({ length: 30 }, () => Buffer.from([0x8c, 0x61, 0x2c, 0xa3, 0x75, 0x6b, 0x61, 0x73, 0x7a, 0x2c, 0x2c, 0x2c, 0x2c, 0x2c, 0x0d, 0x0a]));
    const text = new TextDecoder().decode(Buffer.concat([Buffer.from('Notes:\r\n\r\n'), bytes, ...rows]));
    const e = errorOf(() => parseConnections(text));
    expect(e.line).toBe(4);
    expect(e.message).toMatch(/^This file is not UTF-8 text: line 4 has characters that cannot be read/);
  });

  it('fails fast on 50 MB of random bytes, with a short message', () => {
    const text = new TextDecoder().decode(randomBytes(50 * 1024 * 1024));
    const t0 = performance.now();
    const e = errorOf(() => parseConnections(text));
    const ms = performance.now() - t0;
    expect(e.message.length).toBeLessThan(200);
    expect(ms).toBeLessThan(1000);
  });

  it('rejects a file without the header in its first 20 lines', () => {
    const e = errorOf(() => parseConnections('Name,Email\nAnna,anna@example.com\n'));
    expect(e.message).toBe(
      `This is not LinkedIn's Connections.csv: no header "First Name,Last Name,URL,…" in the first 20 lines.`,
    );
    const late = 'x\n'.repeat(25) + HEADER + '\nA,B,,,,,1 Jan 2020\n';
    expect(errorOf(() => parseConnections(late)).message).toMatch(/no header/);
    // 50 MB files with one endless line, or with many short ones, are rejected after the first 64 KB.
    expect(errorOf(() => parseConnections('a'.repeat(50 * 1024 * 1024))).message).toMatch(/no header/);
    expect(errorOf(() => parseConnections('a,b\n'.repeat(12 * 1024 * 1024))).message).toMatch(/no header/);
  });

  it('rejects a header with the wrong columns, naming the line', () => {
    const e = errorOf(() => parseConnections('Notes:\n\nFirst Name,Last Name,URL,Company,Position\nA,B,,C,D\n'));
    expect(e.line).toBe(3);
    expect(e.message).toBe(
      `Line 3 is a header without the columns "Email Address", "Connected On": this is not LinkedIn's Connections.csv (expected ${HEADER}).`,
    );
  });

  it('names the line of a row with the wrong number of values', () => {
    const e = errorOf(() => parseConnections(`Notes:\r\n\r\n${HEADER}\r\nA,B,,,,,1 Jan 2020\r\nC,D,,,1 Jan 2020\r\n`));
    expect(e.line).toBe(5);
    expect(e.message).toBe('Line 5 has 5 values where the header has 7 columns.');
    // Trailing empty values are tolerated.
    expect(parseConnections(`${HEADER}\nA,B,,,,,1 Jan 2020,,\n`)).toHaveLength(1);
  });

  it('names the line of a bad date', () => {
    const e = errorOf(() => parseConnections(`${HEADER}\nA,B,,,,,1 Jan 2020\n"Multi\nline",B,,,,,1 Jan 2020\nC,D,,,,,yesterday\n`));
    expect(e.line).toBe(5);
    expect(e.message).toBe('Line 5: "yesterday" under "Connected On" is not a date (LinkedIn writes dates like 12 Mar 2024).');
  });

  it('names the line where an unterminated quote starts', () => {
    const e = errorOf(() => parseConnections(`${HEADER}\nA,B,,,,,1 Jan 2020\nC,"D,,,,,1 Jan 2020\nE,F,,,,,1 Jan 2020\n`));
    expect(e.line).toBe(3);
    expect(e.message).toBe('Line 3: a quoted value starts here but its closing quote is missing.');
  });
});

describe('planConnectionsImport', () => {
  const rows = () => parseConnections(readFileSync(FIXTURE, 'utf8'));

  it('updates a person saved from the sidebar instead of duplicating them, and lists who is who', () => {
    const sidebarAnna = person('anna', {
      name: 'Anna Nowak, MBA',
      headline: 'CEO at Acme',
      keys: ['linkedin:anna-nowak', 'linkedin-member:42'],
      urls: { linkedin: 'https://www.linkedin.com/in/anna-nowak/' },
      tags: ['investor'],
      updatedAt: NOW - 1000,
    });
    const john = person('john', { name: 'john  smith', updatedAt: NOW - 1000 });
    const olga = person('olga', { name: 'Olga Met', keys: ['linkedin:olga'] });
    const caller = person('caller', { name: 'Only Called' });
    const existing = [sidebarAnna, john, olga, caller];
    const encounters: Encounter[] = [
      encounter('e1', 'anna', { kind: 'event', eventId: 'v1', place: 'Warsaw' }),
      encounter('e2', 'olga', { kind: 'in-person' }),
      encounter('e3', 'caller', { kind: 'call' }),
      encounter('e4', 'john', { kind: 'in-person' }),
    ];
    const events = [{ id: 'v1', name: 'Grow Up Start Up', createdAt: 0, updatedAt: 0 }];
    const { put, report } = planConnectionsImport(existing, encounters, rows(), NOW, events);

    expect(report.added).toBe(3); // Łukasz, Zoë, Marie (Anna twice in the file counts once)
    expect(report.updated).toBe(2); // Anna by key, John by his unique name
    expect(report.unchanged).toBe(0);
    expect(put).toHaveLength(5);

    const anna = put.find((p) => p.id === 'anna')!;
    expect(anna.name).toBe('Anna Nowak, MBA'); // the user's / page's name is kept
    expect(anna.company).toBe('Acme, Inc.'); // last row for the key wins
    expect(anna.position).toBe('Chief Executive Officer');
    expect(anna.connectedOn).toBe('2024-03-13');
    expect(anna.keys).toEqual(['linkedin:anna-nowak', 'linkedin-member:42']);
    expect(anna.tags).toEqual(['investor']);
    expect(anna.updatedAt).toBe(NOW);
    expect(anna.terms).toEqual(expect.arrayContaining(['acme', 'inc', 'grow', 'warsaw', 'investor']));

    const johnAfter = put.find((p) => p.id === 'john')!;
    expect(johnAfter).toMatchObject({ name: 'john  smith', company: 'Big Co', connectedOn: '2019-02-05', keys: [] });

    const lukasz = put.find((p) => p.keys.includes('linkedin:łukasz-żółć-123abc'))!;
    expect(lukasz).toMatchObject({
      name: 'Łukasz Żółć',
      company: 'Kowalski, Nowak & Partners',
      email: 'lukasz@example.com',
      urls: { linkedin: 'https://www.linkedin.com/in/%C5%82ukasz-%C5%BC%C3%B3%C5%82%C4%87-123abc' },
      tags: [],
      notes: '',
      followUp: {},
      createdAt: NOW,
      updatedAt: NOW,
      sortName: 'lukasz zolc',
    });
    expect(lukasz.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(lukasz.terms).toEqual(['kowalski', 'lukasz', 'nowak', 'partners', 'zolc']);

    // Connected, never met: the three new people (sorted by name). Met in person, not connected: Olga.
    expect(report.whoIsThis.map((p) => p.name)).toEqual(['Łukasz Żółć', 'Marie Curie', "Zoë O'Brien"]);
    expect(report.metNotConnected).toEqual([{ id: 'olga', name: 'Olga Met' }]);

    // Importing the same file again changes nothing.
    const after = apply(existing, put);
    const again = planConnectionsImport(after, encounters, rows(), NOW + 5000, events);
    expect(again.put).toEqual([]);
    expect(again.report).toMatchObject({ added: 0, updated: 0, unchanged: 5 });
  });

  it("updates the name of a person a previous import created, but not a name the user gave", () => {
    const imported = person('imp', { name: 'Anna Kowalska', keys: ['linkedin:anna-nowak'], connectedOn: '2024-03-12' });
    const plan = planConnectionsImport([imported], [], rows(), NOW);
    expect(plan.put.find((p) => p.id === 'imp')!.name).toBe('Anna Nowak');

    const noName = person('x', { name: '', keys: ['linkedin:marie-curie'], notes: 'asked for the name' });
    expect(planConnectionsImport([noName], [], rows(), NOW).put.find((p) => p.id === 'x')!.name).toBe('Marie Curie');
  });

  it('keeps First Name and Last Name as the name parts when they make up the name', () => {
    const file = [
      HEADER,
      'Eduardo,Alvarez Nowak,https://www.linkedin.com/in/eduardo-alvarez-nowak,,,,12 Mar 2024',
      'Anna,Nowak,https://www.linkedin.com/in/anna-nowak,,,,12 Mar 2024',
      'Bob,Stone,https://www.linkedin.com/in/bob-stone,,,,12 Mar 2024',
      'Cher,,https://www.linkedin.com/in/cher,,,,12 Mar 2024',
      '',
    ].join('\r\n');
    const existing = [
      // Saved from the page under the same name, and under a name the user gave.
      person('anna', { name: 'Anna Nowak', keys: ['linkedin:anna-nowak'], headline: 'CTO' }),
      person('bob', { name: 'Robert Stone', keys: ['linkedin:bob-stone'], headline: 'CFO' }),
    ];
    const { put } = planConnectionsImport(existing, [], parseConnections(file), NOW);
    const parts = Object.fromEntries(put.map((p) => [p.name, [p.givenName, p.familyName]]));
    expect(parts).toEqual({
      'Eduardo Alvarez Nowak': ['Eduardo', 'Alvarez Nowak'],
      'Anna Nowak': ['Anna', 'Nowak'],
      'Robert Stone': [undefined, undefined],
      Cher: ['Cher', undefined],
    });
    expect(put.find((p) => p.name === 'Cher')).not.toHaveProperty('familyName');
    // The same file again changes nothing.
    expect(planConnectionsImport(apply(existing, put), [], parseConnections(file), NOW + 5000).put).toEqual([]);
  });

  it('creates people for URL-less rows whose name is not unique', () => {
    const rowsIn: ConnectionRow[] = [
      { line: 2, firstName: 'Jan', lastName: 'Kowalski' },
      { line: 3, firstName: 'Jan', lastName: 'Kowalski', company: 'Other' },
    ];
    const existing = [person('j', { name: 'Jan Kowalski' })];
    const { put, report } = planConnectionsImport(existing, [], rowsIn, NOW);
    expect(report).toMatchObject({ added: 2, updated: 0, unchanged: 0 });
    expect(put.map((p) => p.id)).not.toContain('j');
  });
});

describe('Connections at LinkedIn scale', () => {
  it('parses and plans a 30,000-row file', () => {
    const lines = ['Notes:', '"Some notes, with a comma."', '', HEADER];
    for (let i = 0; i < 30_000; i++) {
      const date = i % 2 ? `${(i % 28) + 1} Mar 2024` : `${String((i % 28) + 1).padStart(2, '0')}-Jan-19`;
      const url = i % 50 === 0 ? '' : `https://www.linkedin.com/in/member-${i}-%C5%BC`;
      lines.push(`First${i},"Last, ${i}",${url},${i % 10 ? '' : `m${i}@example.com`},"Company ""${i % 300}""",Position ${i},${date}`);
    }
    const text = '\ufeff' + lines.join('\r\n') + '\r\n';
    const t0 = performance.now();
    const rows = parseConnections(text);
    const t1 = performance.now();
    expect(rows).toHaveLength(30_000);
    expect(rows[1]).toMatchObject({ line: 6, key: 'linkedin:member-1-ż', lastName: 'Last, 1', company: 'Company "1"' });
    const existing = Array.from({ length: 5000 }, (_, i) =>
      person(`s${i}`, { name: `Saved ${i}`, keys: [`linkedin:member-${i * 3}-ż`], headline: 'From the page' }),
    );
    const { put, report } = planConnectionsImport(existing, [], rows, NOW);
    const t2 = performance.now();
    expect(report.added + report.updated).toBe(30_000);
    expect(put).toHaveLength(30_000);
    console.log(`30,000 rows: parse ${(t1 - t0).toFixed(0)} ms, plan ${(t2 - t1).toFixed(0)} ms`);
  });
});
