import { describe, expect, it } from 'vitest';
import {
  FOLLOW_UP_SHARES,
  generateConnectionsCsv,
  generateKithData,
  keystrokes,
  rng,
  slugOf,
  splitData,
} from '../../scripts/bench/generate';
import { exportBackup, parseBackup } from '@/utils/formats/json-backup';
import { parseConnections } from '@/utils/formats/linkedin-connections';

const TODAY = '2026-03-15';

describe('bench data generator', () => {
  it('the same seed gives the same data, byte for byte once exported', () => {
    const a = generateKithData({ seed: 's1', people: 400, today: TODAY });
    const b = generateKithData({ seed: 's1', people: 400, today: TODAY });
    expect(b).toEqual(a);
    expect(exportBackup(b, 'x')).toBe(exportBackup(a, 'x'));
    const csvA = generateConnectionsCsv({ seed: 's1', rows: 300, today: TODAY });
    expect(generateConnectionsCsv({ seed: 's1', rows: 300, today: TODAY })).toBe(csvA);
  });

  it('another seed gives other data', () => {
    const a = generateKithData({ seed: 's1', people: 50, today: TODAY });
    const b = generateKithData({ seed: 's2', people: 50, today: TODAY });
    expect(b.people.map((p) => p.name)).not.toEqual(a.people.map((p) => p.name));
    expect(generateConnectionsCsv({ seed: 's2', rows: 50, today: TODAY })).not.toBe(generateConnectionsCsv({ seed: 's1', rows: 50, today: TODAY }));
  });

  it('the PRNG is uniform enough and stays in range', () => {
    const r = rng('x');
    const buckets = new Array(10).fill(0);
    for (let i = 0; i < 20_000; i++) {
      const v = r.next();
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(1);
      buckets[Math.floor(v * 10)]++;
    }
    for (const n of buckets) expect(n).toBeGreaterThan(1_700);
    expect(new Set(r.sample([1, 2, 3, 4, 5], 5))).toEqual(new Set([1, 2, 3, 4, 5]));
  });

  it('makes realistic shapes: diacritics, long headlines, many tags, several encounters, a few faces', () => {
    const d = generateKithData({ seed: 'shape', people: 3_000, today: TODAY });
    expect(d.people.some((p) => /[ąćęłńóśźżäöüéèçñøåšřğış]/i.test(p.name))).toBe(true);
    expect(Math.max(...d.people.map((p) => p.headline!.length))).toBeGreaterThan(120);
    expect(Math.max(...d.people.map((p) => p.tags.length))).toBeGreaterThanOrEqual(10);
    const perPerson = d.encounters.length / d.people.length;
    expect(perPerson).toBeGreaterThan(1);
    expect(perPerson).toBeLessThan(2);
    expect(d.encounters.some((e) => e.eventId) && d.encounters.some((e) => e.introducedById)).toBe(true);
    expect(d.photos.length).toBeGreaterThan(0);
    expect(d.photos.every((p) => /^data:image\/png;base64,/.test(p.dataUrl) && p.dataUrl.length < 8_000)).toBe(true);
    // Every key is unique (the store's byKey index is unique).
    const keys = d.people.flatMap((p) => p.keys);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('spreads follow-ups so a realistic few are overdue or due today', () => {
    const n = 20_000;
    const d = generateKithData({ seed: 'due', people: n, today: TODAY, photoShare: 0 });
    const overdue = d.people.filter((p) => p.followUp.due && p.followUp.due < TODAY).length;
    const today = d.people.filter((p) => p.followUp.due === TODAY).length;
    expect(overdue / n).toBeGreaterThan(FOLLOW_UP_SHARES.overdue * 0.6);
    expect(overdue / n).toBeLessThan(FOLLOW_UP_SHARES.overdue * 1.5);
    expect(today).toBeGreaterThan(0);
    expect(today / n).toBeLessThan(FOLLOW_UP_SHARES.today * 2);
  });

  it('pins the people the benchmark pages show, at their profile keys', () => {
    const d = generateKithData({ seed: 'pin', people: 10, today: TODAY, pinned: [{ slug: 'łukasz-żółć', name: 'Łukasz Żółć' }] });
    expect(d.people[0]).toMatchObject({ name: 'Łukasz Żółć', keys: ['linkedin:łukasz-żółć'] });
    expect(d.encounters.filter((e) => e.personId === d.people[0].id)).toHaveLength(3);
  });

  it('what it makes imports as a valid backup, also when split in parts', () => {
    const d = generateKithData({ seed: 'valid', people: 300, today: TODAY });
    const back = parseBackup(exportBackup(d, '2026-03-15T10:00:00.000Z'));
    expect(back.people).toHaveLength(300);
    expect(back.encounters).toHaveLength(d.encounters.length);
    expect(back.photos).toHaveLength(d.photos.length);
    const parts = splitData(d, 3);
    expect(parts).toHaveLength(3);
    expect(parts.reduce((n, p) => n + p.people.length, 0)).toBe(300);
    expect(parts.reduce((n, p) => n + p.encounters.length, 0)).toBe(d.encounters.length);
    for (const p of parts) expect(parseBackup(exportBackup(p, 'x')).people).toHaveLength(p.people.length);
  });

  it('writes a Connections.csv the importer reads, every row', () => {
    const csv = generateConnectionsCsv({ seed: 'csv', rows: 2_000, today: TODAY });
    expect(csv.startsWith('\ufeffNotes:')).toBe(true);
    expect(csv).toContain('\r\n');
    const rows = parseConnections(csv);
    expect(rows).toHaveLength(2_000);
    expect(new Set(rows.map((r) => r.key)).size).toBe(2_000);
    expect(rows.some((r) => r.company?.includes(','))).toBe(true);
    expect(rows.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.connectedOn ?? ''))).toBe(true);
  });

  it('slugs as LinkedIn makes them', () => {
    expect(slugOf('Łukasz Żółć-Øster ß')).toBe('lukasz-zolc-oster-ss');
    expect(slugOf("Seán O'Brien")).toBe('sean-o-brien');
    expect(slugOf('Ömer Yılmaz')).toBe('omer-yilmaz');
  });

  it('types every prefix of each text, one search per keystroke', () => {
    expect(keystrokes(['an a', 'b'])).toEqual(['a', 'an', 'an ', 'an a', 'b']);
  });
});
