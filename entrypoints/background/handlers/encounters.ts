import { findPersonByKeys, getPerson } from '@/utils/db/people';
import { deleteEncounter, recordEncounter, updateEncounter } from '@/utils/db/writes';
import { localDay } from '@/utils/dates';
import { personView } from '../views';
import { encounterRecords, undoable } from '@/utils/db/undo';
import type { UndoJournal } from '../undo';
import type { HandlersOf, World } from './context';

/** Recording, correcting and deleting encounters (each answers with the person's view). */
export function encounterHandlers(world: World, journal: UndoJournal): HandlersOf<'encounter.record' | 'encounter.update' | 'encounter.delete'> {
  const now = () => world.now().getTime();
  return {
    async 'encounter.record'(payload, { db, changed }) {
      const { photoUrl, ...input } = payload;
      const existing = input.personId
        ? await getPerson(db, input.personId)
        : input.profile
          ? await findPersonByKeys(db, input.profile.keys)
          : undefined;
      // Fetch the face only for someone not yet pictured, and outside the transaction.
      const photoDataUrl = photoUrl && !existing?.hasPhoto ? await world.thumbnail(photoUrl) : undefined;
      const settings = await world.settings();
      const { person } = await recordEncounter(
        db,
        { ...input, ...(photoDataUrl ? { photoDataUrl } : {}), defaultCadenceDays: settings.defaultCadenceDays },
        now(),
        localDay(world.now()),
      );
      changed([person.id]);
      return personView(db, person);
    },
    async 'encounter.update'({ id, encounter }, { db, changed }) {
      const p = await updateEncounter(db, id, encounter, now());
      changed([p.id]);
      return personView(db, p);
    },
    async 'encounter.delete'({ id }, { db, changed }) {
      const { result: p, changes } = await undoable(db, (tx) => encounterRecords(tx, id), (tx) => deleteEncounter(tx, id, now()));
      changed([p.id]);
      return { ...(await personView(db, p)), undo: journal.keep(changes) };
    },
  };
}
