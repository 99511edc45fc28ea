/**
 * Talking to Kith the way its own pages do, from a Kith page opened in a tab: protocol messages, and
 * the browser state the background keeps (badge, alarms, notifications, settings). Each runs inside
 * the page with whichever extension API the browser has (`browser` in Firefox, `chrome` in Chromium).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Tab } from './driver';
import { localDay } from '../../utils/dates';

export const SHARED_PAGES = resolve('../shared/fixtures/real-pages');
const FILES = resolve('tests/fixtures/files');
/** A real image to serve as a profile photo (Kith's own icon). */
export const PHOTO_PNG = new Uint8Array(readFileSync(resolve('public/icon/128.png')));

export const today = () => localDay(new Date());
export const profileUrl = (slug: string) => `https://www.linkedin.com/in/${slug}/`;
export const file = (name: string) => join(FILES, name);

type Reply = { ok: true; value: unknown } | { ok: false; error: string };

/** Sends one protocol message from a Kith page and returns the answer's value (throws on a refusal). */
export async function kith<T = unknown>(tab: Tab, name: string, payload: object): Promise<T> {
  const reply = await tab.evaluate(
    ([n, p]) => {
      const g = globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome };
      return (g.browser ?? g.chrome).runtime.sendMessage({ kith: n, payload: p }) as Promise<Reply>;
    },
    [name, payload] as [string, object],
  );
  if (!reply?.ok) throw new Error(`${name}: ${reply?.error ?? 'no reply'}`);
  return reply.value as T;
}

export interface Seed {
  slug: string;
  name: string;
  headline?: string;
  /** The follow-up due date. */
  due?: string;
  place?: string;
  event?: string;
}

/** Saves a person met today in person (the sidebar's 'encounter.record'); returns their id. */
export async function seed(tab: Tab, s: Seed): Promise<string> {
  const view = await kith<{ person: { id: string } }>(tab, 'encounter.record', {
    profile: { site: 'linkedin', keys: [`linkedin:${s.slug}`], url: profileUrl(s.slug), name: s.name, ...(s.headline ? { headline: s.headline } : {}) },
    encounter: { date: today(), kind: 'in-person', ...(s.place ? { place: s.place } : {}), ...(s.event ? { event: { name: s.event } } : {}) },
    ...(s.due ? { followUpDue: s.due } : {}),
  });
  return view.person.id;
}

export type Stats = { people: number; encounters: number; events: number };
export const stats = (tab: Tab) => kith<Stats>(tab, 'stats.get', {});

/** The toolbar badge's text (Chromium MV3 has `action`, Firefox MV2 `browserAction`). */
export function badge(tab: Tab): Promise<string> {
  return tab.evaluate(() => {
    const g = globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome };
    const api = (g.browser ?? g.chrome) as unknown as Record<string, { getBadgeText(d: object): Promise<string> } | undefined>;
    return (api.action ?? api.browserAction)!.getBadgeText({});
  });
}

export type Alarm = { name: string; scheduledTime: number };
/** The background's alarms, read from a Kith page (Firefox's background page has no BiDi target). */
export function alarms(tab: Tab): Promise<Alarm[]> {
  return tab.evaluate(async () => {
    const g = globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome };
    const all = await (g.browser ?? g.chrome).alarms.getAll();
    return all.map((a) => ({ name: a.name, scheduledTime: a.scheduledTime })).sort((a, b) => (a.name < b.name ? -1 : 1));
  });
}

/** Makes the background's daily reminder fire now (alarms belong to the extension, not to one page). */
export function fireReminder(tab: Tab): Promise<void> {
  return tab.evaluate(async () => {
    const g = globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome };
    await (g.browser ?? g.chrome).alarms.create('kith-daily-reminder', { when: Date.now() + 50 });
  });
}

/**
 * The ids of the notifications Kith shows. (getAll answers { id: true } in Chromium and { id: options }
 * in Firefox; Kith itself never reads it.)
 */
export function notifications(tab: Tab): Promise<string[]> {
  return tab.evaluate(async () => {
    const g = globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome };
    return Object.keys(await (g.browser ?? g.chrome).notifications.getAll()).sort();
  });
}

export function setStorage(tab: Tab, items: object): Promise<void> {
  return tab.evaluate((i) => {
    const g = globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome };
    return (g.browser ?? g.chrome).storage.local.set(i);
  }, items);
}

export function getStorage(tab: Tab, key: string): Promise<Record<string, unknown>> {
  return tab.evaluate((k) => {
    const g = globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome };
    return (g.browser ?? g.chrome).storage.local.get(k) as Promise<Record<string, unknown>>;
  }, key);
}
