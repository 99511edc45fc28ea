/**
 * The event refresher: before an event, a short deck of the people you are likely to see there. "Who
 * will I see at Grow Up Start Up this year?"
 *
 * - People met at it: at this event itself (earlier editions merged into it included), and at its
 *   earlier editions, found by name: the same name with another year or edition number ("Grow Up Start
 *   Up 2025" for "... 2026", "GUSU '24", "Warsaw JS #41"), its initials ("GUSU"), or one of the names
 *   merged into either event.
 * - People tagged for it: a tag that is the event's name, or its name without the year ("gusu").
 * - The people who introduced you to them there (saved people only: a typed name has no face).
 *
 * In that order, each person once, at most `limit`. Deterministic: ties go by name, then id.
 */
import { foldName } from './names';
import { directionFor, type DrillDirection } from './grades';

/** What the refresher needs of an event (`KithEvent` has it). */
export interface RefresherEvent {
  id: string;
  name: string;
  start?: string;
  mergedNames?: string[];
}

/** What the refresher needs of an encounter (`Encounter` has it). */
export interface RefresherEncounter {
  personId: string;
  date: string;
  eventId?: string;
  introducedById?: string;
}

/** What the refresher needs of a person (`Person` has it). */
export interface RefresherPerson {
  id: string;
  name: string;
  tags: string[];
  hasPhoto?: boolean;
  sortName?: string;
}

type RefresherReason = 'this-event' | 'earlier-edition' | 'tagged' | 'introducer';

export interface RefresherCard {
  personId: string;
  reason: RefresherReason;
  direction: DrillDirection;
  /** Where they were last met, for this-event and earlier-edition. */
  eventId?: string;
  /** Whom they introduced you to, for introducer. */
  introduced?: string[];
}

const REFRESHER_LIMIT = 50;

const MONTHS = new Set(
  [
    'january february march april may june july august september october november december',
    'jan feb mar apr jun jul aug sep sept oct nov dec',
    'styczen luty marzec kwiecien maj czerwiec lipiec sierpien wrzesien pazdziernik listopad grudzien',
  ]
    .join(' ')
    .split(' '),
);
// Words that only say which edition: "5th edition", "vol. 3", "edycja 2", "no 41".
const EDITION_WORDS = new Set(['edition', 'ed', 'vol', 'volume', 'no', 'nr', 'edycja', 'edycji']);
const YEAR = /^(19|20)\d{2}$/;
const NUMBER = /^\d{1,3}(st|nd|rd|th)?$/;
const ROMAN = /^(x{0,3})(ix|iv|v?i{0,3})$/;

interface SeriesName {
  /** The name without years and edition words, letters only: "growupstartup". */
  key: string;
  /** The initials of its words when it has three or more: "gusu". */
  initials?: string;
}

/** An event name's series: what stays the same from one edition to the next. */
export function seriesName(name: string): SeriesName {
  // "GUSU '24": an apostrophe before two digits is a year.
  const folded = foldName(name).replace(/['\u2019\u2018`]\s?\d{2}\b/g, ' ');
  const words = folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const hadYear = words.some((w) => YEAR.test(w));
  let rest = words.filter((w) => !YEAR.test(w));
  const isEditionWord = (w: string): boolean => NUMBER.test(w) || EDITION_WORDS.has(w) || (hadYear && MONTHS.has(w));
  // Numbers, edition words and months go from the ends only: "Web 3 Summit" keeps its 3.
  while (rest.length > 1 && isEditionWord(rest[rest.length - 1]!)) rest.pop();
  while (rest.length > 1 && isEditionWord(rest[0]!)) rest.shift();
  if (rest.length > 1 && ROMAN.test(rest[rest.length - 1]!)) rest.pop();
  // "2025/26": the short year left after the long one.
  if (rest.length > 1 && hadYear && /^\d{2}$/.test(rest[rest.length - 1]!)) rest.pop();
  if (rest.length === 0) rest = words;
  const series: SeriesName = { key: rest.join('') };
  if (rest.length >= 3) series.initials = rest.map((w) => w[0]).join('');
  return series;
}

function sameSeries(a: SeriesName, b: SeriesName): boolean {
  return a.key === b.key || (a.initials !== undefined && a.initials === b.key) || (b.initials !== undefined && b.initials === a.key);
}

function namesOf(event: RefresherEvent): SeriesName[] {
  return [event.name, ...(event.mergedNames ?? [])].map(seriesName);
}

/** The year an edition took place in: from its start date, else from a year in its name. */
function editionYear(event: RefresherEvent): number | undefined {
  if (event.start) return Number(event.start.slice(0, 4));
  const folded = foldName(event.name);
  const long = /(?:^|\D)((?:19|20)\d{2})(?:\D|$)/.exec(folded);
  if (long) return Number(long[1]);
  const short = /['\u2019\u2018`]\s?(\d{2})\b/.exec(folded);
  return short ? 2000 + Number(short[1]) : undefined;
}

/** False only when `other` is known to come later (the same year, undated, may be earlier). */
function isEarlier(other: RefresherEvent, event: RefresherEvent): boolean {
  if (other.start && event.start) return other.start < event.start;
  const a = editionYear(other);
  const b = editionYear(event);
  return a === undefined || b === undefined || a <= b;
}

/** The other events that are earlier (or undated) editions of `event`, by name or merged name. */
export function earlierEditions(event: RefresherEvent, events: readonly RefresherEvent[]): RefresherEvent[] {
  const mine = namesOf(event);
  return events.filter((other) => other.id !== event.id && isEarlier(other, event) && namesOf(other).some((n) => mine.some((m) => sameSeries(n, m))));
}

/** True when `tag` names this event: its name, a merged name, or either without the year. */
export function isTagFor(tag: string, event: RefresherEvent): boolean {
  return tagsFor(event)(tag);
}

/** isTagFor for one event, remembering each tag's answer: 30,000 people share a few hundred tags. */
function tagsFor(event: RefresherEvent): (tag: string) => boolean {
  const names = namesOf(event);
  const known = new Map<string, boolean>();
  return (tag) => {
    let yes = known.get(tag);
    if (yes === undefined) {
      const t = seriesName(tag);
      yes = names.some((n) => sameSeries(t, n));
      known.set(tag, yes);
    }
    return yes;
  };
}

export interface RefresherInput {
  event: RefresherEvent;
  events: readonly RefresherEvent[];
  /** At least the encounters at this event and its earlier editions (more is fine). */
  encounters: readonly RefresherEncounter[];
  people: readonly RefresherPerson[];
  limit?: number;
}

/** The refresher deck for `event` (see the top of this file). */
export function refresherDeck({ event, events, encounters, people, limit = REFRESHER_LIMIT }: RefresherInput): RefresherCard[] {
  const byId = new Map(people.map((p) => [p.id, p]));
  const nameOf = (id: string): string => {
    const p = byId.get(id)!;
    return p.sortName || foldName(p.name);
  };
  const byName = (a: string, b: string): number => {
    const x = nameOf(a);
    const y = nameOf(b);
    return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
  };
  const editions = new Set(earlierEditions(event, events).map((e) => e.id));

  // Everyone met at this event or an earlier edition, with their latest meeting there.
  const met = new Map<string, { date: string; eventId: string }>();
  const introducedBy = new Map<string, Set<string>>();
  for (const e of encounters) {
    if (!e.eventId || (e.eventId !== event.id && !editions.has(e.eventId)) || !byId.has(e.personId)) continue;
    const seen = met.get(e.personId);
    if (!seen || e.date > seen.date) met.set(e.personId, { date: e.date, eventId: e.eventId });
    if (e.introducedById && e.introducedById !== e.personId && byId.has(e.introducedById)) {
      let set = introducedBy.get(e.introducedById);
      if (!set) introducedBy.set(e.introducedById, (set = new Set()));
      set.add(e.personId);
    }
  }

  const deck: RefresherCard[] = [];
  const taken = new Set<string>();
  const add = (card: Omit<RefresherCard, 'direction'>): void => {
    taken.add(card.personId);
    deck.push({ ...card, direction: directionFor(byId.get(card.personId)!) });
  };

  // Most recently met first: last year's people before those of five years ago.
  const metIds = [...met.keys()].sort((a, b) => {
    const x = met.get(a)!.date;
    const y = met.get(b)!.date;
    return x > y ? -1 : x < y ? 1 : byName(a, b);
  });
  for (const id of metIds) {
    const { eventId } = met.get(id)!;
    add({ personId: id, reason: eventId === event.id ? 'this-event' : 'earlier-edition', eventId });
  }

  const isTag = tagsFor(event);
  const tagged = people.filter((p) => !taken.has(p.id) && p.tags.some(isTag)).map((p) => p.id);
  for (const id of tagged.sort(byName)) add({ personId: id, reason: 'tagged' });

  // Introducers of the tagged, from any of their encounters (they were not met at an edition).
  const taggedSet = new Set(tagged);
  for (const e of encounters) {
    if (!taggedSet.has(e.personId) || !e.introducedById || e.introducedById === e.personId || !byId.has(e.introducedById)) continue;
    let set = introducedBy.get(e.introducedById);
    if (!set) introducedBy.set(e.introducedById, (set = new Set()));
    set.add(e.personId);
  }
  // Those who introduced you to the most people there first.
  const introducers = [...introducedBy.keys()].filter((id) => !taken.has(id));
  introducers.sort((a, b) => introducedBy.get(b)!.size - introducedBy.get(a)!.size || byName(a, b));
  for (const id of introducers) add({ personId: id, reason: 'introducer', introduced: [...introducedBy.get(id)!].sort(byName) });

  return deck.slice(0, Math.max(0, limit));
}
