/**
 * Kith on the Mastodon instances the user allowed: the content script (entrypoints/mastodon.content) is
 * registered on each host that is both on the stored list and granted as a permission, and on nothing
 * else. Checked at every background start (Firefox forgets its registrations then), whenever the
 * list changes (the options page) and whenever a permission is granted or taken back (also from the
 * browser's own extension settings).
 */
import { browser } from '#imports';
import { runtimeContentScripts, type RuntimeContentScripts } from '@/utils/compat';
import { dropInstances, INSTANCES_KEY, instancePattern, readInstances, type InstanceStorage } from '@/utils/mastodon-instances';

/** The built content script, and the prefix of its registrations' ids (one per instance). */
const SCRIPT = 'content-scripts/mastodon.js';
const ID_PREFIX = 'kith-mastodon:';

type Listener<A extends unknown[]> = { addListener(cb: (...args: A) => void): void };

export interface MastodonDeps {
  storage: InstanceStorage;
  permissions: { contains(p: { origins: string[] }): Promise<boolean> };
  scripts: RuntimeContentScripts;
}

export interface MastodonInstances {
  /** Brings the registrations in line with the list and the permissions (one run at a time). */
  sync(): Promise<void>;
  /** Permissions were taken back: those instances leave the list at once. */
  removed(origins: string[]): Promise<void>;
  /** Settles once the granted instances are known (after the first sync's reading). */
  known: Promise<void>;
  /** True for a page on a granted instance: where the Mastodon content script runs. */
  isInstanceUrl(url: string | undefined): boolean;
  /** The granted instances' hosts. */
  hosts(): string[];
}

const logError = (e: unknown) => console.error('Kith: Mastodon instances', e);

/** The host of an instance's permission pattern (`https://<host>/*`), else null. */
function hostOfPattern(origin: string): string | null {
  return /^https:\/\/([^/*]+)\/\*$/.exec(origin)?.[1] ?? null;
}

export function createMastodonInstances(deps: MastodonDeps): MastodonInstances {
  let granted = new Set<string>();
  let markKnown!: () => void;
  const known = new Promise<void>((resolve) => (markKnown = resolve));
  let queue = Promise.resolve();

  const run = async () => {
    let list: string[];
    try {
      list = await readInstances(deps.storage);
      const allowed = await Promise.all(list.map((h) => deps.permissions.contains({ origins: [instancePattern(h)] })));
      granted = new Set(list.filter((_, i) => allowed[i]));
    } finally {
      markKnown();
    }
    // A permission gone without word (a temporary add-on installed again, a browser that dropped it):
    // the list shows only what Kith may read.
    const lost = list.filter((h) => !granted.has(h));
    if (lost.length) await dropInstances(lost, deps.storage).catch(logError);
    const ids = (await deps.scripts.ids()).filter((id) => id.startsWith(ID_PREFIX));
    const wanted = [...granted].map((h) => ID_PREFIX + h);
    const stale = ids.filter((id) => !wanted.includes(id));
    if (stale.length) await deps.scripts.unregister(stale);
    const missing = [...granted].filter((h) => !ids.includes(ID_PREFIX + h));
    if (missing.length) {
      await deps.scripts.register(missing.map((h) => ({ id: ID_PREFIX + h, matches: [instancePattern(h)], js: SCRIPT, runAt: 'document_end' })));
    }
  };

  const sync = () => {
    queue = queue.then(run).catch(logError);
    return queue;
  };

  return {
    sync,
    known,
    removed: async (origins) => {
      const hosts = origins.map(hostOfPattern).filter((h): h is string => !!h);
      // No longer trusted from this moment, before any storage answers.
      for (const h of hosts) granted.delete(h);
      if (hosts.length) await dropInstances(hosts, deps.storage).catch(logError);
      await sync();
    },
    isInstanceUrl: (url) => {
      try {
        const u = new URL(url ?? '');
        return u.protocol === 'https:' && !u.port && !u.username && granted.has(u.hostname);
      } catch {
        return false;
      }
    },
    hosts: () => [...granted],
  };
}

/** The background's Mastodon instances, wired to the browser's events. Call once, synchronously, at start. */
export function startMastodon(): MastodonInstances {
  const api = browser as unknown as {
    permissions: MastodonDeps['permissions'] & {
      onAdded: Listener<[{ origins?: string[] }]>;
      onRemoved: Listener<[{ origins?: string[] }]>;
    };
  };
  const instances = createMastodonInstances({ storage: browser.storage.local, permissions: api.permissions, scripts: runtimeContentScripts() });
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && INSTANCES_KEY in changes) void instances.sync();
  });
  api.permissions.onAdded.addListener(() => void instances.sync());
  api.permissions.onRemoved.addListener((p) => void instances.removed(p.origins ?? []));
  // At every start (install, update and browser startup included): Firefox's registrations live only
  // as long as its background page, and a Chromium worker needs the granted hosts to check senders.
  void instances.sync();
  return instances;
}
