/**
 * End-to-end encryption of synced records, with WebCrypto only (the same code runs in the service
 * worker, the extension pages and Node 22).
 *
 * The passphrase never leaves the device. PBKDF2-SHA-256 turns it, with a random salt kept on the
 * server, into a master secret; HKDF turns that into two independent keys: one AES-GCM key for the
 * documents' content and one HMAC key for their ids. Keys are created non-extractable, so they can be
 * kept in IndexedDB (structured clone) for the worker to resume after a restart without the passphrase.
 */
import { SyncError } from './errors';

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA-256; paid once when sync connects (the keys are kept), never per document. */
export const KDF_ITERATIONS = 600_000;
/** Below this a meta document is refused: a server must not be able to talk a device into weak keys. */
const MIN_KDF_ITERATIONS = 600_000;
/** The id of the plain document that says how to open this database (not `_local`: it must replicate). */
export const META_DOC_ID = 'kith-sync';
const FORMAT = 'kith-sync';
const FORMAT_VERSION = 1;
const CHECK_TEXT = 'kith-sync key check v1';
const te = new TextEncoder();
const td = new TextDecoder();

export interface EncryptedBlob {
  /** 96-bit IV, base64. */
  iv: string;
  /** AES-GCM ciphertext with its tag, base64. */
  ct: string;
}

/** The one plain document on the server: how to derive the keys, and a check that they are right. */
export interface SyncMeta {
  format: typeof FORMAT;
  version: number;
  /** Random; names this sync set so a device notices when it is pointed at a different database. */
  syncId: string;
  kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string };
  /** CHECK_TEXT encrypted under the content key: a wrong passphrase fails here, before anything. */
  check: EncryptedBlob;
}

export interface SyncKeys {
  /** AES-GCM, for documents' content. */
  content: CryptoKey;
  /** HMAC-SHA-256, for documents' ids. */
  ids: CryptoKey;
}

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

function hex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function deriveKeys(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<SyncKeys> {
  const password = await crypto.subtle.importKey('raw', te.encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveBits']);
  const master = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, password, 256);
  const hkdf = await crypto.subtle.importKey('raw', master, 'HKDF', false, ['deriveKey']);
  const params = (info: string) => ({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: te.encode(info) });
  const content = await crypto.subtle.deriveKey(params('kith-sync content v1'), hkdf, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  const ids = await crypto.subtle.deriveKey(params('kith-sync ids v1'), hkdf, { name: 'HMAC', hash: 'SHA-256', length: 256 }, false, ['sign']);
  return { content, ids };
}

/** A new database's meta document and its keys: a fresh salt and sync id. */
export async function createSyncMeta(passphrase: string, iterations = KDF_ITERATIONS): Promise<{ meta: SyncMeta; keys: SyncKeys }> {
  if (!passphrase) throw new SyncError('wrong-passphrase', 'An encryption passphrase is required');
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const keys = await deriveKeys(passphrase, salt, iterations);
  const meta: SyncMeta = {
    format: FORMAT,
    version: FORMAT_VERSION,
    syncId: hex(crypto.getRandomValues(new Uint8Array(16)).buffer),
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toBase64(salt) },
    check: await encrypt(keys, META_DOC_ID, CHECK_TEXT),
  };
  return { meta, keys };
}

/** Reads a meta document from the server, refusing anything this version cannot open safely. */
export function parseSyncMeta(doc: unknown): SyncMeta {
  const d = doc as Partial<SyncMeta> | null;
  const ok =
    d && d.format === FORMAT && typeof d.version === 'number' && typeof d.syncId === 'string' &&
    d.kdf?.name === 'PBKDF2' && d.kdf.hash === 'SHA-256' && Number.isInteger(d.kdf.iterations) &&
    typeof d.kdf.salt === 'string' && typeof d.check?.iv === 'string' && typeof d.check.ct === 'string';
  if (!ok) throw new SyncError('not-set-up', 'The database has a kith-sync document Kith cannot read');
  const version = d.version as number;
  if (version > FORMAT_VERSION) throw new SyncError('not-set-up', `kith-sync format ${version} is newer than this Kith`);
  if (d.kdf!.iterations < MIN_KDF_ITERATIONS) throw new SyncError('not-set-up', 'kith-sync asks for too few key iterations');
  return { format: FORMAT, version, syncId: d.syncId!, kdf: d.kdf!, check: d.check! };
}

/** The keys for an existing database, or 'wrong-passphrase' when its key check does not open. */
export async function unlock(meta: SyncMeta, passphrase: string): Promise<SyncKeys> {
  if (!passphrase) throw new SyncError('wrong-passphrase', 'An encryption passphrase is required');
  const keys = await deriveKeys(passphrase, fromBase64(meta.kdf.salt), meta.kdf.iterations);
  let check: unknown;
  try {
    check = await decrypt(keys, META_DOC_ID, meta.check);
  } catch {
    throw new SyncError('wrong-passphrase', 'The passphrase does not open this database');
  }
  if (check !== CHECK_TEXT) throw new SyncError('wrong-passphrase', 'The passphrase does not open this database');
  return keys;
}

/**
 * A record's document id on the server: the same on every device for the same record, and telling
 * the server neither the record's type nor its id.
 */
export async function docId(keys: SyncKeys, type: string, id: string): Promise<string> {
  return hex(await crypto.subtle.sign('HMAC', keys.ids, te.encode(`${type}:${id}`)));
}

/**
 * Encrypts any JSON value. The document id is authenticated with it (AES-GCM additional data), so a
 * server cannot pass one record's content off as another's.
 */
export async function encrypt(keys: SyncKeys, id: string, value: unknown): Promise<EncryptedBlob> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: te.encode(id) }, keys.content, te.encode(JSON.stringify(value)));
  return { iv: toBase64(iv), ct: toBase64(new Uint8Array(ct)) };
}

/** Throws (WebCrypto's OperationError) when the key, the id or the content does not match. */
export async function decrypt(keys: SyncKeys, id: string, blob: EncryptedBlob): Promise<unknown> {
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64(blob.iv), additionalData: te.encode(id) }, keys.content, fromBase64(blob.ct));
  return JSON.parse(td.decode(plain));
}
