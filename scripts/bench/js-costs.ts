/**
 * The pure-JavaScript part of the imports and exports, timed in Node on the benchmark's data sets: what
 * the service worker computes before (imports) or after (exports) it touches IndexedDB. Same V8 as
 * Chromium, no browser: tells how much of an over-budget import or export is computation and how much is
 * the store. Run with `--cpu-prof` for a profile of each step:
 *
 *   node --experimental-transform-types --import ./scripts/bench/register.mjs [--cpu-prof --cpu-prof-dir=bench-results/profiles] scripts/bench/js-costs.ts
 */
import { exportBackup, parseBackup } from '../../utils/formats/json-backup.ts';
import { parseConnections } from '../../utils/formats/linkedin-connections.ts';
import { planConnectionsImport } from '../../utils/import/connections-plan.ts';
import { mergeData } from '../../utils/import/merge.ts';
import { exportCsv } from '../../utils/formats/csv.ts';
import { exportVcards } from '../../utils/formats/vcard.ts';
import { exportIcal } from '../../utils/formats/ical.ts';
import { generateConnectionsCsv, generateKithData } from './generate.ts';
import { median } from './report.ts';

const RUNS = Number(process.env.RUNS ?? 3);
const today = new Date().toISOString().slice(0, 10);

function time<T>(label: string, f: () => T): T {
  const ms: number[] = [];
  let out!: T;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    out = f();
    ms.push(performance.now() - t0);
  }
  console.log(`${label.padEnd(58)} ${median(ms).toFixed(0).padStart(6)} ms  (${ms.map((v) => v.toFixed(0)).join(', ')})`);
  return out;
}

const csv = generateConnectionsCsv({ seed: 'kith', rows: 30_000, today });
const rows = time('Connections.csv 30,000 rows: parseConnections', () => parseConnections(csv));
const plan = time('  planConnectionsImport into an empty store', () => planConnectionsImport([], [], rows, Date.now(), []));
time('  planConnectionsImport again onto those 30,000', () => planConnectionsImport(plan.put, [], rows, Date.now(), []));
const terms = plan.put.reduce((n, p) => n + p.terms.length, 0) / plan.put.length;
console.log(`  search terms per imported person: ${terms.toFixed(1)} (rows a multi-entry index of them would hold, as schema v4 had: ${Math.round(terms * plan.put.length).toLocaleString('en-US')})`);

const data = generateKithData({ seed: 'kith-exports', people: 30_000, today });
const text = exportBackup(data, new Date().toISOString());
const parsed = time('backup of 30,000 people: parseBackup', () => parseBackup(text));
time('  mergeData into an empty store', () => mergeData({ people: [], encounters: [], events: [], photos: [], voiceNotes: [], drillCards: [], drillReviews: [] }, parsed));
const perPerson = parsed.people.reduce((n, p) => n + p.terms.length, 0) / parsed.people.length;
console.log(`  search terms per person: ${perPerson.toFixed(1)}`);
time('export json (exportBackup)', () => exportBackup(parsed, new Date().toISOString()));
time('export csv (exportCsv)', () => exportCsv(parsed));
time('export vcard3 (exportVcards 3.0)', () => exportVcards(parsed, '3.0'));
time('export vcard4 (exportVcards 4.0)', () => exportVcards(parsed, '4.0'));
time('export ics (exportIcal)', () => exportIcal(parsed, { today }));
