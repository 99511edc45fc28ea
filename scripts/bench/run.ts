/**
 * `npm run bench`: builds the production extension, launches Chromium with it (and a second Chromium
 * without it, for the baseline), seeds 100,000 people through the options page's import, and measures
 * every budget in DESIGN.md. Writes bench-results/latest.json and latest.md (and a dated copy).
 *
 *   npm run bench -- --runs 5 --compare bench-results/old.json --write-readme
 *
 * Options:
 *   --runs N            runs per figure (5)
 *   --compare FILE      show the change from an earlier result (also written to compare.md)
 *   --write-readme      rewrite the README's table (between the bench markers)
 *   --from FILE         measure nothing: take FILE as this run's result, for --compare and --write-readme
 *   --profile           also record CPU profiles of the content script and of the service worker (search,
 *                       follow-ups, imports, exports) into DIR/profiles, with a summary of the hottest
 *                       functions mapped to the sources, and the IndexedDB floor under the import
 *   --only LIST         some of size,pages,nav,panel,popup,search,list,io (panel: the side panel; list: the network
 *                       page's list as you type)
 *   --no-build          use the existing build in $KITH_OUT_DIR (default .output-bench)
 *   --people N, --export-people N, --csv-rows N, --seed TEXT   the data sets (100000, 30000, 30000, kith)
 *   --keep-profile DIR  reuse a seeded browser profile across runs while its data matches (for work on
 *                       the benchmark itself; a normal run seeds once, into a temporary profile)
 *   --out DIR           where results go (bench-results)
 *
 * This file runs the phases in order. The command line is config.ts; the browsers and their seeded
 * profiles seeded-browsers.ts, with what they are served in fixtures.ts; the run's log, rows and
 * cleanups session.ts; the phases measure-pages.ts (size, page loads, navigations), measure-panel.ts
 * (the side panel), measure-popup.ts, measure-search.ts (search, the network page's list) and
 * measure-io.ts (imports, exports), against budgets.ts; results.ts writes and compares the results (report.ts formats them).
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { BenchError, requireChromium } from './browser.ts';
import { args, EXTENSION_DIR, OUT_BUILD, PEOPLE, PROFILE, ONLY, type Phase } from './config.ts';
import { measureImportsAndExports } from './measure-io.ts';
import { measureNav, measurePages, measureSize } from './measure-pages.ts';
import { measurePanel } from './measure-panel.ts';
import { measurePopup } from './measure-popup.ts';
import { measureList, measureSearch } from './measure-search.ts';
import { startProfiling } from './profiling.ts';
import { markdown, row } from './report.ts';
import { publish, readResults, writeResults } from './results.ts';
import { chromiumSeen, openStore, type StoreBrowser } from './seeded-browsers.ts';
import { build, cleanup, log, rows } from './session.ts';

async function main(): Promise<number> {
  if (args.from) {
    const results = readResults(args.from);
    publish(results, markdown(results));
    return 0;
  }
  requireChromium();
  if (!args['no-build']) build(OUT_BUILD);
  if (PROFILE) await startProfiling();
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) throw new BenchError(`no build in ${EXTENSION_DIR}; run without --no-build`);
  const loadStart = os.loadavg()[0];
  if (loadStart > os.cpus().length) log(`note: the machine is busy (load average ${loadStart.toFixed(1)} on ${os.cpus().length} cores); timings will be high`);

  await measureSize();
  // The phases on the big store share one browser on it; only they need it seeded.
  const needsStore = ['pages', 'nav', 'panel', 'popup', 'search', 'list'].some((p) => ONLY.has(p as Phase));
  const store: StoreBrowser | undefined = needsStore ? await openStore() : undefined;
  await measurePages(store);
  await measureNav(store);
  await measurePanel(store);
  await measurePopup(store);
  await measureSearch(store);
  await measureList(store);
  if (store) {
    await store.control.dispose();
    await store.ext.close();
  }
  await measureImportsAndExports();
  if (store && store.seedMs !== null) rows.push(row('seed.store', `(seeding: backup import of ${PEOPLE.toLocaleString('en-US')} people)`, 'ms', null, [store.seedMs], 'once per run, through the options page import; not a budget'));

  return writeResults({ chromium: chromiumSeen(), loadStart });
}

let interrupted = false;
process.on('SIGINT', () => {
  if (interrupted) process.exit(130);
  interrupted = true;
  console.error('\ninterrupted: closing the browsers...');
  void cleanup().then(() => process.exit(130));
});

main()
  .then(async (code) => {
    await cleanup();
    process.exit(code);
  })
  .catch(async (e) => {
    await cleanup();
    console.error(e instanceof BenchError ? `bench: ${e.message}` : e);
    process.exit(2);
  });
