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
 *   --only LIST         some of size,pages,nav,popup,search,list,io (list: the network page's list as you type)
 *   --no-build          use the existing build in $KITH_OUT_DIR (default .output-bench)
 *   --people N, --export-people N, --csv-rows N, --seed TEXT   the data sets (100000, 30000, 30000, kith)
 *   --keep-profile DIR  reuse a seeded browser profile across runs while its data matches (for work on
 *                       the benchmark itself; a normal run seeds once, into a temporary profile)
 *   --out DIR           where results go (bench-results)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from '@playwright/test';
import { exportBackup } from '../../utils/formats/json-backup.ts';
import { parseConnections } from '../../utils/formats/linkedin-connections.ts';
import { planConnectionsImport } from '../../utils/import/connections-plan.ts';
import { DB_VERSION } from '../../utils/db/schema.ts';
import { FIRST_SCREEN, REMAKE_AFTER_START_MS } from '../../utils/first-screen.ts';
import type { Responses } from '../../utils/messages.ts';
import { localDay } from '../../utils/dates.ts';
import { spaPage, type SpaPerson } from '../../tests/e2e/spa-page.ts';
import { BareBrowser, BareWorkerControl } from './bare.ts';
import { BenchError, extensionPage, kith, launch, removeProfile, requireChromium, serve, tempProfile, WorkerControl, type Browser } from './browser.ts';
import { generateConnectionsCsv, generateKithData, keystrokes, splitData, TYPED, type PinnedPerson } from './generate.ts';
import { inAppNavigations, loadPage, type PageLoad } from './pages.ts';
import { compare, compareMarkdown, markdown, median, parseResults, row, withReadmeTable, type Row, type Results } from './report.ts';
import { closeImportServer, importText } from './seed.ts';
import { cpuProfile, describeHot, hottest, saveProfile, sourceMapper, WorkerSession } from './profile.ts';
import { EXPORT_FORMATS, overdueQueryInWorker, popupPaint, POPUP_VIEWPORT, popupStaticFloor, rawPutFloor, readAllInWorker, timeMessage, type IndexVariant, type PopupPaint } from './store.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const PHASES = ['size', 'pages', 'nav', 'popup', 'search', 'list', 'io'] as const;
type Phase = (typeof PHASES)[number];
type FollowUps = Responses['followups.list'];

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
const args = parse();

function count(name: string, text: string, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) usage(`--${name} must be a whole number of at least ${min}`);
  return n;
}

const RUNS = count('runs', args.runs!, 1);
const PEOPLE = count('people', args.people!, 10);
const EXPORT_PEOPLE = count('export-people', args['export-people']!, 10);
const CSV_ROWS = count('csv-rows', args['csv-rows']!, 1);
const SEED = args.seed!;
const ONLY = new Set<Phase>(
  (args.only?.split(',').map((s) => s.trim()) ?? [...PHASES]).map((p) => {
    if (!(PHASES as readonly string[]).includes(p)) usage(`--only takes ${PHASES.join(', ')}; not "${p}"`);
    return p as Phase;
  }),
);
const OUT_BUILD = process.env.KITH_OUT_DIR ?? '.output-bench';
const EXTENSION_DIR = resolve(ROOT, OUT_BUILD, 'chrome-mv3');
const OUT = resolve(ROOT, args.out!);
const PROFILE = args.profile!;
const PROFILES = join(OUT, 'profiles');
const MAPS_BUILD = `${OUT_BUILD}-maps`;
const profileNotes: string[] = [];

const TODAY = localDay();
/** Rows the network page asks for at once (components/network/NetworkList.tsx, PAGE). */
const LIST_PAGE = 60;
/** Typed into the network page's search: one and two letters that match most people, then a full name. */
const LIST_TYPED = ['anna nowak', 'jürgen m'];
/** A tag about one person in twelve has (generate.ts). */
const LIST_TAG = 'investor';

// ---------------------------------------------------------------------------------------------
// Fixtures: the saved real page, the SPA, an unsupported site

const REAL_PAGES = resolve(ROOT, '../shared/fixtures/real-pages');
const REAL_PAGE = '09_linkedin_loggedin_2024-07_eduardo-alvarez-nowak.html';
/** People of the SPA fixture; all stored, so the sidebar fills with each after a navigation. */
const SPA_PEOPLE: SpaPerson[] = [
  { slug: 'anna-nowak', name: 'Anna Nowak', headline: 'CTO at Acme', company: 'Acme' },
  { slug: 'łukasz-żółć', name: 'Łukasz Żółć', headline: 'Inżynier at Booksy' },
  { slug: 'bob-stone', name: 'Bob Stone', headline: 'Founder of Stone Labs', company: 'Stone Labs' },
  { slug: 'zoë-ångström', name: 'Zoë Ångström', headline: 'Head of Partnerships at Spotify | Mentor | Speaker' },
];

function realPage(): { html: string; url: string; name: string; slug: string } {
  const file = join(REAL_PAGES, REAL_PAGE);
  if (!existsSync(file)) throw new BenchError(`the saved LinkedIn pages are missing: ${REAL_PAGES} (they sit beside this checkout)`);
  const expected = JSON.parse(readFileSync(join(REAL_PAGES, 'expected.json'), 'utf8'))[REAL_PAGE] as { served_at: string; name: string; key: string };
  return { html: readFileSync(file, 'utf8'), url: expected.served_at, name: expected.name, slug: expected.key };
}

const UNSUPPORTED_URL = 'https://example.com/';
const UNSUPPORTED_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Example Domain</title></head>
<body><main><h1>Example Domain</h1><p>This domain is for use in illustrative examples in documents.</p>
<p><a href="https://www.iana.org/domains/example">More information...</a></p></main></body></html>`;

async function serveFixtures(b: Browser, page: ReturnType<typeof realPage>): Promise<void> {
  const served = page.url.replace(/\/$/, '');
  await serve(b.context, (u) => u.href === served || u.href === `${served}/`, page.html);
  await serve(b.context, (u) => u.hostname === 'www.linkedin.com' && /^\/(feed|search|in)\//.test(u.pathname) && !u.href.startsWith(served), spaPage(SPA_PEOPLE));
  await serve(b.context, (u) => u.href === UNSUPPORTED_URL, UNSUPPORTED_HTML);
}

// ---------------------------------------------------------------------------------------------
// Budgets (DESIGN.md, "Budgets")

const B = {
  size: { max: 15 * 1024, text: '15 KB (15,360 B)' },
  watcher: { max: 1, text: 'under 1 ms, no DOM changes' },
  noDom: { max: 0, text: 'no DOM changes' },
  unsupported: { max: 0, text: 'nothing injected' },
  script: { max: 5, text: '5 ms' },
  shell: { max: 16, text: 'one frame (16 ms)' },
  warm: { max: 100, text: '100 ms' },
  cold: { max: 150, text: '150 ms' },
  nav: { max: 50, text: '50 ms' },
  popup: { max: 100, text: '100 ms' },
  overdue: { max: 20, text: '20 ms' },
  search: { max: 16, text: '16 ms' },
  import: { max: 5000, text: '5 s' },
  export: { max: 2000, text: '2 s' },
};

// ---------------------------------------------------------------------------------------------

function log(text: string): void {
  const t = ((performance.now() - started) / 1000).toFixed(0).padStart(4);
  console.log(`[${t} s] ${text}`);
}

const started = performance.now();
const rows: Row[] = [];
const failures: string[] = [];
const loadByPhase: Record<string, number> = {};
const cleanups: Array<() => Promise<void> | void> = [];

async function phase(name: Phase, what: string, body: () => Promise<void>, onFail: (error: string) => Row[]): Promise<void> {
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

function build(outDir: string, sourcemaps = false): void {
  log(`building the production extension into ${outDir}/chrome-mv3${sourcemaps ? ' (with source maps, to read the profiles)' : ''}...`);
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const env = { ...process.env, KITH_OUT_DIR: outDir, ...(sourcemaps ? { KITH_SOURCEMAP: '1' } : {}) };
  const r = spawnSync(npx, ['wxt', 'build'], { cwd: ROOT, env, encoding: 'utf8' });
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    throw new BenchError('the build failed (output above)');
  }
}

let mapper: Awaited<ReturnType<typeof sourceMapper>> = () => undefined;

/** Records a CPU profile of the service worker while `run` runs, saves it and logs its hottest functions. */
async function profileWorker(b: Browser, page: Page, name: string, title: string, run: () => Promise<void>): Promise<void> {
  const session = await WorkerSession.attach(b, page);
  try {
    const profile = await cpuProfile((m, p) => session.send(m, p), run);
    saveProfile(PROFILES, name, profile);
    const text = describeHot(`${title} (service worker; ${name}.cpuprofile)`, hottest(profile, mapper, (url) => url.startsWith('chrome-extension://')));
    profileNotes.push(text);
    console.log(text);
  } finally {
    await session.detach();
  }
}

/** Records a CPU profile of one page load (the content script's share of it). */
async function profilePageLoad(b: Browser, url: string, want: string | null, name: string, title: string): Promise<void> {
  const page = await b.context.newPage();
  try {
    const cdp = await b.context.newCDPSession(page);
    const profile = await cpuProfile((m, p) => cdp.send(m as 'Profiler.enable', p), async () => {
      await page.goto(url, { waitUntil: 'load' });
      if (want) await page.waitForFunction(() => document.querySelector('kith-sidebar')?.shadowRoot?.querySelector('.kith-tab')?.textContent?.startsWith('✓'), null, { timeout: 20_000 });
      await page.waitForTimeout(300);
    }, 50);
    saveProfile(PROFILES, name, profile);
    const text = describeHot(`${title} (${name}.cpuprofile)`, hottest(profile, mapper, (u) => u.startsWith('chrome-extension://')));
    profileNotes.push(text);
    console.log(text);
  } finally {
    await page.close();
  }
}

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

/** The browser profile with `people` seeded through the import, reused from --keep-profile when it matches. */
async function seededBrowser(label: string, people: number, seed: string, pinned: PinnedPerson[]): Promise<{ b: Browser; seedMs: number | null; dir: string }> {
  const generator = createHash('sha256').update(readFileSync(join(import.meta.dirname, 'generate.ts'))).digest('hex').slice(0, 16);
  const stamp = JSON.stringify({ people, seed, today: TODAY, dbVersion: DB_VERSION, pinned, generator });
  const keep = args['keep-profile'] ? resolve(args['keep-profile'], label) : undefined;
  if (keep && existsSync(join(keep, 'kith-bench.json')) && readFileSync(join(keep, 'kith-bench.json'), 'utf8') === stamp) {
    log(`reusing the seeded profile ${keep}`);
    // Chromium keeps the service worker's script in the profile and, the extension's version being the
    // same, would run the background of the build that seeded it: drop it so this build's is registered.
    rmSync(join(keep, 'Default', 'Service Worker'), { recursive: true, force: true });
    const b = await launch(keep, EXTENSION_DIR);
    cleanups.push(() => b.close());
    return { b, seedMs: null, dir: keep };
  }
  const dir = keep ?? tempProfile(label);
  if (keep) {
    removeProfile(keep);
    mkdirSync(keep, { recursive: true });
  } else cleanups.push(() => removeProfile(dir));
  log(`generating ${people.toLocaleString('en-US')} people (seed "${seed}")...`);
  const data = generateKithData({ seed, people, today: TODAY, pinned });
  const exportedAt = new Date().toISOString();
  // The background accepts up to 100 Mi characters per import; bigger stores go in several files.
  let texts = [exportBackup(data, exportedAt)];
  if (texts[0].length > 100 * 1024 * 1024) {
    const parts = Math.ceil(texts[0].length / (90 * 1024 * 1024));
    texts = splitData(data, parts).map((d) => exportBackup(d, exportedAt));
  }
  const mb = (texts.reduce((n, t) => n + t.length, 0) / 1e6).toFixed(0);
  log(`importing them through the options page (${mb} M characters, ${data.encounters.length.toLocaleString('en-US')} encounters, ${data.photos.length.toLocaleString('en-US')} photos)...`);
  let b = await launch(dir, EXTENSION_DIR);
  cleanups.push(() => b.close()); // whichever browser `b` holds when the run ends
  const page = await extensionPage(b, 'options.html');
  let seedMs = 0;
  for (const text of texts) seedMs += (await importText(b, page, 'backup', text, 30 * 60_000)).totalMs;
  const stats = await kith<{ people: number }>(page, 'stats.get', {});
  if (stats.people !== people) throw new BenchError(`seeding stored ${stats.people} people, not ${people}`);
  log(`seeded in ${(seedMs / 1000).toFixed(1)} s; restarting the browser on that profile`);
  // Measure a fresh browser on the seeded profile, not one still digesting the import.
  await b.close();
  b = await launch(dir, EXTENSION_DIR);
  if (keep) writeFileSync(join(keep, 'kith-bench.json'), stamp);
  return { b, seedMs, dir };
}

/** Runs `body` in a browser with the extension on a new, empty profile, then removes the profile. */
async function withFreshBrowser(body: (b: Browser, options: Page) => Promise<void>): Promise<void> {
  const dir = tempProfile('fresh');
  const b = await launch(dir, EXTENSION_DIR);
  try {
    await body(b, await extensionPage(b, 'options.html'));
  } finally {
    await b.close();
    removeProfile(dir);
  }
}

async function chromiumVersion(b: Browser): Promise<string> {
  const page = await b.context.newPage();
  try {
    const cdp = await b.context.newCDPSession(page);
    const { product } = await cdp.send('Browser.getVersion');
    return /\/([\d.]+)/.exec(product)?.[1] ?? product;
  } finally {
    await page.close();
  }
}

// ---------------------------------------------------------------------------------------------

function showComparison(before: Results, after: Results): void {
  const text = compareMarkdown(compare(before, after), before, after);
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, 'compare.md'), text);
  console.log(`\n${text}`);
}

function readResults(file: string): Results {
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
function publish(results: Results, table: string): void {
  if (args.compare) showComparison(readResults(args.compare), results);
  if (args['write-readme']) {
    const readme = join(ROOT, 'README.md');
    writeFileSync(readme, withReadmeTable(readFileSync(readme, 'utf8'), table));
    log('README.md Performance section updated');
  }
}

async function main(): Promise<number> {
  if (args.from) {
    const results = readResults(args.from);
    publish(results, markdown(results));
    return 0;
  }
  requireChromium();
  if (!args['no-build']) build(OUT_BUILD);
  if (PROFILE) {
    build(MAPS_BUILD, true);
    mapper = await sourceMapper(resolve(ROOT, MAPS_BUILD, 'chrome-mv3'));
    mkdirSync(PROFILES, { recursive: true });
  }
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) throw new BenchError(`no build in ${EXTENSION_DIR}; run without --no-build`);
  const loadStart = os.loadavg()[0];
  if (loadStart > os.cpus().length) log(`note: the machine is busy (load average ${loadStart.toFixed(1)} on ${os.cpus().length} cores); timings will be high`);
  let chromium = 'unknown';

  await phase('size', 'content-script size', async () => {
    const { contentScriptSize } = (await import(pathToModule('scripts/check-size.mjs'))) as { contentScriptSize: (dir: string) => { total: number; parts: { file: string; gzip: number }[] } };
    const { total, parts } = contentScriptSize(EXTENSION_DIR);
    rows.push(row('size.contentScript', 'content script, gzipped, all files injected on a profile page', 'B', B.size, [total], `gzip -9 of ${parts.map((p) => `${p.file} (${p.gzip} B)`).join(', ')}; the same check CI runs (scripts/check-size.mjs)`));
  }, (e) => [row('size.contentScript', 'content script, gzipped, all files injected on a profile page', 'B', B.size, [], e)]);

  const needsStore = ['pages', 'nav', 'popup', 'search', 'list'].some((p) => ONLY.has(p as Phase));
  // The saved page: read with the big store, whose phases are the only ones that load it.
  let page!: ReturnType<typeof realPage>;
  let ext: Browser | undefined;
  let control: WorkerControl | undefined;
  let seedMs: number | null = null;
  let storeDir = '';
  if (needsStore) {
    page = realPage();
    const pinned: PinnedPerson[] = [{ slug: page.slug, name: page.name, company: 'Novare Potential' }, ...SPA_PEOPLE.map((p) => ({ ...p, slug: p.slug.normalize('NFC') }))];
    const seeded = await seededBrowser('store', PEOPLE, SEED, pinned);
    ext = seeded.b;
    seedMs = seeded.seedMs;
    storeDir = seeded.dir;
    chromium = await chromiumVersion(ext);
    await serveFixtures(ext, page);
    control = await WorkerControl.open(ext, EXTENSION_DIR);
    cleanups.unshift(() => control?.dispose());
  }

  await phase('pages', 'page loads with and without the extension', async () => {
    const plainDir = tempProfile('plain');
    cleanups.push(() => removeProfile(plainDir));
    const plain = await launch(plainDir);
    cleanups.unshift(() => plain.close());
    await serveFixtures(plain, page);
    const e = ext!;
    const feedUrl = 'https://www.linkedin.com/feed/';
    // One warm-up load of each page in each browser (first loads pay for caches and code compilation).
    await control!.warm();
    for (const [b, want] of [[e, page.name], [plain, null]] as const) {
      await loadPage(b, page.url, { want });
      await loadPage(b, feedUrl, { want: null, watchPage: true });
    }
    const warm: PageLoad[] = [];
    const cold: PageLoad[] = [];
    const without: PageLoad[] = [];
    const feedWith: PageLoad[] = [];
    const feedWithout: PageLoad[] = [];
    const otherWith: PageLoad[] = [];
    const otherWithout: PageLoad[] = [];
    for (let i = 0; i < RUNS; i++) {
      // Interleaved, so a busy moment on the machine hits both sides alike.
      await control!.warm();
      warm.push(await loadPage(e, page.url, { want: page.name }));
      without.push(await loadPage(plain, page.url, { want: null }));
      await control!.stop();
      cold.push(await loadPage(e, page.url, { want: page.name }));
      await control!.warm();
      feedWith.push(await loadPage(e, feedUrl, { want: null, watchPage: true }));
      feedWithout.push(await loadPage(plain, feedUrl, { want: null, watchPage: true }));
      otherWith.push(await loadPage(e, UNSUPPORTED_URL, { want: null, watchPage: true }));
      otherWithout.push(await loadPage(plain, UNSUPPORTED_URL, { want: null, watchPage: true }));
      log(`  run ${i + 1}/${RUNS}: filled ${(warm[i].marks.filled - warm[i].domContentLoaded).toFixed(0)} ms warm, ${(cold[i].marks.filled - cold[i].domContentLoaded).toFixed(0)} ms cold; script time added ${(warm[i].scriptMs - without[i].scriptMs).toFixed(1)} ms`);
    }
    await control!.warm();
    const lookup = await timeMessage(control!.page, 'person.lookup', { keys: [`linkedin:${page.slug}`] }, RUNS * 4);
    const pairs = <T,>(a: T[], b: T[], f: (x: T, y: T) => number) => a.map((x, i) => f(x, b[i]));
    const feedDom = feedWith.map((w, i) => (w.domDigest === feedWithout[i].domDigest && w.marks.mutations === feedWithout[i].marks.mutations ? 0 : Math.max(1, Math.abs(w.marks.mutations - feedWithout[i].marks.mutations))));
    rows.push(
      row('watcher.feed.script', 'on the feed (other pages): main-thread time of the watcher', 'ms', B.watcher, feedWith.map((l) => l.extensionTraceMs),
        'DevTools trace of the feed page load: the content script\'s EvaluateScript plus every callback (FunctionCall) of the extension\'s file'),
      row('watcher.feed.compile', '  of which compiling the content script', 'ms', null, feedWith.map((l) => l.compileMs)),
      row('watcher.feed.run', '  of which running its top level (the watcher starting)', 'ms', null, feedWith.map((l) => l.runMs)),
      row('watcher.feed.scriptDuration', 'on the feed: ScriptDuration with minus without the extension', 'ms', null, pairs(feedWith, feedWithout, (a, b) => a.scriptMs - b.scriptMs),
        'Performance.getMetrics ScriptDuration, each run paired with the same page in a browser without the extension'),
      row('watcher.feed.dom', 'on the feed: DOM changes made by the extension', 'count', B.noDom, feedDom,
        'mutation records seen by a main-world MutationObserver, and the serialised DOM, compared with the browser without the extension (0: identical)'),
      row('unsupported.injected', 'on a site Kith does not support (example.com): scripts injected', 'count', B.unsupported, otherWith.map((l) => l.injected + (l.domDigest === otherWithout[0].domDigest ? 0 : 1)),
        'extension scripts evaluated in the page (trace EvaluateScript of chrome-extension:// files), plus 1 if the DOM differs from the page without the extension'),
      row('profile.scriptAdded', 'profile page load: main-thread script time added (ScriptDuration with minus without)', 'ms', B.script, pairs(warm, without, (a, b) => a.scriptMs - b.scriptMs),
        `the saved page ${REAL_PAGE} (1.2 MB) at ${page.url}, with the sidebar filled and 0.5 s of settling, paired run by run with a browser without the extension`),
      row('profile.extensionTrace', 'profile page load: the extension\'s own script events in the trace', 'ms', null, warm.map((l) => l.extensionTraceMs),
        'EvaluateScript of the content script plus its callbacks (FunctionCall); promise continuations run as microtasks are not attributed, so this is a lower bound'),
      row('profile.loadDelay', 'profile page load: load event, with minus without the extension', 'ms', null, pairs(warm, without, (a, b) => a.load - b.load),
        'PerformanceNavigationTiming.loadEventEnd'),
      row('sidebar.shell', 'sidebar shell on screen after the content script starts', 'ms', B.shell, warm.map((l) => l.marks.hostFrame - l.contentScriptStart),
        'from the content script\'s EvaluateScript (trace) to the first animation frame after <kith-sidebar> was attached'),
      row('sidebar.filled.warm', 'sidebar filled with the stored person after DOMContentLoaded, warm worker', 'ms', B.warm, warm.map((l) => l.marks.filled - l.domContentLoaded),
        'domContentLoadedEventEnd to the moment the shadow root\'s tab shows "✓ Kith" (the background answered with the stored person)'),
      row('sidebar.start', '  the content script starts, after DOMContentLoaded', 'ms', null, warm.map((l) => l.contentScriptStart - l.domContentLoaded),
        'trace EvaluateScript of the content script minus domContentLoadedEventEnd: when Chromium injects a document_idle script'),
      row('sidebar.attached', '  <kith-sidebar> attached, after the content script starts', 'ms', null, warm.map((l) => l.marks.host - l.contentScriptStart)),
      row('sidebar.lookup', '  the stored person: person.lookup round trip, warm worker', 'ms', null, lookup,
        'sent from an extension page; the sidebar sends the same message once it has read the page'),
      row('sidebar.filled.cold', 'sidebar filled with the stored person after DOMContentLoaded, worker stopped', 'ms', B.cold, cold.map((l) => l.marks.filled - l.domContentLoaded),
        'as above, after ServiceWorker.stopAllWorkers (DevTools protocol) stopped the extension\'s worker'),
    );
    if (PROFILE) {
      await control!.warm();
      await profilePageLoad(e, page.url, page.name, 'page-profile', `content script on ${REAL_PAGE}`);
      await profilePageLoad(e, feedUrl, null, 'page-feed', 'content script on the feed');
    }
    await plain.close();
  }, (e) => ['watcher.feed.script', 'watcher.feed.dom', 'unsupported.injected', 'profile.scriptAdded', 'sidebar.shell', 'sidebar.filled.warm', 'sidebar.filled.cold'].map((id) => row(id, id, 'ms', null, [], e)));

  await phase('nav', 'in-app navigations', async () => {
    await control!.warm();
    const samples = await inAppNavigations(ext!, 'https://www.linkedin.com', SPA_PEOPLE, Math.max(RUNS * 2, 4));
    rows.push(
      row('nav.follow', 'sidebar follows an in-app navigation: new name in the page to the stored person shown', 'ms', B.nav, samples.map((s) => s.filled),
        'SPA fixture (tests/e2e/spa-page.ts), go(path, 120 ms): a main-world MutationObserver stamps the new h1, another the sidebar\'s "✓ Kith" with the new name'),
      row('nav.label', 'sidebar follows an in-app navigation: new name in the page to the sidebar named after it', 'ms', null, samples.map((s) => s.label)),
    );
  }, (e) => [row('nav.follow', 'sidebar follows an in-app navigation', 'ms', B.nav, [], e)]);

  await phase('popup', 'popup first paint and the overdue query', async () => {
    // The messages, timed inside an extension page (Playwright is not in the way of a message), once the
    // worker is idle: a worker that starts makes the first screen again after REMAKE_AFTER_START_MS.
    await control!.warm();
    await new Promise((resolve) => setTimeout(resolve, REMAKE_AFTER_START_MS + 500));
    const asked = { limit: 25, photos: false }; // what the popup asks once its first screen is painted
    const list = await kith<FollowUps>(control!.page, 'followups.list', asked);
    const query = await timeMessage(control!.page, 'followups.list', asked, RUNS * 10);
    const withPhotos = await timeMessage(control!.page, 'followups.list', { limit: 25 }, RUNS * 10);
    // The faces it then asks for: the listed people with one, but for those on the first screen (it has theirs).
    const groups = [list.overdue, list.dueToday, list.week];
    const shown = new Set(groups.flatMap((g) => g.slice(0, FIRST_SCREEN)).map((r) => r.id));
    const missing = groups.flat().filter((r) => r.hasPhoto && !shown.has(r.id)).map((r) => r.id);
    const faces = missing.length ? await timeMessage(control!.page, 'people.photos', { ids: missing }, RUNS * 10) : [];
    // Right after a change: the groups are counted again (the worker keeps their sizes between changes).
    const afterChange: number[] = [];
    const someone = list.overdue[0] ?? list.dueToday[0] ?? list.week[0];
    if (someone) {
      for (let i = 0; i < RUNS * 2; i++) {
        await kith(control!.page, 'person.update', { id: someone.id, patch: { notes: `benchmark ${i}` } });
        afterChange.push(...(await timeMessage(control!.page, 'followups.list', asked, 1)));
        await new Promise((resolve) => setTimeout(resolve, 300)); // the first screen is made again after 100 ms
      }
    }
    const idb = await overdueQueryInWorker(ext!, RUNS * 10);
    const t = list.totals;

    // The first paint, in a bare browser on the same profile (bare.ts: Playwright's work in a page it
    // attaches to lands on the popup's critical path).
    await control!.dispose();
    await ext!.close();
    const warm: PopupPaint[] = [];
    const cold: PopupPaint[] = [];
    const notKept: PopupPaint[] = [];
    let floor: number[];
    const bare = await BareBrowser.launch(storeDir, EXTENSION_DIR);
    try {
      const bc = await BareWorkerControl.open(bare, EXTENSION_DIR);
      // Running and idle, as when the user just used Kith elsewhere. A worker that was just woken is still
      // opening the store and making the badge and the first screen (after REMAKE_AFTER_START_MS), and
      // every popup asks it to read everyone into its search table (2 s at 100,000 people) once its search
      // box has focus: a search waits for that table, and then the worker has nothing left to do.
      const idle = async (afterStart: boolean) => {
        await bc.warm();
        if (afterStart) await new Promise((resolve) => setTimeout(resolve, REMAKE_AFTER_START_MS));
        await bc.kith('people.search', { query: 'warm', limit: 1 });
        await new Promise((resolve) => setTimeout(resolve, 500));
      };
      await idle(true);
      await popupPaint(bare, bc); // warm-up
      for (let i = 0; i < RUNS; i++) {
        await idle(i > 0); // after the first, the cold opening before this one started the worker
        const p = await popupPaint(bare, bc);
        if (p.firstPaint + 0.5 < p.rendered) throw new BenchError(`the popup painted (${p.firstPaint} ms) before it rendered the list (${p.rendered} ms)`);
        warm.push(p);
        await bc.stop();
        cold.push(await popupPaint(bare, bc));
      }
      // The first screen not kept: as for a moment after a change, or after the browser starts.
      for (let i = 0; i < RUNS; i++) {
        await idle(i === 0);
        notKept.push(await popupPaint(bare, bc, { dropKept: true }));
      }
      if (notKept.some((p) => p.kept)) throw new BenchError('the popup painted a kept first screen after it was removed');
      await bc.stop(); // a worker that starts makes the first screen again
      await idle(true);
      floor = await popupStaticFloor(bare, EXTENSION_DIR, RUNS, () => idle(false));
    } finally {
      await bare.close();
      ext = await launch(storeDir, EXTENSION_DIR);
      const relaunched = ext;
      cleanups.push(() => relaunched.close());
      await serveFixtures(ext, page);
      control = await WorkerControl.open(ext, EXTENSION_DIR);
    }
    const at = (list: PopupPaint[], k: keyof PopupPaint) => median(list.map((p) => Number(p[k]))).toFixed(0);
    const kept = (list: PopupPaint[]) => `${list.filter((p) => p.kept).length} of ${list.length} painted the kept first screen`;
    if (t.overdue + t.dueToday + t.week > 0 && warm.some((p) => p.rows === 0)) throw new BenchError('the popup painted without the follow-ups it should list');
    const bareNote = 'in a Chromium driven over the DevTools protocol with nothing attached to the page until it has painted (scripts/bench/bare.ts)';
    rows.push(
      row('popup.firstPaint', 'popup first paint with the overdue list, warm worker', 'ms', B.popup, warm.map((p) => p.firstPaint),
        `popup.html in a window of the popup's size (${POPUP_VIEWPORT.width} × ${POPUP_VIEWPORT.height}), ${bareNote}; ms from navigation start, the worker running and idle: first-contentful-paint (checked to come after the popup's kith-popup-rendered mark); ` +
          `${warm[0].rows} rows shown of ${t.overdue} overdue, ${t.dueToday} today, ${t.week} this week. Medians: popup script starts ${at(warm, 'scriptStart')} ms, ` +
          `list arrives ${at(warm, 'dataArrived')} ms, rendered ${at(warm, 'rendered')} ms, painted ${at(warm, 'firstPaint')} ms; ${kept(warm)}`),
      row('popup.firstPaint.cold', 'popup first paint with the overdue list, worker stopped', 'ms', null, cold.map((p) => p.firstPaint),
        `medians: script starts ${at(cold, 'scriptStart')} ms, list arrives ${at(cold, 'dataArrived')} ms, rendered ${at(cold, 'rendered')} ms; ${kept(cold)}`),
      row('popup.firstPaint.floor', '  the browser\'s floor: the same first screen as a static page, no script', 'ms', null, floor,
        'the popup\'s first screen as it rendered it (its DOM at the kith-popup-rendered mark), served as a static extension page with the same stylesheets: what any extension page with this content costs here'),
      row('popup.firstPaint.notKept', '  the same with no first screen kept (just after a change), warm worker', 'ms', null, notKept.map((p) => p.firstPaint),
        `the kept first screen removed from storage.session before each opening, so the list comes from a followups.list message; medians: script starts ${at(notKept, 'scriptStart')} ms, list arrives ${at(notKept, 'dataArrived')} ms, rendered ${at(notKept, 'rendered')} ms`),
      row('followups.list', 'overdue query: followups.list message round trip', 'ms', B.overdue, query,
        `performance.now() around chrome.runtime.sendMessage in an extension page, ${JSON.stringify(asked)} (what the popup asks once its first screen is painted): three groups, ${groups.flat().length} rows with their encounters, faces left out; the groups' sizes as the worker counted them after the last change`),
      row('followups.list.changed', '  the same right after a change (the groups counted again)', 'ms', null, afterChange,
        'a person.update of one listed person, then at once the same message, while the worker also counts the badge and drops the first screen'),
      row('followups.photos', '  then the faces the popup has not shown yet: people.photos round trip', 'ms', null, faces,
        `the ${missing.length} faces of listed people with one, but for the first ${FIRST_SCREEN} rows of each group (the first screen brought theirs)`),
      row('followups.list.photos', '  the same list with its faces in it (one message)', 'ms', null, withPhotos, '{"limit":25}: the reply the popup got before it asked for faces apart'),
      row('followups.idb', 'overdue query: the IndexedDB requests alone, in the worker', 'ms', null, idb,
        'byDue index getAll(upper bound today, 25) + count, on a second connection inside the service worker'),
    );
  }, (e) => [row('popup.firstPaint', 'popup first paint', 'ms', B.popup, [], e), row('followups.list', 'overdue query', 'ms', B.overdue, [], e)]);

  await phase('search', 'search as you type', async () => {
    // The first search after the worker starts reads everyone into the table it searches (utils/db/people-search.ts);
    // the popup asks for that as its search box gets focus, before the user types.
    const cold: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await control!.stop();
      await control!.warm();
      cold.push(...(await timeMessage(control!.page, 'people.search', { query: 'anna', limit: 20 }, 1)));
    }
    const typed = keystrokes(TYPED);
    await timeMessage(control!.page, 'people.search', { query: 'warm', limit: 20 }, 3);
    const samples: number[] = [];
    const perQuery = new Map<string, number[]>();
    for (let i = 0; i < RUNS; i++) {
      for (const q of typed) {
        const [ms] = await timeMessage(control!.page, 'people.search', { query: q, limit: 20 }, 1);
        samples.push(ms);
        perQuery.set(q, [...(perQuery.get(q) ?? []), ms]);
      }
    }
    if (PROFILE) {
      await profileWorker(ext!, control!.page, 'worker-search', 'search, every keystroke once', async () => {
        for (const q of typed) await timeMessage(control!.page, 'people.search', { query: q, limit: 20 }, 1);
      });
      await profileWorker(ext!, control!.page, 'worker-followups', 'followups.list × 20', async () => {
        await timeMessage(control!.page, 'followups.list', { limit: 25, photos: false }, 20);
      });
    }
    const slowest = [...perQuery].map(([q, v]) => [q, median(v)] as const).sort((a, b) => b[1] - a[1]).slice(0, 3);
    rows.push(
      row('search.keystroke', 'search as you type, per keystroke', 'ms', B.search, samples,
        `people.search (limit 20, as the popup) for every prefix of ${TYPED.map((t) => `"${t}"`).join(', ')} (${typed.length} keystrokes × ${RUNS}); slowest: ${slowest.map(([q, v]) => `"${q}" ${v.toFixed(1)} ms`).join(', ')}`),
      row('search.first', '  the first search after the worker starts (it reads everyone into its table)', 'ms', null, cold,
        'people.search "anna" right after the stopped worker was woken by another message; the popup asks for this read when its search box gets focus'),
    );
  }, (e) => [row('search.keystroke', 'search as you type', 'ms', B.search, [], e)]);

  await phase('list', 'the network page\'s list as you type', async () => {
    await control!.warm();
    const typed = keystrokes(LIST_TYPED);
    const variants: { id: string; what: string; sort: 'name' | 'lastTouch'; tag?: string }[] = [
      { id: 'list.keystroke.name', what: 'network page list as you type, by name, per keystroke', sort: 'name' },
      { id: 'list.keystroke.lastTouch', what: 'network page list as you type, by last touch, per keystroke', sort: 'lastTouch' },
      { id: 'list.keystroke.name.tag', what: `  the same by name, with the tag "${LIST_TAG}"`, sort: 'name', tag: LIST_TAG },
      { id: 'list.keystroke.lastTouch.tag', what: `  the same by last touch, with the tag "${LIST_TAG}"`, sort: 'lastTouch', tag: LIST_TAG },
    ];
    const list = (payload: object) => kith<{ total: number; rows: unknown[] }>(control!.page, 'people.list', payload);
    const opened: number[] = [];
    for (const v of variants) {
      const samples: number[] = [];
      const perQuery = new Map<string, number[]>();
      let totals = '';
      for (let i = 0; i < RUNS; i++) {
        for (const text of LIST_TYPED) {
          const base = v.tag ? { tag: v.tag } : {};
          // As if the worker had just started: `fresh` makes the background forget what it keeps for the
          // list (earlier typing included) and read everyone again; then the page's first request.
          opened.push(...(await timeMessage(control!.page, 'people.list', { offset: 0, limit: LIST_PAGE, sort: v.sort, filter: base, fresh: true }, 1)));
          for (const q of keystrokes([text])) {
            const payload = { offset: 0, limit: LIST_PAGE, sort: v.sort, filter: { ...base, query: q } };
            const [ms] = await timeMessage(control!.page, 'people.list', payload, 1);
            samples.push(ms);
            perQuery.set(q, [...(perQuery.get(q) ?? []), ms]);
          }
        }
      }
      // How many match (the count the page shows), as a check that the queries find people.
      for (const q of ['a', 'an', 'anna nowak']) {
        const first = await list({ offset: 0, limit: LIST_PAGE, sort: v.sort, filter: { ...(v.tag ? { tag: v.tag } : {}), query: q } });
        if (first.rows.length === 0) throw new BenchError(`people.list found nobody for "${q}"`);
        totals += `${totals ? ', ' : ''}"${q}" ${first.total.toLocaleString('en-US')}`;
      }
      const at = (q: string) => `"${q}" ${median(perQuery.get(q) ?? [NaN]).toFixed(1)} ms`;
      const slowest = [...perQuery].map(([q, ms]) => [q, median(ms)] as const).sort((a, b) => b[1] - a[1]).slice(0, 3);
      rows.push(
        row(v.id, v.what, 'ms', B.search, samples,
          `people.list (offset 0, limit ${LIST_PAGE}, as the network page asks per keystroke) for every prefix of ${LIST_TYPED.map((t) => `"${t}"`).join(', ')} ` +
            `(${typed.length} keystrokes × ${RUNS}), each text typed into a freshly opened page; ${at('a')}, ${at('an')}, ${at('anna nowak')}; ` +
            `slowest ${slowest.map(([q, ms]) => `"${q}" ${ms.toFixed(1)} ms`).join(', ')}; matches: ${totals}`),
      );
    }
    rows.push(
      row('list.open', '  the list\'s first request after the worker started', 'ms', null, opened,
        'people.list with fresh: true and no query: what the first request pays once per worker start (the background reads what the list needs, then answers)'),
    );
    // Scrolling far down a long list: a page in the middle of everyone matching "a".
    const deep: number[] = [];
    for (const sort of ['name', 'lastTouch'] as const) {
      const { total } = await list({ offset: 0, limit: LIST_PAGE, sort, filter: { query: 'a' }, fresh: true });
      deep.push(...(await timeMessage(control!.page, 'people.list', { offset: Math.floor(total / 2), limit: LIST_PAGE, sort, filter: { query: 'a' } }, RUNS)));
    }
    rows.push(row('list.deepPage', '  a page halfway down everyone matching "a"', 'ms', null, deep, 'people.list at offset total / 2, by name and by last touch, after the first page'));
  }, (e) => [row('list.keystroke.name', 'network page list as you type', 'ms', B.search, [], e)]);

  if (ext) {
    await control?.dispose();
    await ext.close();
  }

  await phase('io', 'imports and exports of 30,000 people', async () => {
    const { b, seedMs: exportSeedMs } = await seededBrowser('exports', EXPORT_PEOPLE, `${SEED}-exports`, []);
    if (chromium === 'unknown') chromium = await chromiumVersion(b);
    const page = await extensionPage(b, 'options.html');
    for (const format of EXPORT_FORMATS) {
      const size = (await kith<{ text: string }>(page, 'data.export', { format })).text.length; // also a warm-up
      const ms = await timeMessage(page, 'data.export', { format }, RUNS);
      if (PROFILE) {
        await profileWorker(b, page, `worker-export-${format}`, `export ${format} of ${EXPORT_PEOPLE} people`, async () => {
          await kith(page, 'data.export', { format });
        });
      }
      rows.push(row(`export.${format}`, `export of ${EXPORT_PEOPLE.toLocaleString('en-US')} people: ${format}`, 'ms', B.export, ms,
        `data.export message round trip from the options page (the file's text comes back in the reply: ${(size / 1e6).toFixed(1)} M characters)`));
    }
    const reads = await readAllInWorker(b, RUNS);
    rows.push(row('export.readAll', `  what every export reads first: getAll() of the four stores (${EXPORT_PEOPLE.toLocaleString('en-US')} people)`, 'ms', null, reads,
      'the same requests as readAll (utils/db/reads.ts), on a second connection inside the service worker'));
    if (exportSeedMs !== null) rows.push(row('seed.exports', `(seeding: backup import of ${EXPORT_PEOPLE.toLocaleString('en-US')} people)`, 'ms', null, [exportSeedMs]));
    await b.close();

    // Imports into an empty store: each in a new browser profile, as a first import is (a store emptied
    // by delete-all is not the same: IndexedDB still skips the deleted records' tombstones for a while).
    const csv = generateConnectionsCsv({ seed: SEED, rows: CSV_ROWS, today: TODAY });
    const first: number[] = [];
    const again: number[] = [];
    const checking: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await withFreshBrowser(async (fresh, page) => {
        const t = await importText(fresh, page, 'connections', csv);
        first.push(t.totalMs);
        checking.push(t.checkedMs);
        log(`  import ${i + 1}/${RUNS}: ${(t.totalMs / 1000).toFixed(1)} s (first write after ${(t.checkedMs / 1000).toFixed(1)} s)`);
        // The last profile keeps these people: import the same file again onto them.
        if (i === RUNS - 1) for (let j = 0; j < RUNS; j++) again.push((await importText(fresh, page, 'connections', csv)).totalMs);
      });
    }
    if (PROFILE) {
      await withFreshBrowser(async (fresh) => {
        // The floor under any import of these rows: the same people written by bare put() calls.
        const people = planConnectionsImport([], [], parseConnections(csv), Date.now(), []).put;
        for (const variant of ['all indexes', 'v4 with byTerm', 'no index'] as IndexVariant[]) {
          const ms = await rawPutFloor(fresh, people, variant);
          const text = `IndexedDB floor: ${people.length} imported people put() in one transaction, ${variant}: ${ms.toFixed(0)} ms`;
          profileNotes.push(text);
          log(`  ${text}`);
        }
      });
      await withFreshBrowser((fresh, page) =>
        profileWorker(fresh, page, 'worker-import', `import of ${CSV_ROWS} Connections.csv rows into an empty store`, async () => {
          await importText(fresh, page, 'connections', csv);
        }),
      );
    }
    rows.push(
      row('import.connections', `import of a ${CSV_ROWS.toLocaleString('en-US')}-row Connections.csv into an empty store`, 'ms', B.import, first,
        `over the import port from the options page of a new browser profile, first part posted to {stage: 'done'}; ${(csv.length / 1e6).toFixed(1)} M characters`),
      row('import.connections.checked', '  of which reading and checking (until the first 500 records were written)', 'ms', null, checking),
      row('import.connections.again', `the same ${CSV_ROWS.toLocaleString('en-US')} rows imported again (all unchanged)`, 'ms', B.import, again),
    );
  }, (e) => [row('import.connections', 'import of Connections.csv', 'ms', B.import, [], e), ...EXPORT_FORMATS.map((f) => row(`export.${f}`, `export ${f}`, 'ms', B.export, [], e))]);

  if (seedMs !== null) rows.push(row('seed.store', `(seeding: backup import of ${PEOPLE.toLocaleString('en-US')} people)`, 'ms', null, [seedMs], 'once per run, through the options page import; not a budget'));

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

function pathToModule(path: string): string {
  return new URL(path, `file://${ROOT}/`).href;
}

async function cleanup(): Promise<void> {
  for (const c of cleanups.splice(0)) await Promise.resolve(c()).catch(() => undefined);
  await closeImportServer();
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
