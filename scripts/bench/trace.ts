/** Reading a DevTools trace of a page load (pure: the unit tests feed it synthetic events). */

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: Record<string, unknown> & { data?: Record<string, unknown> };
}

export interface TraceFacts {
  /** Content script injections seen in the trace (EvaluateScript of a chrome-extension:// file in the page's process). */
  injected: number;
  /** The extension's files the page evaluated, in order (what the size budget must cover). */
  files: string[];
  /** When the content script started, ms on the page's clock (from the trace); NaN without one. */
  contentScriptStart: number;
  /** Main-thread time of the extension's own script events in the page's process (evaluation + callbacks), ms. */
  extensionTraceMs: number;
  /** Of the content script's evaluation: compiling it, and running its top level (main() included), ms. */
  compileMs: number;
  runMs: number;
}

/**
 * What the trace says about the extension on this page: its injected scripts, when the first started
 * (on the page's performance.now() clock, through the trace's navigationStart), and its script time.
 * Only the page's own renderer process counts: Kith's frame is a document of the extension's origin,
 * in the extension's process, and its scripts (same chrome-extension:// URLs) never run on the page's
 * main thread.
 */
export function analyseTrace(events: TraceEvent[], extensionId: string | undefined): TraceFacts {
  const prefix = `chrome-extension://${extensionId ? `${extensionId}/` : ''}`;
  // navigationStart (a blink.user_timing / loading mark) gives the page clock's origin in trace time,
  // and the page's process.
  const navStart = events.filter((e) => e.name === 'navigationStart' && (e.args?.data as { isLoadingMainFrame?: boolean } | undefined)?.isLoadingMainFrame).at(-1);
  const url = (e: TraceEvent) => String(e.args?.data?.url ?? (e.args as { fileName?: string } | undefined)?.fileName ?? '');
  const ours = (e: TraceEvent) => (!navStart || e.pid === navStart.pid) && url(e).startsWith(prefix);
  const evaluations = events.filter((e) => e.name === 'EvaluateScript' && ours(e));
  let contentScriptStart = NaN;
  if (evaluations.length && navStart) contentScriptStart = (evaluations[0].ts - navStart.ts) / 1000;
  // Top-level extension events: evaluation and callbacks (FunctionCall) whose script is the extension's.
  const own = events
    .filter((e) => e.ph === 'X' && (e.name === 'EvaluateScript' || e.name === 'FunctionCall' || e.name === 'v8.callFunction') && ours(e))
    .sort((a, b) => a.ts - b.ts);
  let total = 0;
  let end = -Infinity;
  for (const e of own) {
    if (e.ts >= end) {
      total += e.dur ?? 0;
      end = e.ts + (e.dur ?? 0);
    }
  }
  const sum = (name: string) => events.filter((e) => e.name === name && ours(e)).reduce((n, e) => n + (e.dur ?? 0), 0) / 1000;
  const files = [...new Set(evaluations.map((e) => url(e).replace(/^chrome-extension:\/\/[^/]+\//, '')))];
  return { injected: evaluations.length, files, contentScriptStart, extensionTraceMs: total / 1000, compileMs: sum('v8.compile'), runMs: sum('v8.run') };
}
