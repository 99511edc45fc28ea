import type { Encounter, KithEvent, Person } from './types';
import { fold, words } from './text';

/**
 * The derived fields of a person: the search words (name, company, headline, location, tags, and
 * the places and event names of their encounters) and the sort name. Computed on every write, never
 * trusted from a file.
 */
export function derivePersonFields(
  person: Pick<Person, 'name' | 'company' | 'headline' | 'location' | 'tags'>,
  encounters: Pick<Encounter, 'place' | 'eventId'>[] = [],
  eventNames: ReadonlyMap<string, string> = new Map(),
): { terms: string[]; sortName: string } {
  const texts = [person.name, person.company, person.headline, person.location, ...(person.tags ?? [])];
  for (const e of encounters) {
    texts.push(e.place);
    if (e.eventId) texts.push(eventNames.get(e.eventId));
  }
  const terms = new Set<string>();
  for (const t of texts) for (const w of words(t)) terms.add(w);
  return { terms: [...terms].sort(), sortName: fold(person.name ?? '').trim() };
}

export function eventNameMap(events: Pick<KithEvent, 'id' | 'name'>[]): Map<string, string> {
  return new Map(events.map((e) => [e.id, e.name]));
}
