import type { DBSchema } from 'idb';
import type { Encounter, KithEvent, Person, Photo } from '../model/types';

export const DB_NAME = 'kith';
/** Bump with a new step in migrations.ts and a test in tests/unit/db/migrations.test.ts. */
export const DB_VERSION = 5;

export interface KithSchema extends DBSchema {
  people: {
    key: string;
    value: Person;
    indexes: {
      /** Every profile key of every person: unique, so one key can never name two people. */
      byKey: string;
      /** followUp.due; people without a due date are not in this index at all. */
      byDue: string;
      byTag: string;
    };
  };
  encounters: {
    key: string;
    value: Encounter;
    indexes: {
      byPerson: string;
      byEvent: string;
      byIntroducer: string;
    };
  };
  events: {
    key: string;
    value: KithEvent;
    indexes: { byName: string };
  };
  photos: {
    key: string;
    value: Photo;
  };
  /** Small records about the store itself, written in the same transaction as what they describe. */
  meta: {
    key: string;
    value: ImportReceipt;
  };
}

/**
 * Written in the import's own transaction: if it is there, the whole import is; if the worker was
 * stopped before the commit, neither is. The page asks for it by id to tell the user which.
 */
export interface ImportReceipt {
  key: 'lastImport';
  id: string;
  kind: 'backup' | 'connections';
  at: number;
  report: unknown;
}

export type StoreName = 'people' | 'encounters' | 'events' | 'photos' | 'meta';
export const ALL_STORES: StoreName[] = ['people', 'encounters', 'events', 'photos', 'meta'];
