import type { HandlersOf, World } from './context';

/** Sync's messages, from the options page: each answers with where sync is now. */
export function syncHandlers(world: World): HandlersOf<'sync.status' | 'sync.connect' | 'sync.now' | 'sync.pause' | 'sync.resume' | 'sync.disconnect'> {
  const { sync } = world;
  return {
    'sync.status': () => sync.status(),
    'sync.connect': (input) => sync.connect(input),
    'sync.now': () => sync.syncNow(),
    'sync.pause': () => sync.pause(),
    'sync.resume': () => sync.resume(),
    'sync.disconnect': () => sync.disconnect(),
  };
}
