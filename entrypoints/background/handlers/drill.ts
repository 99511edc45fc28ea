import { answerCard, answersBetween, refresherInput } from '@/utils/db/drill';
import { newCardsSeenOn, recallHistory, cardFor } from '@/utils/drill/schedule';
import { refresherDeck } from '@/utils/drill/refresher';
import { addDays, localDay } from '@/utils/dates';
import { drillCardViews } from '../views';
import type { HandlersOf, World } from './context';

/** Cards a deck brings at once: the page asks for more when it runs out (a face is a few KB). */
const DECK_SIZE = 30;

/** "Who's this?": today's deck, answers, the history of recall, and an event's refresher deck. */
export function drillHandlers(world: World): HandlersOf<'drill.due' | 'drill.answer' | 'drill.history' | 'drill.refresher'> {
  const { drill } = world.changes;
  return {
    async 'drill.due'({ limit }, { db }) {
      const now = world.now();
      const today = localDay(now);
      const [settings, answeredToday] = await Promise.all([world.settings(), answersBetween(db, today, today)]);
      const list = await drill.dueList(db, { now: now.getTime(), newPerDay: settings.drillNewPerDay, newSeenToday: newCardsSeenOn(answeredToday, today) });
      const shown = list.cards.slice(0, limit ?? DECK_SIZE);
      return { today, counts: list.counts, cards: shown.length > 0 ? await drillCardViews(db, shown) : [] };
    },
    async 'drill.answer'(answer, { db }) {
      const { card, review } = await answerCard(db, answer, world.now().getTime());
      // Only the drill shows cards: nothing else is told (every view would refresh for each answer).
      drill.changed([answer.personId]);
      return { card, reviewId: review.id };
    },
    async 'drill.history'({ days }, { db }) {
      const today = localDay(world.now());
      return recallHistory(await answersBetween(db, addDays(today, 1 - days), today), today, days);
    },
    async 'drill.refresher'({ eventId }, { db }) {
      const input = await refresherInput(db, eventId);
      const deck = refresherDeck(input);
      const now = world.now().getTime();
      const stored = await drill.cardsOf(db, deck.map((c) => c.personId));
      const cards = await drillCardViews(
        db,
        deck.map((c) => ({
          personId: c.personId,
          direction: c.direction,
          kind: 'refresher' as const,
          card: cardFor(c.personId, c.direction, stored.get(c.personId), now),
          reason: c.reason,
          ...(c.introduced ? { introduced: c.introduced } : {}),
        })),
      );
      return { event: { id: input.event.id, name: input.event.name }, cards };
    },
  };
}
