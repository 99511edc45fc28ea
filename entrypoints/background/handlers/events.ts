import { createEvent, eventsWithCounts, mergeEvents, updateEvent } from '@/utils/db/events';
import { listEvents } from '@/utils/db/reads';
import { localDay } from '@/utils/dates';
import type { HandlersOf, World } from './context';

/** Events: the pickers' list, the network page's overview, creating, editing and merging them. */
export function eventHandlers(world: World): HandlersOf<'events.list' | 'events.overview' | 'event.create' | 'event.update' | 'event.merge'> {
  const now = () => world.now().getTime();
  return {
    async 'events.list'(_p, { db }) {
      return listEvents(db);
    },
    async 'events.overview'(_p, { db }) {
      return eventsWithCounts(db, localDay(world.now()));
    },
    async 'event.create'(input, { db }) {
      return createEvent(db, input, now());
    },
    async 'event.update'({ id, patch }, { db, changed }) {
      const { event, personIds } = await updateEvent(db, id, patch, now());
      // A new name shows on everyone met there (their encounters and search words).
      if (personIds.length > 0) changed(personIds);
      return event;
    },
    async 'event.merge'({ keepId, dropId }, { db, changed }) {
      const { event, moved, personIds } = await mergeEvents(db, keepId, dropId, now());
      if (personIds.length > 0) changed(personIds);
      return { event, moved };
    },
  };
}
