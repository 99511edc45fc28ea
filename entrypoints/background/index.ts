import { browser, defineBackground } from '#imports';
import { closeKithDb, openKithDb } from '@/utils/db';
import { getSettings, saveSettings, watchSettings, type Settings } from '@/utils/settings';
import { matchesPattern } from '@/utils/match-patterns';
import { createHandler } from './router';
import { announceInBrowser, createChanges } from './changes';
import { DueTotals } from '@/utils/db/due-totals';
import { thumbnail } from './thumbnail';
import { startMastodon } from './mastodon';
import { DAILY_ALARM, DAILY_NOTIFICATION, MIDNIGHT_ALARM, notifyDue, scheduleAlarms, updateBadge } from './reminders';
import { handleImportPort } from './imports';
import { firstScreenKeeper } from './first-screen';
import { REMAKE_AFTER_START_MS } from '@/utils/first-screen';
import { IMPORT_PORT, SYNC_PORT, type TabNotice, type ToggleNotice } from '@/utils/messages';
import { framesHearOnlyTabMessages, sidePanel } from '@/utils/compat';
import { sidebarFrames, tabStates } from './tabs';
import { createSyncService, handleSyncPort, SYNC_ALARM } from './sync';

// Only wiring here: every listener is registered synchronously so a stopped worker wakes for it.
export default defineBackground(() => {
  const mastodon = startMastodon();
  const contentPatterns = (browser.runtime.getManifest().content_scripts ?? []).flatMap((c) => c.matches ?? []);
  const refreshBadge = () => openKithDb().then((db) => updateBadge(db)).catch((e) => console.error('Kith: badge', e));
  const isProfileSite = (url: string) => contentPatterns.some((p) => matchesPattern(url, p));
  // The follow-up groups' sizes, counted once per change (the popup and its first screen both show them).
  const dueTotals = new DueTotals();
  // The popup's first screen, kept in storage.session so the popup paints it without waiting for this worker.
  const firstScreen = firstScreenKeeper(() => openKithDb(), browser.storage.session, undefined, undefined, dueTotals);
  // Firefox tells Kith's frames in web pages no runtime message: they are told by their own address.
  const frames = framesHearOnlyTabMessages() ? sidebarFrames((tabId, message, frameId) => browser.tabs.sendMessage(tabId, message, { frameId })) : undefined;
  // Every change, from a message or an import, is reported here (changes.ts).
  const changes = createChanges({
    dueTotals,
    announce: announceInBrowser({ refreshBadge, firstScreen, frames }),
    onChanged: () => sync.changed(),
  });
  // Sync through the user's own CouchDB: nothing is sent anywhere until they connect (sync/).
  const sync = createSyncService({ db: () => openKithDb(), announce: (ids) => changes.changed(ids), settings: { get: getSettings, save: saveSettings }, alarms: browser.alarms });
  // What each tab's page shows, told to Kith's frames and side panels (never to a content script).
  const tabs = tabStates(browser.storage.session, (state) => {
    const notice: TabNotice = { kithTab: state };
    browser.runtime.sendMessage(notice).catch(() => undefined);
    frames?.tell(notice, state.tabId);
  });
  // Settings the keyboard shortcut needs at once: the side panel opens only before anything is awaited.
  let presentation: Settings['presentation'] | undefined;
  void getSettings().then((s) => (presentation ??= s.presentation));
  // A content script's page is one the manifest lets Kith's content scripts run on, or a Mastodon
  // instance the user granted (where the background registered its script), nothing else.
  const isContentPage = (url: string) => isProfileSite(url) || mastodon.isInstanceUrl(url);
  const handle = createHandler({
    changes,
    db: () => openKithDb(),
    reopenDb: () => closeKithDb(),
    extensionId: browser.runtime.id,
    extensionBase: browser.runtime.getURL('/'),
    isContentUrl: isContentPage,
    now: () => new Date(),
    settings: getSettings,
    thumbnail: (url) => thumbnail(url, mastodon.hosts()),
    tabs,
    sync,
  });

  browser.runtime.onMessage.addListener((message, sender) => {
    // Notices from the background itself (kithChanged) are for the pages, not for this listener.
    if (!message || typeof message !== 'object' || !('kith' in message)) return undefined;
    // One of Kith's pages in a frame of a tab (the sidebar): where to tell it notices, in Firefox.
    if (frames && sender.tab?.id !== undefined && sender.frameId && sender.url?.startsWith(browser.runtime.getURL('/'))) frames.asked(sender.tab.id, sender.frameId);
    // A tab elsewhere may be on a Mastodon instance and may have just woken the worker: learn first.
    if (sender.tab && sender.url && !isProfileSite(sender.url)) return mastodon.known.then(() => handle(message, sender));
    return handle(message, sender);
  });

  browser.runtime.onConnect.addListener((port) => {
    if (port.name === IMPORT_PORT) handleImportPort(port, changes);
    if (port.name === SYNC_PORT) handleSyncPort(port, sync);
  });

  browser.tabs.onRemoved.addListener((tabId) => {
    void tabs.forget(tabId);
    frames?.forget(tabId);
  });
  browser.tabs.onUpdated.addListener((tabId, info, tab) => {
    // A new page loads: until its content script reports, the tab shows no one (a page Kith may not
    // read has no url here, and no content script either).
    if (info.status !== 'loading') return;
    const url = tab.url && isContentPage(tab.url) ? tab.url : undefined;
    void (async () => {
      // Under load the event can come after the new page's content script reported, or after a later
      // in-app navigation: a stale one must not put the tab back to "reading" an address it has left.
      if (url !== undefined && (await browser.tabs.get(tabId).catch(() => undefined))?.url !== url) return;
      await tabs.loading(tabId, url);
    })();
  });

  browser.commands.onCommand.addListener((command, tab) => {
    if (command !== 'toggle-sidebar') return;
    if (presentation === 'panel') {
      // In answer to the shortcut, before anything is awaited (the browser allows it only then).
      const panel = sidePanel();
      if (panel && tab?.windowId !== undefined) return void panel.open(tab.windowId).catch((e) => console.error('Kith: side panel', e));
    }
    void (async () => {
      const [front] = tab?.id !== undefined ? [tab] : await browser.tabs.query({ active: true, currentWindow: true });
      if (front?.id !== undefined) browser.tabs.sendMessage(front.id, { kithToggleSidebar: true } satisfies ToggleNotice).catch(() => undefined);
    })();
  });

  browser.alarms.onAlarm.addListener(async (alarm) => {
    if (alarm.name === SYNC_ALARM) return sync.alarm();
    const settings = await getSettings();
    try {
      if (alarm.name === MIDNIGHT_ALARM) await Promise.all([refreshBadge(), firstScreen.remake()]);
      if (alarm.name === DAILY_ALARM && settings.notifications.enabled) await notifyDue(await openKithDb());
    } catch (e) {
      console.error('Kith: reminder', e);
    } finally {
      // Re-arm even after a failure, from a moment past this alarm's time so it never fires twice.
      await scheduleAlarms(settings, new Date(Math.max(Date.now(), alarm.scheduledTime + 1000)), alarm.name);
    }
  });

  browser.notifications.onClicked.addListener(async (id) => {
    if (id !== DAILY_NOTIFICATION) return;
    await browser.tabs.create({ url: browser.runtime.getURL('/network.html') });
    await browser.notifications.clear(id);
  });

  watchSettings((s) => {
    presentation = s.presentation;
    void scheduleAlarms(s);
    sync.settingsChanged(s);
  });
  browser.runtime.onInstalled.addListener(() => void getSettings().then((s) => scheduleAlarms(s)));
  browser.runtime.onStartup.addListener(() => {
    void getSettings().then((s) => scheduleAlarms(s));
    sync.alarm();
  });
  sync.start();
  void refreshBadge();
  // Not at once: the message that woke the worker (a sidebar's lookup, most often) is answered first.
  setTimeout(() => void firstScreen.remake(), REMAKE_AFTER_START_MS);
});
