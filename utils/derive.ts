/**
 * Derived person fields (the search words and the sort key), computed on every write by the data layer
 * and by the backup import, the merge and the Connections import: no file is ever trusted for them;
 * and what the encounters decide (the last touch, a cadence's due date) when one is deleted or edited.
 */
import type { Encounter, Id, KithEvent, LocalDay, Person } from './model/types';
import { fieldsWhere, type PersonFieldName } from './model/person-fields';
import { fold, words } from './text';
import { addDays, partialDateLastDay } from './dates';

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

/** What the encounters decide of a person: the last touch and, with a cadence, the due date it set. */
export type TouchFields = Pick<Person, 'lastTouch' | 'followUp'>;

/**
 * The last touch and follow-up after one of a person's encounters was deleted or edited (`changedDay`:
 * the last day that encounter covered before; `encounters`: the person's encounters now). A touch is
 * derived from its encounter, so when the encounter goes or moves, so does what it set:
 * - `lastTouch`: if the changed encounter made it (its old day is the last touch, or later), the latest
 *   day of the encounters now, or none when none are left; otherwise the later of the stored last touch
 *   (which an import may have set) and the encounters' latest.
 * - With a cadence, a due date the old last touch set (last touch + cadence) follows the new last touch
 *   (none without one); a due date the user set or snoozed stays as it is.
 * Absent fields stay absent (no undefined in a key).
 */
export function touchAfterChange(p: TouchFields, changedDay: LocalDay, encounters: readonly Pick<Encounter, 'date'>[]): TouchFields {
  let latest: LocalDay | undefined;
  for (const e of encounters) {
    const day = partialDateLastDay(e.date);
    if (!latest || day > latest) latest = day;
  }
  const madeByChanged = p.lastTouch !== undefined && changedDay >= p.lastTouch;
  const lastTouch = madeByChanged ? latest : p.lastTouch && latest ? (p.lastTouch > latest ? p.lastTouch : latest) : (p.lastTouch ?? latest);
  const followUp = { ...p.followUp };
  const cadence = followUp.cadenceDays;
  if (cadence && Number.isInteger(cadence) && cadence > 0 && p.lastTouch && lastTouch !== p.lastTouch && followUp.due === addDays(p.lastTouch, cadence)) {
    if (lastTouch) followUp.due = addDays(lastTouch, cadence);
    else delete followUp.due;
  }
  const out: TouchFields = { followUp };
  if (lastTouch) out.lastTouch = lastTouch;
  return out;
}
