import type { Handlers, World } from './context';
import { peopleHandlers } from './people';
import { encounterHandlers } from './encounters';
import { followUpHandlers } from './followups';
import { eventHandlers } from './events';
import { dataHandlers } from './data';
import { syncHandlers } from './sync';
import { tabHandlers } from './tabs';

/** Every message's handler (the type makes a message without one an error). */
export function createHandlers(world: World): Handlers {
  return {
    ...peopleHandlers(world),
    ...encounterHandlers(world),
    ...followUpHandlers(world),
    ...eventHandlers(world),
    ...dataHandlers(world),
    ...syncHandlers(world),
    ...tabHandlers(world),
  };
}
