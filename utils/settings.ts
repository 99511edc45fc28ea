import { browser } from '#imports';
import * as v from 'valibot';
import { SITES, type SiteId } from './model/types';
import { MAX_DAYS, MAX_DRILL_NEW_PER_DAY, MAX_POST_MEETING_DAYS } from './model/caps';

/** User settings, kept in extension storage (small; not in IndexedDB). */
export interface Settings {
  /** Cadence given to a newly saved person, in days; null for none. */
  defaultCadenceDays: number | null;
  /** After a first in-person meeting, suggest a follow-up this many days later. */
  postMeetingFollowUpDays: number;
  notifications: { enabled: boolean; /** local 'HH:MM' */ time: string };
  sites: Record<SiteId, boolean>;
  /** The drill's daily cap on new cards (faces never asked before). */
  drillNewPerDay: number;
  /** Where Kith shows on a profile: in a frame on the page, or in the browser's side panel (the page then gets no element at all). */
  presentation: 'page' | 'panel';
}

export const DEFAULT_SETTINGS: Settings = {
  defaultCadenceDays: null,
  postMeetingFollowUpDays: 2,
  notifications: { enabled: true, time: '09:00' },
  sites: { linkedin: true, github: true, x: true, xing: true, mastodon: true },
  drillNewPerDay: 20,
  presentation: 'page',
};

const KEY = 'settings';

/**
 * Stored settings, field by field: a missing or broken field (an older version's settings, a
 * hand-edited store) falls back to its default instead of breaking the rest. Made on first use, so a
 * content script that only reads DEFAULT_SETTINGS carries none of valibot.
 */
function settingsSchema() {
  const days = (max: number) => v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(max));
  // Each site on or off; a site an older version did not know starts as its default.
  const sites = {} as Record<SiteId, v.GenericSchema<unknown, boolean>>;
  for (const site of SITES) sites[site] = v.fallback(v.boolean(), DEFAULT_SETTINGS.sites[site]);
  return v.fallback(
    v.object({
      defaultCadenceDays: v.fallback(v.nullable(v.pipe(days(MAX_DAYS), v.minValue(1))), DEFAULT_SETTINGS.defaultCadenceDays),
      postMeetingFollowUpDays: v.fallback(days(MAX_POST_MEETING_DAYS), DEFAULT_SETTINGS.postMeetingFollowUpDays),
      notifications: v.fallback(
        v.object({
          enabled: v.fallback(v.boolean(), DEFAULT_SETTINGS.notifications.enabled),
          time: v.fallback(v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/)), DEFAULT_SETTINGS.notifications.time),
        }),
        () => ({ ...DEFAULT_SETTINGS.notifications }),
      ),
      sites: v.fallback(v.object(sites), () => ({ ...DEFAULT_SETTINGS.sites })),
      drillNewPerDay: v.fallback(days(MAX_DRILL_NEW_PER_DAY), DEFAULT_SETTINGS.drillNewPerDay),
      presentation: v.fallback(v.picklist(['page', 'panel']), DEFAULT_SETTINGS.presentation),
    }),
    () => structuredClone(DEFAULT_SETTINGS),
  );
}
let schema: ReturnType<typeof settingsSchema> | undefined;

/** Reads stored settings over the defaults, field by field (see settingsSchema). */
export function parseSettings(raw: unknown): Settings {
  return v.parse((schema ??= settingsSchema()), raw);
}

export async function getSettings(): Promise<Settings> {
  const stored = await browser.storage.local.get(KEY);
  return parseSettings(stored[KEY]);
}

/** Saves a change to the settings; invalid values are refused rather than stored. */
export async function saveSettings(change: Partial<Settings>): Promise<Settings> {
  const current = await getSettings();
  const next = parseSettings({ ...current, ...change });
  for (const [k, value] of Object.entries(change)) {
    if (JSON.stringify(next[k as keyof Settings]) !== JSON.stringify(value)) {
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
