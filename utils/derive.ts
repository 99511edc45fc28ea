/**
 * Derived person fields (the search words and the sort key), computed on every write by the data layer
 * and by the backup import, the merge and the Connections import: no file is ever trusted for them.
 */
import type { Encounter, Id, KithEvent, Person } from './model/types';
import { fieldsWhere, type PersonFieldName } from './model/person-fields';
import { fold, words } from './text';

export type DerivedFields = Pick<Person, 'terms' | 'sortName'>;

/** The fields search finds people by (`search` in the field table). */
export const SEARCHED_FIELDS = fieldsWhere('search');

/** The person fields the derived ones are computed from. */
export type DerivationSource = Pick<Person, 'name'> & Partial<Pick<Person, 'id' | PersonFieldName>>;

/**
 * `terms`: the unique words() of the fields search finds people by (SEARCHED_FIELDS: name, headline,
 * company, location, tags), plus the places and event names of the person's encounters (with the
 * names of the events merged into those events), sorted (so equal inputs give equal arrays whatever
 * their order).
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
  for (const name of SEARCHED_FIELDS) {
    const value: unknown = person[name];
    if (typeof value === 'string') add(value);
    else if (Array.isArray(value)) for (const item of value) if (typeof item === 'string') add(item);
  }
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
