/**
 * The background's Mastodon instances (entrypoints/background/mastodon.ts): the content script is
 * registered on exactly the instances that are both listed and granted, in both browsers' APIs (fakes
 * that behave as measured: Chromium refuses a duplicate id; Firefox's registrations are handles).
 */
import { describe, expect, it } from 'vitest';
import { createMastodonInstances } from '../../entrypoints/background/mastodon';
import { runtimeContentScripts } from '../../utils/compat';
import { INSTANCES_KEY, type InstanceStorage } from '../../utils/mastodon-instances';

function memoryStorage(list: unknown) {
  const data: Record<string, unknown> = { [INSTANCES_KEY]: list };
  const storage: InstanceStorage = {
    get: async (key) => (key in data ? { [key]: structuredClone(data[key]) } : {}),
    set: async (items) => void Object.assign(data, structuredClone(items)),
  };
  return { storage, list: () => data[INSTANCES_KEY] };
}

function fakePermissions(granted: string[]) {
  const origins = new Set(granted.map((h) => `https://${h}/*`));
  return { origins, permissions: { contains: async (p: { origins: string[] }) => p.origins.every((o) => origins.has(o)) } };
}

type ChromeScript = { id: string; matches: string[]; js: string[]; runAt: string; persistAcrossSessions: boolean };
/** chrome.scripting: registrations by id, kept across restarts; a duplicate or unknown id is an error. */
function fakeScripting(existing: ChromeScript[] = []) {
  const scripts = new Map(existing.map((s) => [s.id, s]));
  const calls: string[] = [];
  const scripting = {
    getRegisteredContentScripts: async () => [...scripts.values()],
    registerContentScripts: async (list: ChromeScript[]) => {
      calls.push(`register ${list.map((s) => s.id).join()}`);
      for (const s of list) if (scripts.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
      for (const s of list) scripts.set(s.id, s);
    },
    unregisterContentScripts: async ({ ids }: { ids: string[] }) => {
      calls.push(`unregister ${ids.join()}`);
      for (const id of ids) if (!scripts.has(id)) throw new Error(`Nonexistent script ID '${id}'`);
      for (const id of ids) scripts.delete(id);
    },
  };
  return { scripts, calls, api: { scripting } };
}

/** Firefox's contentScripts: each registration a handle, gone when the background page goes. */
function fakeContentScripts() {
  type Options = { matches: string[]; js: { file: string }[]; runAt: string };
  const live = new Set<{ options: Options }>();
  const contentScripts = {
    register: async (options: Options) => {
      const reg = { options, unregister: async () => void live.delete(reg) };
      live.add(reg);
      return reg;
    },
  };
  return { live, matches: () => [...live].flatMap((r) => r.options.matches).sort(), api: { contentScripts } };
}

const MASTODON_JS = 'content-scripts/mastodon.js';

describe('Mastodon instances in the background (Chromium: scripting)', () => {
  it('registers the content script on the listed and granted instances only, and trusts only their pages', async () => {
    const store = memoryStorage(['mastodon.social', 'fosstodon.org', 'not a host']);
    const { permissions } = fakePermissions(['mastodon.social']);
    const chrome = fakeScripting();
    const m = createMastodonInstances({ storage: store.storage, permissions, scripts: runtimeContentScripts(chrome.api) });
    await m.sync();
    expect([...chrome.scripts.values()]).toEqual([
      { id: 'kith-mastodon:mastodon.social', matches: ['https://mastodon.social/*'], js: [MASTODON_JS], runAt: 'document_end', persistAcrossSessions: true },
    ]);
    // Listed but not granted (the permission went without word): off the list, so the page shows the truth.
    expect(store.list()).toEqual(['mastodon.social']);
    expect(m.hosts()).toEqual(['mastodon.social']);
    expect(m.isInstanceUrl('https://mastodon.social/@anna')).toBe(true);
    for (const url of [
      'https://fosstodon.org/@anna',
      'http://mastodon.social/@anna',
      'https://mastodon.social:8443/@anna',
      'https://files.mastodon.social/@anna',
      'https://mastodon.social.evil.example/@anna',
      'https://user@mastodon.social/@anna',
      'not a url',
      undefined,
    ]) expect(m.isInstanceUrl(url), String(url)).toBe(false);
  });

  it('follows the list and the permissions: a new instance is registered once, a removed one unregistered', async () => {
    const store = memoryStorage([]);
    const perms = fakePermissions([]);
    const chrome = fakeScripting();
    const m = createMastodonInstances({ storage: store.storage, permissions: perms.permissions, scripts: runtimeContentScripts(chrome.api) });
    const start = m.sync();
    await m.known;
    await start;
    expect(chrome.scripts.size).toBe(0);

    // The options page: the permission is granted first (permissions.onAdded), then the list written.
    perms.origins.add('https://fosstodon.org/*');
    const onAdded = m.sync();
    await store.storage.set({ [INSTANCES_KEY]: ['fosstodon.org'] });
    // storage.onChanged comes on top: two syncs at once still register once.
    await Promise.all([onAdded, m.sync(), m.sync()]);
    expect([...chrome.scripts.keys()]).toEqual(['kith-mastodon:fosstodon.org']);
    expect(chrome.calls).toEqual(['register kith-mastodon:fosstodon.org']);

    // Removed in the options page: off the list, then the permission given back.
    await store.storage.set({ [INSTANCES_KEY]: [] });
    perms.origins.delete('https://fosstodon.org/*');
    await m.sync();
    expect(chrome.scripts.size).toBe(0);
    expect(m.isInstanceUrl('https://fosstodon.org/@anna')).toBe(false);
  });

  it('a permission taken back in the browser stops trusting the instance at once, and takes it off the list', async () => {
    const store = memoryStorage(['mastodon.social', 'fosstodon.org']);
    const perms = fakePermissions(['mastodon.social', 'fosstodon.org']);
    const chrome = fakeScripting();
    const m = createMastodonInstances({ storage: store.storage, permissions: perms.permissions, scripts: runtimeContentScripts(chrome.api) });
    await m.sync();
    expect(chrome.scripts.size).toBe(2);

    perms.origins.delete('https://mastodon.social/*');
    const done = m.removed(['https://mastodon.social/*']);
    expect(m.isInstanceUrl('https://mastodon.social/@anna')).toBe(false);
    await done;
    expect(store.list()).toEqual(['fosstodon.org']);
    expect([...chrome.scripts.keys()]).toEqual(['kith-mastodon:fosstodon.org']);
  });

  it('clears registrations left from before (they persist in Chromium) and leaves other ids alone', async () => {
    const old = (id: string, host: string): ChromeScript => ({ id, matches: [`https://${host}/*`], js: [MASTODON_JS], runAt: 'document_end', persistAcrossSessions: true });
    const chrome = fakeScripting([old('kith-mastodon:gone.example', 'gone.example'), old('kith-mastodon:mastodon.social', 'mastodon.social'), old('something-else', 'x.example')]);
    const m = createMastodonInstances({ storage: memoryStorage(['mastodon.social']).storage, permissions: fakePermissions(['mastodon.social']).permissions, scripts: runtimeContentScripts(chrome.api) });
    await m.sync();
    expect([...chrome.scripts.keys()].sort()).toEqual(['kith-mastodon:mastodon.social', 'something-else']);
    expect(chrome.calls).toEqual(['unregister kith-mastodon:gone.example']);
  });
});

describe('Mastodon instances in the background (Firefox: contentScripts)', () => {
  it('registers at every start, since registrations die with the background page, and unregisters what is removed', async () => {
    const store = memoryStorage(['mastodon.social', 'fosstodon.org']);
    const perms = fakePermissions(['mastodon.social', 'fosstodon.org']);
    const first = fakeContentScripts();
    const m = createMastodonInstances({ storage: store.storage, permissions: perms.permissions, scripts: runtimeContentScripts(first.api) });
    await m.sync();
    expect(first.matches()).toEqual(['https://fosstodon.org/*', 'https://mastodon.social/*']);
    expect([...first.live][0].options).toEqual({ matches: ['https://mastodon.social/*'], js: [{ file: `/${MASTODON_JS}` }], runAt: 'document_end' });
    await m.sync();
    expect(first.live.size).toBe(2);

    // Firefox restarted: a new background page with no registrations registers them again.
    const second = fakeContentScripts();
    const again = createMastodonInstances({ storage: store.storage, permissions: perms.permissions, scripts: runtimeContentScripts(second.api) });
    await again.sync();
    expect(second.matches()).toEqual(['https://fosstodon.org/*', 'https://mastodon.social/*']);

    await store.storage.set({ [INSTANCES_KEY]: ['fosstodon.org'] });
    await again.sync();
    expect(second.matches()).toEqual(['https://fosstodon.org/*']);
  });

  it('knows the granted instances (for the sender check) even when storage fails, and says so', async () => {
    const broken: InstanceStorage = { get: async () => Promise.reject(new Error('storage gone')), set: async () => undefined };
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      const m = createMastodonInstances({ storage: broken, permissions: fakePermissions([]).permissions, scripts: runtimeContentScripts(fakeContentScripts().api) });
      await m.sync();
      await m.known;
      expect(m.hosts()).toEqual([]);
      expect(errors).toHaveLength(1);
    } finally {
      console.error = original;
    }
  });
});
