import type { Runtime } from 'webextension-polyfill';
import { browser } from '#imports';
import type { SyncService } from './service';

export { createSyncService, SYNC_ALARM } from './service';

/** A page's sync port: only Kith's own pages may hold one (one from a content script is closed at once). */
export function handleSyncPort(port: Runtime.Port, sync: Pick<SyncService, 'port'>): void {
  const sender = port.sender;
  if (sender?.id !== browser.runtime.id || !sender.url?.startsWith(browser.runtime.getURL('/'))) {
    port.disconnect();
    return;
  }
  sync.port(port);
}
