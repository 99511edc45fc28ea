import { describe, expect, it } from 'vitest';
import { buildDueList, drillDirection, requeue, type DrillSubject } from '../../../utils/drill/due';
import { newCard, review, type DrillCard } from '../../../utils/drill/schedule';
import { GRADES } from '../../../utils/drill/grades';

const NOW = Date.parse('2026-03-02T10:00:00Z');
const MIN = 60_000;
const DAY = 86_400_000;

const face = (id: string, createdAt = 0): DrillSubject => ({ id, hasPhoto: true, createdAt });
/** A reviewed card (state Review) due at `due`. */
function reviewedCard(personId: string, due: number, direction: DrillCard['direction'] = 'face-to-name'): DrillCard {
  const first = review(newCard(personId, direction, NOW - 30 * DAY), GRADES.easy, NOW - 30 * DAY).card;
  return { ...first, due };
}

describe('due list', () => {
  it('drills people with a face by face, people with context by name, and nobody else', () => {
    expect(drillDirection({ id: 'a', hasPhoto: true, createdAt: 0 })).toBe('face-to-name');
    expect(drillDirection({ id: 'a', hasPhoto: true, hasContext: true, createdAt: 0 })).toBe('face-to-name');
    expect(drillDirection({ id: 'a', hasContext: true, createdAt: 0 })).toBe('name-to-context');
    expect(drillDirection({ id: 'a', createdAt: 0 })).toBeUndefined();
    expect(drillDirection({ id: 'a', createdAt: 0 }, new Set(['a']))).toBe('name-to-context');
    expect(drillDirection({ id: 'a', createdAt: 0 }, new Set(['b']))).toBeUndefined();
    const list = buildDueList([face('a'), { id: 'b', hasContext: true, createdAt: 0 }, { id: 'c', createdAt: 0 }], [], { now: NOW, newPerDay: 20 });
    expect(list.cards.map((c) => [c.personId, c.direction])).toEqual([
      ['a', 'face-to-name'],
      ['b', 'name-to-context'],
    ]);
  });

  it('takes who has context from a set of ids, so Person records serve as they are', () => {
    const people = [face('a'), { id: 'b', createdAt: 0 }, { id: 'c', createdAt: 0 }];
    const list = buildDueList(people, [], { now: NOW, newPerDay: 20, withContext: new Set(['c']) });
    expect(list.cards.map((c) => [c.personId, c.direction])).toEqual([
      ['a', 'face-to-name'],
      ['c', 'name-to-context'],
    ]);
  });

  it('puts due cards first, the most overdue first, then new ones newest first, then learning ahead', () => {
    const subjects = [face('new-old', 1), face('due-2d', 1), face('later', 1), face('due-now', 1), face('new-recent', 5), face('learning', 1), face('due-9d', 1)];
    const learning = { ...review(newCard('learning', 'face-to-name', NOW - MIN), GRADES.again, NOW - MIN).card, due: NOW + 5 * MIN };
    const cards = [reviewedCard('due-2d', NOW - 2 * DAY), reviewedCard('due-9d', NOW - 9 * DAY), reviewedCard('due-now', NOW), reviewedCard('later', NOW + 3 * DAY), learning];
    const list = buildDueList(subjects, cards, { now: NOW, newPerDay: 20 });
    expect(list.cards.map((c) => [c.personId, c.kind])).toEqual([
      ['due-9d', 'due'],
      ['due-2d', 'due'],
      ['due-now', 'due'],
      ['new-recent', 'new'],
      ['new-old', 'new'],
      ['learning', 'learning'],
    ]);
    expect(list.counts).toEqual({ due: 3, new: 2, learning: 1, newWaiting: 2 });
    // A reviewed card due in minutes is not "learning": it waits for its day.
    const soon = buildDueList([face('r')], [reviewedCard('r', NOW + 5 * MIN)], { now: NOW, newPerDay: 20 });
    expect(soon.cards).toEqual([]);
  });

  it('caps new cards per day, counting those already started today', () => {
    const subjects = Array.from({ length: 50 }, (_, i) => face(`p${String(i).padStart(2, '0')}`, i));
    const capped = buildDueList(subjects, [], { now: NOW, newPerDay: 20 });
    expect(capped.cards).toHaveLength(20);
    expect(capped.cards.map((c) => c.personId)).toEqual(Array.from({ length: 20 }, (_, i) => `p${49 - i}`));
    expect(capped.counts).toMatchObject({ new: 20, newWaiting: 50 });
    expect(buildDueList(subjects, [], { now: NOW, newPerDay: 20, newSeenToday: 15 }).cards).toHaveLength(5);
    expect(buildDueList(subjects, [], { now: NOW, newPerDay: 20, newSeenToday: 25 }).cards).toHaveLength(0);
    expect(buildDueList(subjects, [], { now: NOW, newPerDay: 0 }).counts).toEqual({ due: 0, new: 0, learning: 0, newWaiting: 50 });
  });

  it('orders people saved at the same time by id, whatever order they come in', () => {
    const ids = ['d', 'a', 'c', 'b', 'e'];
    const one = buildDueList(ids.map((id) => face(id, 7)), [], { now: NOW, newPerDay: 3 });
    const other = buildDueList([...ids].reverse().map((id) => face(id, 7)), [], { now: NOW, newPerDay: 3 });
    expect(one.cards.map((c) => c.personId)).toEqual(['a', 'b', 'c']);
    expect(other.cards).toEqual(one.cards);
    const tied = [reviewedCard('y', NOW - DAY), reviewedCard('x', NOW - DAY)];
    expect(buildDueList([face('y'), face('x')], tied, { now: NOW, newPerDay: 0 }).cards.map((c) => c.personId)).toEqual(['x', 'y']);
  });

  it('offers a stored card never answered as new, and a card learnt the other way as new', () => {
    const stored = newCard('s', 'face-to-name', NOW - DAY);
    const byContext = reviewedCard('c', NOW - DAY, 'name-to-context');
    const list = buildDueList([face('s'), face('c')], new Map([['s', stored], ['c', byContext]]), { now: NOW, newPerDay: 20 });
    expect(list.cards.map((c) => [c.personId, c.kind, c.card.state])).toEqual([
      ['c', 'new', 0],
      ['s', 'new', 0],
    ]);
    expect(list.cards.find((c) => c.personId === 's')!.card).toBe(stored);
  });

  it('ignores cards of people no longer there', () => {
    const list = buildDueList([face('a')], [reviewedCard('gone', NOW - DAY), reviewedCard('a', NOW - DAY)], { now: NOW, newPerDay: 20 });
    expect(list.cards.map((c) => c.personId)).toEqual(['a']);
  });

  it('puts a missed name back in the queue when it comes due again within minutes', () => {
    const queue = buildDueList([face('a', 3), face('b', 2), face('c', 1)], [], { now: NOW, newPerDay: 20 }).cards;
    const missed = review(queue[0]!.card, GRADES.again, NOW).card;
    const next = requeue(queue, missed, NOW);
    expect(next.map((c) => [c.personId, c.kind])).toEqual([
      ['b', 'new'],
      ['c', 'new'],
      ['a', 'learning'],
    ]);
    const known = review(queue[0]!.card, GRADES.easy, NOW).card;
    expect(requeue(queue, known, NOW).map((c) => c.personId)).toEqual(['b', 'c']);
    // Before a learning card due later.
    const later = { ...next[2]!, card: { ...next[2]!.card, due: NOW + 10 * MIN } };
    const b = review(next[0]!.card, GRADES.again, NOW + MIN).card;
    expect(requeue([next[0]!, next[1]!, later], b, NOW + MIN).map((c) => c.personId)).toEqual(['c', 'b', 'a']);
  });
});
