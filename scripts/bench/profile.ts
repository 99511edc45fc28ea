/**
 * `--profile`: CPU profiles that explain a missed budget. The content script on a page load (the page's
 * own DevTools session), and the service worker during an import or an export (attached through an
 * extension page's session: Target.attachToTarget + sendMessageToTarget). Profiles are saved as
 * .cpuprofile files (open them in the DevTools Performance panel) and summarised as the functions with
 * the most self time, mapped back to the sources when a source-mapped build is at hand.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }>;
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Profiles whatever `run` makes the target do. `send` is a page's or the worker's session. */
export async function cpuProfile(send: (method: string, params?: object) => Promise<unknown>, run: () => Promise<void>, intervalUs = 100): Promise<CpuProfile> {
  await send('Profiler.enable');
  await send('Profiler.setSamplingInterval', { interval: intervalUs });
  await send('Profiler.start');
  try {
    await run();
  } finally {
    // stop() below ends the profile either way.
  }
  const { profile } = (await send('Profiler.stop')) as { profile: CpuProfile };
  return profile;
}

export interface Hot {
  name: string;
  where: string;
  selfMs: number;
}

type Mapper = (url: string, line: number, column: number) => string | undefined;

/**
 * Source maps of a build made with KITH_SOURCEMAP=1 (same code as the measured build: source maps only
 * add a comment at the end), to name the original file and line of a minified function.
 */
export async function sourceMapper(mapsDir: string | undefined): Promise<Mapper> {
  if (!mapsDir || !existsSync(mapsDir)) return () => undefined;
  let tm: typeof import('@jridgewell/trace-mapping');
  try {
    tm = await import('@jridgewell/trace-mapping');
  } catch {
    return () => undefined;
  }
  const cache = new Map<string, InstanceType<typeof tm.TraceMap> | null>();
  return (url, line, column) => {
    const path = url.replace(/^chrome-extension:\/\/[^/]+\//, '');
    if (path === url) return undefined;
    if (!cache.has(path)) {
      const file = join(mapsDir, `${path}.map`);
      cache.set(path, existsSync(file) ? new tm.TraceMap(readFileSync(file, 'utf8')) : null);
    }
    const map = cache.get(path);
    if (!map) return undefined;
    const pos = tm.originalPositionFor(map, { line: line + 1, column });
    if (!pos.source) return undefined;
    const source = pos.source.replace(/^(\.\.\/)+/, '').replace(/^.*node_modules\//, 'node_modules/');
    return `${source}:${pos.line}${pos.name ? ` (${pos.name})` : ''}`;
  };
}

/** Self time per function (name + position), the hottest first; `only` keeps frames whose URL passes. */
export function hottest(profile: CpuProfile, map: Mapper, only: (url: string) => boolean = () => true, top = 12): { total: number; own: number; hot: Hot[]; system: Record<string, number> } {
  const self = new Map<number, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    self.set(id, (self.get(id) ?? 0) + dt);
    total += dt;
  });
  const byFn = new Map<string, Hot>();
  const system: Record<string, number> = {};
  let own = 0;
  for (const n of profile.nodes) {
    const ms = self.get(n.id) ?? 0;
    if (!ms) continue;
    const f = n.callFrame;
    // Time outside JavaScript: waiting (idle), the engine and the browser's bindings (program), GC.
    if (/^\((idle|program|garbage collector)\)$/.test(f.functionName)) system[f.functionName] = (system[f.functionName] ?? 0) + ms;
    if (!only(f.url)) continue;
    own += ms;
    const where = map(f.url, f.lineNumber, f.columnNumber) ?? (f.url ? `${basename(f.url)}:${f.lineNumber + 1}:${f.columnNumber + 1}` : '');
    const key = `${f.functionName}|${where}`;
    const h = byFn.get(key) ?? { name: f.functionName || '(anonymous)', where, selfMs: 0 };
    h.selfMs += ms;
    byFn.set(key, h);
  }
  return { total, own, hot: [...byFn.values()].sort((a, b) => b.selfMs - a.selfMs).slice(0, top), system };
}

export function describeHot(title: string, h: ReturnType<typeof hottest>): string {
  const rest = Object.entries(h.system).map(([k, v]) => `${k} ${v.toFixed(0)} ms`).join(', ');
  const lines = [`${title}: ${h.own.toFixed(1)} ms self time in the extension's code (of ${h.total.toFixed(1)} ms profiled${rest ? `; ${rest}` : ''})`];
  for (const x of h.hot) lines.push(`  ${x.selfMs.toFixed(1).padStart(8)} ms  ${x.name}  ${x.where}`);
  return lines.join('\n');
}

export function saveProfile(dir: string, name: string, profile: CpuProfile): string {
  const file = join(dir, `${name}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  return file;
}
