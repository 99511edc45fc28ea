/**
 * Imports data into the extension through the product's own path: the options page connects the import
 * port and posts the file's text in parts, as components/options/ImportPanel.tsx does, then waits for 'done'.
 * The text is served to the page over a local route, never passed through page.evaluate arguments.
 */
import type { Page } from '@playwright/test';
import { BenchError, fileServer, type Browser } from './browser.ts';

let served = 0;
let files: Awaited<ReturnType<typeof fileServer>> | undefined;
const allowed = new WeakSet<object>();

/** Stops the local server that hands import files to the browser. */
export async function closeImportServer(): Promise<void> {
  await files?.close();
  files = undefined;
}

export interface ImportTiming {
  /** From posting the first part to the 'done' message, ms. */
  totalMs: number;
  /** From posting to the first progress message ('checking'), ms. */
  firstProgressMs: number;
  /** From posting to the first 'writing' message: parsing and checking took this long, ms. */
  checkedMs: number;
  progressMessages: number;
  report: unknown;
}

/**
 * Runs one import of `text` (kind 'backup' or 'connections') from `page` (an extension page) and times it.
 * Throws with the background's message when the import fails.
 */
export async function importText(b: Browser, page: Page, kind: 'backup' | 'connections', text: string, timeoutMs = 300_000): Promise<ImportTiming> {
  files ??= await fileServer();
  if (!allowed.has(b.context)) {
    await files.let(b.context);
    allowed.add(b.context);
  }
  const name = `import-${++served}`;
  files.put(name, text);
  const url = files.url(name);
  const result = await page.evaluate(
    async ({ url, kind, timeoutMs }) => {
      const text = await (await fetch(url)).text();
      // ImportPanel's part size: 8 Mi characters always fit Chromium's 64 MiB message limit.
      const PART = 8 * 1024 * 1024;
      return await new Promise<{ ok: boolean; error?: string; totalMs: number; firstProgressMs: number; checkedMs: number; progressMessages: number; report?: unknown }>((resolve) => {
        const port = chrome.runtime.connect({ name: 'kith-import' });
        let first = -1;
        let checked = -1;
        let n = 0;
        const timer = setTimeout(() => resolve({ ok: false, error: `no answer within ${timeoutMs} ms`, totalMs: -1, firstProgressMs: first, checkedMs: checked, progressMessages: n }), timeoutMs);
        port.onDisconnect.addListener(() => {
          clearTimeout(timer);
          resolve({ ok: false, error: 'the port closed', totalMs: -1, firstProgressMs: first, checkedMs: checked, progressMessages: n });
        });
        const t0 = performance.now();
        port.onMessage.addListener((m: { stage: string; error?: string; report?: unknown }) => {
          const t = performance.now() - t0;
          n++;
          if (first < 0) first = t;
          if (m.stage === 'writing' && checked < 0) checked = t;
          if (m.stage === 'done' || m.stage === 'failed') {
            clearTimeout(timer);
            port.disconnect();
            resolve({ ok: m.stage === 'done', error: m.error, totalMs: t, firstProgressMs: first, checkedMs: checked, progressMessages: n, report: m.report });
          }
        });
        for (let at = 0; at < text.length; ) {
          let end = Math.min(at + PART, text.length);
          const c = text.charCodeAt(end - 1);
          if (end < text.length && c >= 0xd800 && c <= 0xdbff) end--;
          const more = end < text.length;
          port.postMessage(more ? { kind, text: text.slice(at, end), more } : { kind, text: text.slice(at, end) });
          at = end;
        }
      });
    },
    { url, kind, timeoutMs },
  );
  files.drop(name);
  if (!result.ok) throw new BenchError(`the ${kind} import failed: ${result.error}`);
  return {
    totalMs: result.totalMs,
    firstProgressMs: result.firstProgressMs,
    checkedMs: result.checkedMs,
    progressMessages: result.progressMessages,
    report: result.report,
  };
}
