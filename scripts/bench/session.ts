/**
 * One benchmark run's bookkeeping, shared by its phases: the log with the time since the start, the rows
 * measured and the measurements that failed, the load average at each phase, and what to close and
 * remove when the run ends (or is interrupted). Also the production build the browsers load.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { BenchError } from './browser.ts';
import { ONLY, ROOT, type Phase } from './config.ts';
import type { Row } from './report.ts';
import { closeImportServer } from './seed.ts';

export const started = performance.now();
export const rows: Row[] = [];
export const failures: string[] = [];
export const loadByPhase: Record<string, number> = {};
export const cleanups: Array<() => Promise<void> | void> = [];

export function log(text: string): void {
  const t = ((performance.now() - started) / 1000).toFixed(0).padStart(4);
  console.log(`[${t} s] ${text}`);
}

/**
 * Runs one phase when --only selects it. A phase that throws is a failed measurement, not a failed
 * run: it is logged and reported with `onFail`'s rows, and the next phase runs.
 */
export async function phase(name: Phase, what: string, body: () => Promise<void>, onFail: (error: string) => Row[]): Promise<void> {
  if (!ONLY.has(name)) return;
  loadByPhase[name] = os.loadavg()[0];
  log(`${what}...`);
  try {
    await body();
  } catch (e) {
    const error = e instanceof Error ? e.message.split('\n')[0] : String(e);
    failures.push(`${what}: ${error}`);
    log(`FAILED ${what}: ${error}`);
    rows.push(...onFail(error));
  }
}

/** Closes every browser and removes every profile the run made, then the import files' server. */
export async function cleanup(): Promise<void> {
  for (const c of cleanups.splice(0)) await Promise.resolve(c()).catch(() => undefined);
  await closeImportServer();
}

export function build(outDir: string, sourcemaps = false): void {
  log(`building the production extension into ${outDir}/chrome-mv3${sourcemaps ? ' (with source maps, to read the profiles)' : ''}...`);
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const env = { ...process.env, KITH_OUT_DIR: outDir, ...(sourcemaps ? { KITH_SOURCEMAP: '1' } : {}) };
  const r = spawnSync(npx, ['wxt', 'build'], { cwd: ROOT, env, encoding: 'utf8' });
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    throw new BenchError('the build failed (output above)');
  }
}
