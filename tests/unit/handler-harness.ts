/** What the background's message tests share: the senders the browser would stamp, and handler deps on a fresh database. */
import { vi } from 'vitest';
import type { HandlerDeps, SenderInfo } from '../../entrypoints/background/router';
import { createChanges } from '../../entrypoints/background/changes';
import { openKithDb } from '../../utils/db';
import type { ChangedNotice } from '../../utils/messages';
import { matchesPattern } from '../../utils/match-patterns';
import { DEFAULT_SETTINGS } from '../../utils/settings';
import { speakEnglish } from './english';

// The background's refusals and failures are texts users read: the tests check them in English.
speakEnglish();

export const EXT = 'kithextensionid';
export const BASE = `chrome-extension://${EXT}/`;
export const CONTENT: SenderInfo = { id: EXT, url: 'https://www.linkedin.com/in/anna-nowak/', tab: { id: 7 }, frameId: 0 };
export const pageSender = (page: string): SenderInfo => ({ id: EXT, url: `${BASE}${page}` });

/** Sync as it is until the user connects (its own tests: tests/unit/sync/background.test.ts). */
const off = async () => ({ connected: false, paused: false, running: false, firstSync: false, records: 0 });
const notConnected: HandlerDeps['sync'] = { status: off, syncNow: off, pause: off, resume: off, disconnect: off, connect: async () => ({ status: await off(), error: 'unreachable' }) };

/**
 * Deps for createHandler on a database of its own; `changed` hears every change notice (its people,
 * the whole notice, and the tab left out of it: the one whose sidebar asked).
 */
export function handlerDeps(dbName: string, now: Date, changed: (ids: string[], notice: ChangedNotice, skipTab?: number) => void): HandlerDeps {
  return {
    db: () => openKithDb(dbName),
    extensionId: EXT,
    extensionBase: BASE,
    isContentUrl: (url) => matchesPattern(url, 'https://*.linkedin.com/*'),
    now: () => now,
    settings: async () => DEFAULT_SETTINGS,
    thumbnail: vi.fn(async () => undefined as string | undefined),
    changes: createChanges({ announce: (notice, skipTab) => changed(notice.kithChanged, notice, skipTab) }),
    sync: notConnected,
  };
}
