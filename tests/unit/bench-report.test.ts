import { describe, expect, it } from 'vitest';
import {
  compare,
  compareMarkdown,
  formatValue,
  markdown,
  median,
  parseResults,
  README_END,
  README_START,
  row,
  withReadmeTable,
  type Results,
} from '../../scripts/bench/report';
import { analyseTrace, type TraceEvent } from '../../scripts/bench/trace';

function results(rows: Results['rows'], date = '2026-03-15T10:00:00.000Z'): Results {
  return {
    format: 'kith-bench',
    version: 1,
    date,
    commit: 'abc1234',
    machine: { cpu: 'Test CPU', cores: 2, memoryGiB: 8, os: 'Debian 12', node: 'v22.0.0', chromium: '150.0', loadStart: 0.5, loadEnd: 0.7, loadByPhase: { pages: 0.6, io: 3.25 } },
    config: { runs: 5, seed: 'kith', people: 100_000, exportPeople: 30_000, csvRows: 30_000, today: '2026-03-15' },
    rows,
    seconds: 300,
  };
}

describe('bench summaries', () => {
  it('median of odd and even counts, without sorting the input', () => {
    const v = [5, 1, 3];
    expect(median(v)).toBe(3);
    expect(v).toEqual([5, 1, 3]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('a row: median, min, max, budget verdict; unmeasurable samples dropped', () => {
    const r = row('x', 'thing', 'ms', { max: 10, text: '10 ms' }, [12, 8, NaN, 9, 30]);
    expect(r).toMatchObject({ median: 10.5, min: 8, max: 30, pass: false, samples: [12, 8, 9, 30] });
    expect(row('x', 'thing', 'ms', { max: 10, text: '10 ms' }, [10]).pass).toBe(true);
    expect(row('x', 'thing', 'ms', null, [1]).pass).toBeNull();
    expect(row('x', 'thing', 'ms', { max: 1, text: '1 ms' }, [], 'failed: no browser')).toMatchObject({ pass: null, note: 'failed: no browser' });
  });

  it('formats figures at a sensible precision', () => {
    expect(formatValue(0.4234, 'ms')).toBe('0.42 ms');
    expect(formatValue(18.26, 'ms')).toBe('18.3 ms');
    expect(formatValue(1234.4, 'ms')).toBe('1,234 ms');
    expect(formatValue(15130, 'B')).toBe('15,130 B');
    expect(formatValue(3, 'count')).toBe('3');
    expect(formatValue(NaN, 'ms')).toBe('–');
  });

  it('the markdown table names the machine and gives every row with its budget and verdict', () => {
    const md = markdown(
      results([
        row('a', 'size | gzip', 'B', { max: 15360, text: '15 KB' }, [15130]),
        row('b', 'search', 'ms', { max: 16, text: '16 ms' }, [20, 30, 25], 'people.search'),
        row('c', 'info', 'ms', null, [1, 2]),
      ]),
    );
    expect(md).toContain('Test CPU (2 cores, 8 GiB), Debian 12, Chromium 150.0, Node v22.0.0');
    expect(md).toContain('load average 0.5 at the start, 0.7 at the end (pages 0.6, io 3.3). ');
    expect(md).toContain('| size \\| gzip | 15 KB | 15,130 B |  | ✅ within |');
    expect(md).toContain('| search | 16 ms | 25.0 ms | 20.0 ms – 30.0 ms | ❌ over |');
    expect(md).toContain('| info |  | 1.50 ms | 1.00 ms – 2.00 ms |  |');
    expect(md).toContain('- **search**: people.search');
  });

  it('compares two runs row by row', () => {
    const before = results([row('a', 'A', 'ms', { max: 10, text: '10 ms' }, [20]), row('gone', 'G', 'ms', null, [1])]);
    const after = results([row('a', 'A', 'ms', { max: 10, text: '10 ms' }, [5]), row('new', 'N', 'ms', null, [1])], '2026-03-16T10:00:00.000Z');
    const changes = compare(before, after);
    expect(changes).toEqual([{ id: 'a', what: 'A', unit: 'ms', before: 20, after: 5, delta: -15, percent: -75, passBefore: false, passAfter: true }]);
    const md = compareMarkdown(changes, before, after);
    expect(md).toContain('| A | 20.0 ms | 5.00 ms | −15.0 ms (−75 %) | now within budget |');
  });

  it('rewrites only the README section between the markers, or appends one', () => {
    const readme = `# Kith\n\nintro\n\n## Performance\n\ntext\n\n${README_START}\nold table\n${README_END}\n\n## After\n\nkept\n`;
    const next = withReadmeTable(readme, '| new |\n');
    expect(next).toBe(`# Kith\n\nintro\n\n## Performance\n\ntext\n\n${README_START}\n| new |\n${README_END}\n\n## After\n\nkept\n`);
    expect(withReadmeTable(next, '| new |\n')).toBe(next);
    const appended = withReadmeTable('# Kith\n', '| t |');
    expect(appended).toMatch(/^# Kith\n\n## Performance\n\n.+\n\n<!-- bench:start -->\n\| t \|\n<!-- bench:end -->\n$/s);
  });

  it('reads only benchmark results', () => {
    const r = results([]);
    expect(parseResults(JSON.stringify(r), 'a.json')).toEqual(r);
    expect(() => parseResults('{', 'a.json')).toThrow('a.json is not JSON');
    expect(() => parseResults('{"format":"kith-backup"}', 'b.json')).toThrow('b.json is not a Kith benchmark result');
  });
});

describe('bench trace reading', () => {
  const ext = 'chrome-extension://abc/content-scripts/profile.js';
  const ev = (name: string, ts: number, dur: number, args: TraceEvent['args'] = {}): TraceEvent => ({ name, cat: 'devtools.timeline', ph: 'X', ts, dur, pid: 1, tid: 1, args });

  it('finds the content script, when it started on the page clock, and its own time without counting nested events twice', () => {
    const events: TraceEvent[] = [
      { name: 'navigationStart', cat: 'blink.user_timing', ph: 'R', ts: 1_000_000, pid: 1, tid: 1, args: { data: { isLoadingMainFrame: true } } },
      ev('EvaluateScript', 1_250_000, 3_000, { data: { url: ext } }),
      ev('v8.compile', 1_250_010, 1_000, { data: { url: ext } }),
      ev('v8.run', 1_251_100, 1_800, { fileName: ext }),
      ev('FunctionCall', 1_252_000, 500, { data: { url: ext } }), // inside the evaluation
      ev('FunctionCall', 1_300_000, 400, { data: { url: ext } }),
      ev('FunctionCall', 1_310_000, 900, { data: { url: 'https://www.linkedin.com/app.js' } }),
      ev('EvaluateScript', 1_320_000, 700, { data: { url: 'chrome-extension://other/x.js' } }),
    ];
    expect(analyseTrace(events, 'abc')).toEqual({ injected: 1, files: ['content-scripts/profile.js'], contentScriptStart: 250, extensionTraceMs: 3.4, compileMs: 1, runMs: 1.8 });
  });

  it('counts only the page’s process: the scripts of Kith’s frame run in the extension’s, not on the page’s main thread', () => {
    const frame = 'chrome-extension://abc/chunks/sidebar.js';
    const events: TraceEvent[] = [
      { name: 'navigationStart', cat: 'blink.user_timing', ph: 'R', ts: 1_000_000, pid: 1, tid: 1, args: { data: { isLoadingMainFrame: true } } },
      ev('EvaluateScript', 1_250_000, 3_000, { data: { url: ext } }),
      { ...ev('EvaluateScript', 1_260_000, 20_000, { data: { url: frame } }), pid: 2 },
      { ...ev('FunctionCall', 1_290_000, 5_000, { data: { url: frame } }), pid: 2 },
    ];
    expect(analyseTrace(events, 'abc')).toMatchObject({ injected: 1, files: ['content-scripts/profile.js'], extensionTraceMs: 3 });
  });

  it('nothing injected: no start, no time', () => {
    const r = analyseTrace([ev('FunctionCall', 5, 10, { data: { url: 'https://example.com/a.js' } })], 'abc');
    expect(r).toMatchObject({ injected: 0, files: [], extensionTraceMs: 0, compileMs: 0, runMs: 0 });
    expect(r.contentScriptStart).toBeNaN();
  });
});
