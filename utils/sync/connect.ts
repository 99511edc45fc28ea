/**
 * "Connect" on the options page: check the server, then open (or set up) the database's encryption.
 * Nothing is written anywhere, here or on the server, until the passphrase is known to be right.
 */
import { checkConnection, type CouchClient } from './couch';
import { createSyncMeta, META_DOC_ID, parseSyncMeta, unlock, type SyncKeys, type SyncMeta } from './crypto';
import { SyncError } from './errors';

export interface OpenedSync {
  meta: SyncMeta;
  keys: SyncKeys;
  /** True when this call set the database up (the first device). */
  created: boolean;
}

/**
 * Opens an existing Kith database with the passphrase, or, with `setUp`, makes an empty database a
 * Kith one. Errors: every code of checkConnection, 'not-set-up' (no kith-sync document; or one to set
 * up that already holds other documents), 'wrong-passphrase'.
 */
export async function openSync(client: CouchClient, passphrase: string, options: { setUp?: boolean } = {}): Promise<OpenedSync> {
  if (!passphrase) throw new SyncError('wrong-passphrase', 'No passphrase, no sync');
  const { database } = await checkConnection(client);
  const doc = await client.getDoc(META_DOC_ID);
  if (doc) {
    const meta = parseSyncMeta(doc);
    return { meta, keys: await unlock(meta, passphrase), created: false };
  }
  if (!options.setUp) throw new SyncError('not-set-up', 'This database has not been set up for Kith');
  // Kith's documents are meant to be the only ones in its database; never mix them into another's.
  if (database && database.doc_count > 0) throw new SyncError('not-set-up', 'This database already holds documents that are not Kith\'s');
  const { meta, keys } = await createSyncMeta(passphrase);
  try {
    await client.putDoc({ _id: META_DOC_ID, ...meta });
  } catch (e) {
    // Another device set it up at the same moment: open theirs.
    if (e instanceof SyncError && e.code === 'conflict') return openSync(client, passphrase);
    throw e;
  }
  return { meta, keys, created: true };
}
