import { useEffect, useState } from 'preact/hooks';
import { browser } from '#imports';
import type { TabNotice, TabState } from '@/utils/messages';
import { send } from '@/utils/client';
import { getSettings, watchSettings, DEFAULT_SETTINGS } from '@/utils/settings';
import { OPEN_KEY, OPEN_NOW_KEY, openNow, type OpenNow } from '@/utils/content/frame';
import { openSyncPort } from '@/utils/sync-port';
import { Sidebar } from './Sidebar';

/** A tab notice, checked by shape (it comes from the background; anything else is ignored). */
export function isTabNotice(message: unknown): message is TabNotice {
  const n = (message as Partial<TabNotice> | null)?.kithTab;
  return !!n && typeof n === 'object' && typeof n.tabId === 'number';
}

/**
 * The sidebar in its frame on a profile page. It shows what its own page load read: the content
 * script that placed the frame names itself in the frame's address (#instance), and the background
 * relays that script's reports. It starts open or closed as remembered; then this page's own requests
 * (OPEN_NOW_KEY) open and close it, and the content script sizes the frame by the same requests.
 */
export function SidebarFrame() {
  const instance = location.hash.slice(1);
  const [state, setState] = useState<TabState | null>(null);
  // Unknown until storage answers: the frame shows nothing rather than the closed tab in an open frame.
  const [open, setOpen] = useState<boolean | undefined>(undefined);
  const [focusRequest, setFocusRequest] = useState(0);
  const [postMeetingDays, setPostMeetingDays] = useState(DEFAULT_SETTINGS.postMeetingFollowUpDays);

  useEffect(() => {
    const onMessage = (message: unknown) => {
      if (isTabNotice(message) && message.kithTab.instance === instance) setState(message.kithTab);
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);
    void send('tab.state', {}).then(
      (s) => {
        // A notice may have come first: keep whichever is newer (a notice is never older than the answer).
        if (s.instance === instance) setState((known) => known ?? s);
      },
      () => undefined,
    );
    void browser.storage.local.get(OPEN_KEY).then((stored) => setOpen((known) => known ?? stored[OPEN_KEY] === true));
    const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      // Only this page's own sidebar: opening Kith in another tab leaves this one as it is.
      const now = changes[OPEN_NOW_KEY]?.newValue as OpenNow | undefined;
      if (area !== 'local' || now?.instance !== instance) return;
      const next = now.open === true;
      setOpen(next);
      if (next) setFocusRequest((n) => n + 1);
    };
    browser.storage.onChanged.addListener(onStorage);
    // The shortcut focuses the frame from the page: Kith then focuses its panel.
    const onFocus = () => {
      if (document.activeElement === document.body) setFocusRequest((n) => n + 1);
    };
    window.addEventListener('focus', onFocus);
    void getSettings().then((s) => setPostMeetingDays(s.postMeetingFollowUpDays));
    const unwatch = watchSettings((s) => setPostMeetingDays(s.postMeetingFollowUpDays));
    return () => {
      browser.runtime.onMessage.removeListener(onMessage);
      browser.storage.onChanged.removeListener(onStorage);
      window.removeEventListener('focus', onFocus);
      unwatch();
    };
  }, []);

  const setStoredOpen = (next: boolean) => {
    setOpen(next);
    if (next) setFocusRequest((n) => n + 1);
    void browser.storage.local.set(openNow(instance, next));
  };

  const profile = state?.profile ?? null;
  const person = profile?.keys[0] ?? '';
  useEffect(() => {
    // The next person replaces the panel: keep the focus in Kith if it was there.
    if (open && document.hasFocus() && document.activeElement === document.body) document.getElementById('kith-panel')?.focus();
  }, [person]);

  // Open, it shows a change made on another device within seconds (the live feed runs while a Kith
  // page holds the sync port); closed, it keeps no worker awake on every profile page.
  useEffect(() => (open ? openSyncPort() : undefined), [open]);

  if (open === undefined) return null;
  return (
    <Sidebar
      key={person}
      profile={profile}
      presentation="page"
      open={open}
      onOpen={() => setStoredOpen(true)}
      onClose={() => setStoredOpen(false)}
      focusRequest={focusRequest}
      postMeetingDays={postMeetingDays}
    />
  );
}
