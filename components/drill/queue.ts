import type { DrillCard } from '@/utils/drill/schedule';
import type { DrillCardView } from '@/utils/messages';

/** How far ahead a card just answered comes back in this session (as the due list's learn-ahead). */
const LEARN_AHEAD_MS = 20 * 60_000;

/**
 * The cards still to ask after an answer's schedule came back: the card, when it is due again within
 * the learn-ahead time (a missed name, a minute later), goes back in, after every card due before it;
 * later than that, it is done for this session. `rest` is what is left to ask (the card's own earlier
 * place in it, if any, is dropped).
 */
export function putBack(rest: readonly DrillCardView[], answered: DrillCardView, card: DrillCard, now: number): DrillCardView[] {
  const others = rest.filter((c) => c.personId !== answered.personId);
  if (card.due > now + LEARN_AHEAD_MS) return others;
  const again: DrillCardView = { ...answered, card, kind: answered.kind === 'refresher' ? 'refresher' : 'learning' };
  let i = others.length;
  while (i > 0 && others[i - 1]!.card.due > card.due) i--;
  others.splice(i, 0, again);
  return others;
}
