import { t } from '@/utils/i18n';
import type { HandlersOf, World } from './context';

/** What the tabs show: reported by content scripts, asked for by Kith's frame and side panel. */
export function tabHandlers(world: World): HandlersOf<'tab.profile' | 'tab.state'> {
  return {
    async 'tab.profile'(report, { tabId }) {
      if (tabId === undefined) throw new RangeError(t('errorNoTab'));
      await world.tabs.report(tabId, report);
      return null;
    },
    async 'tab.state'({ tabId: asked }, { tabId: own }) {
      // The frame in a tab asks for its own (the browser stamped it); the side panel names the tab in front.
      const tabId = asked ?? own;
      if (tabId === undefined) throw new RangeError(t('errorNoTab'));
      return world.tabs.get(tabId);
    },
  };
}
