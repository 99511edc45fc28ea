/**
 * The run's results: the machine and configuration they were measured with, written as JSON and
 * Markdown (latest.* and a dated copy), compared with an earlier run (--compare) and put in the README
 * (--write-readme).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { BenchError } from './browser.ts';
import { args, CSV_ROWS, EXPORT_PEOPLE, OUT, PEOPLE, PROFILE, PROFILES, ROOT, RUNS, SEED, TODAY } from './config.ts';
import { profileNotes } from './profiling.ts';
import { compare, compareMarkdown, markdown, parseResults, withReadmeTable, type Results } from './report.ts';
import { failures, loadByPhase, log, rows, started } from './session.ts';

function commit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' }).trim();
    return dirty ? `${head}+changes` : head;
  } catch {
    return 'unknown';
  }
}

function osName(): string {
  try {
    const m = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(readFileSync('/etc/os-release', 'utf8'));
    if (m) return m[1];
  } catch {
    // not Linux
  }
  return `${os.type()} ${os.release()}`;
}

function showComparison(before: Results, after: Results): void {
  const text = compareMarkdown(compare(before, after), before, after);
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, 'compare.md'), text);
  console.log(`\n${text}`);
}

export function readResults(file: string): Results {
  let text: string;
  try {
    text = readFileSync(resolve(file), 'utf8');
  } catch (e) {
    throw new BenchError(`cannot read ${file}: ${(e as Error).message}`);
  }
  try {
    return parseResults(text, file);
  } catch (e) {
    throw new BenchError((e as Error).message);
  }
}

/** --compare and --write-readme, for a run just measured or one read with --from. */
export function publish(results: Results, table: string): void {
  if (args.compare) showComparison(readResults(args.compare), results);
  if (args['write-readme']) {
    const readme = join(ROOT, 'README.md');
    writeFileSync(readme, withReadmeTable(readFileSync(readme, 'utf8'), table));
    log('README.md Performance section updated');
  }
}

/**
 * Writes the results of the phases run, then --compare and --write-readme; returns the exit code: 1
 * when a measurement failed (a figure over its budget is reported, not a failure).
 */
export function writeResults(machine: { chromium: string; loadStart: number }): number {
  const { chromium, loadStart } = machine;
  const results: Results = {
    format: 'kith-bench',
    version: 1,
    date: new Date().toISOString(),
    commit: commit(),
    machine: {
      cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
      cores: os.cpus().length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      os: osName(),
      node: process.version,
      chromium,
      loadStart,
      loadEnd: os.loadavg()[0],
      loadByPhase,
    },
    config: { runs: RUNS, seed: SEED, people: PEOPLE, exportPeople: EXPORT_PEOPLE, csvRows: CSV_ROWS, today: TODAY },
    rows,
    seconds: Math.round((performance.now() - started) / 1000),
  };
  const table = markdown(results);
  mkdirSync(OUT, { recursive: true });
  const stamp = results.date.replace(/[:.]/g, '-').slice(0, 19);
  for (const name of ['latest', stamp]) {
    writeFileSync(join(OUT, `${name}.json`), JSON.stringify(results, null, 2) + '\n');
    writeFileSync(join(OUT, `${name}.md`), table);
  }
  console.log(`\n${table}`);
  log(`written to ${join(args.out!, 'latest.json')} and latest.md (and ${stamp}.*)`);
  publish(results, table);
  if (PROFILE && profileNotes.length) {
    writeFileSync(join(PROFILES, 'summary.txt'), profileNotes.join('\n\n') + '\n');
    log(`CPU profiles and their summary in ${join(args.out!, 'profiles')}`);
  }
  const missed = rows.filter((r) => r.pass === false);
  if (missed.length) log(`over budget: ${missed.map((r) => r.id).join(', ')}`);
  if (failures.length) {
    log(`${failures.length} measurement(s) failed:\n  ${failures.join('\n  ')}`);
    return 1;
  }
  return 0;
}
