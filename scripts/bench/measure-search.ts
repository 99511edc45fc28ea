/**
 * Search as you type: the popup's search (people.search) per keystroke and the first search after the
 * worker starts, and the network page's list (people.list) per keystroke, by name and by last touch,
 * with and without a tag, and a page far down.
 */
import { BenchError, kith } from './browser.ts';
import { BUDGETS } from './budgets.ts';
import { PROFILE, RUNS } from './config.ts';
import { keystrokes, TYPED } from './generate.ts';
import { profileWorker } from './profiling.ts';
import { median, row } from './report.ts';
import type { StoreBrowser } from './seeded-browsers.ts';
import { phase, rows } from './session.ts';
import { timeMessage } from './store.ts';

/** Rows the network page asks for at once (components/network/NetworkList.tsx, PAGE). */
const LIST_PAGE = 60;
/** Typed into the network page's search: one and two letters that match most people, then a full name. */
const LIST_TYPED = ['anna nowak', 'jürgen m'];
/** A tag about one person in twelve has (generate.ts). */
const LIST_TAG = 'investor';

/** The popup's search, per keystroke and right after the worker starts. */
export function measureSearch(store: StoreBrowser | undefined): Promise<void> {
  return phase('search', 'search as you type', async () => {
    const { ext, control } = store!;
    // The first search after the worker starts reads everyone into the table it searches (utils/db/people-search.ts);
    // the popup asks for that as its search box gets focus, before the user types.
    const cold: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await control.stop();
      await control.warm();
      cold.push(...(await timeMessage(control.page, 'people.search', { query: 'anna', limit: 20 }, 1)));
    }
    const typed = keystrokes(TYPED);
    await timeMessage(control.page, 'people.search', { query: 'warm', limit: 20 }, 3);
    const samples: number[] = [];
    const perQuery = new Map<string, number[]>();
    for (let i = 0; i < RUNS; i++) {
      for (const q of typed) {
        const [ms] = await timeMessage(control.page, 'people.search', { query: q, limit: 20 }, 1);
        samples.push(ms);
        perQuery.set(q, [...(perQuery.get(q) ?? []), ms]);
      }
    }
    if (PROFILE) {
      await profileWorker(ext, control.page, 'worker-search', 'search, every keystroke once', async () => {
        for (const q of typed) await timeMessage(control.page, 'people.search', { query: q, limit: 20 }, 1);
      });
      await profileWorker(ext, control.page, 'worker-followups', 'followups.list × 20', async () => {
        await timeMessage(control.page, 'followups.list', { limit: 25, photos: false }, 20);
      });
    }
    const slowest = [...perQuery].map(([q, v]) => [q, median(v)] as const).sort((a, b) => b[1] - a[1]).slice(0, 3);
    rows.push(
      row('search.keystroke', 'search as you type, per keystroke', 'ms', BUDGETS.search, samples,
        `people.search (limit 20, as the popup) for every prefix of ${TYPED.map((t) => `"${t}"`).join(', ')} (${typed.length} keystrokes × ${RUNS}); slowest: ${slowest.map(([q, v]) => `"${q}" ${v.toFixed(1)} ms`).join(', ')}`),
      row('search.first', '  the first search after the worker starts (it reads everyone into its table)', 'ms', null, cold,
        'people.search "anna" right after the stopped worker was woken by another message; the popup asks for this read when its search box gets focus'),
    );
  }, (e) => [row('search.keystroke', 'search as you type', 'ms', BUDGETS.search, [], e)]);
}

/** The network page's list as you type. */
export function measureList(store: StoreBrowser | undefined): Promise<void> {
  return phase('list', 'the network page\'s list as you type', async () => {
    const { control } = store!;
    await control.warm();
    const typed = keystrokes(LIST_TYPED);
    const variants: { id: string; what: string; sort: 'name' | 'lastTouch'; tag?: string }[] = [
      { id: 'list.keystroke.name', what: 'network page list as you type, by name, per keystroke', sort: 'name' },
      { id: 'list.keystroke.lastTouch', what: 'network page list as you type, by last touch, per keystroke', sort: 'lastTouch' },
      { id: 'list.keystroke.name.tag', what: `  the same by name, with the tag "${LIST_TAG}"`, sort: 'name', tag: LIST_TAG },
      { id: 'list.keystroke.lastTouch.tag', what: `  the same by last touch, with the tag "${LIST_TAG}"`, sort: 'lastTouch', tag: LIST_TAG },
    ];
    const list = (payload: object) => kith<{ total: number; rows: unknown[] }>(control.page, 'people.list', payload);
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
          opened.push(...(await timeMessage(control.page, 'people.list', { offset: 0, limit: LIST_PAGE, sort: v.sort, filter: base, fresh: true }, 1)));
          for (const q of keystrokes([text])) {
            const payload = { offset: 0, limit: LIST_PAGE, sort: v.sort, filter: { ...base, query: q } };
            const [ms] = await timeMessage(control.page, 'people.list', payload, 1);
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
        row(v.id, v.what, 'ms', BUDGETS.search, samples,
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
      deep.push(...(await timeMessage(control.page, 'people.list', { offset: Math.floor(total / 2), limit: LIST_PAGE, sort, filter: { query: 'a' } }, RUNS)));
    }
    rows.push(row('list.deepPage', '  a page halfway down everyone matching "a"', 'ms', null, deep, 'people.list at offset total / 2, by name and by last touch, after the first page'));
  }, (e) => [row('list.keystroke.name', 'network page list as you type', 'ms', BUDGETS.search, [], e)]);
}
