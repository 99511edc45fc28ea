/**
 * The background's notices: the check written out for the content script matches the protocol's
 * schema, and the notice of a change goes to every view but the one whose request made it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as v from 'valibot';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHandler } from '../../entrypoints/background/router';
import { announceInBrowser, createChanges } from '../../entrypoints/background/changes';
import { sidebarFrames } from '../../entrypoints/background/tabs';
import { closeKithDb } from '../../utils/db';
import { DueTotals } from '../../utils/db/due-totals';
import { notices, type ChangedNotice, type PersonView } from '../../utils/messages';
import { isChangedNotice } from '../../utils/client';
import { SIDEBAR, handlerDeps, pageSender } from './handler-harness';

const NOW = new Date(2026, 10, 27, 12);
const anna = { site: 'linkedin' as const, keys: ['linkedin:anna-nowak'], url: 'https://www.linkedin.com/in/anna-nowak/', name: 'Anna Nowak' };
const meetAnna = { profile: anna, encounter: { date: '2026-11-20', kind: 'in-person' } } as const;

describe('the change notice\'s check by hand', () => {
  it('accepts what the schema accepts, and nothing whose people are not a list of ids', () => {
    const samples: unknown[] = [
      { kithChanged: [] },
      { kithChanged: ['a', 'b'] },
      { kithChanged: ['a'], client: 'c' },
      { kithChanged: ['a'], extra: true },
      { kithChanged: [1] },
      { kithChanged: 'a' },
      { kithChanged: ['a', null] },
      { kithToggleSidebar: true },
      { kith: 'person.get', payload: { id: 'x' } },
      null,
      'kithChanged',
      [],
      42,
    ];
    for (const s of samples) expect(isChangedNotice(s), JSON.stringify(s)).toBe(v.is(notices.changed, s));
    // Both answers are among the samples, so the comparison can fail.
    expect(samples.filter((s) => v.is(notices.changed, s))).toHaveLength(4);
    // A client that is not a page's id is let through: it is only compared with this page's own.
    expect(isChangedNotice({ kithChanged: ['a'], client: 3 })).toBe(true);
  });
});

describe('a change notice', () => {
  let dbName: string;
  beforeEach(() => {
    fakeBrowser.reset();
    dbName = `kith-notices-${Math.random()}`;
  });
  afterEach(async () => {
    vi.resetModules();
    await closeKithDb(dbName);
  });

  /**
   * The background and two Kith pages (utils/client.ts loaded once for each, as each page loads it):
   * the popup, one view that has its own changes answered, and the network page, which hears all.
   */
  async function twoPages() {
    const heard: { popup: string[][]; network: string[][] } = { popup: [], network: [] };
    const announced: { notice: ChangedNotice }[] = [];
    const handle = createHandler(
      handlerDeps(dbName, NOW, (_ids, notice) => {
        announced.push({ notice });
        // What the background does for the pages: each hears the notice, sent by the background (no tab).
        void fakeBrowser.runtime.onMessage.trigger(notice, { id: fakeBrowser.runtime.id }, () => undefined);
      }),
    );
    const load = async () => {
      vi.resetModules();
      return import('../../utils/client');
    };
    const popup = await load();
    const network = await load();
    expect(popup).not.toBe(network);
    popup.ownChangesAnswered();
    popup.onPeopleChanged((ids) => heard.popup.push(ids));
    network.onPeopleChanged((ids) => heard.network.push(ids));
    const popupAsks = (m: unknown) => handle(m, pageSender('popup.html'));
    const networkAsks = (m: unknown) => handle(m, pageSender('network.html'));
    return { heard, announced, handle, popup, network, popupAsks, networkAsks };
  }

  it('is not announced back to the page whose request made the change, and reaches the others', async () => {
    const { heard, announced, popup, network, popupAsks, networkAsks } = await twoPages();
    const saved = await network.call(networkAsks, 'encounter.record', meetAnna);
    const id = saved.person.id;
    // The network page, several views, hears its own change (its list shows what its person panel saved).
    expect(heard).toEqual({ popup: [[id]], network: [[id]] });
    expect(announced[0]!.notice).toEqual({ kithChanged: [id] });

    await popup.call(popupAsks, 'followups.done', { personId: id, kind: 'message' });
    expect(heard).toEqual({ popup: [[id]], network: [[id], [id]] });
    expect(announced[1]!.notice.client).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('of a change a sidebar asked for names the sidebar, and goes to every page', async () => {
    const { heard, announced, handle } = await twoPages();
    const saved = (await handle({ kith: 'encounter.record', payload: meetAnna, client: 'sidebar-1' }, SIDEBAR)) as { value: PersonView };
    expect(announced).toEqual([{ notice: { kithChanged: [saved.value.person.id], client: 'sidebar-1' } }]);
    expect(heard).toEqual({ popup: [[saved.value.person.id]], network: [[saved.value.person.id]] });
  });

  it('is not taken from a tab, another extension, or in a shape the protocol does not know', async () => {
    const { heard } = await twoPages();
    const deliver = (message: unknown, sender: object) => fakeBrowser.runtime.onMessage.trigger(message, sender as never, () => undefined);
    await deliver({ kithChanged: ['x'] }, { id: fakeBrowser.runtime.id, tab: { id: 3 } });
    await deliver({ kithChanged: ['x'] }, { id: 'another-extension' });
    await deliver({ kithChanged: [7] }, { id: fakeBrowser.runtime.id });
    expect(heard).toEqual({ popup: [], network: [] });
    await deliver({ kithChanged: ['x'], client: 'another page' }, { id: fakeBrowser.runtime.id });
    expect(heard).toEqual({ popup: [['x']], network: [['x']] });
  });

  it('names the asking page only in the shape the protocol knows', async () => {
    const { handle } = await twoPages();
    const popup = pageSender('popup.html');
    expect(await handle({ kith: 'stats.get', payload: {}, client: 42 }, popup)).toEqual({ ok: false, error: 'Refused: not a Kith message.' });
    expect(await handle({ kith: 'stats.get', payload: {}, client: 'x'.repeat(101) }, popup)).toMatchObject({ ok: false });
    expect(await handle({ kith: 'stats.get', payload: {}, client: 'p1' }, popup)).toMatchObject({ ok: true });
  });
});

describe('announcing in the browser', () => {
  beforeEach(() => fakeBrowser.reset());

  it('makes the badge and the first screen again and tells Kith\'s pages and sidebars, never a tab\'s content script', async () => {
    const runtimeSent = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(undefined);
    const tabSent = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(undefined);
    const refreshBadge = vi.fn();
    const firstScreen = { changed: vi.fn() };
    const announce = announceInBrowser({ refreshBadge, firstScreen });
    announce({ kithChanged: ['a'] });
    await vi.waitFor(() => expect(runtimeSent).toHaveBeenCalled());
    expect(refreshBadge).toHaveBeenCalledOnce();
    expect(firstScreen.changed).toHaveBeenCalledOnce();
    expect(runtimeSent).toHaveBeenCalledWith({ kithChanged: ['a'] });
    expect(tabSent).not.toHaveBeenCalled();
  });
});

describe('telling the sidebar frames by their address (Firefox)', () => {
  it('tells each frame that asked, addressed to it alone, never frame 0 (the content script)', async () => {
    const sent: [number, object, number][] = [];
    const frames = sidebarFrames(async (tabId, message, frameId) => void sent.push([tabId, message, frameId]));
    frames.asked(3, 12);
    frames.asked(3, 12);
    frames.asked(5, 20);
    const announce = announceInBrowser({ refreshBadge: vi.fn(), firstScreen: { changed: vi.fn() }, frames });
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(undefined);
    announce({ kithChanged: ['a'] });
    expect(sent).toEqual([
      [3, { kithChanged: ['a'] }, 12],
      [5, { kithChanged: ['a'] }, 20],
    ]);
    // A tab's notice goes to that tab's frames only.
    sent.length = 0;
    frames.tell({ kithTab: { tabId: 5 } }, 5);
    expect(sent).toEqual([[5, { kithTab: { tabId: 5 } }, 20]]);
  });

  it('forgets a frame that is gone, and every frame of a tab that closed', async () => {
    const sent: [number, number][] = [];
    const gone = new Set([12]);
    const frames = sidebarFrames(async (tabId, _message, frameId) => {
      sent.push([tabId, frameId]);
      if (gone.has(frameId)) throw new Error('Could not establish connection. Receiving end does not exist.');
    });
    frames.asked(3, 12);
    frames.asked(3, 14);
    frames.asked(5, 20);
    frames.tell({ kithChanged: [] });
    await vi.waitFor(() => expect(sent).toHaveLength(3));
    // The refusal is handled once the failed send settles.
    await new Promise((r) => setTimeout(r, 0));
    sent.length = 0;
    frames.forget(5);
    frames.tell({ kithChanged: [] });
    expect(sent).toEqual([[3, 14]]);
  });
});

describe('the one place changes are reported', () => {
  it('counts the follow-up groups again once per change', async () => {
    const dbName = `kith-changes-${Math.random()}`;
    const dueTotals = new DueTotals();
    const invalidated = vi.spyOn(dueTotals, 'changed');
    const announced: ChangedNotice[] = [];
    const handle = createHandler({ ...handlerDeps(dbName, NOW, () => undefined), changes: createChanges({ dueTotals, announce: (n) => announced.push(n) }) });
    const saved = (await handle({ kith: 'encounter.record', payload: meetAnna, client: 'popup-1' }, pageSender('popup.html'))) as { value: PersonView };
    expect(invalidated).toHaveBeenCalledTimes(1);
    expect(announced).toEqual([{ kithChanged: [saved.value.person.id], client: 'popup-1' }]);
    await closeKithDb(dbName);
  });
});
