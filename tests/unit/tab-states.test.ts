import { describe, expect, it } from 'vitest';
import { tabStates, type SessionArea } from '../../entrypoints/background/tabs';
import type { TabState } from '../../utils/messages';

const anna = { site: 'linkedin' as const, keys: ['linkedin:anna-nowak'], url: 'https://www.linkedin.com/in/anna-nowak/', name: 'Anna Nowak', readable: true };
const ANNA_PAGE = 'https://www.linkedin.com/in/anna-nowak/';

function memorySession(): SessionArea & { items: Record<string, unknown> } {
  const items: Record<string, unknown> = {};
  return {
    items,
    get: async (key) => (key in items ? { [key]: items[key] } : {}),
    set: async (more) => void Object.assign(items, structuredClone(more)),
    remove: async (key) => void delete items[key],
  };
}

describe('what each tab shows', () => {
  it('keeps a content script\'s report, tells Kith\'s views, and still knows it after the worker stopped', async () => {
    const session = memorySession();
    const told: TabState[] = [];
    const tabs = tabStates(session, (s) => told.push(s));
    expect(await tabs.get(3)).toEqual({ tabId: 3, profile: null, reading: false, site: false });
    await tabs.report(3, { profile: anna, reading: false, page: ANNA_PAGE, instance: 'i1' });
    const shown = { tabId: 3, profile: anna, reading: false, site: true, page: ANNA_PAGE, instance: 'i1' };
    expect(told).toEqual([shown]);
    expect(await tabs.get(3)).toEqual(shown);
    // A new worker: only storage.session remembers.
    expect(await tabStates(session, () => undefined).get(3)).toEqual(shown);
  });

  it('never shows the person of the page before while another page loads; a page Kith may not read shows no one', async () => {
    const told: TabState[] = [];
    const tabs = tabStates(memorySession(), (s) => told.push(s));
    await tabs.report(3, { profile: anna, reading: false, page: ANNA_PAGE, instance: 'i1' });
    // The same address (a reload, or the browser telling of an in-app navigation already reported): kept.
    await tabs.loading(3, ANNA_PAGE);
    expect((await tabs.get(3)).profile).toEqual(anna);
    await tabs.loading(3, 'https://www.linkedin.com/in/bob-stone/');
    expect(await tabs.get(3)).toMatchObject({ profile: null, reading: true, site: true });
    await tabs.loading(3, undefined);
    expect(await tabs.get(3)).toEqual({ tabId: 3, profile: null, reading: false, site: false });
    expect(told.at(-1)).toEqual({ tabId: 3, profile: null, reading: false, site: false });
  });

  it('forgets a closed tab', async () => {
    const session = memorySession();
    const tabs = tabStates(session, () => undefined);
    await tabs.report(5, { profile: anna, reading: false, page: ANNA_PAGE, instance: 'i1' });
    await tabs.forget(5);
    expect(session.items).toEqual({});
    expect((await tabs.get(5)).site).toBe(false);
  });
});
