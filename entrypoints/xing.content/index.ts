import { defineContentScript } from '#imports';
import { xing } from '@/utils/sites/xing';
import { runKith } from '@/utils/content/run';

/** XING: on every www.xing.com page, since in-app navigation can lead to a profile. */
export default defineContentScript({
  matches: ['https://www.xing.com/*'],
  // Before the page is parsed, so Kith's frame loads alongside it (see linkedin.content).
  runAt: 'document_start',
  main: (ctx) => runKith(ctx, xing),
});
