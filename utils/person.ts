import type { Id, Person } from './model/types';

/** A new person record with nothing but a name: the one shape every way of creating a person starts from. */
export function blankPerson(name: string, now: number, id: Id = crypto.randomUUID()): Person {
  return {
    id,
    keys: [],
    name,
    urls: {},
    tags: [],
    notes: '',
    followUp: {},
    terms: [],
    sortName: '',
    createdAt: now,
    updatedAt: now,
  };
}
