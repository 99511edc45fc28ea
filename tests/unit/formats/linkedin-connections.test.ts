import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../../utils/formats/errors';
import { parseConnectedOn, parseConnections } from '../../../utils/formats/linkedin-connections';

const FIXTURE = new URL('../../fixtures/files/formats-connections-realistic.csv', import.meta.url);
const HEADER = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On';

function errorOf(fn: () => unknown): ImportError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return e as ImportError;
  }
  throw new Error('expected an ImportError');
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
