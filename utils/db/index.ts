import { openDB, type IDBPDatabase } from 'idb';
import { DB_NAME, DB_VERSION, type KithSchema } from './schema';
import { upgrade } from './migrations';

export type KithDb = IDBPDatabase<KithSchema>;

const open = new Map<string, Promise<KithDb>>();

/**
 * Opens (and upgrades) the database once per name. If the browser closes the connection under us
 * (`terminated`) or a newer version of Kith in another context needs to upgrade (`blocking`), the
 * cached connection is dropped so the next call opens a fresh one.
 */
export function openKithDb(name: string = DB_NAME): Promise<KithDb> {
  let pending = open.get(name);
  if (!pending) {
    pending = openDB<KithSchema>(name, DB_VERSION, {
      upgrade,
      blocked() {
        console.warn('Kith: database upgrade waits for an older Kith page to close');
      },
      blocking() {
        open.delete(name);
        void pending?.then((db) => db.close());
      },
      terminated() {
        open.delete(name);
      },
    });
    pending.catch(() => open.delete(name));
    open.set(name, pending);
  }
  return pending;
}

/** Closes and forgets a connection (tests, delete-all). */
export async function closeKithDb(name: string = DB_NAME): Promise<void> {
  const pending = open.get(name);
  open.delete(name);
  if (pending) (await pending).close();
}
