import { defineContentScript } from '#imports';
import { xing } from '@/utils/sites/xing';
import { runKith } from '@/utils/content/run';

/** XING: on every www.xing.com page, since in-app navigation can lead to a profile. */
export default defineContentScript({
  matches: ['https://www.xing.com/*'],
  runAt: 'document_end',
  main: (ctx) => runKith(ctx, xing),
});
