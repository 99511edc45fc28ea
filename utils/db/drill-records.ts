/**
 * What deleting or merging a person does to their drill card, their answers and their voice note, inside
 * the transaction that deletes or merges them (writes.ts, link.ts). Apart from utils/db/drill.ts, which
 * writes through writes.ts, so that writes.ts can call these without the two importing each other.
 */
import type { Id } from '../model/types';
import type { DrillCard } from '../drill/schedule';
import type { PeopleTx } from './writes';

/** Deletes a person's card, answers and voice note. */
export async function forgetDrill(tx: PeopleTx, personId: Id): Promise<void> {
  await tx.objectStore('drillCards').delete(personId);
  const reviews = tx.objectStore('drillReviews');
  for (const key of await reviews.index('byPerson').getAllKeys(personId)) await reviews.delete(key);
  await tx.objectStore('voiceNotes').delete(personId);
}

/** When a card last changed by an answer (a card never answered: when it was made). */
const answeredAt = (c: DrillCard) => c.lastReview ?? c.updatedAt;

/**
 * Moves what `otherId` has of the drill to `keepId`, who absorbs them: their answers, the card answered
 * last of the two (a card is one schedule: two are never mixed), and their voice note if `keepId` has none.
 */
export async function moveDrill(tx: PeopleTx, keepId: Id, otherId: Id): Promise<void> {
  const cards = tx.objectStore('drillCards');
  const [kept, theirs] = await Promise.all([cards.get(keepId), cards.get(otherId)]);
  if (theirs) {
    if (!kept || answeredAt(theirs) > answeredAt(kept)) await cards.put({ ...theirs, personId: keepId });
    await cards.delete(otherId);
  }
  const reviews = tx.objectStore('drillReviews');
  for (const r of await reviews.index('byPerson').getAll(otherId)) await reviews.put({ ...r, personId: keepId });
  const notes = tx.objectStore('voiceNotes');
  const note = await notes.get(otherId);
  if (note) {
    if (!(await notes.get(keepId))) await notes.put({ ...note, personId: keepId });
    await notes.delete(otherId);
  }
}
