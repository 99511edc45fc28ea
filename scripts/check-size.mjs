// The content-script budget (DESIGN.md): everything injected on a profile page, gzipped, at most 15 KB
// (15 KiB = 15,360 bytes). Deterministic, so CI checks it exactly on every build.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export const CONTENT_SCRIPT_BUDGET = 15 * 1024;

export function contentScriptSize(dir) {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const files = new Set();
  for (const cs of manifest.content_scripts ?? []) {
    if (!cs.matches.some((m) => m.includes('linkedin.com'))) continue;
    for (const f of [...(cs.js ?? []), ...(cs.css ?? [])]) files.add(f);
  }
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
  const { total, parts } = contentScriptSize(dir);
  for (const p of parts) console.log(`  ${p.file}: ${p.gzip} B gzipped`);
  const verdict = total <= CONTENT_SCRIPT_BUDGET ? 'within' : 'OVER';
  console.log(`content script on a profile page: ${total} B gzipped, ${verdict} the budget of ${CONTENT_SCRIPT_BUDGET} B`);
  if (total > CONTENT_SCRIPT_BUDGET) process.exit(1);
}
