import { defineContentScript } from '#imports';
import { linkedin } from '@/utils/sites/linkedin';
import { runKith } from '@/utils/content/run';

/**
 * LinkedIn: runs on every LinkedIn page, because in-app navigation can lead from the feed or search to
 * a profile without a page load.
 */
export default defineContentScript({
  matches: ['https://*.linkedin.com/*'],
  // Before the page is parsed: Kith's frame then loads alongside the page, and the person is read at
  // DOMContentLoaded (utils/content/run.ts). At document_end the frame's own load came after the
  // page's: the benchmark measured the sidebar filled 530 and 830 ms after DOMContentLoaded (two runs,
  // a machine at load 6 to 18), 47 and 75 ms with the frame placed here (budget: 100 ms).
  runAt: 'document_start',
  main: (ctx) => runKith(ctx, linkedin),
});
