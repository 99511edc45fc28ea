/**
 * Every way a sync can fail, as one code the options page translates (locales/<lang>/options.json,
 * `sync.error.<code>`). The message is for logs and tests only; users see the translated code.
 */
// The list is the source of the SyncErrorCode type; its comments say what each code means.
// eslint-disable-next-line @typescript-eslint/no-unused-vars
const SYNC_ERROR_CODES = [
  /** The server URL is not https (or http on this machine itself), or not a URL. */
  'bad-url',
  /** Not a name CouchDB accepts for a database (lower case letter first; a-z 0-9 _$()+-/). */
  'bad-database-name',
  /** No answer at all: wrong host or port, server down, DNS, offline. */
  'unreachable',
  /** The TLS handshake failed: expired, self-signed or wrong-name certificate (only Node can tell; a
   * browser reports these as 'unreachable', so the UI mentions certificates for an https URL). */
  'tls',
  /** The server answered but is not CouchDB: no welcome at `/`. */
  'not-couchdb',
  /** 401: the username or password is wrong. */
  'unauthorized',
  /** 403, or a 401 for a user the server did accept: this user may not read or write the database. */
  'forbidden',
  /** 404 on the database: it does not exist yet (the UI offers to create it). */
  'no-database',
  /** The database exists but holds no Kith sync document: it was never set up for Kith. */
  'not-set-up',
  /** The passphrase does not open this database's key check. Nothing was changed. */
  'wrong-passphrase',
  /** The request took longer than its timeout. */
  'timeout',
  /** 5xx, or an answer that is not the JSON CouchDB sends. */
  'server-error',
  /** A document changed on the server again and again while this device tried to save it. */
  'conflict',
  /** The sync was paused or disconnected while it ran. */
  'aborted',
  /** This browser could not store what came from the server (its storage full or failing). */
  'storage',
] as const;

export type SyncErrorCode = (typeof SYNC_ERROR_CODES)[number];

export class SyncError extends Error {
  readonly code: SyncErrorCode;
  /** The HTTP status when there was one. */
  readonly status?: number;

  constructor(code: SyncErrorCode, message: string, options?: { status?: number; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SyncError';
    this.code = code;
    this.status = options?.status;
  }
}

export function isSyncError(e: unknown, code?: SyncErrorCode): e is SyncError {
  return e instanceof SyncError && (code === undefined || e.code === code);
}
