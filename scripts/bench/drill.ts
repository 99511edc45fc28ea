/**
 * `npm run bench:drill`: the drill's pure work at scale, in Node (no browser): building the due list
 * with 30,000 people stored (DESIGN.md budget: 100 ms), and what one card costs (grading a typed
 * answer and scheduling it: within a frame, 16 ms), plus the event refresher and capture matching.
 * Prints the figures; the unit tests time nothing.
 *
 *   npm run bench:drill -- --people 30000 --runs 30 --seed kith
 *
 * The data is the main benchmark's generator with half the people given a face, and cards stored for
 * 60% of those who can be drilled (due at any time from 60 days ago to 60 days ahead): more faces and
 * cards than a real store, so the figure is an upper bound. Reading the stores from IndexedDB is not
 * part of it (the main benchmark measures reads in the browser).
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { generateKithData, rng } from './generate.ts';
import { buildDueList, drillDirection, type DrillSubject } from '../../utils/drill/due.ts';
import { newCard, review, type DrillCard } from '../../utils/drill/schedule.ts';
import { gradeAnswer } from '../../utils/drill/answer.ts';
import { refresherDeck } from '../../utils/drill/refresher.ts';
import { captureCandidates, type CaptureSubject } from '../../utils/drill/capture.ts';
import type { DrillGrade } from '../../utils/drill/grades.ts';

const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '30000' },
    runs: { type: 'string', default: '30' },
    seed: { type: 'string', default: 'kith' },
  },
});
const PEOPLE = Number(values.people);
const RUNS = Number(values.runs);
if (!(PEOPLE > 0 && RUNS > 0)) {
  console.error('bench:drill: --people and --runs must be positive numbers');
  process.exit(2);
}

const DAY = 86_400_000;
const today = '2026-03-02';
const now = Date.parse(`${today}T10:00:00Z`);

function timed(runs: number, work: () => unknown): { median: number; p95: number; max: number } {
  for (let i = 0; i < Math.min(5, runs); i++) work(); // warm up the JIT as a long-lived worker would be
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    work();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, p95: times[Math.min(times.length - 1, Math.floor(times.length * 0.95))]!, max: times[times.length - 1]! };
}
const ms = (n: number): string => `${n.toFixed(2)} ms`;
function report(what: string, t: { median: number; p95: number; max: number }, budget?: number): void {
  const verdict = budget === undefined ? '' : t.p95 <= budget ? `  (budget ${budget} ms: within)` : `  (budget ${budget} ms: OVER)`;
  console.log(`${what.padEnd(58)} median ${ms(t.median).padStart(10)}  p95 ${ms(t.p95).padStart(10)}  max ${ms(t.max).padStart(10)}${verdict}`);
}

console.log(`Generating ${PEOPLE} people (seed ${values.seed})...`);
const generated = generateKithData({ seed: values.seed!, people: PEOPLE, today, photoShare: 0.5 });
// As the background reads them from IndexedDB: fresh flat strings. (The generator builds ids a
// character at a time, and V8 hashes such strings far slower on every Map lookup.)
const data: Pick<typeof generated, 'people' | 'encounters' | 'events'> = JSON.parse(
  JSON.stringify({ people: generated.people, encounters: generated.encounters, events: generated.events }),
);
const r = rng(`drill-bench:${values.seed}`);

const withEncounter = new Set(data.encounters.map((e) => e.personId));
const subjects: DrillSubject[] = data.people.map((p) => ({ id: p.id, hasPhoto: p.hasPhoto, hasContext: withEncounter.has(p.id), createdAt: p.createdAt }));

const cards: DrillCard[] = [];
for (const s of subjects) {
  const direction = drillDirection(s);
  if (!direction || !r.chance(0.6)) continue;
  const start = now - r.int(61, 400) * DAY;
  let card = review(newCard(s.id, direction, start), r.pick([1, 2, 3, 3, 4] as DrillGrade[]), start, { id: 'x' }).card;
  // Due at any moment from 60 days ago to 60 days ahead: reviews happen at any time of day.
  card = { ...card, state: 2, due: now + Math.round((r.next() - 0.5) * 120 * DAY) };
  cards.push(card);
}
const drillable = subjects.filter((s) => drillDirection(s)).length;
console.log(`${PEOPLE} people, ${drillable} drillable (${data.people.filter((p) => p.hasPhoto).length} with a face), ${cards.length} cards stored\n`);

const cardMap = new Map(cards.map((c) => [c.personId, c]));
const list = buildDueList(subjects, cards, { now, newPerDay: 20 });
console.log(`Due list: ${list.counts.due} due, ${list.counts.new} new offered of ${list.counts.newWaiting}, ${list.counts.learning} learning\n`);

report(`due list, ${PEOPLE} people (cards as read: an array)`, timed(RUNS, () => buildDueList(subjects, cards, { now, newPerDay: 20 })), 100);
report(`due list, ${PEOPLE} people (cards in a Map)`, timed(RUNS, () => buildDueList(subjects, cardMap, { now, newPerDay: 20 })), 100);
report(
  `due list from Person records and who has encounters`,
  timed(RUNS, () => buildDueList(data.people, cards, { now, newPerDay: 20, withContext: withEncounter })),
  100,
);

const queue = list.cards.slice(0, 200);
const nameById = new Map(data.people.map((p) => [p.id, p.name]));
let k = 0;
report(
  'next card: grade a typed answer and schedule it',
  timed(Math.max(RUNS, 200), () => {
    const item = queue[k++ % queue.length]!;
    const name = nameById.get(item.personId) ?? '';
    const graded = gradeAnswer(name.slice(0, -1), name);
    return review(item.card, graded.suggestedGrade, now, { verdict: graded.verdict, id: 'x' });
  }),
  16,
);

const busiest = [...data.events].sort((a, b) => b.createdAt - a.createdAt)[0]!;
report(`event refresher for "${busiest.name}"`, timed(RUNS, () => refresherDeck({ event: busiest, events: data.events, encounters: data.encounters, people: data.people })));

const captured: CaptureSubject[] = data.people.slice(0, 500).map((p) => ({ id: p.id, name: p.name.split(' ')[0]!, keys: [], createdAt: p.createdAt }));
report('capture candidates for a profile, 500 captured people', timed(RUNS, () => captureCandidates(data.people[700]!.name, captured)), 16);
