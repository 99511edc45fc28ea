import type { KithDb } from '@/utils/db';
import type { MessageName, Origin, Payload, Responses } from '@/utils/messages';
import type { Id } from '@/utils/model/types';
import type { Settings } from '@/utils/settings';
import type { Changes } from '../changes';
import type { SyncService } from '../sync/service';
import type { TabStates } from '../tabs';

/** What the handlers need from the world, for as long as the worker runs; tests pass fakes. */
export interface World {
  now: () => Date;
  settings: () => Promise<Settings>;
  /** Fetches a profile photo from an allowed CDN and returns a small thumbnail (data: URL), or undefined. */
  thumbnail: (url: string) => Promise<string | undefined>;
  /** Where every change is reported, and the caches it keeps current (changes.ts). */
  changes: Changes;
  /** Sync through the user's CouchDB (sync/service.ts). */
  sync: Pick<SyncService, 'status' | 'connect' | 'syncNow' | 'pause' | 'resume' | 'disconnect'>;
  /** What each tab's page shows (tabs.ts). */
  tabs: TabStates;
}

/** One message's facts, from the router. */
export interface Context {
  db: KithDb;
  origin: Origin;
  /** The tab that asked, from what the browser stamped on the message (never from the payload); none for the popup. */
  tabId?: number;
  /** Reports this message's change: `changes.changed` on behalf of the view that sent it. */
  changed: (personIds: Id[]) => void;
}

export type Handlers = { [N in MessageName]: (payload: Payload<N>, ctx: Context) => Promise<Responses[N]> };
/** The handlers of some messages: each file in handlers/ answers the ones about what it touches. */
export type HandlersOf<N extends MessageName> = Pick<Handlers, N>;
