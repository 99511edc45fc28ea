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
  /** Content script injections seen in the trace (EvaluateScript of a chrome-extension:// file). */
  injected: number;
  /** When the content script started, ms on the page's clock (from the trace); NaN without one. */
  contentScriptStart: number;
  /** Main-thread time of the extension's own script events in the trace (evaluation + callbacks), ms. */
  extensionTraceMs: number;
  /** Of the content script's evaluation: compiling it, and running its top level (main() included), ms. */
  compileMs: number;
  runMs: number;
}

/**
 * What the trace says about the extension on this page: its injected scripts, when the first started
 * (on the page's performance.now() clock, through the trace's navigationStart), and its script time.
 */
export function analyseTrace(events: TraceEvent[], extensionId: string | undefined): TraceFacts {
  const prefix = `chrome-extension://${extensionId ? `${extensionId}/` : ''}`;
  const ours = (e: TraceEvent) => String(e.args?.data?.url ?? (e.args as { fileName?: string } | undefined)?.fileName ?? '').startsWith(prefix);
  const evaluations = events.filter((e) => e.name === 'EvaluateScript' && ours(e));
  // navigationStart (a blink.user_timing / loading mark) gives the page clock's origin in trace time.
  const navStart = events.filter((e) => e.name === 'navigationStart' && (e.args?.data as { isLoadingMainFrame?: boolean } | undefined)?.isLoadingMainFrame).at(-1);
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
  return { injected: evaluations.length, contentScriptStart, extensionTraceMs: total / 1000, compileMs: sum('v8.compile'), runMs: sum('v8.run') };
}

