/**
 * Sending side of the protocol, for the content script and the pages. It imports the protocol's
 * types only, so the validation schemas (background-only) never ship in the content script.
 */
import { browser } from '#imports';
import { t } from './i18n';
import type { ChangedNotice, MessageName, Payload, Reply, Request, Responses } from './messages';

export class KithError extends Error {}

/**
 * This view's random id (one sidebar, the popup, a page), sent with each of its requests. The notice
 * of a change names the view whose request made it, and that view does not ask again for what the
 * reply already carried. Every other view hears it. None after `hearOwnChanges`.
 */
let self: string | undefined = crypto.randomUUID();

/**
 * For a page whose parts show each other's changes (the network page: the list shows a name its
 * person panel just saved): it hears the notices of its own changes too.
 */
export function hearOwnChanges(): void {
  self = undefined;
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
    reply = (await send({ kith: name, payload, client: self })) as Reply<Responses[N]> | undefined;
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
 * Whether a message is a change notice: utils/messages.ts' `notices.changed`, checked by hand since
 * valibot would not fit in the content script's budget (tests/unit/notices.test.ts keeps them the same).
 */
export function isChangedNotice(message: unknown): message is ChangedNotice {
  const n = message as Partial<ChangedNotice> | null;
  return Array.isArray(n?.kithChanged) && n.kithChanged.every((id) => typeof id === 'string') && ['string', 'undefined'].includes(typeof n.client);
}

/** Calls back when the background says people changed (ids; empty means "anything may have"), unless this view changed them. */
export function onPeopleChanged(callback: (ids: string[]) => void): () => void {
  const listener = (message: unknown, sender: { id?: string; tab?: unknown }) => {
    // Only the background (our id, not from a tab) announces changes.
    if (sender.id === browser.runtime.id && !sender.tab && isChangedNotice(message) && (!self || message.client !== self)) callback(message.kithChanged);
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
