// `npm run check:zip`, after `npm run zip`: are the store packages what the stores should get?
//   1. The Chrome Web Store zip holds exactly the Chrome build (.output/chrome-mv3), its manifest included.
//   2. The Firefox zip holds exactly the Firefox build, and passes `web-ext lint` as addons.mozilla.org
//      lints an upload (listed, not self-hosted): any error fails.
//   3. The sources archive rebuilds to the same files: unpacked into a new folder, the commands of its
//      README ("Build from the sources archive") run there, and the Firefox build they make must equal the
//      Firefox zip byte for byte, file by file.
//   4. docs/store.md matches the packages: a justification line for every permission, host permission
//      and optional permission the two manifests ask for (and none for one they do not), and the short
//      store description of each locale is the packaged extDescription (within Chrome's 132 characters).
// Steps 2 and 3 run side by side (the lint is mostly CPU, `npm ci` mostly disk). `--no-rebuild` leaves
// step 3 out, for a quick look while editing; CI (scripts/test) always runs it.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { compareFiles, readDir, readZip, writeFiles } from './zip-files.ts';

const root = resolve(import.meta.dirname, '..');
const out = resolve(root, process.env.KITH_OUT_DIR ?? '.output');
const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const packages = {
  chrome: join(out, `${name}-${version}-chrome.zip`),
  firefox: join(out, `${name}-${version}-firefox.zip`),
  sources: join(out, `${name}-${version}-sources.zip`),
};
const started = Date.now();
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const failures = [];
const temporary = [];

/** The commands of the README's "Build from the sources archive" section (its first sh block) in `dir`. */
function readmeBuildCommands(dir) {
  const readme = readFileSync(join(dir, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith('Build from the sources archive'));
  const block = section?.match(/```sh\n([\s\S]*?)```/)?.[1];
  const commands = (block ?? '').split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean);
  if (commands.length === 0) throw new Error('the sources\' README.md has no sh block under "## Build from the sources archive"');
  return commands;
}

/** Runs a shell command in `cwd`; resolves with its exit code and its output (kept for a failure). */
function run(command, cwd, env = process.env) {
  return new Promise((done, fail) => {
    const child = spawn('sh', ['-c', command], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, output }));
  });
}

function tempDir(label) {
  const dir = mkdtempSync(join(tmpdir(), `kith-${label}-`));
  temporary.push(dir);
  return dir;
}

function checkBuild(label, zip, buildDir) {
  const files = readZip(zip);
  const differences = compareFiles(readDir(buildDir), files, { expected: buildDir.slice(root.length + 1), actual: zip.slice(root.length + 1) });
  if (!files.has('manifest.json')) differences.unshift('manifest.json: missing from the package');
  if (differences.length) failures.push(`${label} package is not the build:\n  ${differences.join('\n  ')}`);
  else console.log(`check:zip: ${label} package = the build (${files.size} files, manifest included)`);
  return files;
}

async function lintFirefox(files) {
  const since = Date.now();
  const dir = tempDir('firefox');
  writeFiles(files, dir);
  const webExt = join(root, 'node_modules/.bin/web-ext');
  const { code, output } = await run(`"${webExt}" lint --source-dir "${dir}" --output json --no-config-discovery`, root);
  let report;
  try {
    report = JSON.parse(output.slice(output.indexOf('{')));
  } catch {
    failures.push(`web-ext lint gave no report (exit ${code}):\n${output}`);
    return;
  }
  const { errors, warnings, notices } = report.summary;
  const list = (kind) => report[kind].map((m) => `\n  ${kind.slice(0, -1)}: ${m.code} ${m.file ?? ''} ${m.message}`).join('');
  const line = `web-ext lint of the Firefox package: ${errors} errors, ${warnings} warnings, ${notices} notices (${seconds(since)})${list('errors')}${list('warnings')}`;
  if (errors > 0 || code !== 0) failures.push(line);
  else console.log(`check:zip: ${line}`);
}

async function rebuildFromSources(firefoxFiles) {
  const since = Date.now();
  const dir = tempDir('sources');
  writeFiles(readZip(packages.sources), dir);
  // A clean environment for npm: none of the npm_* variables of the `npm run` this runs under (they name
  // this checkout's folders), nothing of this checkout on PATH (its node_modules/.bin would hide a tool
  // missing from the sources' install), the local cache first, and no output folder of ours.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'INIT_CWD' && k !== 'KITH_OUT_DIR'));
  env.PATH = (process.env.PATH ?? '').split(':').filter((p) => p && !resolve(p).startsWith(`${root}/`)).join(':');
  Object.assign(env, { npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' });
  for (const command of readmeBuildCommands(dir)) {
    const step = Date.now();
    const { code, output } = await run(command, dir, env);
    if (code !== 0) {
      failures.push(`the sources did not build: \`${command}\` exited ${code}:\n${output.slice(-4000)}`);
      return;
    }
    console.log(`check:zip: sources: \`${command}\` (${seconds(step)})`);
  }
  const rebuilt = readDir(join(dir, '.output/firefox-mv2'));
  const differences = compareFiles(firefoxFiles, rebuilt, { expected: 'the Firefox package', actual: 'the rebuild' });
  if (differences.length) failures.push(`the sources rebuild to other files than the Firefox package:\n  ${differences.join('\n  ')}`);
  else console.log(`check:zip: the sources rebuild to the Firefox package byte for byte (${rebuilt.size} files, ${seconds(since)})`);
}

/** Chrome's limits for the manifest's name and description, in characters. */
const NAME_MAX = 75;
const DESCRIPTION_MAX = 132;

function checkStoreListing(chromeFiles, firefoxFiles) {
  const store = readFileSync(join(root, 'docs/store.md'), 'utf8');
  const section = (title) => store.split(/^## /m).find((s) => s.startsWith(title)) ?? '';
  const problems = [];

  const justified = new Set([...section('Permissions').matchAll(/^- `([^`]+)`:/gm)].map((m) => m[1]));
  const manifests = [chromeFiles, firefoxFiles].map((files) => JSON.parse(files.get('manifest.json').toString()));
  const asked = new Set(
    manifests.flatMap((m) => [...(m.permissions ?? []), ...(m.host_permissions ?? []), ...(m.optional_host_permissions ?? []), ...(m.optional_permissions ?? [])]),
  );
  for (const p of asked) if (!justified.has(p)) problems.push(`\`${p}\` is asked for but has no line under "## Permissions"`);
  for (const p of justified) if (!asked.has(p)) problems.push(`\`${p}\` has a line under "## Permissions" but neither manifest asks for it`);

  // The first quoted line of each language's part of "## Store description" is its short description.
  const listed = section('Store description')
    .split(/^### /m)
    .slice(1)
    .map((part) => part.match(/^> (.+)$/m)?.[1]);
  const locales = [...chromeFiles.keys()].filter((f) => /^_locales\/[^/]+\/messages\.json$/.test(f));
  for (const file of locales) {
    const messages = JSON.parse(chromeFiles.get(file).toString());
    const lang = file.split('/')[1];
    const description = messages.extDescription?.message ?? '';
    if (!listed.includes(description)) problems.push(`${lang}: the packaged extDescription is not a short description under "## Store description": ${description}`);
    if ([...description].length > DESCRIPTION_MAX) problems.push(`${lang}: extDescription is over Chrome's ${DESCRIPTION_MAX} characters`);
    if ([...(messages.extName?.message ?? '')].length > NAME_MAX) problems.push(`${lang}: extName is over Chrome's ${NAME_MAX} characters`);
  }
  if (listed.length !== locales.length) problems.push(`"## Store description" has ${listed.length} languages, the package ${locales.length}`);

  if (problems.length) failures.push(`docs/store.md does not match the packages:\n  ${problems.join('\n  ')}`);
  else console.log(`check:zip: docs/store.md justifies all ${asked.size} permissions and has the short description of all ${locales.length} locales`);
}

/** Runs one check; a failure is reported with the others instead of stopping them. */
async function check(what, fn) {
  try {
    return await fn();
  } catch (error) {
    failures.push(`${what}: ${error?.code === 'ENOENT' ? `${error.message} (run \`npm run zip\` first)` : (error?.message ?? error)}`);
  }
}

try {
  const chromeFiles = await check('Chrome Web Store package', () => checkBuild('Chrome Web Store', packages.chrome, join(out, 'chrome-mv3')));
  const firefoxFiles = await check('Firefox package', () => checkBuild('Firefox', packages.firefox, join(out, 'firefox-mv2')));
  if (chromeFiles && firefoxFiles) await check('store listing', () => checkStoreListing(chromeFiles, firefoxFiles));
  if (firefoxFiles) {
    const rebuild = !process.argv.includes('--no-rebuild');
    await Promise.all([check('web-ext lint', () => lintFirefox(firefoxFiles)), rebuild && check('sources archive', () => rebuildFromSources(firefoxFiles))]);
    if (!rebuild) console.log('check:zip: the sources were not rebuilt (--no-rebuild)');
  }
} finally {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true, maxRetries: 10 });
}
if (failures.length) {
  console.error(`check:zip: FAILED (${seconds(started)})\n${failures.join('\n')}`);
  process.exit(1);
}
console.log(`check:zip: all store packages checked in ${seconds(started)}`);
