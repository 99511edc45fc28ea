import { defineContentScript } from '#imports';
import { x } from '@/utils/sites/x';
import { runKith } from '@/utils/content/run';

/** X (and its old twitter.com addresses): on every page, since X is one app that navigates in place. */
export default defineContentScript({
  matches: ['https://x.com/*', 'https://mobile.x.com/*', 'https://twitter.com/*', 'https://mobile.twitter.com/*'],
  // Before the page is parsed, so Kith's frame loads alongside it (see linkedin.content).
  runAt: 'document_start',
  main: (ctx) => runKith(ctx, x),
});
