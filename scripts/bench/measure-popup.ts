/**
 * The popup phase: the overdue query and the faces after it (messages timed inside an extension page),
 * then the popup's first paint in a bare browser on the same profile, warm and cold, with and without
 * the kept first screen, and the browser's floor for the same page.
 */
import type { Responses } from '../../utils/messages.ts';
import { FIRST_SCREEN, REMAKE_AFTER_START_MS } from '../../utils/first-screen.ts';
import { BareBrowser, BareWorkerControl } from './bare.ts';
import { BenchError, kith, launch, WorkerControl } from './browser.ts';
import { BUDGETS } from './budgets.ts';
import { EXTENSION_DIR, RUNS } from './config.ts';
import { serveFixtures } from './fixtures.ts';
import { median, row } from './report.ts';
import type { StoreBrowser } from './seeded-browsers.ts';
import { cleanups, phase, rows } from './session.ts';
import { overdueQueryInWorker, popupPaint, POPUP_VIEWPORT, popupStaticFloor, timeMessage, type PopupPaint } from './store.ts';

type FollowUps = Responses['followups.list'];

/** The popup: the overdue query, then its first paint. Leaves `store` on a browser launched again on its profile. */
export function measurePopup(store: StoreBrowser | undefined): Promise<void> {
  return phase('popup', 'popup first paint and the overdue query', async () => {
    const s = store!;
    // The messages, timed inside an extension page (Playwright is not in the way of a message), once the
    // worker is idle: a worker that starts makes the first screen again after REMAKE_AFTER_START_MS.
    await s.control.warm();
    await new Promise((resolve) => setTimeout(resolve, REMAKE_AFTER_START_MS + 500));
    const asked = { limit: 25, photos: false }; // what the popup asks once its first screen is painted
    const list = await kith<FollowUps>(s.control.page, 'followups.list', asked);
    const query = await timeMessage(s.control.page, 'followups.list', asked, RUNS * 10);
    const withPhotos = await timeMessage(s.control.page, 'followups.list', { limit: 25 }, RUNS * 10);
    // The faces it then asks for: the listed people with one, but for those on the first screen (it has theirs).
    const groups = [list.overdue, list.dueToday, list.week];
    const shown = new Set(groups.flatMap((g) => g.slice(0, FIRST_SCREEN)).map((r) => r.id));
    const missing = groups.flat().filter((r) => r.hasPhoto && !shown.has(r.id)).map((r) => r.id);
    const faces = missing.length ? await timeMessage(s.control.page, 'people.photos', { ids: missing }, RUNS * 10) : [];
    // Right after a change: the groups are counted again (the worker keeps their sizes between changes).
    const afterChange: number[] = [];
    const someone = list.overdue[0] ?? list.dueToday[0] ?? list.week[0];
    if (someone) {
      for (let i = 0; i < RUNS * 2; i++) {
        await kith(s.control.page, 'person.update', { id: someone.id, patch: { notes: `benchmark ${i}` } });
        afterChange.push(...(await timeMessage(s.control.page, 'followups.list', asked, 1)));
        await new Promise((resolve) => setTimeout(resolve, 300)); // the first screen is made again after 100 ms
      }
    }
    const idb = await overdueQueryInWorker(s.ext, RUNS * 10);
    const t = list.totals;

    // The first paint, in a bare browser on the same profile (bare.ts: Playwright's work in a page it
    // attaches to lands on the popup's critical path).
    await s.control.dispose();
    await s.ext.close();
    const warm: PopupPaint[] = [];
    const cold: PopupPaint[] = [];
    const notKept: PopupPaint[] = [];
    let floor: number[];
    const bare = await BareBrowser.launch(s.dir, EXTENSION_DIR);
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
      s.ext = await launch(s.dir, EXTENSION_DIR);
      const relaunched = s.ext;
      cleanups.push(() => relaunched.close());
      await serveFixtures(s.ext, s.page);
      s.control = await WorkerControl.open(s.ext, EXTENSION_DIR);
    }
    const at = (list: PopupPaint[], k: keyof PopupPaint) => median(list.map((p) => Number(p[k]))).toFixed(0);
    const kept = (list: PopupPaint[]) => `${list.filter((p) => p.kept).length} of ${list.length} painted the kept first screen`;
    if (t.overdue + t.dueToday + t.week > 0 && warm.some((p) => p.rows === 0)) throw new BenchError('the popup painted without the follow-ups it should list');
    const bareNote = 'in a Chromium driven over the DevTools protocol with nothing attached to the page until it has painted (scripts/bench/bare.ts)';
    rows.push(
      row('popup.firstPaint', 'popup first paint with the overdue list, warm worker', 'ms', BUDGETS.popup, warm.map((p) => p.firstPaint),
        `popup.html in a window of the popup's size (${POPUP_VIEWPORT.width} × ${POPUP_VIEWPORT.height}), ${bareNote}; ms from navigation start, the worker running and idle: first-contentful-paint (checked to come after the popup's kith-popup-rendered mark); ` +
          `${warm[0].rows} rows shown of ${t.overdue} overdue, ${t.dueToday} today, ${t.week} this week. Medians: popup script starts ${at(warm, 'scriptStart')} ms, ` +
          `list arrives ${at(warm, 'dataArrived')} ms, rendered ${at(warm, 'rendered')} ms, painted ${at(warm, 'firstPaint')} ms; ${kept(warm)}`),
      row('popup.firstPaint.cold', 'popup first paint with the overdue list, worker stopped', 'ms', null, cold.map((p) => p.firstPaint),
        `medians: script starts ${at(cold, 'scriptStart')} ms, list arrives ${at(cold, 'dataArrived')} ms, rendered ${at(cold, 'rendered')} ms; ${kept(cold)}`),
      row('popup.firstPaint.floor', '  the browser\'s floor: the same first screen as a static page, no script', 'ms', null, floor,
        'the popup\'s first screen as it rendered it (its DOM at the kith-popup-rendered mark), served as a static extension page with the same stylesheets: what any extension page with this content costs here'),
      row('popup.firstPaint.notKept', '  the same with no first screen kept (just after a change), warm worker', 'ms', null, notKept.map((p) => p.firstPaint),
        `the kept first screen removed from storage.session before each opening, so the list comes from a followups.list message; medians: script starts ${at(notKept, 'scriptStart')} ms, list arrives ${at(notKept, 'dataArrived')} ms, rendered ${at(notKept, 'rendered')} ms`),
      row('followups.list', 'overdue query: followups.list message round trip', 'ms', BUDGETS.overdue, query,
        `performance.now() around chrome.runtime.sendMessage in an extension page, ${JSON.stringify(asked)} (what the popup asks once its first screen is painted): three groups, ${groups.flat().length} rows with their encounters, faces left out; the groups' sizes as the worker counted them after the last change`),
      row('followups.list.changed', '  the same right after a change (the groups counted again)', 'ms', null, afterChange,
        'a person.update of one listed person, then at once the same message, while the worker also counts the badge and drops the first screen'),
      row('followups.photos', '  then the faces the popup has not shown yet: people.photos round trip', 'ms', null, faces,
        `the ${missing.length} faces of listed people with one, but for the first ${FIRST_SCREEN} rows of each group (the first screen brought theirs)`),
      row('followups.list.photos', '  the same list with its faces in it (one message)', 'ms', null, withPhotos, '{"limit":25}: the reply the popup got before it asked for faces apart'),
      row('followups.idb', 'overdue query: the IndexedDB requests alone, in the worker', 'ms', null, idb,
        'byDue index getAll(upper bound today, 25) + count, on a second connection inside the service worker'),
    );
  }, (e) => [row('popup.firstPaint', 'popup first paint', 'ms', BUDGETS.popup, [], e), row('followups.list', 'overdue query', 'ms', BUDGETS.overdue, [], e)]);
}
