import { defineContentScript } from '#imports';
import { mastodon } from '@/utils/sites/mastodon';
import { runKith } from '@/utils/content/run';

/**
 * Mastodon: instances are many and the user chooses them, so this script is not in the manifest. The
 * background registers it on each instance the user granted (entrypoints/background/mastodon.ts), on
 * every page there, since the web app's in-app navigation can lead to a profile. No `matches` here:
 * WXT would add them to the manifest's host permissions.
 */
export default defineContentScript({
  registration: 'runtime',
  runAt: 'document_end',
  main: (ctx) => runKith(ctx, mastodon),
});
