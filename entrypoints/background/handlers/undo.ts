import { undoChanges } from '@/utils/db/undo';
import { t } from '@/utils/i18n';
import type { UndoJournal } from '../undo';
import type { HandlersOf, World } from './context';

/** Undoing a recent write (a delete, Done, Snooze) by the token its reply carried. */
export function undoHandlers(world: World, journal: UndoJournal): HandlersOf<'change.undo'> {
  return {
    async 'change.undo'({ token }, { db, changed }) {
      const changes = journal.get(token);
      if (!changes) throw new RangeError(t('errorUndoExpired'));
      const personIds = await undoChanges(db, changes, world.now().getTime());
      journal.forget(token);
      changed(personIds);
      return { personIds };
    },
  };
}
