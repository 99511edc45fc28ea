/**
 * What deleting or merging a person does to their drill card, their answers and their voice note, inside
 * the transaction that deletes or merges them (writes.ts, link.ts). Apart from utils/db/drill.ts, which
 * writes through writes.ts, so that writes.ts can call these without the two importing each other.
 */
import type { Id } from '../model/types';
import type { DrillCard } from '../drill/schedule';
import type { PeopleTx } from './writes';
import { addRecord, deleteRecord, putRecord } from './outbox';

/** Deletes a person's card, answers and voice note (deleted `at`: their tombstones' time, for sync). */
export async function forgetDrill(tx: PeopleTx, personId: Id, at: number): Promise<void> {
  await deleteRecord(tx, 'drillCards', personId, at);
  for (const key of await tx.objectStore('drillReviews').index('byPerson').getAllKeys(personId)) await deleteRecord(tx, 'drillReviews', key, at);
  await deleteRecord(tx, 'voiceNotes', personId, at);
}

/** When a card last changed by an answer (a card never answered: when it was made). */
const answeredAt = (c: DrillCard) => c.lastReview ?? c.updatedAt;

/**
 * Moves what `otherId` has of the drill to `keepId`, who absorbs them: their answers, the card answered
 * last of the two (a card is one schedule: two are never mixed), and their voice note if `keepId` has none.
 */
export async function moveDrill(tx: PeopleTx, keepId: Id, otherId: Id, at: number): Promise<void> {
  const cards = tx.objectStore('drillCards');
  const [kept, theirs] = await Promise.all([cards.get(keepId), cards.get(otherId)]);
  if (theirs) {
    // The moved card is written at `at`, so it is the latest version of keepId's card on every device.
    if (!kept || answeredAt(theirs) > answeredAt(kept)) await putRecord(tx, 'drillCards', { ...theirs, personId: keepId, updatedAt: Math.max(theirs.updatedAt, at) });
    await deleteRecord(tx, 'drillCards', otherId, at);
  }
  for (const r of await tx.objectStore('drillReviews').index('byPerson').getAll(otherId)) await putRecord(tx, 'drillReviews', { ...r, personId: keepId });
  const notes = tx.objectStore('voiceNotes');
  const note = await notes.get(otherId);
  if (note) {
    if (!(await notes.get(keepId))) await addRecord(tx, 'voiceNotes', { ...note, personId: keepId, updatedAt: Math.max(note.updatedAt, at) });
    await deleteRecord(tx, 'voiceNotes', otherId, at);
  }
}
