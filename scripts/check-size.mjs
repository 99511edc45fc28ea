// The content-script budget (DESIGN.md): everything injected into a profile page, gzipped, at most 6 KB
// (6 KiB = 6,144 bytes), on each supported site. Kith's UI is its own page in a frame, not in this budget.
// Deterministic, so CI checks it exactly on every build.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
// The matcher the background checks senders with (Node 22 strips the types of a .ts import).
import { matchesPattern } from '../utils/match-patterns.ts';

export const CONTENT_SCRIPT_BUDGET = 6 * 1024;

/** A profile page of each site whose content script is built: what gets injected there is measured. */
export const PROFILE_PAGES = {
  linkedin: 'https://www.linkedin.com/in/anna-nowak/',
  github: 'https://github.com/anna-nowak',
  x: 'https://x.com/anna_nowak',
  xing: 'https://www.xing.com/profile/Anna_Nowak',
};

/**
 * Content scripts the background registers at run time instead of the manifest (Mastodon: on each
 * instance the user allowed, entrypoints/background/mastodon.ts): a profile page of the site, and the
 * files registered there on top of whatever the manifest injects on it.
 */
export const RUNTIME_SCRIPTS = {
  mastodon: { url: 'https://mastodon.social/@anna', js: ['content-scripts/mastodon.js'] },
};

/**
 * The gzipped size of every file injected on `pageUrl` (default: a LinkedIn profile): the manifest's
 * content scripts that match it, and `registered`, files registered there at run time.
 */
export function contentScriptSize(dir, pageUrl = PROFILE_PAGES.linkedin, registered = []) {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const files = new Set();
  for (const cs of manifest.content_scripts ?? []) {
    if (!cs.matches.some((m) => matchesPattern(pageUrl, m))) continue;
    for (const f of [...(cs.js ?? []), ...(cs.css ?? [])]) files.add(f);
  }
  for (const f of registered) if (existsSync(join(dir, f))) files.add(f);
  let total = 0;
  const parts = [];
  for (const f of files) {
    const bytes = gzipSync(readFileSync(join(dir, f)), { level: 9 }).length;
    parts.push({ file: f, gzip: bytes });
    total += bytes;
  }
  return { total, parts };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = resolve(process.env.KITH_OUT_DIR ?? '.output', 'chrome-mv3');
  let over = false;
  const pages = [
    ...Object.entries(PROFILE_PAGES).map(([site, url]) => ({ site, url, registered: [] })),
    ...Object.entries(RUNTIME_SCRIPTS).map(([site, { url, js }]) => ({ site, url, registered: js })),
  ];
  for (const { site, url, registered } of pages) {
    const { total, parts } = contentScriptSize(dir, url, registered);
    const missing = registered.filter((f) => !parts.some((p) => p.file === f));
    if (missing.length) {
      console.log(`${site}: ${missing.join(', ')} not built: is its content script missing?`);
      over = true;
      continue;
    }
    if (parts.length === 0) {
      console.log(`${site}: nothing injected on ${url}: is its content script missing?`);
      over = true;
      continue;
    }
    const verdict = total <= CONTENT_SCRIPT_BUDGET ? 'within' : 'OVER';
    console.log(`${site} profile page: ${total} B gzipped (${parts.map((p) => `${p.file} ${p.gzip} B`).join(', ')}), ${verdict} the budget of ${CONTENT_SCRIPT_BUDGET} B`);
    if (total > CONTENT_SCRIPT_BUDGET) over = true;
  }
  if (over) process.exit(1);
}
