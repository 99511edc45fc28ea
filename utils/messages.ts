/**
 * The one typed protocol between the content script, the extension pages and the background.
 * Each message is a name and one payload object. The schemas below are the contract: the background
 * validates every payload against them and refuses anything else; the types are inferred from them.
 */
import * as v from 'valibot';
import { ENCOUNTER_KINDS, SITES } from './model/types';
import type { Encounter, KithEvent, LocalDay, Person } from './model/types';
import type { ExtractedProfile } from './sites/types';
import { CAPS, MESSAGE_LINE } from './model/caps';
import { day, dayCount, partialDate, text, voiceDataUrl, voiceSeconds } from './model/values';
import { patchEntries, profileEntries, type FollowUpChange } from './model/person-fields';
import { DRILL_DIRECTIONS, type DrillDirection } from './drill/grades';
import type { DrillCard, RecallHistory } from './drill/schedule';
import type { DueList } from './drill/due';
import type { RefresherCard } from './drill/refresher';
import type { CaptureCandidate } from './drill/capture';
import type { MatchReason } from './db/people-search';
import type { SyncErrorCode } from './sync/errors';

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(CAPS.id));
const webUrl = v.pipe(v.string(), v.maxLength(CAPS.url), v.url(), v.regex(/^https?:\/\//i, 'must be a web address'));
const key = v.pipe(v.string(), v.minLength(3), v.maxLength(CAPS.key), v.regex(/^[a-z-]+:./, 'must be a profile key'));
const line = text(MESSAGE_LINE);

/** The profile on screen: its site, keys and URL, and what the page shows of the person's own fields (the field table's `profile`). */
const profile = v.strictObject({
  site: v.picklist(SITES),
  keys: v.pipe(v.array(key), v.minLength(1), v.maxLength(10)),
  url: webUrl,
  ...profileEntries,
});

/**
 * What a content script read off its page (a web page's data: never trusted beyond this shape). The
 * photo's address goes to the background, which fetches it only from the sites' own CDNs.
 */
const pageProfile = v.strictObject({
  ...profile.entries,
  // A page whose markup Kith cannot read shows no name: the sidebar asks the user for it.
  name: v.optional(profile.entries.name),
  photoUrl: v.optional(v.pipe(v.string(), v.maxLength(CAPS.url))),
  readable: v.boolean(),
});

/** A change to a person: any of the fields the field table lets the user change (`edit`); the others stay. */
const patch = v.strictObject(patchEntries);

/** An existing event or a new one's name; a saved person or a name as typed (as an encounter says them). */
const eventRef = v.union([v.strictObject({ id }), v.strictObject({ name: line })]);
const personRef = v.union([v.strictObject({ id }), v.strictObject({ name: line })]);

const encounter = v.strictObject({
  date: partialDate,
  kind: v.picklist(ENCOUNTER_KINDS),
  place: v.optional(line),
  event: v.optional(eventRef),
  introducedBy: v.optional(personRef),
  note: v.optional(text(CAPS.note)),
});

/** An event's fields as the user types them; on an update an empty string removes an optional field. */
const eventFields = {
  name: v.pipe(line, v.minLength(1)),
  start: v.optional(day),
  end: v.optional(day),
  place: v.optional(line),
  url: v.optional(webUrl),
  notes: v.optional(text(CAPS.note)),
};
const eventPatch = v.strictObject({
  ...eventFields,
  name: v.optional(eventFields.name),
  start: v.optional(v.union([day, v.literal('')])),
  end: v.optional(v.union([day, v.literal('')])),
  url: v.optional(v.union([webUrl, v.literal('')])),
});

const PEOPLE_SORTS = ['name', 'lastTouch'] as const;
const FOLLOWUP_FILTERS = ['overdue', 'today', 'week', 'none'] as const;

const EXPORT_FORMATS = ['json', 'csv', 'vcard3', 'vcard4', 'ics'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What "Connect" on the options page sends: the server, the credentials, the encryption passphrase. */
const syncConnect = v.strictObject({
  url: v.pipe(v.string(), v.maxLength(CAPS.url)),
  database: v.pipe(v.string(), v.minLength(1), v.maxLength(238)),
  username: v.pipe(v.string(), v.maxLength(1000)),
  password: v.pipe(v.string(), v.maxLength(1000)),
  passphrase: v.pipe(v.string(), v.minLength(1), v.maxLength(1000)),
  /** Create the database first (offered when the server said there is none). */
  createDatabase: v.optional(v.boolean()),
});
export type SyncConnectInput = v.InferOutput<typeof syncConnect>;

/** Who may send a message: a content script in a tab, or one of Kith's own pages. */
export type Origin = 'content' | 'page';

export const schemas = {
  /**
   * The only message a content script sends: what its page shows now (null: not a profile, or not yet
   * read), and whether it is still waiting for the page to show the person of a new URL.
   */
  'tab.profile': {
    from: ['content'],
    payload: v.strictObject({
      profile: v.nullable(pageProfile),
      reading: v.boolean(),
      /** The page's address when it read, and the content script's random id (one per page load). */
      page: v.pipe(v.string(), v.maxLength(CAPS.url * 4)),
      instance: v.pipe(v.string(), v.minLength(1), v.maxLength(40)),
    }),
  },
  /** What a tab shows: Kith's frame asks for its own tab (no id), the side panel for the tab in front. */
  'tab.state': { from: ['page'], payload: v.strictObject({ tabId: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))) }) },
  'person.lookup': { from: ['page'], payload: v.strictObject({ keys: v.pipe(v.array(key), v.minLength(1), v.maxLength(10)) }) },
  'person.get': { from: ['page'], payload: v.strictObject({ id }) },
  'person.update': { from: ['page'], payload: v.strictObject({ id, patch }) },
  /** Deletes a person with everything theirs; the reply's token undoes it ('change.undo') for a while. */
  'person.delete': { from: ['page'], payload: v.strictObject({ id }) },
  /** "This profile is the same person as someone saved": the profile joins them (merging a separate record of it). */
  'person.link': { from: ['page'], payload: v.strictObject({ personId: id, profile }) },
  /** Takes one site's profile off a person. */
  'person.unlink': { from: ['page'], payload: v.strictObject({ personId: id, site: v.picklist(SITES) }) },
  /** Saved people with the same name as a profile not saved yet, with where you met them: the link suggestion. */
  'person.sameName': { from: ['page'], payload: v.strictObject({ name: line }) },
  'encounter.record': {
    from: ['page'],
    payload: v.strictObject({
      personId: v.optional(id),
      profile: v.optional(profile),
      encounter,
      followUpDue: v.optional(day),
      /** The profile photo the page shows; the background fetches it from the site's CDN only. */
      photoUrl: v.optional(webUrl),
    }),
  },
  /** Deletes an encounter; the reply (the person's view) carries the token that undoes it. */
  'encounter.delete': { from: ['page'], payload: v.strictObject({ id }) },
  'encounter.update': { from: ['page'], payload: v.strictObject({ id, encounter }) },
  'tags.list': { from: ['page'], payload: v.strictObject({}) },
  'events.list': { from: ['page'], payload: v.strictObject({}) },
  'people.search': {
    from: ['page'],
    payload: v.strictObject({ query: text(CAPS.query), limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(200))) }),
  },
  'followups.list': {
    from: ['page'],
    /**
     * Rows per group (the first `limit`, most overdue first); totals always count everyone. `photos: false`
     * leaves the faces out (rows say `hasPhoto`; 'people.photos' brings them): the reply is a fifth the size.
     */
    payload: v.strictObject({
      limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100_000))),
      photos: v.optional(v.boolean()),
    }),
  },
  /** The stored faces of these people (data: URLs), by id; people without one are left out. */
  'people.photos': { from: ['page'], payload: v.strictObject({ ids: v.pipe(v.array(id), v.maxLength(500)) }) },
  'followups.done': { from: ['page'], payload: v.strictObject({ personId: id, kind: v.picklist(ENCOUNTER_KINDS) }) },
  'followups.snooze': {
    from: ['page'],
    payload: v.union([
      v.strictObject({ personId: id, days: dayCount }),
      v.strictObject({ personId: id, until: day }),
    ]),
  },
  /**
   * Puts back what a delete, Done or Snooze changed, by the token in its reply, while the background
   * still holds it (a couple of minutes) and nothing it changed was changed since.
   */
  'change.undo': { from: ['page'], payload: v.strictObject({ token: id }) },
  'data.export': { from: ['page'], payload: v.strictObject({ format: v.picklist(EXPORT_FORMATS) }) },
  'data.deleteAll': { from: ['page'], payload: v.strictObject({ confirm: v.literal('DELETE') }) },
  'stats.get': { from: ['page'], payload: v.strictObject({}) },
  /** Whether the import with this id landed (it did if its receipt was committed with it). */
  'import.status': { from: ['page'], payload: v.strictObject({ id }) },
  /**
   * One page of everyone saved, searched, filtered and sorted by the background (the network page),
   * with how many match in all. The background keeps what it needs for this current from every write
   * it makes and every import; `fresh` asks it to forget that and read everyone again.
   */
  'people.list': {
    from: ['page'],
    payload: v.strictObject({
      offset: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000_000)),
      limit: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(500)),
      sort: v.picklist(PEOPLE_SORTS),
      filter: v.strictObject({
        query: v.optional(text(CAPS.query)),
        tag: v.optional(line),
        eventId: v.optional(id),
        company: v.optional(text(CAPS.query)),
        followUp: v.optional(v.picklist(FOLLOWUP_FILTERS)),
      }),
      fresh: v.optional(v.boolean()),
    }),
  },
  'events.overview': { from: ['page'], payload: v.strictObject({}) },
  'event.create': { from: ['page'], payload: v.strictObject(eventFields) },
  'event.update': { from: ['page'], payload: v.strictObject({ id, patch: eventPatch }) },
  /** Moves every encounter at `dropId` to `keepId` and removes `dropId`. */
  'event.merge': { from: ['page'], payload: v.strictObject({ keepId: id, dropId: id }) },
  'introductions.list': { from: ['page'], payload: v.strictObject({}) },

  // The drill ("Who's this?") and capture-then-match (utils/drill). Kith's pages only: the sidebar asks
  // from its own frame, which is one of them.
  /** Today's deck: the first `limit` cards due (0: the counts only, for the popup's button), with what each shows. */
  'drill.due': { from: ['page'], payload: v.strictObject({ limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(200))) }) },
  /** Records an answer: the person's card is scheduled (FSRS) and the review kept. The page graded a typed answer itself. */
  'drill.answer': {
    from: ['page'],
    payload: v.strictObject({
      personId: id,
      direction: v.picklist(DRILL_DIRECTIONS),
      grade: v.picklist([1, 2, 3, 4] as const),
      verdict: v.optional(v.picklist(['right', 'almost', 'wrong'] as const)),
    }),
  },
  /** How recall went, day by day, over the last `days` days (today included). */
  'drill.history': { from: ['page'], payload: v.strictObject({ days: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(365)) }) },
  /** The event refresher's deck: who you are likely to see at this event. */
  'drill.refresher': { from: ['page'], payload: v.strictObject({ eventId: id }) },
  /** "Met someone": a person with a name and no profile yet, met today (or `date`), saved at once. */
  'capture.save': {
    from: ['page'],
    payload: v.strictObject({
      name: v.pipe(line, v.minLength(1)),
      date: v.optional(day),
      event: v.optional(eventRef),
      introducedBy: v.optional(personRef),
      note: v.optional(text(CAPS.note)),
    }),
  },
  /** The captured people a profile (its name; its keys when it may be saved) or a search may be, surest first. */
  'capture.matches': { from: ['page'], payload: v.strictObject({ name: line, keys: v.optional(v.pipe(v.array(key), v.maxLength(10))) }) },
  /** "Yes, that is them": the captured person joins a saved person or the profile on screen, as linking merges. */
  'capture.attach': {
    from: ['page'],
    payload: v.union([
      v.strictObject({ capturedId: id, personId: id }),
      v.strictObject({ capturedId: id, profile, photoUrl: v.optional(webUrl) }),
    ]),
  },
  /** Everyone captured and not yet matched to a profile, newest first. */
  'capture.unmatched': { from: ['page'], payload: v.strictObject({}) },
  /** A voice note recorded in the browser ("how to say it", said), replacing the person's one. */
  'voiceNote.save': { from: ['page'], payload: v.strictObject({ personId: id, dataUrl: voiceDataUrl, seconds: voiceSeconds }) },
  'voiceNote.delete': { from: ['page'], payload: v.strictObject({ personId: id }) },
  /**
   * Sync through the user's own CouchDB (entrypoints/background/sync): from Kith's pages only, never a
   * content script. The credentials and the passphrase go to the background and stay there (the
   * passphrase only as the keys derived from it).
   */
  'sync.status': { from: ['page'], payload: v.strictObject({}) },
  'sync.connect': { from: ['page'], payload: syncConnect },
  'sync.now': { from: ['page'], payload: v.strictObject({}) },
  'sync.pause': { from: ['page'], payload: v.strictObject({}) },
  'sync.resume': { from: ['page'], payload: v.strictObject({}) },
  /** Stops syncing and forgets the server, the credentials and the keys; everything stored here stays. */
  'sync.disconnect': { from: ['page'], payload: v.strictObject({}) },
} as const satisfies Record<string, { from: readonly Origin[]; payload: v.GenericSchema }>;

export type MessageName = keyof typeof schemas;
export type FollowUpPatch = FollowUpChange;
export type Payload<N extends MessageName> = v.InferOutput<(typeof schemas)[N]['payload']>;

export interface EncounterView extends Encounter {
  eventName?: string;
  /** The name of the saved person who introduced you (when introducedById is set). */
  introducerName?: string;
}

/** Everything the sidebar or the network page shows about one person. */
export interface PersonView {
  person: Person;
  encounters: EncounterView[];
  photo?: string;
  /** Their voice note (a data: URL of a few seconds of audio). */
  voiceNote?: { dataUrl: string; seconds: number };
  /** People this person introduced you to. */
  introduced: { id: string; name: string }[];
}

/** Someone saved who might be the person on screen: the name, and what makes them recognisable. */
export interface LinkSuggestion {
  id: string;
  name: string;
  /** "Grow Up Start Up, Warsaw, 19 Jun 2026" (the newest in-person meeting, else the newest), else the headline. */
  where: string;
}

export interface PersonSummary {
  id: string;
  name: string;
  headline?: string;
  company?: string;
  photo?: string;
  url?: string;
  /** In search results: why they matched, when their name does not say it (the company, a tag, an event...). */
  matched?: MatchReason;
}

export interface FollowUpRow {
  id: string;
  name: string;
  headline?: string;
  /** The face, unless it was asked for without (then `hasPhoto` says there is one). */
  photo?: string;
  hasPhoto?: true;
  url?: string;
  due: LocalDay;
  cadenceDays?: number;
  note?: string;
  overdueDays: number;
  /** "met at Grow Up Start Up, Warsaw, 19 Jun": what makes them recognisable. */
  context?: { date: string; kind: Encounter['kind']; place?: string; eventName?: string };
  /** Their memory aids: how to say the name, the hook. */
  howToSay?: string;
  memoryHook?: string;
}

/** How you met someone, for a drill card or a capture offer: the meeting that makes them recognisable. */
export interface MetContext {
  date: string;
  kind: Encounter['kind'];
  place?: string;
  eventName?: string;
  /** Who introduced you (a saved person's name, or the name as typed). */
  introducedBy?: string;
  note?: string;
}

/** One card of the drill: who it asks about, the card to schedule, and everything shown with it. */
export interface DrillCardView {
  personId: string;
  direction: DrillDirection;
  /** Due, new, in its learning steps (buildDueList), or in an event's refresher deck. */
  kind: DueList['cards'][number]['kind'] | 'refresher';
  card: DrillCard;
  name: string;
  headline?: string;
  company?: string;
  photo?: string;
  howToSay?: string;
  memoryHook?: string;
  voiceNote?: { dataUrl: string; seconds: number };
  met?: MetContext;
  /** How many times you met (encounters). */
  meetings: number;
  /** In a refresher deck: why they are in it, and whom an introducer introduced you to (names). */
  reason?: RefresherCard['reason'];
  introduced?: string[];
}

/** A captured person who may be the profile on screen: "Is this Agnieszka you met at Grow Up Start Up?" */
export interface CaptureOffer {
  id: string;
  name: string;
  reason: CaptureCandidate['reason'];
  met?: MetContext;
}

/** Someone captured and not yet matched, for the network page's list. */
export interface CapturedRow {
  id: string;
  name: string;
  createdAt: number;
  met?: MetContext;
}

/** A row of the network list. */
export interface NetworkRow extends PersonSummary {
  tags: string[];
  due?: LocalDay;
  lastTouch?: LocalDay;
}

/** An event with how many people were met there (the network page's events view). */
export interface EventOverview {
  event: KithEvent;
  people: number;
  encounters: number;
  /** The latest day someone was met there, shown for an event with no dates of its own. */
  lastMet?: string;
  /** A place an encounter there names, shown for an event with no place of its own. */
  metPlace?: string;
}

/** Where sync is, for the options page. */
export interface SyncStatus {
  connected: boolean;
  server?: { url: string; database: string; username: string };
  paused: boolean;
  /** A sync is under way. */
  running: boolean;
  /** The first sync (everything here sent, everything on the server received) has not finished yet. */
  firstSync: boolean;
  progress?: { phase: 'pull' | 'push'; done: number; total: number };
  /** When a sync last finished without an error. */
  lastSyncedAt?: number;
  /** How many records sync keeps here (people, encounters, events, photos). */
  records: number;
  /** Why the last sync failed (utils/sync/errors.ts). */
  error?: SyncErrorCode;
}

/** Someone saved who introduced you to others. */
export interface IntroductionView {
  introducer: { id: string; name: string };
  introduced: { id: string; name: string; date: string; eventId?: string }[];
}

/** A reply to a write that can be undone: the token for 'change.undo'. */
export interface Undoable {
  undo: string;
}

/** What one tab shows, as its content script last reported it (entrypoints/background/tabs.ts). */
export interface TabState {
  tabId: number;
  /** The person the page shows; null while reading, off a profile, or where Kith does not run. */
  profile: ExtractedProfile | null;
  /** True between an in-app navigation to a profile and the page showing that person. */
  reading: boolean;
  /** False where Kith's content script does not run (any other site). */
  site: boolean;
  /** The page's address when it was read, and which content script (one per page load) read it. */
  page?: string;
  instance?: string;
}

export interface Responses {
  'tab.profile': null;
  'tab.state': TabState;
  'person.lookup': PersonView | null;
  'person.get': PersonView | null;
  'person.update': PersonView;
  'person.link': PersonView;
  'person.unlink': PersonView;
  'person.sameName': LinkSuggestion[];
  'person.delete': Undoable;
  'encounter.record': PersonView;
  'encounter.delete': PersonView & Undoable;
  'encounter.update': PersonView;
  'tags.list': string[];
  'events.list': KithEvent[];
  'people.search': PersonSummary[];
  'followups.list': {
    today: LocalDay;
    overdue: FollowUpRow[];
    dueToday: FollowUpRow[];
    week: FollowUpRow[];
    totals: { overdue: number; dueToday: number; week: number };
    /** Whether anyone is saved at all (the popup's welcome for a new user). */
    anyone: boolean;
  };
  'people.photos': Record<string, string>;
  'followups.done': Undoable;
  'followups.snooze': Undoable;
  'change.undo': { personIds: string[] };
  'data.export': { filename: string; mime: string; text: string };
  'data.deleteAll': null;
  'stats.get': { people: number; encounters: number; events: number };
  'import.status': { landed: boolean; report?: unknown };
  'people.list': { offset: number; total: number; rows: NetworkRow[] };
  'events.overview': EventOverview[];
  'event.create': KithEvent;
  'event.update': KithEvent;
  'event.merge': { event: KithEvent; moved: number };
  'introductions.list': IntroductionView[];
  'drill.due': { today: LocalDay; counts: DueList['counts']; cards: DrillCardView[] };
  'drill.answer': { card: DrillCard; reviewId: string };
  'drill.history': RecallHistory;
  'drill.refresher': { event: { id: string; name: string }; cards: DrillCardView[] };
  'capture.save': PersonView;
  'capture.matches': CaptureOffer[];
  'capture.attach': PersonView;
  'capture.unmatched': CapturedRow[];
  'voiceNote.save': PersonView;
  'voiceNote.delete': PersonView;
  /** `error`: why Connect failed; nothing was stored then. */
  'sync.connect': { status: SyncStatus; error?: SyncErrorCode };
  'sync.status': SyncStatus;
  'sync.now': SyncStatus;
  'sync.pause': SyncStatus;
  'sync.resume': SyncStatus;
  'sync.disconnect': SyncStatus;
}

/**
 * Names the Kith page that sent a request: a random id a page that is one view chooses for itself
 * (utils/client.ts), so the notice of a change it made is not announced back to it.
 */
const client = v.pipe(v.string(), v.minLength(1), v.maxLength(100));

/** What goes over the wire: the message, and which page sent it (beside the payload, not in it). */
export const request = v.strictObject({ kith: v.string(), payload: v.optional(v.unknown()), client: v.optional(client) });
export interface Request<N extends MessageName = MessageName> {
  kith: N;
  payload: Payload<N>;
  client?: string;
}
export type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * Notices the background sends to Kith's views. The content script receives them too, where valibot
 * would not fit in its size budget, so receivers check them by hand against these schemas
 * (utils/client.ts; tests/unit/notices.test.ts holds the two together).
 */
export const notices = {
  /**
   * After a change, so every open view refreshes: the people it touched (none: anyone may have), and
   * the page whose request made it, if it named itself. (A sidebar's own tab is not sent the notice.)
   */
  changed: v.object({ kithChanged: v.array(v.string()), client: v.optional(v.string()) }),
  /** To a tab when the user presses the sidebar shortcut. */
  toggleSidebar: v.object({ kithToggleSidebar: v.literal(true) }),
};

/** To Kith's frames and side panels when a tab's page shows someone else (or no one). */
export interface TabNotice {
  kithTab: TabState;
}
export type ChangedNotice = v.InferOutput<typeof notices.changed>;
export type ToggleNotice = v.InferOutput<typeof notices.toggleSidebar>;

/**
 * Kith's pages hold a port of this name open while they are open: the background runs the live sync
 * feed while any is, and posts each change of the sync status on it ({ kithSync: SyncStatus }). The
 * page posts nothing but a ping now and then, which keeps the worker awake.
 */
export const SYNC_PORT = 'kith-sync';
export interface SyncStatusNotice {
  kithSync: SyncStatus;
}

/** Imports run over a port of this name, so the page can show progress. */
export const IMPORT_PORT = 'kith-import';

const IMPORT_KINDS = ['backup', 'connections'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** The import port's messages, each way. */
export const importPort = {
  /**
   * One part of an import, page to background. Files over Chromium's 64 MiB message limit go in parts,
   * `more` on all but the last; `id` is a random id the page chooses, and 'import.status' tells later
   * whether the import with that id landed.
   */
  request: v.strictObject({ kind: v.picklist(IMPORT_KINDS), text: v.string(), more: v.optional(v.boolean()), id: v.optional(id) }),
  /** Progress, background to page. */
  progress: v.variant('stage', [
    v.object({ stage: v.literal('checking') }),
    v.object({ stage: v.literal('writing'), done: v.number(), total: v.number() }),
    v.object({ stage: v.literal('done'), report: v.unknown() }),
    v.object({ stage: v.literal('failed'), error: v.string(), line: v.optional(v.number()) }),
  ]),
};
export type ImportRequest = v.InferOutput<typeof importPort.request>;
export type ImportProgress = v.InferOutput<typeof importPort.progress>;
