import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, exportCsv } from '../../../utils/formats/csv';
import { parseConnections } from '../../../utils/formats/linkedin-connections';
import { parseTagCell, formatTagCell } from '../../../utils/formats/tag-cell';
import { planConnectionsImport } from '../../../utils/import/connections-plan';
import type { KithData } from '../../../utils/model/types';
import { encounter, NASTY, person, storeArb } from './data';

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
  it('writes a BOM, the header, one CRLF row per person and how you met', () => {
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
      'Name', 'Headline', 'Company', 'Position', 'Location', 'Email', 'Tags', 'Profile URLs', 'How you met', 'Introduced by',
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
      Tags: 'vc, warsaw',
      'Profile URLs': 'https://www.linkedin.com/in/lukasz/ https://github.com/lz',
      // The first meeting in person or at an event (the call in 2023 was before it).
      'How you met': '2024-06-19 · at an event · Warsaw · Grow Up Start Up',
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

  it('keeps how you met after later touches, apart from the last touch', () => {
    const data: KithData = {
      people: [
        person('p1', { name: 'Anna Nowak', lastTouch: '2026-12-07' }),
        person('p2', { name: 'Bob Stone', lastTouch: '2024-02-01' }),
        person('p3', { name: 'Carla Mendes' }),
      ],
      encounters: [
        // Recorded out of order: the Done by email came after the event, the event before it.
        encounter('e3', 'p1', { date: '2026-12-07', kind: 'email' }),
        encounter('e1', 'p1', { date: '2026-06-19', kind: 'event', eventId: 'v', place: 'Warsaw' }),
        encounter('e2', 'p1', { date: '2026-06-20', kind: 'in-person', place: 'Kraków' }),
        // Never met in person: the first touch is how you met.
        encounter('e4', 'p2', { date: '2024-02-01', kind: 'video' }),
        encounter('e5', 'p2', { date: '2024-01', kind: 'call' }),
      ],
      events: [{ id: 'v', name: 'Grow Up Start Up', createdAt: 0, updatedAt: 0 }],
      photos: [],
      voiceNotes: [],
      drillCards: [],
      drillReviews: [],
    };
    const rows = parse(exportCsv(data));
    const col = (name: (typeof CSV_COLUMNS)[number]) => rows.slice(1).map((r) => r[CSV_COLUMNS.indexOf(name)]);
    expect(col('Name')).toEqual(['Anna Nowak', 'Bob Stone', 'Carla Mendes']);
    expect(col('How you met')).toEqual(['2026-06-19 · at an event · Warsaw · Grow Up Start Up', '2024-01 · call', '']);
    expect(col('Last touch')).toEqual(['2026-12-07', '2024-02-01', '']);
  });

  it('fills Position from a Connections.csv import', () => {
    const file = [
      '\ufeffNotes:',
      '"When exporting your connection data, you may notice that some of the email addresses are missing."',
      '',
      'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
      'Anna,Nowak,https://www.linkedin.com/in/anna-nowak,,"Acme, Inc.",CTO,12 Mar 2024',
      'Bartosz,Wiśniewski,https://www.linkedin.com/in/bartosz,,Grow Up Start Up,"Head of ""Growth""",01 Feb 2023',
      '',
    ].join('\r\n');
    // Anna was saved from her profile before the import; Bartosz is new.
    const anna = person('p1', { name: 'Anna Nowak', keys: ['linkedin:anna-nowak'], headline: 'CTO at Acme' });
    const { put } = planConnectionsImport([anna], [], parseConnections(file), 1_800_000_000_000);
    const rows = parse(exportCsv({ people: put, encounters: [], events: [], photos: [], voiceNotes: [], drillCards: [], drillReviews: [] }));
    const at = CSV_COLUMNS.indexOf('Position');
    expect(rows.slice(1).map((r) => [r[0], r[at]])).toEqual([
      ['Anna Nowak', 'CTO'],
      ['Bartosz Wiśniewski', 'Head of "Growth"'],
    ]);
  });

  it('round-trips any list of tags through the file (property)', () => {
    const tag = fc.oneof(
      fc.constantFrom(...NASTY, ';', ',', '"', '""', ', ', '\n', '\r\n', ' ', '', 'a,b;c"d\ne'),
      fc.string({ unit: fc.constantFrom('a', ' ', ',', ';', '"', '\n', '\r', '\t', '=', '-', 'ł'), maxLength: 10 }),
      fc.string({ unit: 'grapheme', maxLength: 8 }),
    );
    fc.assert(
      fc.property(fc.array(tag, { maxLength: 8 }), (tags) => {
        expect(parseTagCell(formatTagCell(tags))).toEqual(tags);
        // Through a whole file read back by a CSV reader: the Tags cell is never neutralised as a formula.
        const rows = parse(exportCsv({ people: [person('p', { name: 'Anna', tags })], encounters: [], events: [], photos: [], voiceNotes: [], drillCards: [], drillReviews: [] }));
        expect(parseTagCell(rows[1][CSV_COLUMNS.indexOf('Tags')])).toEqual(tags);
      }),
      { numRuns: 500 },
    );
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
      // A tag is quoted inside its cell instead, so it reads back as it was.
      expect(row[6]).not.toMatch(/^[=+\-@\t\r]/);
      expect(parseTagCell(row[6])).toEqual([evil[i]]);
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
            (r) => r[15] === expected(p.notes) && r[6] === formatTagCell(p.tags) && r[2] === expected(p.company ?? ''),
          );
          expect(match, `row for ${JSON.stringify(p.name)}`).toBeDefined();
          expect(match![1]).toBe(expected(p.headline ?? ''));
          expect(match![3]).toBe(expected(p.position ?? ''));
          expect(parseTagCell(match![6])).toEqual(p.tags);
          expect(match![4]).toBe(expected(p.location ?? ''));
          expect(match![13]).toBe(expected(p.followUp.note ?? ''));
          for (const cell of match!) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
        }
      }),
      { numRuns: 100 },
    );
  });
});
