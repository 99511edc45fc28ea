/**
 * `npm run bench`'s command line (run.ts lists the options) and what follows from it: the data sets, the
 * phases to run, where the build and the results are. A mistake stops the run here, before anything is
 * launched.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { localDay } from '../../utils/dates.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
const PHASES = ['size', 'pages', 'nav', 'panel', 'popup', 'search', 'list', 'io'] as const;
export type Phase = (typeof PHASES)[number];

/** A mistake in the command line: say so and stop, before anything is launched. */
function usage(message: string): never {
  console.error(`bench: ${message}`);
  process.exit(2);
}

function parse() {
  try {
    return parseArgs({
      options: {
        runs: { type: 'string', default: '5' },
        compare: { type: 'string' },
        from: { type: 'string' },
        'write-readme': { type: 'boolean', default: false },
        profile: { type: 'boolean', default: false },
        only: { type: 'string' },
        'no-build': { type: 'boolean', default: false },
        people: { type: 'string', default: '100000' },
        'export-people': { type: 'string', default: '30000' },
        'csv-rows': { type: 'string', default: '30000' },
        seed: { type: 'string', default: 'kith' },
        'keep-profile': { type: 'string' },
        out: { type: 'string', default: 'bench-results' },
      },
      allowPositionals: false,
    }).values;
  } catch (e) {
    return usage((e as Error).message);
  }
}
export const args = parse();

function count(name: string, text: string, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) usage(`--${name} must be a whole number of at least ${min}`);
  return n;
}


export const RUNS = count('runs', args.runs!, 1);
export const PEOPLE = count('people', args.people!, 10);
export const EXPORT_PEOPLE = count('export-people', args['export-people']!, 10);
export const CSV_ROWS = count('csv-rows', args['csv-rows']!, 1);
export const SEED = args.seed!;
export const ONLY = new Set<Phase>(
  (args.only?.split(',').map((s) => s.trim()) ?? [...PHASES]).map((p) => {
    if (!(PHASES as readonly string[]).includes(p)) usage(`--only takes ${PHASES.join(', ')}; not "${p}"`);
    return p as Phase;
  }),
);
export const OUT_BUILD = process.env.KITH_OUT_DIR ?? '.output-bench';
export const EXTENSION_DIR = resolve(ROOT, OUT_BUILD, 'chrome-mv3');
export const OUT = resolve(ROOT, args.out!);
export const PROFILE = args.profile!;
export const PROFILES = join(OUT, 'profiles');
export const MAPS_BUILD = `${OUT_BUILD}-maps`;

export const TODAY = localDay();
