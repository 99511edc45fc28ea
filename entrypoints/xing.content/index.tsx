import { defineContentScript } from '#imports';
import { xing } from '@/utils/sites/xing';
import { runSidebar } from '@/components/sidebar/SidebarHost';

/** XING: on every www.xing.com page, since in-app navigation can lead to a profile. */
export default defineContentScript({
  matches: ['https://www.xing.com/*'],
  runAt: 'document_end',
  main: (ctx) => runSidebar(ctx, xing),
});
