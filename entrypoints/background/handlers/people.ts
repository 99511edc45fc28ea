import { findPersonByKeys, getPerson, listIntroductions, listTags, searchPeople } from '@/utils/db/people';
import { matchReason, pagePeople } from '@/utils/db/people-search';
import { deletePerson, updatePerson } from '@/utils/db/writes';
import { linkProfile, peopleNamed, unlinkSite } from '@/utils/db/link';
import { photosOf } from '@/utils/db/reads';
import { CAPS, cleanLine, fold } from '@/utils/text';
import { localDay } from '@/utils/dates';
import { linkSuggestion, networkRow, personSummary, personView } from '../views';
import { peopleOf, personRecords, undoable } from '@/utils/db/undo';
import type { UndoJournal } from '../undo';
import type { HandlersOf, World } from './context';

/** Finding, editing, linking and listing people. */
export function peopleHandlers(world: World, journal: UndoJournal): HandlersOf<
  | 'person.lookup'
  | 'person.get'
  | 'person.update'
  | 'person.link'
  | 'person.unlink'
  | 'person.sameName'
  | 'person.delete'
  | 'people.search'
  | 'people.photos'
  | 'people.list'
  | 'tags.list'
  | 'introductions.list'
> {
  const { listCache } = world.changes;
  const now = () => world.now().getTime();
  return {
    async 'person.lookup'({ keys }, { db }) {
      const p = await findPersonByKeys(db, keys);
      return p ? personView(db, p) : null;
    },
    async 'person.get'({ id }, { db }) {
      const p = await getPerson(db, id);
      return p ? personView(db, p) : null;
    },
    async 'person.update'({ id, patch }, { db, changed }) {
      const p = await updatePerson(db, id, patch, now());
      changed([p.id]);
      return personView(db, p);
    },
    async 'person.link'({ personId, profile }, { db, changed }) {
      const { person, mergedId } = await linkProfile(db, personId, profile, now());
      changed(mergedId ? [person.id, mergedId] : [person.id]);
      return personView(db, person);
    },
    async 'person.unlink'({ personId, site }, { db, changed }) {
      const p = await unlinkSite(db, personId, site, now());
      changed([p.id]);
      return personView(db, p);
    },
    async 'person.sameName'({ name }, { db }) {
      const people = await peopleNamed(db, fold(cleanLine(name, CAPS.name)).trim(), 3, listCache);
      return Promise.all(people.map((p) => linkSuggestion(db, p)));
    },
    async 'person.delete'({ id }, { db, changed }) {
      const { changes } = await undoable(db, (tx) => personRecords(tx, id), (tx) => deletePerson(tx, id, now()));
      // Also the people they introduced: their encounters now name the introducer as text.
      changed([...new Set([id, ...peopleOf(changes)])]);
      return { undo: journal.keep(changes) };
    },
    async 'people.search'({ query, limit }, { db }) {
      const people = await searchPeople(db, query, limit ?? 20, listCache);
      return Promise.all(
        people.map(async (p) => {
          const [summary, matched] = await Promise.all([personSummary(db, p), matchReason(db, p, query)]);
          return matched ? { ...summary, matched } : summary;
        }),
      );
    },
    async 'people.photos'({ ids }, { db }) {
      const photos = await photosOf(db, ids);
      return Object.fromEntries([...photos].map(([id, p]) => [id, p.dataUrl]));
    },
    async 'people.list'({ offset, limit, sort, filter, fresh }, { db }) {
      if (fresh) listCache.clear();
      const page = await pagePeople(db, { offset, limit, sort, filter }, localDay(world.now()), listCache);
      return { offset, total: page.total, rows: await Promise.all(page.people.map((p) => networkRow(db, p))) };
    },
    async 'tags.list'(_p, { db }) {
      return listTags(db);
    },
    async 'introductions.list'(_p, { db }) {
      return listIntroductions(db);
    },
  };
}
