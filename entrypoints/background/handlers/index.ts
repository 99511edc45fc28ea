import type { Handlers, World } from './context';
import { peopleHandlers } from './people';
import { encounterHandlers } from './encounters';
import { followUpHandlers } from './followups';
import { eventHandlers } from './events';
import { dataHandlers } from './data';
import { drillHandlers } from './drill';
import { captureHandlers } from './capture';
import { undoHandlers } from './undo';
import { UndoJournal } from '../undo';
import { syncHandlers } from './sync';
import { tabHandlers } from './tabs';

/** Every message's handler (the type makes a message without one an error). */
export function createHandlers(world: World): Handlers {
  // One journal for every undoable write, whichever handler made it.
  const journal = new UndoJournal(() => world.now().getTime());
  return {
    ...peopleHandlers(world, journal),
    ...encounterHandlers(world, journal),
    ...followUpHandlers(world, journal),
    ...eventHandlers(world),
    ...dataHandlers(world),
    ...drillHandlers(world),
    ...captureHandlers(world),
    ...undoHandlers(world, journal),
    ...syncHandlers(world),
    ...tabHandlers(world),
  };
}
