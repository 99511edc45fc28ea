// @vitest-environment jsdom
// @vitest-environment-options {"url": "https://www.linkedin.com/feed/"}
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { runKith } from '../../../utils/content/run';
import { linkedin } from '../../../utils/sites/linkedin';
import type { ContentScriptContext } from '#imports';

type Report = { kith: string; payload: { profile: { name?: string; keys: string[]; readable: boolean } | null; reading: boolean; page: string; instance: string } };

/** A LinkedIn profile's top card: the name, and the contact link that names the profile's own URL. */
function showProfile(slug: string, name: string): void {
  setBody(`<main><section class="artdeco-card pv-top-card"><h1 class="text-heading-xlarge">${name}</h1>
    <div class="text-body-medium break-words">Somewhere</div><a id="top-card-text-details-contact-info" href="/in/${slug}/overlay/contact-info/">Contact info</a></section></main>`);
}

/** Test markup, parsed as a page's would be. */
function setBody(html: string): void {
  document.body.replaceChildren(...new DOMParser().parseFromString(html, 'text/html').body.childNodes);
}
const serialized = () => new XMLSerializer().serializeToString(document.documentElement);

/** The content script's context, with its navigation event in the test's hands. */
function context() {
  let navigate: ((e: { newUrl: URL }) => void) | undefined;
  const ctx = {
    isInvalid: false,
    onInvalidated: () => undefined,
    addEventListener: (_t: unknown, _type: unknown, handler: (e: { newUrl: URL }) => void) => {
      navigate = handler;
    },
  } as unknown as ContentScriptContext;
  return {
    ctx,
    go(path: string) {
      history.pushState({}, '', path);
      navigate!({ newUrl: new URL(location.href) });
    },
  };
}

let reports: Report['payload'][];
beforeEach(() => {
  fakeBrowser.reset();
  reports = [];
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (m: unknown) => {
    reports.push((m as Report).payload);
    return { ok: true, value: null };
  });
  document.documentElement.querySelectorAll('kith-sidebar').forEach((e) => e.remove());
});
afterEach(() => vi.useRealTimers());

const host = () => document.querySelector('kith-sidebar');
const lastName = () => reports.at(-1)?.profile?.name;

describe('the content script', () => {
  it('reports the profile on screen and hosts Kith\'s frame in a closed shadow root; tells the page nothing', async () => {
    history.replaceState({}, '', 'https://www.linkedin.com/in/anna-nowak/');
    showProfile('anna-nowak', 'Anna Nowak');
    runKith(context().ctx, linkedin);
    await vi.waitFor(() => expect(lastName()).toBe('Anna Nowak'));
    expect(reports.at(-1)).toMatchObject({ reading: false, page: 'https://www.linkedin.com/in/anna-nowak/', profile: { keys: ['linkedin:anna-nowak'], readable: true } });
    expect(host()).not.toBeNull();
    // Closed: the page's scripts get no root, so nothing inside is theirs to read.
    expect(host()!.shadowRoot).toBeNull();
    // Only one message kind leaves the content script, and only to the background.
    expect(vi.mocked(fakeBrowser.runtime.sendMessage).mock.calls.every(([m]) => (m as unknown as Report).kith === 'tab.profile')).toBe(true);
  });

  it('while the page is still parsing (document_start) it places the frame at once, and reads the person once the document is parsed', async () => {
    history.replaceState({}, '', 'https://www.linkedin.com/in/anna-nowak/');
    setBody('');
    const parsing = vi.spyOn(document, 'readyState', 'get').mockReturnValue('loading');
    runKith(context().ctx, linkedin);
    await vi.waitFor(() => expect(host()).not.toBeNull());
    expect(reports).toEqual([expect.objectContaining({ profile: null, reading: true })]);
    // The parser adds the profile: nothing is read node by node while it does.
    showProfile('anna-nowak', 'Anna Nowak');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(reports).toHaveLength(1);
    parsing.mockReturnValue('interactive');
    document.dispatchEvent(new Event('DOMContentLoaded'));
    expect(reports.at(-1)).toMatchObject({ reading: false, profile: { name: 'Anna Nowak', keys: ['linkedin:anna-nowak'] } });
    expect(reports).toHaveLength(2);
    parsing.mockRestore();
  });

  it('in side-panel mode only reads: the page gets no element', async () => {
    await fakeBrowser.storage.local.set({ settings: { presentation: 'panel' } });
    history.replaceState({}, '', 'https://www.linkedin.com/in/anna-nowak/');
    showProfile('anna-nowak', 'Anna Nowak');
    const before = serialized();
    runKith(context().ctx, linkedin);
    await vi.waitFor(() => expect(lastName()).toBe('Anna Nowak'));
    expect(host()).toBeNull();
    expect(serialized()).toBe(before);
  });

  it('trusts a new name it can see after an in-app navigation, though the page\'s links still name the last profile, and never reports the previous person', async () => {
    history.replaceState({}, '', 'https://www.linkedin.com/in/anna-nowak/');
    showProfile('anna-nowak', 'Anna Nowak');
    const { ctx, go } = context();
    runKith(ctx, linkedin);
    await vi.waitFor(() => expect(lastName()).toBe('Anna Nowak'));
    go('/in/bob-stone/');
    // The URL changed, the page did not yet: no one, never Anna for Bob's URL.
    expect(reports.at(-1)).toMatchObject({ profile: null, reading: true });
    // The page changes only the name (its contact link still points at Anna's profile).
    document.querySelector('h1')!.textContent = 'Bob Stone';
    await vi.waitFor(() => expect(lastName()).toBe('Bob Stone'));
    expect(reports.at(-1)!.page).toBe('https://www.linkedin.com/in/bob-stone/');
    expect(reports.filter((r) => r.page.includes('bob-stone')).map((r) => r.profile?.name)).toEqual([undefined, 'Bob Stone']);
  });

  it('off the profiles it reports no one and removes its frame', async () => {
    history.replaceState({}, '', 'https://www.linkedin.com/in/anna-nowak/');
    showProfile('anna-nowak', 'Anna Nowak');
    const { ctx, go } = context();
    runKith(ctx, linkedin);
    await vi.waitFor(() => expect(host()).not.toBeNull());
    go('/feed/');
    expect(reports.at(-1)).toMatchObject({ profile: null, reading: false });
    expect(host()).toBeNull();
  });

  it('a page that never shows a readable profile: after a while, the person of the URL, marked unreadable', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    history.replaceState({}, '', 'https://www.linkedin.com/in/cyd-moss/');
    setBody('<main><p>Loading…</p></main>');
    runKith(context().ctx, linkedin);
    await vi.waitFor(() => expect(reports.at(-1)).toMatchObject({ profile: null, reading: true }));
    await vi.advanceTimersByTimeAsync(4100);
    expect(reports.at(-1)).toMatchObject({ reading: false, profile: { keys: ['linkedin:cyd-moss'], readable: false } });
    expect(host()).not.toBeNull();
  });

  it('the keyboard shortcut from the background opens Kith and stores it open; from anyone else it is ignored', async () => {
    history.replaceState({}, '', 'https://www.linkedin.com/in/anna-nowak/');
    showProfile('anna-nowak', 'Anna Nowak');
    runKith(context().ctx, linkedin);
    await vi.waitFor(() => expect(host()).not.toBeNull());
    await fakeBrowser.runtime.onMessage.trigger({ kithToggleSidebar: true }, { id: 'another-extension' }, () => undefined);
    await fakeBrowser.runtime.onMessage.trigger({ kithToggleSidebar: true }, { id: fakeBrowser.runtime.id, tab: { id: 1 } } as never, () => undefined);
    expect((await fakeBrowser.storage.local.get('sidebarOpen')).sidebarOpen).toBeUndefined();
    await fakeBrowser.runtime.onMessage.trigger({ kithToggleSidebar: true }, { id: fakeBrowser.runtime.id }, () => undefined);
    await vi.waitFor(async () => expect((await fakeBrowser.storage.local.get('sidebarOpen')).sidebarOpen).toBe(true));
  });
});
