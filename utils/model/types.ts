/**
 * Kith's data model (DESIGN.md, "Data"). Every record has a stable random id and an updatedAt time so
 * that it maps onto one replicated document when sync arrives.
 */
import type { PersonFields } from './person-fields';
import type { DrillCard, DrillReview } from '../drill/schedule';

/** A stable random id (crypto.randomUUID()). */
export type Id = string;

/**
 * A day, or part of one: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'. Encounters may be partial ("June 2014");
 * follow-up dates are always full days in the user's local calendar.
 */
export type PartialDate = string;

/** A full local calendar day, 'YYYY-MM-DD'. */
export type LocalDay = string;

export const ENCOUNTER_KINDS = ['in-person', 'event', 'call', 'video', 'message', 'email', 'other'] as const;
export type EncounterKind = (typeof ENCOUNTER_KINDS)[number];

export const SITES = ['linkedin', 'github', 'x', 'xing', 'mastodon'] as const;
export type SiteId = (typeof SITES)[number];

export interface FollowUp {
  /** The next day this person is due a follow-up. */
  due?: LocalDay;
  /** Repeat every N days: each touch sets due = touch day + cadenceDays. */
  cadenceDays?: number;
  /** What was promised: "send the pilot deck". */
  note?: string;
}

/**
 * A saved person: identity and bookkeeping here, their own fields (name, headline, tags, notes,
 * follow-up...) from the field table in person-fields.ts, where each is described.
 */
export interface Person extends PersonFields {
  id: Id;
  /** Every profile key that identifies this person: 'linkedin:anna-nowak', 'linkedin-member:123', ... */
  keys: string[];
  /** Profile URL per site, as the user last saw it. */
  urls: Partial<Record<SiteId, string>>;
  /** True when a thumbnail is stored for this person in the photos store. */
  hasPhoto?: boolean;
  /**
   * Lower-cased, diacritic-free words of the fields search looks at (name, company, headline, location,
   * tags) and of the places and events of their encounters: what search matches a typed word against
   * (utils/db/people-search.ts). Derived; never edited directly.
   */
  terms: string[];
  /** Lower-cased, diacritic-free name, for sorting by name. Derived. */
  sortName: string;
  createdAt: number;
  updatedAt: number;
}

export interface Encounter {
  id: Id;
  personId: Id;
  date: PartialDate;
  kind: EncounterKind;
  place?: string;
  eventId?: Id;
  /** The saved person who introduced you, when there is one... */
  introducedById?: Id;
  /** ...or their name as typed. */
  introducedByName?: string;
  note?: string;
  createdAt: number;
  updatedAt: number;
}

export interface KithEvent {
  id: Id;
  name: string;
  start?: LocalDay;
  end?: LocalDay;
  place?: string;
  url?: string;
  notes?: string;
  /**
   * The names of the events merged into this one ("GUSU" kept as "Grow Up Start Up"): everyone met
   * here is found by these too, as by the name.
   */
  mergedNames?: string[];
  createdAt: number;
  updatedAt: number;
}

export interface Photo {
  personId: Id;
  /** A small JPEG or WebP thumbnail as a data: URL (a few KB). */
  dataUrl: string;
  updatedAt: number;
}

/** A voice note recorded in the browser ("how to say it", said): a few seconds of compressed audio. */
export interface VoiceNote {
  personId: Id;
  /** The audio as a data: URL (audio/webm or audio/ogg), so JSON backups carry it as they carry photos. */
  dataUrl: string;
  /** Length in seconds. */
  seconds: number;
  updatedAt: number;
}

/** Everything Kith stores in IndexedDB: the shape of a JSON backup's data. */
export interface KithData {
  people: Person[];
  encounters: Encounter[];
  events: KithEvent[];
  photos: Photo[];
  voiceNotes: VoiceNote[];
  /** The drill's cards (one per person drilled at least once) and every answer (utils/drill). */
  drillCards: DrillCard[];
  drillReviews: DrillReview[];
}
