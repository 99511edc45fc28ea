import { defineContentScript } from '#imports';
import { github } from '@/utils/sites/github';
import { runKith } from '@/utils/content/run';

/** GitHub: on every github.com page, since GitHub's in-app navigation can lead to a user's page. */
export default defineContentScript({
  matches: ['https://github.com/*'],
  // Before the page is parsed, so Kith's frame loads alongside it (see linkedin.content).
  runAt: 'document_start',
  main: (ctx) => runKith(ctx, github),
});
