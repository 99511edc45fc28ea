/**
 * The browser difference in registering a content script at run time (utils/compat.ts,
 * runtimeContentScripts): Chromium's scripting API against Firefox MV2's contentScripts.
 * (Beside tests/unit/compat.test.ts, which tests the other differences.)
 */
import { describe, expect, it, vi } from 'vitest';
import { runtimeContentScripts } from '../../utils/compat';

const SCRIPT = { id: 'kith-mastodon:mastodon.social', matches: ['https://mastodon.social/*'], js: 'content-scripts/mastodon.js', runAt: 'document_end' as const };

describe('content scripts registered at run time', () => {
  it('Chromium (MV3): scripting.registerContentScripts, kept across restarts, found again by id', async () => {
    const registered: { id: string }[] = [{ id: 'kith-mastodon:old.example' }];
    const scripting = {
      getRegisteredContentScripts: vi.fn(async () => registered),
      registerContentScripts: vi.fn(async () => undefined),
      unregisterContentScripts: vi.fn(async () => undefined),
    };
    // Where both exist, the standard API wins.
    const scripts = runtimeContentScripts({ scripting, contentScripts: { register: vi.fn() } });
    expect(await scripts.ids()).toEqual(['kith-mastodon:old.example']);
    await scripts.register([SCRIPT]);
    expect(scripting.registerContentScripts).toHaveBeenCalledWith([
      { id: SCRIPT.id, matches: SCRIPT.matches, js: ['content-scripts/mastodon.js'], runAt: 'document_end', persistAcrossSessions: true },
    ]);
    await scripts.unregister(['kith-mastodon:old.example']);
    expect(scripting.unregisterContentScripts).toHaveBeenCalledWith({ ids: ['kith-mastodon:old.example'] });
  });

  it('Firefox (MV2): contentScripts.register, whose handles this background page keeps', async () => {
    const unregister = vi.fn(async () => undefined);
    const register = vi.fn(async () => ({ unregister }));
    const scripts = runtimeContentScripts({ contentScripts: { register } });
    expect(await scripts.ids()).toEqual([]);
    await scripts.register([SCRIPT]);
    expect(register).toHaveBeenCalledWith({ matches: SCRIPT.matches, js: [{ file: '/content-scripts/mastodon.js' }], runAt: 'document_end' });
    expect(await scripts.ids()).toEqual([SCRIPT.id]);
    // The same id twice is an error, as in Chromium.
    await expect(scripts.register([SCRIPT])).rejects.toThrow(/Duplicate/);
    await scripts.unregister([SCRIPT.id, 'unknown']);
    expect(unregister).toHaveBeenCalledTimes(1);
    expect(await scripts.ids()).toEqual([]);
  });

  it('says so when the browser has neither', () => {
    expect(() => runtimeContentScripts({})).toThrow(/cannot register content scripts/);
  });
});
