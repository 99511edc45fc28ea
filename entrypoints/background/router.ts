import * as v from 'valibot';
import { request, schemas, type MessageName, type Origin, type Reply } from '@/utils/messages';
import type { KithDb } from '@/utils/db';
import { NotFoundError } from '@/utils/db/writes';
import { t } from '@/utils/i18n';
import { createHandlers } from './handlers';
import type { Context, World } from './handlers/context';
import type { Asker } from './changes';

/** What the router needs from the world besides what the handlers need; tests pass fakes. */
export interface HandlerDeps extends World {
  db: () => Promise<KithDb>;
  /** This extension's id, and the URL prefix of its own pages. */
  extensionId: string;
  extensionBase: string;
  /** True for a page URL on which Kith's content script runs. */
  isContentUrl: (url: string) => boolean;
  /** Drops the database connection so the next `db()` opens a fresh one. */
  reopenDb?: () => Promise<void>;
}

/** Chromium: "The database connection is closing." (an InvalidStateError from db.transaction). */
function isClosedConnection(e: unknown): boolean {
  return e instanceof Error && e.name === 'InvalidStateError';
}

/**
 * A storage failure that may pass: the browser's storage full for now (QuotaExceededError), a failed
 * disk write (UnknownError), an aborted transaction (AbortError). The transaction wrote nothing.
 */
function isStorageFailure(e: unknown): e is DOMException {
  // By name only: a DOMException from another realm is no `instanceof Error` here.
  return ['QuotaExceededError', 'UnknownError', 'AbortError'].includes((e as DOMException | null)?.name ?? '');
}

/** How long a message waits before its one more try after a storage failure. */
const STORAGE_RETRY_MS = 250;

/** What the user reads when a message failed: what went wrong, and that nothing was changed. */
export function failureText(e: unknown): string {
  if (isStorageFailure(e)) return e.name === 'QuotaExceededError' ? t('errorStorageFull') : t('errorStorageWrite', e.message || e.name);
  return t('errorFailed', e instanceof Error ? e.message : String(e));
}

/** The browser-stamped facts about who sent a message (never the payload's claims). */
export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: { id?: number };
  frameId?: number;
}

/**
 * Decides where a message comes from using only what the browser stamped on it. Anything that is
 * not Kith itself (another extension, a web page) has no origin and is refused.
 */
export function originOf(sender: SenderInfo, deps: Pick<HandlerDeps, 'extensionId' | 'extensionBase' | 'isContentUrl'>): Origin | null {
  if (sender.id !== deps.extensionId || !sender.url) return null;
  if (sender.url.startsWith(deps.extensionBase)) return 'page';
  if (sender.tab && sender.frameId === 0 && deps.isContentUrl(sender.url)) return 'content';
  return null;
}

/** The text of the first thing wrong with a payload: "keys: Invalid type..." reads as "a malformed keys". */
function malformed(name: string, issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  return t('errorMalformed', name, issue.path?.map((p) => p.key).join('.') || 'payload', issue.message);
}

/**
 * The background's answer to every message: checks who sent it and what it carries (refusing by
 * default), runs its handler, and tries once more after a failure that may pass.
 */
export function createHandler(deps: HandlerDeps) {
  const handlers = createHandlers(deps);
  const { changes } = deps;

  /** Answers one message. Never throws: every failure becomes an error the caller can show. */
  return async function handle(message: unknown, sender: SenderInfo): Promise<Reply<unknown>> {
    const origin = originOf(sender, deps);
    if (!origin) return { ok: false, error: t('errorNotFromKith') };
    const envelope = v.safeParse(request, message);
    if (!envelope.success) return { ok: false, error: t('errorNotAMessage') };
    const { kith: name, payload, client } = envelope.output;
    if (!Object.hasOwn(schemas, name)) return { ok: false, error: t('errorUnknownMessage', name.slice(0, 60)) };
    const spec = schemas[name as MessageName];
    if (!(spec.from as readonly Origin[]).includes(origin)) {
      return { ok: false, error: t(origin === 'content' ? 'errorNotFromWebPage' : 'errorNotFromKithPage', name) };
    }
    const parsed = v.safeParse(spec.payload, payload);
    if (!parsed.success) return { ok: false, error: malformed(name, parsed.issues) };
    const handler = handlers[name as MessageName] as (p: unknown, c: Context) => Promise<unknown>;
    const tabId = sender.tab?.id;
    // The view that asked, by the id its request carries.
    const by: Asker = client ? { client } : {};
    const run = async () =>
      handler(parsed.output, {
        db: await deps.db(),
        origin,
        ...(tabId !== undefined ? { tabId } : {}),
        changed: (ids) => changes.changed(ids, by),
      });
    const changesBefore = changes.count;
    try {
      try {
        return { ok: true, value: await run() };
      } catch (e) {
        // A failed transaction wrote nothing, so the message may be tried once more: on a fresh
        // connection when the browser closed ours (a version change, the worker's storage being torn
        // down), and after a short pause when storage failed in a way that may pass. Never once a
        // change was reported since this message began (its own write may have landed, and a second
        // try would apply it twice; another writer's change only costs the retry).
        if (changes.count !== changesBefore) throw e;
        if (isClosedConnection(e) && deps.reopenDb) await deps.reopenDb();
        else if (isStorageFailure(e)) await new Promise((r) => setTimeout(r, STORAGE_RETRY_MS));
        else throw e;
        return { ok: true, value: await run() };
      }
    } catch (e) {
      if (e instanceof NotFoundError || e instanceof RangeError) return { ok: false, error: e.message };
      console.error('Kith:', name, e);
      return { ok: false, error: failureText(e) };
    }
  };
}
