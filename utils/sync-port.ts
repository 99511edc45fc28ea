/**
 * The page side of the sync port (utils/messages.ts, SYNC_PORT): a Kith page holds it open while it
 * is open, so the background runs the live changes feed and a change on another device shows here
 * within seconds. Pages only; nothing of it goes into a content script.
 */
import { browser } from '#imports';
import { SYNC_PORT, type SyncStatus, type SyncStatusNotice } from './messages';

/** A worker that hears nothing for 30 s may be stopped: a ping now and then keeps the feed alive. */
const PING_MS = 20_000;
/** After the worker stopped (the port closed under the page), it is woken again this much later. */
const RECONNECT_MS = 1000;

function isStatusNotice(m: unknown): m is SyncStatusNotice {
  const s = (m as Partial<SyncStatusNotice> | null)?.kithSync;
  return !!s && typeof s === 'object' && typeof s.connected === 'boolean';
}

/** Holds the sync port open until the returned function is called; `onStatus` hears each change of the status. */
export function openSyncPort(onStatus?: (status: SyncStatus) => void): () => void {
  let closed = false;
  let port: ReturnType<typeof browser.runtime.connect> | undefined;
  const connect = () => {
    if (closed) return;
    port = browser.runtime.connect({ name: SYNC_PORT });
    port.onMessage.addListener((m: unknown) => {
      if (isStatusNotice(m)) onStatus?.(m.kithSync);
    });
    port.onDisconnect.addListener(() => {
      port = undefined;
      setTimeout(connect, RECONNECT_MS);
    });
  };
  connect();
  const ping = setInterval(() => {
    try {
      port?.postMessage({ ping: true });
    } catch {
      // Closed meanwhile: onDisconnect reconnects.
    }
  }, PING_MS);
  return () => {
    closed = true;
    clearInterval(ping);
    port?.disconnect();
  };
}
