/**
 * Sending side of the protocol, for the content script and the pages. It imports the protocol's
 * types only, so the validation schemas (background-only) never ship in the content script.
 */
import { browser } from '#imports';
import { t } from './i18n';
import type { ChangedNotice, MessageName, Payload, Reply, Request, Responses } from './messages';

export class KithError extends Error {}

/** This page's random id on its requests, once it is `ownChangesAnswered`. */
let page: string | undefined;

/**
 * For a page that is one view (the popup, the options page): the notice of a change its own request
 * made is not announced to it, since the reply already carried the result (and it would only ask
 * again). Its requests carry a random id, and the background's notice names the id whose request
 * made the change. A page of several views (the network page: its list shows what its person panel
 * saved) does not call this, and hears every change. A tab's sidebar needs neither: the background
 * leaves the tab that asked out of a change's notices (entrypoints/background/changes.ts).
 */
export function ownChangesAnswered(): void {
  page = crypto.randomUUID();
}

/**
 * Sends a message and returns the answer, or throws a KithError with a message the caller can show.
 * `send` is the runtime's sendMessage (passed in so this module stays free of browser globals).
 */
export async function call<N extends MessageName>(
  send: (message: Request<N>) => Promise<unknown>,
  name: N,
  payload: Payload<N>,
): Promise<Responses[N]> {
  let reply: Reply<Responses[N]> | undefined;
  try {
    reply = (await send({ kith: name, payload, ...(page ? { client: page } : {}) })) as Reply<Responses[N]> | undefined;
  } catch (e) {
    throw new KithError(t('errorNoAnswer', e instanceof Error ? e.message : String(e)));
  }
  if (!reply || typeof reply !== 'object' || !('ok' in reply)) throw new KithError(t('errorNoReply'));
  if (!reply.ok) throw new KithError(reply.error);
  return reply.value;
}

/** Sends one protocol message from a content script or an extension page. */
export function send<N extends MessageName>(name: N, payload: Payload<N>): Promise<Responses[N]> {
  return call((m) => browser.runtime.sendMessage(m), name, payload);
}

/**
 * Whether a message is a change notice: `notices.changed` in utils/messages.ts, checked by hand
 * because valibot would not fit in the content script's size budget (tests/unit/notices.test.ts
 * holds the two to the same answers). Its `client` is only ever compared with this page's id, so a
 * wrong one is harmless and is not checked (the bytes are the content script's).
 */
export function isChangedNotice(message: unknown): message is ChangedNotice {
  const n = message as Partial<ChangedNotice> | null;
  return Array.isArray(n?.kithChanged) && n.kithChanged.every((id) => typeof id === 'string');
}

/**
 * Calls back when the background says people changed (ids; empty means "anything may have"), but
 * not for this page's own changes once it is `ownChangesAnswered`.
 */
export function onPeopleChanged(callback: (ids: string[]) => void): () => void {
  const listener = (message: unknown, sender: { id?: string; tab?: unknown }) => {
    // Only the background (our id, not from a tab) announces changes.
    if (sender.id === browser.runtime.id && !sender.tab && isChangedNotice(message) && !(page && message.client === page)) callback(message.kithChanged);
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
