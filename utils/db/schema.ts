import type { DBSchema } from 'idb';
import type { Encounter, KithEvent, Person, Photo, VoiceNote } from '../model/types';
import type { DrillCard, DrillReview } from '../drill/schedule';
import type { OutboxEntry, RevEntry } from '../sync/idb-store';

export const DB_NAME = 'kith';
/** Bump with a new step in migrations.ts and a test in tests/unit/db/migrations.test.ts. */
export const DB_VERSION = 6;

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
  /** One recall card per person with a face (or the name-to-context card without one): utils/drill. */
  drillCards: {
    key: string;
    value: DrillCard;
  };
  /** Every answer in the drill, append-only like encounters. */
  drillReviews: {
    key: string;
    value: DrillReview;
    indexes: { byPerson: string; byDay: string };
  };
  /** A short voice note per person ("how to say it"), stored like photos. */
  voiceNotes: {
    key: string;
    value: VoiceNote;
  };
  /** Sync's bookkeeping (utils/sync/idb-store.ts): records changed here since they last synced. */
  syncOutbox: {
    key: string;
    value: OutboxEntry;
  };
  /** The server's _rev of every synced record. */
  syncRevs: {
    key: string;
    value: RevEntry;
  };
  /** The checkpoint and the connection (keys out of line). */
  syncState: {
    key: string;
    value: unknown;
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


/** The stores that hold the user's data (a write or a delete-all works across all of them). */
export type StoreName = 'people' | 'encounters' | 'events' | 'photos' | 'meta' | 'drillCards' | 'drillReviews' | 'voiceNotes';
export const ALL_STORES: StoreName[] = ['people', 'encounters', 'events', 'photos', 'meta', 'drillCards', 'drillReviews', 'voiceNotes'];
/** Sync's own bookkeeping: cleared on disconnect, never part of a backup. */
export const SYNC_STORES = ['syncOutbox', 'syncRevs', 'syncState'] as const;
