/** The Connections.csv import planner (utils/import/connections-plan.ts), on rows read by the tokeniser. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConnections, type ConnectionRow } from '../../../utils/formats/linkedin-connections';
import { planConnectionsImport } from '../../../utils/import/connections-plan';
import type { Encounter, Person } from '../../../utils/model/types';
import { encounter, person } from '../formats/data';

const FIXTURE = new URL('../../fixtures/files/formats-connections-realistic.csv', import.meta.url);
const HEADER = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On';
const NOW = 1_750_000_000_000;

/** Applies a plan's writes to a store, as the DB layer would. */
function apply(existing: Person[], put: Person[]): Person[] {
  const byId = new Map(existing.map((p) => [p.id, p]));
  for (const p of put) byId.set(p.id, p);
  return [...byId.values()];
}

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
