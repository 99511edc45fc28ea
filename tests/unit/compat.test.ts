// @vitest-environment jsdom
/**
 * One test per browser difference handled in utils/compat.ts. The shared browser scenarios run the
 * same code paths in real Chromium and Firefox (badge, alarms, in-app navigation).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { followDomNavigation, framesHearOnlyTabMessages, hasNavigationApi, toolbarAction, type ToolbarAction } from '../../utils/compat';
import { ContentScriptContext } from '../../utils/content-script-context';

const fakeAction = (): ToolbarAction => ({
  setBadgeText: vi.fn(async () => undefined),
  setBadgeBackgroundColor: vi.fn(async () => undefined),
  getBadgeText: vi.fn(async () => ''),
});

describe('the toolbar button: action (Chromium, MV3) or browserAction (Firefox, MV2)', () => {
  it('uses action where the browser has it', () => {
    const action = fakeAction();
    expect(toolbarAction({ action })).toBe(action);
    expect(toolbarAction({ action, browserAction: fakeAction() })).toBe(action);
  });

  it('uses browserAction in Firefox MV2, where action is undefined', () => {
    const browserAction = fakeAction();
    expect(toolbarAction({ action: undefined, browserAction })).toBe(browserAction);
  });

  it('says so when the browser has neither', () => {
    expect(() => toolbarAction({})).toThrow(/no toolbar button API/);
  });

  it('defaults to the extension API (here the test fake, which has action)', () => {
    expect(typeof toolbarAction().setBadgeText).toBe('function');
  });
});

describe('in-app navigation', () => {
  const settle = () => new Promise((r) => setTimeout(r, 0));
  afterEach(() => {
    history.replaceState({}, '', '/');
    document.body.textContent = '';
  });

  it('knows whether the Navigation API is there (Chromium) or not (Firefox 140)', () => {
    expect(hasNavigationApi({ navigation: new EventTarget() })).toBe(true);
    expect(hasNavigationApi({})).toBe(false);
    expect(hasNavigationApi({ navigation: {} })).toBe(false);
  });

  it('Kith’s content-script context: location changes from the Navigation API where there is one', () => {
    const navigation = new EventTarget();
    (globalThis as { navigation?: EventTarget }).navigation = navigation;
    try {
      const ctx = new ContentScriptContext();
      const seen: string[] = [];
      ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }: { newUrl: URL }) => seen.push(newUrl.pathname));
      const navigate = Object.assign(new Event('navigate'), { destination: { url: 'https://www.linkedin.com/in/bob/' } });
      navigation.dispatchEvent(navigate);
      navigation.dispatchEvent(navigate); // the same URL again is not a change
      expect(seen).toEqual(['/in/bob/']);
    } finally {
      delete (globalThis as { navigation?: EventTarget }).navigation;
    }
  });

  it('Kith’s content-script context: without the Navigation API, from the page’s DOM changing', async () => {
    const ctx = new ContentScriptContext();
    const seen: string[] = [];
    ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }: { newUrl: URL }) => seen.push(newUrl.pathname));
    history.pushState({}, '', '/in/carol/');
    document.body.append(document.createElement('h1'));
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual(['/in/carol/']);
  });

  it('Firefox without the Navigation API: a URL change is seen when the page next changes its DOM, with no timer', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval'] });
    const seen: string[] = [];
    const cleanups: (() => void)[] = [];
    followDomNavigation({ isInvalid: false, onInvalidated: (fn: () => void) => void cleanups.push(fn) } as never, (url) => seen.push(url.pathname));
    expect(vi.getTimerCount()).toBe(0);
    vi.useRealTimers();

    history.pushState({}, '', '/in/bob-stone/');
    await settle();
    // The app has not shown the new page yet: nothing to follow.
    expect(seen).toEqual([]);
    document.body.append(document.createElement('h1'));
    await settle();
    expect(seen).toEqual(['/in/bob-stone/']);

    // DOM changes on the same page are not navigations.
    document.body.append(document.createElement('p'));
    await settle();
    expect(seen).toEqual(['/in/bob-stone/']);

    // Back: the app re-renders the previous page.
    history.pushState({}, '', '/feed/');
    document.body.firstElementChild!.remove();
    await settle();
    expect(seen).toEqual(['/in/bob-stone/', '/feed/']);

    // Once the context is invalidated (extension updated or removed), it stops watching.
    cleanups.forEach((fn) => fn());
    history.pushState({}, '', '/in/anna-nowak/');
    document.body.append(document.createElement('h1'));
    await settle();
    expect(seen).toEqual(['/in/bob-stone/', '/feed/']);
  });

  it('Firefox: a navigation found after the extension went away is not passed on, and ends the watching', async () => {
    const seen: string[] = [];
    const cleanups: (() => void)[] = [];
    let asked = 0;
    const ctx = {
      valid: true,
      get isInvalid() {
        asked++;
        if (!this.valid) cleanups.forEach((fn) => fn());
        return !this.valid;
      },
      onInvalidated: (fn: () => void) => void cleanups.push(fn),
    };
    followDomNavigation(ctx as never, (url) => seen.push(url.pathname));
    ctx.valid = false;
    history.pushState({}, '', '/in/bob-stone/');
    document.body.append(document.createElement('h1'));
    await settle();
    history.pushState({}, '', '/in/anna-nowak/');
    document.body.append(document.createElement('h1'));
    await settle();
    expect(seen).toEqual([]);
    // Asked once; after that the observer was disconnected and saw nothing more.
    expect(asked).toBe(1);
  });
});

describe('notices to Kith\'s frames in web pages: runtime messages (Chromium) or tabs.sendMessage only (Firefox)', () => {
  it('is true in Firefox, known by runtime.getBrowserInfo', () => {
    expect(framesHearOnlyTabMessages({ runtime: { getBrowserInfo: async () => ({ name: 'Firefox' }) } })).toBe(true);
  });

  it('is false in Chromium, which has no getBrowserInfo', () => {
    expect(framesHearOnlyTabMessages({ runtime: { sendMessage: () => undefined } })).toBe(false);
    expect(framesHearOnlyTabMessages({})).toBe(false);
  });
});
