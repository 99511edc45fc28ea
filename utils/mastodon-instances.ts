/**
 * The Mastodon instances the user allowed Kith on (DESIGN.md: "Mastodon instances only as optional host
 * permissions the user grants one by one"). Each is a host in storage.local and an optional host
 * permission for exactly `https://<host>/*`; the background registers the Mastodon content script on
 * the hosts that are both (entrypoints/background/mastodon.ts). The options page adds and removes them.
 */
import { browser } from '#imports';
import { mastodonKeyFromUrl } from './sites/mastodon';

export const INSTANCES_KEY = 'mastodonInstances';
/** More than anyone follows people on; keeps a hand-edited store from growing without end. */
export const MAX_INSTANCES = 200;
const MAX_INPUT = 300;

/** Why a text is not an instance's address. */
export type InstanceProblem = 'empty' | 'ip' | 'port' | 'scheme' | 'notMastodon' | 'invalid';

/**
 * The instance's host (lower case, IDNs in punycode) from what a user may type or paste: a host
 * (mastodon.social), an address on it (https://mastodon.social/@anna), or a handle (@anna@mastodon.social).
 * Refuses IP addresses, ports, other schemes than https, hosts Kith's other sites own and anything else.
 */
export function normaliseInstance(input: string): { host: string } | { problem: InstanceProblem } {
  let s = input.trim();
  if (!s) return { problem: 'empty' };
  if (s.length > MAX_INPUT) return { problem: 'invalid' };
  const handle = /^@?[\w.-]+@([^@\s/\\:]+)$/.exec(s);
  if (handle) s = handle[1];
  // Another scheme (ftp://, or javascript: and the like, which the URL parser below refuses as a port).
  if (/^[a-z][a-z\d+.-]*:\/\//i.test(s) && !/^https?:\/\//i.test(s)) return { problem: 'invalid' };
  if (/^http:\/\//i.test(s)) return { problem: 'scheme' };
  let url: URL;
  try {
    url = new URL(/^https:\/\//i.test(s) ? s : `https://${s}`);
  } catch {
    return { problem: 'invalid' };
  }
  if (url.username || url.password) return { problem: 'invalid' };
  if (url.port) return { problem: 'port' };
  const host = url.hostname.replace(/\.$/, '');
  // The URL parser turns every IPv4 spelling (0x7f.1, 2130706433) into dotted decimal, IPv6 into [..].
  if (/^\d+(\.\d+){3}$/.test(host) || host.startsWith('[')) return { problem: 'ip' };
  // A domain name: labels of letters, digits and inner hyphens, the last not all digits.
  const labels = host.split('.');
  if (labels.length < 2 || !labels.every((l) => /^[a-z\d]([a-z\d-]{0,61}[a-z\d])?$/.test(l)) || /^\d+$/.test(labels.at(-1)!)) return { problem: 'invalid' };
  // The Mastodon adapter's own rule for an instance's host (it refuses the hosts of Kith's other sites).
  return mastodonKeyFromUrl(new URL(`https://${host}/@kith`)) ? { host } : { problem: 'notMastodon' };
}

/** The one origin Kith asks for on an instance. */
export function instancePattern(host: string): string {
  return `https://${host}/*`;
}

/** The stored list, checked: valid hosts only, each once, at most MAX_INSTANCES. */
export function parseInstances(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  const hosts = raw.filter((h): h is string => typeof h === 'string' && (normaliseInstance(h) as { host?: string }).host === h);
  return [...new Set(hosts)].slice(0, MAX_INSTANCES);
}

/** The parts of storage.local used here (the background's tests pass a fake). */
export interface InstanceStorage {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export async function readInstances(storage: InstanceStorage = browser.storage.local): Promise<string[]> {
  return parseInstances((await storage.get(INSTANCES_KEY))[INSTANCES_KEY]);
}

/** Adds a host the user was just granted (call after permissions.request answered true). */
export async function addInstance(host: string, storage: InstanceStorage = browser.storage.local): Promise<string[]> {
  const list = await readInstances(storage);
  if (list.includes(host)) return list;
  if (list.length >= MAX_INSTANCES) throw new RangeError(`At most ${MAX_INSTANCES} Mastodon instances`);
  const next = [...list, host];
  await storage.set({ [INSTANCES_KEY]: next });
  return next;
}

/** Takes hosts off the list (the background then unregisters the content script there). */
export async function dropInstances(hosts: string[], storage: InstanceStorage = browser.storage.local): Promise<string[]> {
  const list = await readInstances(storage);
  const next = list.filter((h) => !hosts.includes(h));
  if (next.length !== list.length) await storage.set({ [INSTANCES_KEY]: next });
  return next;
}

/** The permission calls used here. */
export interface InstancePermissions {
  remove(p: { origins: string[] }): Promise<boolean>;
}

/** Removes an instance: off the list first (so nothing registers it again), then its permission. */
export async function removeInstance(
  host: string,
  api: { storage: InstanceStorage; permissions: InstancePermissions } = { storage: browser.storage.local, permissions: browser.permissions },
): Promise<void> {
  await dropInstances([host], api.storage);
  await api.permissions.remove({ origins: [instancePattern(host)] });
}
