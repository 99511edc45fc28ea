import { defineContentScript } from '#imports';
import { linkedin } from '@/utils/sites/linkedin';
import { runSidebar } from '@/components/SidebarHost';

/**
 * LinkedIn: runs on every LinkedIn page, because in-app navigation can lead from the feed or search to
 * a profile without a page load.
 */
export default defineContentScript({
  matches: ['https://*.linkedin.com/*'],
  main: (ctx) => runSidebar(ctx, linkedin),
});
