/**
 * The benchmark's results: summaries of samples, the JSON document, the markdown table, the comparison
 * with an earlier run, and the README section. Pure functions (the unit tests cover them).
 */

export type Unit = 'ms' | 'B' | 'count';

export interface Budget {
  /** The figure must be at most this (inclusive). */
  max: number;
  /** How DESIGN.md says it ("15 KB", "one frame (16 ms)"). */
  text: string;
}

export interface Row {
  /** Stable key, used to compare runs ('sidebar.filled.warm'). */
  id: string;
  /** What was measured, in words (the table's first column). */
  what: string;
  unit: Unit;
  budget: Budget | null;
  samples: number[];
  median: number;
  min: number;
  max: number;
  /** True when the median is within the budget; null without a budget or without samples. */
  pass: boolean | null;
  /** How it was measured, or why a figure is missing. */
  note?: string;
}

interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  chromium: string;
  /** os.loadavg()[0] at the start and at the end of the run: other work on the machine skews timings. */
  loadStart: number;
  loadEnd: number;
  /** The 1-minute load average when each part of the run began. */
  loadByPhase?: Record<string, number>;
}

export interface Results {
  format: 'kith-bench';
  version: 1;
  date: string;
  commit: string;
  machine: Machine;
  config: { runs: number; seed: string; people: number; exportPeople: number; csvRows: number; today: string };
  rows: Row[];
  /** Seconds the whole run took. */
  seconds: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** A row from its samples. NaN samples (a run that could not measure) are dropped. */
export function row(id: string, what: string, unit: Unit, budget: Budget | null, samples: readonly number[], note?: string): Row {
  const ok = samples.filter((v) => Number.isFinite(v));
  const med = median(ok);
  return {
    id,
    what,
    unit,
    budget,
    samples: ok.map((v) => round(v)),
    median: round(med),
    min: ok.length ? round(Math.min(...ok)) : NaN,
    max: ok.length ? round(Math.max(...ok)) : NaN,
    pass: budget && ok.length ? med <= budget.max : null,
    ...(note ? { note } : {}),
  };
}

function round(v: number): number {
  return Number.isFinite(v) ? Math.round(v * 100) / 100 : v;
}

/** A figure with its unit, at a precision that suits it ("0.42 ms", "18.3 ms", "1,234 ms", "15,130 B"). */
export function formatValue(v: number, unit: Unit): string {
  if (!Number.isFinite(v)) return '–';
  if (unit === 'B') return `${Math.round(v).toLocaleString('en-US')} B`;
  if (unit === 'count') return Math.round(v).toLocaleString('en-US');
  const abs = Math.abs(v);
  const text = abs >= 100 ? Math.round(v).toLocaleString('en-US') : abs >= 10 ? v.toFixed(1) : v.toFixed(2);
  return `${text} ms`;
}

function verdict(r: Row): string {
  if (r.pass === null) return r.budget ? 'not measured' : '';
  return r.pass ? '✅ within' : '❌ over';
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The results as a markdown table (plus a line on the machine). */
export function markdown(res: Results): string {
  const m = res.machine;
  const lines = [
    `Measured ${res.date.slice(0, 10)} on ${m.cpu} (${m.cores} cores, ${m.memoryGiB} GiB), ${m.os}, Chromium ${m.chromium}, Node ${m.node}; ` +
      `load average ${m.loadStart.toFixed(1)} at the start, ${m.loadEnd.toFixed(1)} at the end` +
      (m.loadByPhase ? ` (${Object.entries(m.loadByPhase).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')})` : '') +
      '. ' +
      `Median of ${res.config.runs} runs (min – max); ${res.config.people.toLocaleString('en-US')} people stored for the popup, search and sidebar rows, ` +
      `${res.config.exportPeople.toLocaleString('en-US')} for the exports. Commit ${res.commit}.`,
    '',
    '| what | budget | median | min – max | |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const r of res.rows) {
    const range = r.samples.length > 1 ? `${formatValue(r.min, r.unit)} – ${formatValue(r.max, r.unit)}` : '';
    lines.push(`| ${cell(r.what)} | ${cell(r.budget?.text ?? '')} | ${formatValue(r.median, r.unit)} | ${range} | ${verdict(r)} |`);
  }
  const notes = res.rows.filter((r) => r.note);
  if (notes.length) {
    lines.push('', 'How each figure is taken:', '');
    for (const r of notes) lines.push(`- **${r.what}**: ${r.note}`);
  }
  return lines.join('\n') + '\n';
}

export interface Change {
  id: string;
  what: string;
  unit: Unit;
  before: number;
  after: number;
  /** after - before */
  delta: number;
  /** Percent change, or null when before is 0. */
  percent: number | null;
  passBefore: boolean | null;
  passAfter: boolean | null;
}

/** Row by row, what changed between two runs (rows present in both, in the new run's order). */
export function compare(before: Results, after: Results): Change[] {
  const old = new Map(before.rows.map((r) => [r.id, r]));
  const out: Change[] = [];
  for (const r of after.rows) {
    const o = old.get(r.id);
    if (!o) continue;
    const delta = r.median - o.median;
    out.push({
      id: r.id,
      what: r.what,
      unit: r.unit,
      before: o.median,
      after: r.median,
      delta,
      percent: o.median === 0 || !Number.isFinite(o.median) ? null : (delta / o.median) * 100,
      passBefore: o.pass,
      passAfter: r.pass,
    });
  }
  return out;
}

export function compareMarkdown(changes: Change[], before: Results, after: Results): string {
  const lines = [
    `Compared with the run of ${before.date.slice(0, 10)} (commit ${before.commit}, load ${before.machine.loadStart.toFixed(1)}); ` +
      `this run ${after.date.slice(0, 10)} (commit ${after.commit}, load ${after.machine.loadStart.toFixed(1)}).`,
    '',
    '| what | before | after | change | |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const c of changes) {
    const sign = c.delta > 0 ? '+' : c.delta < 0 ? '−' : '±';
    const pct = c.percent === null ? '' : ` (${sign}${Math.abs(c.percent).toFixed(0)} %)`;
    const change = `${sign}${formatValue(Math.abs(c.delta), c.unit)}${pct}`;
    const flip = c.passBefore === c.passAfter ? '' : c.passAfter ? 'now within budget' : c.passAfter === false ? 'now over budget' : '';
    lines.push(`| ${cell(c.what)} | ${formatValue(c.before, c.unit)} | ${formatValue(c.after, c.unit)} | ${change} | ${flip} |`);
  }
  return lines.join('\n') + '\n';
}

export const README_START = '<!-- bench:start -->';
export const README_END = '<!-- bench:end -->';

/**
 * The README with the section between the bench markers replaced by `table`. Without the markers, a
 * "## Performance" section holding them is appended.
 */
export function withReadmeTable(readme: string, table: string): string {
  const block = `${README_START}\n${table.trimEnd()}\n${README_END}`;
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start !== -1 && end > start) return readme.slice(0, start) + block + readme.slice(end + README_END.length);
  const intro = [
    'Every budget in the design is measured in real Chromium by `npm run bench`: it builds the production extension,',
    'seeds 100,000 generated people (names with diacritics, long headlines, tags, encounters, faces) through the options',
    "page's import, loads a saved LinkedIn page with and without the extension, and writes `bench-results/latest.json`",
    'and `latest.md`. `npm run bench -- --compare old.json` shows the change, `--profile` adds CPU profiles of the content',
    'script and the service worker, `--write-readme` refreshes the table below. CI checks only the content-script size',
    '(exactly, in `npm test`); timings depend on the machine and on what else runs on it (see the load average).',
  ].join('\n');
  return `${readme.trimEnd()}\n\n## Performance\n\n${intro}\n\n${block}\n`;
}

/** Reads a results file written by the benchmark, with a clear error for anything else. */
export function parseResults(text: string, name: string): Results {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new Error(`${name} is not JSON`);
  }
  const r = doc as Partial<Results>;
  if (r?.format !== 'kith-bench' || r.version !== 1 || !Array.isArray(r.rows)) throw new Error(`${name} is not a Kith benchmark result`);
  return r as Results;
}
