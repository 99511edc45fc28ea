import type { DBSchema } from 'idb';
import type { Encounter, KithEvent, Person, Photo } from '../types';

export const DB_NAME = 'kith';
/** Bump with a new step in migrations.ts and a test in tests/unit/db/migrations.test.ts. */
export const DB_VERSION = 2;

export interface KithSchema extends DBSchema {
  people: {
    key: string;
    value: Person;
    indexes: {
      /** Every profile key of every person: unique, so one key can never name two people. */
      byKey: string;
      /** followUp.due; people without a due date are not in this index at all. */
      byDue: string;
      bySortName: string;
      byTag: string;
      /** The search words (multi-entry): prefix search without loading everyone. */
      byTerm: string;
      byLastTouch: string;
    };
  };
  encounters: {
    key: string;
    value: Encounter;
    indexes: {
      byPerson: string;
      byEvent: string;
      byIntroducer: string;
      byDate: string;
    };
  };
  events: {
    key: string;
    value: KithEvent;
    indexes: { byStart: string; byName: string };
  };
  photos: {
    key: string;
    value: Photo;
  };
}

export type StoreName = 'people' | 'encounters' | 'events' | 'photos';
export const ALL_STORES: StoreName[] = ['people', 'encounters', 'events', 'photos'];
