/**
 * Derived person fields (the search index and the sort key), computed on every write by the data layer
 * and by the backup import, the merge and the Connections import: no file is ever trusted for them.
 */
import type { Encounter, Id, KithEvent, Person } from './types';
import { fold, words } from './text';

export type DerivedFields = Pick<Person, 'terms' | 'sortName'>;

/** The person fields the derived ones are computed from. */
export type DerivationSource = Pick<Person, 'name' | 'tags'> &
  Partial<Pick<Person, 'id' | 'company' | 'headline' | 'location'>>;

/**
 * `terms`: the unique words() of name, company, headline, location and tags, plus the places and event
 * names of the person's encounters (with the names of the events merged into those events), sorted (so
 * equal inputs give equal arrays whatever their order).
 * `sortName`: fold(name), trimmed.
 *
 * `encounters` may be only this person's encounters or any larger list: when the person has an id,
 * encounters of other people are ignored. `events` resolves encounter.eventId to a name: an array of
 * events, or a Map from id to the event or to its name (a Map is faster when called for many people).
 */
export function derivePersonFields(
  person: DerivationSource,
  encounters?: readonly Encounter[],
  events?: readonly KithEvent[] | ReadonlyMap<Id, KithEvent | string>,
): DerivedFields {
  // words() runs once over all the texts, joined by a separator it splits on.
  const texts: string[] = [];
  const add = (text: string | undefined) => {
    if (text && !texts.includes(text)) texts.push(text);
  };
  add(person.name);
  add(person.company);
  add(person.headline);
  add(person.location);
  for (const tag of person.tags) add(tag);
  if (encounters && encounters.length > 0) {
    const byId =
      events === undefined ? undefined : events instanceof Map ? events : indexEvents(events as readonly KithEvent[]);
    for (const e of encounters) {
      if (person.id !== undefined && e.personId !== person.id) continue;
      add(e.place);
      if (e.eventId && byId) {
        const ev = byId.get(e.eventId);
        if (typeof ev === 'string') add(ev);
        else if (ev) {
          add(ev.name);
          for (const name of ev.mergedNames ?? []) add(name);
        }
      }
    }
  }
  const terms = [...new Set(words(texts.join('\n')))].sort();
  return { terms, sortName: fold(person.name).trim() };
}

function indexEvents(events: readonly KithEvent[]): Map<Id, KithEvent> {
  const map = new Map<Id, KithEvent>();
  for (const ev of events) map.set(ev.id, ev);
  return map;
}
