import type { Payload, PersonView } from '@/utils/messages';

type PersonPatch = Payload<'person.update'>['patch'];

/** Pauses before each new try of a failed save: 2 s, 5 s, 15 s, then every 30 s while the page is open. */
export const RETRY_DELAYS = [2e3, 5e3, 15e3];
const RETRY_EVERY = 3e4;

/**
 * Two changes as one, the later winning field by field (follow-up fields too). Also lays the
 * changes not stored yet over the stored person, for the screen.
 */
export const join = <T extends PersonPatch>(a?: T, b?: PersonPatch): T | undefined =>
  (a && b ? { ...a, ...b, followUp: { ...a.followUp, ...b.followUp } } : (a ?? b)) as T | undefined;

export interface Autosaver {
  /** Adds a change and sends it (see unsaved() for when it is stored). */
  change: (patch: PersonPatch) => void;
  /** The changes not stored yet (sent and unanswered, failed, or waiting for a save in flight). */
  unsaved: () => PersonPatch | undefined;
  /** Why the last try failed; empty once a save lands. */
  error: string;
}

/**
 * Stores one person's fields as the user changes them, one save at a time (the background may try a
 * failed write again, so a save in flight could otherwise land after a newer one). Each save sends
 * all the changes not stored yet, joined. A failed save (no room left, the database closed) is never
 * dropped: the changes stay unsaved and are sent again after a pause (RETRY_DELAYS), or at once with
 * the user's next change, until a save lands with nothing newer waiting. `report` hears of each
 * answer (the stored person, or nothing after a failed try: see `error`) and each change.
 */
export function autosaver(save: (patch: PersonPatch) => Promise<PersonView>, report: (view?: PersonView) => void): Autosaver {
  let unsaved: PersonPatch | undefined;
  let sending = false;
  let tries = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    clearTimeout(timer);
    const patch = unsaved;
    if (sending || !patch) return;
    sending = true;
    save(patch).then(
      (view) => {
        sending = false;
        tries = 0;
        saver.error = '';
        // Changes made while this save was on its way go next; the rest is stored.
        if (unsaved === patch) unsaved = undefined;
        report(view);
        flush();
      },
      (e: Error) => {
        sending = false;
        saver.error = e.message;
        report();
        timer = setTimeout(flush, RETRY_DELAYS[tries++] ?? RETRY_EVERY);
      },
    );
  };
  // The page goes away (a reload, a navigation, the tab closing) while a change waits, behind the save
  // in flight or for its next try after a failure: send everything not stored yet now, or it would be
  // lost with the page. Fields are set, not added, so this save landing beside another stores the same person.
  globalThis.addEventListener?.('pagehide', () => {
    if (unsaved) void save(unsaved).catch(() => undefined);
  });
  const saver: Autosaver = {
    change: (patch) => {
      unsaved = join(unsaved, patch);
      flush();
      report();
    },
    unsaved: () => unsaved,
    error: '',
  };
  return saver;
}
