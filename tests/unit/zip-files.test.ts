import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { compareFiles, readDir, readZip, writeFiles } from '../../scripts/zip-files.ts';

/** A zip archive as WXT writes one: local headers, then the central directory, then its end record. */
function zip(entries: { name: string; data?: string; deflate?: boolean }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data = '', deflate = false } of entries) {
    const raw = Buffer.from(data);
    const packed = deflate ? deflateRawSync(raw) : raw;
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(deflate ? 8 : 0, 8);
    local.writeUInt32LE(crc32(raw), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(deflate ? 8 : 0, 10);
    central.writeUInt32LE(crc32(raw), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const text = (files: Map<string, Buffer>) => Object.fromEntries([...files].map(([k, v]) => [k, v.toString()]));
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('reading the store packages', () => {
  it('reads stored and deflated files, and leaves directories out', () => {
    const files = readZip(zip([{ name: 'manifest.json', data: '{"name":"Kith"}' }, { name: 'icon/' }, { name: 'icon/readme.txt', data: 'zażółć '.repeat(50), deflate: true }]));
    expect(text(files)).toEqual({ 'manifest.json': '{"name":"Kith"}', 'icon/readme.txt': 'zażółć '.repeat(50) });
  });

  it('refuses a file whose bytes do not match its CRC-32, and what is not a zip', () => {
    const archive = zip([{ name: 'a.js', data: 'console.log(1)' }]);
    archive[30 + 'a.js'.length] ^= 1;
    expect(() => readZip(archive)).toThrow('a.js: contents do not match');
    expect(() => readZip(Buffer.from('not a zip at all, just some text'))).toThrow('not a zip archive');
  });

  it('unpacks into a folder and reads it back, refusing paths that leave it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kith-zip-test-'));
    dirs.push(dir);
    const files = readZip(zip([{ name: 'a.txt', data: 'A' }, { name: 'deep/er/b.txt', data: 'B', deflate: true }]));
    writeFiles(files, dir);
    expect(text(readDir(dir))).toEqual({ 'a.txt': 'A', 'deep/er/b.txt': 'B' });
    expect(() => writeFiles(new Map([['../escape.txt', Buffer.from('x')]]), dir)).toThrow('outside');
  });
});

describe('comparing a package with a rebuild', () => {
  const files = (o: Record<string, string>) => new Map(Object.entries(o).map(([k, v]) => [k, Buffer.from(v)]));

  it('says nothing when every file is the same', () => {
    expect(compareFiles(files({ 'a.js': 'x', 'b.js': 'y' }), files({ 'b.js': 'y', 'a.js': 'x' }))).toEqual([]);
  });

  it('names each file that differs, is missing or is extra, with the first byte that differs', () => {
    const differences = compareFiles(files({ 'a.js': 'abcdef', 'gone.js': '1', 'same.js': 's' }), files({ 'a.js': 'abXdefg', 'new.js': '2', 'same.js': 's' }), {
      expected: 'the package',
      actual: 'the rebuild',
    });
    expect(differences).toEqual(['a.js: differs from byte 2 (the package 6 B, the rebuild 7 B)', 'gone.js: only in the package', 'new.js: only in the rebuild']);
  });
});
