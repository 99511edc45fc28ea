import { defineContentScript } from '#imports';
import { github } from '@/utils/sites/github';
import { runSidebar } from '@/components/sidebar/SidebarHost';

/** GitHub: on every github.com page, since GitHub's in-app navigation can lead to a user's page. */
export default defineContentScript({
  matches: ['https://github.com/*'],
  runAt: 'document_end',
  main: (ctx) => runSidebar(ctx, github),
});
