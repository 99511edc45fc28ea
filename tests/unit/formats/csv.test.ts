import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, exportCsv } from '../../../utils/formats/csv';
import type { KithData } from '../../../utils/model/types';
import { encounter, person, storeArb } from './data';

function parse(text: string): string[][] {
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const r = Papa.parse<string[]>(text.slice(1), { delimiter: ',', skipEmptyLines: false });
  expect(r.errors).toEqual([]);
  const rows = r.data;
  // The file ends with CRLF, which papaparse reads as one empty last row.
  expect(rows[rows.length - 1]).toEqual(['']);
  return rows.slice(0, -1);
}

/** What the exporter writes for a value: the value itself, or with a leading quote when it could be a formula. */
const expected = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

describe('CSV export', () => {
  it('writes a BOM, the header, one CRLF row per person and the how-we-met summary', () => {
    const data: KithData = {
      people: [
        person('p1', {
          name: 'Łukasz Żółć',
          company: 'Acme, Inc.',
          tags: ['vc', 'warsaw'],
          urls: { linkedin: 'https://www.linkedin.com/in/lukasz/', github: 'https://github.com/lz' },
          followUp: { due: '2025-01-10', cadenceDays: 30, note: 'send "the deck"' },
          lastTouch: '2024-06-19',
          connectedOn: '2024-03-12',
          notes: 'line one\nline two',
          howToSay: 'WOO-kash',
        }),
        person('p2', { name: 'Anna Nowak' }),
      ],
      encounters: [
        encounter('e1', 'p1', { date: '2023', kind: 'call' }),
        encounter('e2', 'p1', { date: '2024-06-19', kind: 'event', eventId: 'v', place: 'Warsaw', introducedById: 'p2' }),
      ],
      events: [{ id: 'v', name: 'Grow Up Start Up', createdAt: 0, updatedAt: 0 }],
      photos: [],
      voiceNotes: [],
      drillCards: [],
      drillReviews: [],
    };
    const text = exportCsv(data);
    expect(text.startsWith('\ufeffName,Headline,Company,')).toBe(true);
    expect(text.split('\r\n')).toHaveLength(4); // header, 2 rows, the final CRLF (the notes' own newline is LF)
    const rows = parse(text);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    // The field table decides the columns; spreadsheets people built on this order keep working.
    expect(CSV_COLUMNS).toEqual([
      'Name', 'Headline', 'Company', 'Position', 'Location', 'Email', 'Tags', 'Profile URLs', 'Met', 'Introduced by',
      'Last touch', 'Follow-up due', 'Cadence (days)', 'Follow-up note', 'Connected on', 'Notes', 'How to say it', 'Memory hook',
    ]);
    expect(rows[1][0]).toBe('Anna Nowak');
    const row = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, rows[2][i]]));
    expect(row).toEqual({
      Name: 'Łukasz Żółć',
      Headline: '',
      Company: 'Acme, Inc.',
      Position: '',
      Location: '',
      Email: '',
      Tags: 'vc; warsaw',
      'Profile URLs': 'https://www.linkedin.com/in/lukasz/ https://github.com/lz',
      Met: '2024-06-19 · at an event · Warsaw · Grow Up Start Up · introduced by Anna Nowak',
      'Introduced by': 'Anna Nowak',
      'Last touch': '2024-06-19',
      'Follow-up due': '2025-01-10',
      'Cadence (days)': '30',
      'Follow-up note': 'send "the deck"',
      'Connected on': '2024-03-12',
      Notes: 'line one\nline two',
      'How to say it': 'WOO-kash',
      'Memory hook': '',
    });
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    const evil = ['=HYPERLINK("http://evil","x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '=1+1\n=2+2'];
    const data: KithData = {
      people: evil.map((v, i) => person(`p${i}`, { name: `n${i}`, company: v, notes: v, tags: [v] })),
      encounters: [],
      events: [],
      photos: [],
      voiceNotes: [],
      drillCards: [],
      drillReviews: [],
    };
    const rows = parse(exportCsv(data));
    for (const row of rows.slice(1)) {
      const i = Number(row[0].slice(1));
      expect(row[2]).toBe(`'${evil[i]}`);
      expect(row[15]).toBe(`'${evil[i]}`);
      expect(row[6]).toBe(`'${evil[i]}`);
    }
    // Harmless cells are left alone.
    const plain = parse(exportCsv({ ...data, people: [person('x', { name: 'a=b', company: "it's", notes: ' -x' })] }));
    expect(plain[1].slice(0, 3)).toEqual(['a=b', '', "it's"]);
    expect(plain[1][15]).toBe(' -x');
  });

  it('round-trips every cell through papaparse (property)', () => {
    fc.assert(
      fc.property(storeArb(0, 40), (data) => {
        const rows = parse(exportCsv(data));
        expect(rows).toHaveLength(data.people.length + 1);
        const byName = new Map<string, string[][]>();
        for (const r of rows.slice(1)) byName.set(r[0], [...(byName.get(r[0]) ?? []), r]);
        for (const p of data.people) {
          const match = (byName.get(expected(p.name)) ?? []).find(
            (r) => r[15] === expected(p.notes) && r[6] === expected(p.tags.join('; ')) && r[2] === expected(p.company ?? ''),
          );
          expect(match, `row for ${JSON.stringify(p.name)}`).toBeDefined();
          expect(match![1]).toBe(expected(p.headline ?? ''));
          expect(match![3]).toBe(expected(p.position ?? ''));
          expect(match![4]).toBe(expected(p.location ?? ''));
          expect(match![13]).toBe(expected(p.followUp.note ?? ''));
          for (const cell of match!) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
        }
      }),
      { numRuns: 100 },
    );
  });
});
