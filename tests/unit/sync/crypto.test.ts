import { describe, expect, it } from 'vitest';
import {
  createSyncMeta,
  decrypt,
  docId,
  encrypt,
  fromBase64,
  KDF_ITERATIONS,
  META_DOC_ID,
  parseSyncMeta,
  toBase64,
  unlock,
} from '../../../utils/sync/crypto';
import { isSyncError } from '../../../utils/sync/errors';

const PASSPHRASE = 'correct horse battery staple';

describe('sync encryption', () => {
  it('derives keys with PBKDF2-SHA-256 at 600,000 iterations and a random salt, kept in the meta document', async () => {
    const a = await createSyncMeta(PASSPHRASE);
    const b = await createSyncMeta(PASSPHRASE);
    expect(a.meta.kdf).toMatchObject({ name: 'PBKDF2', hash: 'SHA-256', iterations: KDF_ITERATIONS });
    expect(KDF_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    expect(fromBase64(a.meta.kdf.salt)).toHaveLength(16);
    expect(a.meta.kdf.salt).not.toBe(b.meta.kdf.salt);
    expect(a.meta.syncId).not.toBe(b.meta.syncId);
    // The meta document is plain JSON with nothing of the passphrase in it.
    expect(JSON.stringify(a.meta)).not.toContain(PASSPHRASE);
    expect(parseSyncMeta(JSON.parse(JSON.stringify(a.meta)))).toEqual(a.meta);
  });

  it('round-trips a record, with a fresh 96-bit IV each time', async () => {
    const { keys } = await createSyncMeta(PASSPHRASE);
    const record = { name: 'Anna Nowak', notes: 'Zażółć gęślą jaźń 🎉', tags: ['vc'] };
    const one = await encrypt(keys, 'doc1', record);
    const two = await encrypt(keys, 'doc1', record);
    expect(fromBase64(one.iv)).toHaveLength(12);
    expect(one.iv).not.toBe(two.iv);
    expect(one.ct).not.toBe(two.ct);
    expect(await decrypt(keys, 'doc1', one)).toEqual(record);
    expect(one.ct).not.toContain('Anna');
  });

  it('refuses ciphertext moved to another document id, or altered', async () => {
    const { keys } = await createSyncMeta(PASSPHRASE);
    const blob = await encrypt(keys, 'doc1', { name: 'Anna' });
    await expect(decrypt(keys, 'doc2', blob)).rejects.toThrow();
    const bytes = fromBase64(blob.ct);
    bytes[0] ^= 1;
    await expect(decrypt(keys, 'doc1', { iv: blob.iv, ct: toBase64(bytes) })).rejects.toThrow();
  });

  it('opens with the right passphrase and names a wrong one before anything else', async () => {
    const { meta, keys } = await createSyncMeta(PASSPHRASE);
    const blob = await encrypt(keys, 'doc1', { name: 'Anna' });
    const again = await unlock(meta, PASSPHRASE);
    expect(await decrypt(again, 'doc1', blob)).toEqual({ name: 'Anna' });
    const wrong = await unlock(meta, 'Correct horse battery staple').catch((e: unknown) => e);
    expect(isSyncError(wrong, 'wrong-passphrase')).toBe(true);
    await expect(unlock(meta, '')).rejects.toMatchObject({ code: 'wrong-passphrase' });
  });

  it('refuses a meta document that asks for fewer iterations or a newer format', async () => {
    const { meta } = await createSyncMeta(PASSPHRASE);
    expect(() => parseSyncMeta({ ...meta, kdf: { ...meta.kdf, iterations: 1000 } })).toThrow(expect.objectContaining({ code: 'not-set-up' }));
    expect(() => parseSyncMeta({ ...meta, version: 2 })).toThrow(expect.objectContaining({ code: 'not-set-up' }));
    expect(() => parseSyncMeta({ _id: META_DOC_ID })).toThrow(expect.objectContaining({ code: 'not-set-up' }));
  });

  it('gives each record the same random-looking id on every device, revealing neither type nor id', async () => {
    const { meta, keys } = await createSyncMeta(PASSPHRASE);
    const otherDevice = await unlock(meta, PASSPHRASE);
    const id = await docId(keys, 'person', 'anna-nowak-1');
    expect(await docId(otherDevice, 'person', 'anna-nowak-1')).toBe(id);
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(id).not.toContain('person');
    expect(id).not.toContain('anna');
    expect(await docId(keys, 'encounter', 'anna-nowak-1')).not.toBe(id);
    expect(await docId(keys, 'person', 'anna-nowak-2')).not.toBe(id);
    // Another sync set (another salt) gives other ids for the same record.
    const { keys: elsewhere } = await createSyncMeta(PASSPHRASE);
    expect(await docId(elsewhere, 'person', 'anna-nowak-1')).not.toBe(id);
  });

  it('keeps the id key separate from the content key', async () => {
    const { keys } = await createSyncMeta(PASSPHRASE);
    expect(keys.content.algorithm.name).toBe('AES-GCM');
    expect(keys.ids.algorithm.name).toBe('HMAC');
    expect(keys.content.extractable).toBe(false);
    expect(keys.ids.extractable).toBe(false);
  });
});
