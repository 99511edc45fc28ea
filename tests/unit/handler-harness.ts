/** What the background's message tests share: the senders the browser would stamp, and handler deps on a fresh database. */
import { vi } from 'vitest';
import type { HandlerDeps, SenderInfo } from '../../entrypoints/background/router';
import { createChanges } from '../../entrypoints/background/changes';
import { openKithDb } from '../../utils/db';
import type { ChangedNotice, TabState } from '../../utils/messages';
import { tabStates } from '../../entrypoints/background/tabs';
import { matchesPattern } from '../../utils/match-patterns';
import { DEFAULT_SETTINGS } from '../../utils/settings';
import { speakEnglish } from './english';

// The background's refusals and failures are texts users read: the tests check them in English.
speakEnglish();

export const EXT = 'kithextensionid';
export const BASE = `chrome-extension://${EXT}/`;
export const CONTENT: SenderInfo = { id: EXT, url: 'https://www.linkedin.com/in/anna-nowak/', tab: { id: 7 }, frameId: 0 };
export const pageSender = (page: string): SenderInfo => ({ id: EXT, url: `${BASE}${page}` });
/** Kith's sidebar: its own page in a frame of a profile tab (the browser stamps the tab and a frame id). */
export const SIDEBAR: SenderInfo = { id: EXT, url: `${BASE}sidebar.html#0f3c`, tab: { id: 7 }, frameId: 4 };

/** Sync as it is until the user connects (its own tests: tests/unit/sync/background.test.ts). */
const off = async () => ({ connected: false, paused: false, running: false, firstSync: false, records: 0 });
const notConnected: HandlerDeps['sync'] = { status: off, syncNow: off, pause: off, resume: off, disconnect: off, connect: async () => ({ status: await off(), error: 'unreachable' }) };

/** Deps for createHandler on a database of its own; `changed` hears every change notice (its people, and the whole notice). */
export function handlerDeps(dbName: string, now: Date, changed: (ids: string[], notice: ChangedNotice) => void, broadcast: (state: TabState) => void = () => undefined): HandlerDeps {
  return {
    db: () => openKithDb(dbName),
    extensionId: EXT,
    extensionBase: BASE,
    isContentUrl: (url) => matchesPattern(url, 'https://*.linkedin.com/*'),
    now: () => now,
    settings: async () => DEFAULT_SETTINGS,
    thumbnail: vi.fn(async () => undefined as string | undefined),
    changes: createChanges({ announce: (notice) => changed(notice.kithChanged, notice) }),
    tabs: tabStates(undefined, broadcast),
    sync: notConnected,
  };
}
