/**
 * Sending side of the protocol, for the content script and the pages. It imports the protocol's
 * types only, so the validation schemas (background-only) never ship in the content script.
 */
import { browser } from '#imports';
import { t } from './i18n';
import type { MessageName, Payload, Reply, Request, Responses } from './messages';

export class KithError extends Error {}

/**
 * Sends a message and returns the answer, or throws a KithError with a message the caller can show.
 * `send` is the runtime's sendMessage (passed in so this module stays free of browser globals).
 */
export async function call<N extends MessageName>(
  send: (message: unknown) => Promise<unknown>,
  name: N,
  payload: Payload<N>,
): Promise<Responses[N]> {
  let reply: Reply<Responses[N]> | undefined;
  try {
    reply = (await send({ kith: name, payload } satisfies Request<N>)) as Reply<Responses[N]> | undefined;
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

/** Calls back when the background says people changed (ids; empty means "anything may have"). */
export function onPeopleChanged(callback: (ids: string[]) => void): () => void {
  const listener = (message: unknown, sender: { id?: string; tab?: unknown }) => {
    // Only the background (our id, not from a tab) announces changes.
    if (sender.id !== browser.runtime.id || sender.tab) return undefined;
    const ids = (message as { kithChanged?: unknown })?.kithChanged;
    if (Array.isArray(ids)) callback(ids.filter((i): i is string => typeof i === 'string'));
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
