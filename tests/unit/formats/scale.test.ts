/**
 * Runs every export (and the backup import and merge) at 30,000 people, the size DESIGN.md budgets for.
 * Not timed (the project's benchmark measures budgets in a real browser); the durations are logged.
 */
import { describe, expect, it } from 'vitest';
import { exportCsv } from '../../../utils/formats/csv';
import { derivePersonFields } from '../../../utils/derive';
import { exportIcal } from '../../../utils/formats/ical';
import { exportBackup, parseBackup } from '../../../utils/formats/json-backup';
import { mergeData } from '../../../utils/import/merge';
import { groupByPerson, indexById } from '../../../utils/formats/shared';
import { exportVcards } from '../../../utils/formats/vcard';
import { ENCOUNTER_KINDS, type Encounter, type KithData, type KithEvent, type Person } from '../../../utils/model/types';
import { emptyStore, fakePhoto, uuid } from './data';

const N = 30_000;
const FIRST = ['Anna', 'Łukasz', 'Zoë', 'John', 'Małgorzata', 'Jürgen', 'Siobhán', 'Chloé', '李', 'Ola'];
const LAST = ['Nowak', 'Żółć', "O'Brien", 'Smith, Jr.', 'Wiśniewska', 'Müller', 'Ní Bhriain', 'Dupont', '王', 'K.'];

function bigStore(): KithData {
  const events: KithEvent[] = Array.from({ length: 200 }, (_, i) => ({
    id: uuid(i, 3),
    name: `Conference ${i}; Warsaw, "Day ${i % 3}"`,
    start: `2024-0${(i % 9) + 1}-1${i % 10}`,
    place: 'Warsaw',
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
  }));
  const people: Person[] = [];
  const encounters: Encounter[] = [];
  const photos = [];
  for (let i = 0; i < N; i++) {
    const id = uuid(i, 1);
    people.push({
      id,
      keys: [`linkedin:member-${i}`],
      name: `${FIRST[i % 10]} ${LAST[(i * 7) % 10]} ${i}`,
      headline: i % 2 ? `Head of Growth at Company ${i % 500} | Angel investor` : undefined,
      company: `Company ${i % 500}, Inc.`,
      position: 'Partner',
      location: 'Kraków, Lesser Poland, Poland',
      urls: { linkedin: `https://www.linkedin.com/in/member-${i}/` },
      tags: ['vc', `batch-${i % 20}`, 'grow-up'],
      notes: i % 3 ? `Met at the bar; talked about boats,\nsailing and "AI". #${i}` : '',
      followUp: i % 4 ? { due: `2025-0${(i % 9) + 1}-15`, cadenceDays: 30, note: '=send the deck' } : {},
      lastTouch: '2024-06-19',
      connectedOn: i % 5 ? '2023-01-01' : undefined,
      hasPhoto: i % 3 === 0 ? true : undefined,
      terms: [],
      sortName: '',
      createdAt: 1_700_000_000_000 + i,
      updatedAt: 1_700_000_000_000 + i,
    } as Person);
    for (let j = 0; j < 3; j++) {
      encounters.push({
        id: uuid(i * 3 + j, 2),
        personId: id,
        date: j === 0 ? '2014-06' : `2024-06-1${j}`,
        kind: ENCOUNTER_KINDS[(i + j) % ENCOUNTER_KINDS.length],
        place: 'Warsaw, Poland',
        eventId: j === 1 ? events[i % 200].id : undefined,
        introducedById: j === 2 ? uuid((i + 1) % N, 1) : undefined,
        note: j === 2 ? 'Introduced over coffee; follow up in June.' : undefined,
        createdAt: 1_700_000_000_000,
        updatedAt: 1_700_000_000_000,
      });
    }
    if (i % 3 === 0) photos.push({ personId: id, dataUrl: fakePhoto(i), updatedAt: 1_700_000_000_000 });
  }
  const byPerson = groupByPerson(encounters);
  const eventsById = indexById(events);
  for (const p of people) Object.assign(p, derivePersonFields(p, byPerson.get(p.id), eventsById));
  return { people, encounters, events, photos, voiceNotes: [], drillCards: [], drillReviews: [] };
}

describe('formats at 30,000 people', () => {
  const data = bigStore();
  const timings: Record<string, number> = {};
  const time = <T>(label: string, fn: () => T): T => {
    const t0 = performance.now();
    const out = fn();
    timings[label] = Math.round(performance.now() - t0);
    return out;
  };

  it('exports, imports and merges a backup', () => {
    const text = time('exportBackup', () => exportBackup(data, '2025-01-01T00:00:00.000Z'));
    const parsed = time('parseBackup', () => parseBackup(text));
    expect(parsed.people).toHaveLength(N);
    expect(parsed.encounters).toHaveLength(3 * N);
    const merged = time('mergeData (into empty)', () => mergeData(emptyStore(), parsed));
    expect(merged.report.people.added).toBe(N);
    const again = time('mergeData (again)', () => mergeData(merged.put, parsed));
    expect(again.report.people.unchanged).toBe(N);
    expect(time('exportBackup (again)', () => exportBackup(parsed, '2025-01-01T00:00:00.000Z'))).toBe(text);
  });

  it('exports CSV, vCard 3.0 and 4.0, and iCalendar', () => {
    const csv = time('exportCsv', () => exportCsv(data));
    expect(csv.split('\r\n').length).toBeGreaterThan(N);
    const v3 = time('exportVcards 3.0', () => exportVcards(data, '3.0'));
    expect(v3.match(/^BEGIN:VCARD\r$/gm)).toHaveLength(N);
    const v4 = time('exportVcards 4.0', () => exportVcards(data, '4.0'));
    expect(v4.match(/^END:VCARD\r$/gm)).toHaveLength(N);
    const ics = time('exportIcal', () => exportIcal(data, { today: '2025-03-01' }));
    expect(ics.match(/^BEGIN:VEVENT\r$/gm)).toHaveLength(data.people.filter((p) => p.followUp.due).length);
    console.log('30,000 people (ms):', JSON.stringify(timings));
  });
});
