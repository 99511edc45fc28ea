import { browser } from '#imports';
import { SITES, type SiteId } from './model/types';

/** User settings, kept in extension storage (small; not in IndexedDB). */
export interface Settings {
  /** Cadence given to a newly saved person, in days; null for none. */
  defaultCadenceDays: number | null;
  /** After a first in-person meeting, suggest a follow-up this many days later. */
  postMeetingFollowUpDays: number;
  notifications: { enabled: boolean; /** local 'HH:MM' */ time: string };
  sites: Record<SiteId, boolean>;
}

export const DEFAULT_SETTINGS: Settings = {
  defaultCadenceDays: null,
  postMeetingFollowUpDays: 2,
  notifications: { enabled: true, time: '09:00' },
  sites: { linkedin: true, github: true, x: true, xing: true, mastodon: true },
};

const KEY = 'settings';

function isTime(v: unknown): v is string {
  return typeof v === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(v);
}
function isDays(v: unknown, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max;
}

/**
 * Reads stored settings over the defaults, field by field: a missing or broken field (an older
 * version's settings, a hand-edited store) falls back to its default instead of breaking the rest.
 */
export function parseSettings(raw: unknown): Settings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const n = (r.notifications && typeof r.notifications === 'object' ? r.notifications : {}) as Record<string, unknown>;
  const s = (r.sites && typeof r.sites === 'object' ? r.sites : {}) as Record<string, unknown>;
  const sites = { ...DEFAULT_SETTINGS.sites };
  for (const site of SITES) if (typeof s[site] === 'boolean') sites[site] = s[site] as boolean;
  return {
    defaultCadenceDays:
      r.defaultCadenceDays === null || isDays(r.defaultCadenceDays, 3650) && r.defaultCadenceDays > 0
        ? (r.defaultCadenceDays as number | null)
        : DEFAULT_SETTINGS.defaultCadenceDays,
    postMeetingFollowUpDays: isDays(r.postMeetingFollowUpDays, 365)
      ? r.postMeetingFollowUpDays
      : DEFAULT_SETTINGS.postMeetingFollowUpDays,
    notifications: {
      enabled: typeof n.enabled === 'boolean' ? n.enabled : DEFAULT_SETTINGS.notifications.enabled,
      time: isTime(n.time) ? n.time : DEFAULT_SETTINGS.notifications.time,
    },
    sites,
  };
}

export async function getSettings(): Promise<Settings> {
  const stored = await browser.storage.local.get(KEY);
  return parseSettings(stored[KEY]);
}

/** Saves a change to the settings; invalid values are refused rather than stored. */
export async function saveSettings(change: Partial<Settings>): Promise<Settings> {
  const current = await getSettings();
  const next = parseSettings({ ...current, ...change });
  for (const [k, v] of Object.entries(change)) {
    if (JSON.stringify(next[k as keyof Settings]) !== JSON.stringify(v)) {
      throw new RangeError(`Invalid setting: ${k}`);
    }
  }
  await browser.storage.local.set({ [KEY]: next });
  return next;
}

/** Calls back with the new settings whenever they change in any context. Returns an unsubscribe. */
export function watchSettings(callback: (s: Settings) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && KEY in changes) callback(parseSettings(changes[KEY].newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
