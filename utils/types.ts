/**
 * Kith's data model (DESIGN.md, "Data"). Every record has a stable random id and an updatedAt time so
 * that it maps onto one replicated document when sync arrives.
 */

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

export interface Person {
  id: Id;
  /** Every profile key that identifies this person: 'linkedin:anna-nowak', 'linkedin-member:123', ... */
  keys: string[];
  name: string;
  /**
   * The name in its parts, when a source gives them apart (LinkedIn's Connections.csv: First Name, Last
   * Name) and they make up `name`: a vCard's N. Absent otherwise, and ignored once `name` no longer
   * reads "given family" (a rename).
   */
  givenName?: string;
  familyName?: string;
  headline?: string;
  company?: string;
  position?: string;
  location?: string;
  email?: string;
  /** Profile URL per site, as the user last saw it. */
  urls: Partial<Record<SiteId, string>>;
  tags: string[];
  notes: string;
  followUp: FollowUp;
  /** The last day anything was logged with this person (an encounter, or Done in the popup). */
  lastTouch?: LocalDay;
  /** When the LinkedIn connection was made (from Connections.csv). */
  connectedOn?: LocalDay;
  /** True when a thumbnail is stored for this person in the photos store. */
  hasPhoto?: boolean;
  /**
   * Lower-cased, diacritic-free words from name, company, headline, location, tags and the places
   * and events of their encounters: the multi-entry search index. Derived; never edited directly.
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

/** Everything Kith stores in IndexedDB: the shape of a JSON backup's data. */
export interface KithData {
  people: Person[];
  encounters: Encounter[];
  events: KithEvent[];
  photos: Photo[];
}
