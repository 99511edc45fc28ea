import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from '#imports';
import type { TabState } from '@/utils/messages';
import { send } from '@/utils/client';
import { t } from '@/utils/i18n';
import { sidePanel } from '@/utils/compat';
import { getSettings, watchSettings, DEFAULT_SETTINGS } from '@/utils/settings';
import { PopupSearch } from '@/components/popup/PopupSearch';
import { Sidebar } from './Sidebar';
import { isTabNotice } from './SidebarFrame';

/** Closes the browser's side panel from inside it. */
const closePanel = () => void sidePanel()?.closeFromPanel();

/**
 * Kith in the browser's side panel: the same sidebar, for the tab in front. It follows the active tab
 * of the window in front (a tab switch, an in-app navigation, a profile opened in another window);
 * on a page that is not a profile it says so and offers search.
 */
export function SidePanel() {
  const [state, setState] = useState<TabState | null>(null);
  const [error, setError] = useState('');
  const [focusRequest, setFocusRequest] = useState(1);
  const [postMeetingDays, setPostMeetingDays] = useState(DEFAULT_SETTINGS.postMeetingFollowUpDays);
  const followed = useRef<number | undefined>(undefined);

  useEffect(() => {
    let asked = 0;
    /** Follows a tab: what it shows now, then every notice about it. */
    const follow = async (tabId: number | undefined) => {
      if (tabId === undefined || tabId === followed.current) return;
      followed.current = tabId;
      const mine = ++asked;
      try {
        const s = await send('tab.state', { tabId });
        // A notice about the tab may have come first (it is never older than the answer).
        if (mine === asked) setState((known) => (known?.tabId === tabId ? known : s));
      } catch (e) {
        setError((e as Error).message);
      }
    };
    const activeIn = async (windowId: number) => {
      const [tab] = await browser.tabs.query({ active: true, windowId });
      return tab?.id;
    };
    const followActiveIn = async (windowId: number | undefined) => {
      if (windowId !== undefined) await follow(await activeIn(windowId));
    };
    const onMessage = (message: unknown) => {
      if (isTabNotice(message) && message.kithTab.tabId === followed.current) setState(message.kithTab);
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);
    const onActivated = ({ tabId, windowId }: { tabId: number; windowId: number }) => {
      void browser.windows.getLastFocused().then((w) => {
        if (w.id === windowId) void follow(tabId);
      });
    };
    browser.tabs.onActivated.addListener(onActivated);
    const onFocusChanged = (windowId: number) => {
      if (windowId === browser.windows.WINDOW_ID_NONE) return;
      void browser.windows.get(windowId).then((w) => {
        // Only browser windows: not a popup window, nor Kith's own.
        if (w.type === 'normal') void activeIn(windowId).then(follow);
      });
    };
    browser.windows.onFocusChanged.addListener(onFocusChanged);
    const onRemoved = (tabId: number) => {
      if (tabId === followed.current) void browser.windows.getLastFocused().then((w) => followActiveIn(w.id));
    };
    browser.tabs.onRemoved.addListener(onRemoved);
    // The panel's own window; shown anywhere else (a window of its own), the browser window in front.
    void browser.windows.getCurrent().then(async (w) => followActiveIn(w.type === 'normal' ? w.id : (await browser.windows.getLastFocused({ windowTypes: ['normal'] })).id));
    void getSettings().then((s) => setPostMeetingDays(s.postMeetingFollowUpDays));
    const unwatch = watchSettings((s) => setPostMeetingDays(s.postMeetingFollowUpDays));
    return () => {
      browser.runtime.onMessage.removeListener(onMessage);
      browser.tabs.onActivated.removeListener(onActivated);
      browser.windows.onFocusChanged.removeListener(onFocusChanged);
      browser.tabs.onRemoved.removeListener(onRemoved);
      unwatch();
    };
  }, []);

  const profile = state?.profile ?? null;
  const person = profile?.keys[0] ?? '';
  useEffect(() => {
    // The next person replaces the panel: keep the focus in Kith if it was there.
    if (document.hasFocus() && document.activeElement === document.body) setFocusRequest((n) => n + 1);
  }, [person]);

  if (state && (profile || state.reading)) {
    return (
      <Sidebar
        key={person}
        profile={profile}
        presentation="panel"
        open
        onOpen={() => undefined}
        onClose={closePanel}
        focusRequest={focusRequest}
        postMeetingDays={postMeetingDays}
      />
    );
  }
  const openInTab = (url: string) => {
    const tabId = followed.current;
    (tabId !== undefined ? browser.tabs.update(tabId, { url }) : browser.tabs.create({ url })).catch((e: Error) => setError(e.message));
  };
  return (
    <div
      class="kith-root kith-panel kith-open"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !e.defaultPrevented) closePanel();
      }}
    >
      <aside id="kith-panel" aria-label={t('sidebarLabel')} tabIndex={-1}>
        <button type="button" class="kith-close" aria-label={t('sidebarClose')} title={t('sidebarClose')} onClick={closePanel}>
          ×
        </button>
        <h2>{t('sidebarLabel')}</h2>
        <p role="status">{state ? t('panelNotAProfile') : t('sidebarLoading')}</p>
        {error && (
          <p class="kith-error" role="alert">
            {t('sidebarError', error)}
          </p>
        )}
        <div class="kith-search">
          <PopupSearch onOpen={openInTab} onError={setError} autoFocus>
            <p class="kith-muted">{t('panelSearchHint')}</p>
          </PopupSearch>
        </div>
      </aside>
    </div>
  );
}
