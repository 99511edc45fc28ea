/**
 * Today's drill: who is due, in the order they are asked. Built from every person (only the few fields
 * it needs) and every stored card in one pass, for the popup's count and the drill page's queue; with
 * 30,000 people it takes a few milliseconds (scripts/bench/drill.ts measures it).
 *
 * Order: cards due now, the most overdue first; then cards never seen, newest people first (the names
 * most worth fixing are of the people just met), at most the daily cap less those already started
 * today; then cards in their learning steps due within the next minutes ("learn ahead", as Anki does),
 * so a session does not end while a name just missed is a minute away from coming back.
 */
import { directionFor, isLearning, isNew, newCard, type DrillCard, type DrillDirection } from './schedule';

/**
 * What the due list needs of a person: `Person` records serve as they are (with `withContext` in the
 * options), so 30,000 of them are not copied to build it.
 */
export interface DrillSubject {
  id: string;
  hasPhoto?: boolean;
  /**
   * True when there is something to recall about them without a face: an encounter (where, when, who
   * introduced you) or a memory hook. A person with neither and no face has no card. Or say it for
   * everyone at once with DueOptions.withContext.
   */
  hasContext?: boolean;
  /** When they were saved: new cards come newest first. */
  createdAt: number;
}

type DueKind = 'due' | 'new' | 'learning';

export interface DueCard {
  personId: string;
  direction: DrillDirection;
  /** The stored card, or a new one not stored yet (the first answer stores it). */
  card: DrillCard;
  kind: DueKind;
}

export interface DueOptions {
  now: number;
  /** The daily cap on new cards (a setting, drillNewPerDay; 20 by default). */
  newPerDay: number;
  /** New cards already seen today (newCardsSeenOn(reviews, today)). */
  newSeenToday?: number;
  /** How far ahead cards in their learning steps are taken (default 20 minutes). */
  learnAheadMs?: number;
  /** The ids of the people with something to recall besides a face (see DrillSubject.hasContext). */
  withContext?: ReadonlySet<string>;
}

export interface DueList {
  cards: DueCard[];
  counts: {
    /** Cards due now (not new). */
    due: number;
    /** New cards offered today, after the cap. */
    new: number;
    /** Cards in their learning steps coming due within the learn-ahead time. */
    learning: number;
    /** New cards there are in all, offered or not. */
    newWaiting: number;
  };
}

const LEARN_AHEAD_MS = 20 * 60_000;

/** The direction a subject is drilled in, or undefined when they have nothing to drill. */
export function drillDirection(subject: DrillSubject, withContext?: ReadonlySet<string>): DrillDirection | undefined {
  if (subject.hasPhoto) return directionFor(subject);
  return subject.hasContext || withContext?.has(subject.id) ? 'name-to-context' : undefined;
}

/** Newer first, then by id: the order new cards are offered in. */
function newerFirst(a: DrillSubject, b: DrillSubject): number {
  return b.createdAt - a.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function byDue(a: DueCard, b: DueCard): number {
  return a.card.due - b.card.due || (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0);
}

/** Today's queue and its counts. `cards` may be the card store's records as read (any order). */
export function buildDueList(subjects: readonly DrillSubject[], cards: Iterable<DrillCard> | ReadonlyMap<string, DrillCard>, options: DueOptions): DueList {
  const { now } = options;
  const aheadUntil = now + (options.learnAheadMs ?? LEARN_AHEAD_MS);
  const room = Math.max(0, Math.floor(options.newPerDay) - (options.newSeenToday ?? 0));
  const byPerson = cards instanceof Map ? (cards as ReadonlyMap<string, DrillCard>) : indexCards(cards as Iterable<DrillCard>);

  const due: DueCard[] = [];
  const learning: DueCard[] = [];
  // The newest `room` people with a new card, kept sorted; only they get a card object made.
  const fresh: { subject: DrillSubject; direction: DrillDirection; stored?: DrillCard }[] = [];
  let newWaiting = 0;

  const { withContext } = options;
  for (const subject of subjects) {
    const direction = drillDirection(subject, withContext);
    if (!direction) continue;
    const stored = byPerson.get(subject.id);
    if (stored && stored.direction === direction && !isNew(stored)) {
      if (stored.due <= now) due.push({ personId: subject.id, direction, card: stored, kind: 'due' });
      else if (stored.due <= aheadUntil && isLearning(stored)) learning.push({ personId: subject.id, direction, card: stored, kind: 'learning' });
      continue;
    }
    newWaiting++;
    if (room === 0) continue;
    if (fresh.length === room && newerFirst(subject, fresh[room - 1]!.subject) >= 0) continue;
    let i = fresh.length;
    while (i > 0 && newerFirst(subject, fresh[i - 1]!.subject) < 0) i--;
    fresh.splice(i, 0, { subject, direction, stored: stored?.direction === direction ? stored : undefined });
    if (fresh.length > room) fresh.pop();
  }

  due.sort(byDue);
  learning.sort(byDue);
  const offered: DueCard[] = fresh.map(({ subject, direction, stored }) => ({
    personId: subject.id,
    direction,
    card: stored ?? newCard(subject.id, direction, now),
    kind: 'new',
  }));
  return {
    cards: [...due, ...offered, ...learning],
    counts: { due: due.length, new: offered.length, learning: learning.length, newWaiting },
  };
}

function indexCards(cards: Iterable<DrillCard>): Map<string, DrillCard> {
  const map = new Map<string, DrillCard>();
  for (const c of cards) map.set(c.personId, c);
  return map;
}

/**
 * The queue after answering its first card: the rest, with the answered card put back when it comes
 * due again within the learn-ahead time (a missed name a minute later), after everything due before it.
 */
export function requeue(queue: readonly DueCard[], answered: DrillCard, now: number, learnAheadMs = LEARN_AHEAD_MS): DueCard[] {
  const rest = queue.slice(1);
  if (answered.due > now + learnAheadMs) return rest;
  const entry: DueCard = { personId: answered.personId, direction: answered.direction, card: answered, kind: 'learning' };
  let i = rest.length;
  while (i > 0 && rest[i - 1]!.card.due > answered.due) i--;
  rest.splice(i, 0, entry);
  return rest;
}
