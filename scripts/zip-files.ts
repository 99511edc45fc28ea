// Reading the store packages `npm run zip` makes, and comparing sets of files byte for byte, for
// scripts/check-zip.mjs (Node runs this file with its types stripped). A small reader of our own: the
// zips are WXT's (stored or deflated entries, no zip64, no encryption), and Node has inflate and CRC-32
// built in, so no package is needed.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, relative, sep } from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_ENTRY = 0x02014b50;
const LOCAL_ENTRY = 0x04034b50;

/** The files in a zip archive (directories left out): path inside the archive → contents. */
export function readZip(zip: string | Buffer): Map<string, Buffer> {
  const buf = Buffer.isBuffer(zip) ? zip : readFileSync(zip);
  let end = -1;
  // The end record is the last 22 bytes, unless the archive carries a comment (at most 65,535 bytes).
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('not a zip archive (no end of central directory)');
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(at) !== CENTRAL_ENTRY) throw new Error(`broken central directory at byte ${at}`);
    const flags = buf.readUInt16LE(at + 8);
    const method = buf.readUInt16LE(at + 10);
    const crc = buf.readUInt32LE(at + 16);
    const packedSize = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const skip = nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + skip;
    if (name.endsWith('/')) continue;
    if (flags & 1) throw new Error(`${name}: encrypted entries are not read`);
    if (packedSize === 0xffffffff || local === 0xffffffff) throw new Error(`${name}: zip64 entries are not read`);
    if (buf.readUInt32LE(local) !== LOCAL_ENTRY) throw new Error(`${name}: broken local header`);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const packed = buf.subarray(start, start + packedSize);
    let data: Buffer;
    if (method === 0) data = Buffer.from(packed);
    else if (method === 8) data = inflateRawSync(packed);
    else throw new Error(`${name}: compression method ${method} is not read`);
    if (data.length !== size || crc32(data) !== crc) throw new Error(`${name}: contents do not match the archive's size and CRC-32`);
    files.set(name, data);
  }
  return files;
}

/** Unpacks `files` (from readZip) into `dir`, refusing any path that would land outside it. */
export function writeFiles(files: Map<string, Buffer>, dir: string): void {
  for (const [name, data] of files) {
    const path = normalize(join(dir, name));
    if (isAbsolute(name) || relative(dir, path).startsWith('..')) throw new Error(`${name}: outside the archive's folder`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, data);
  }
}

/** Every file under `dir`: path relative to it (with `/`) → contents. */
export function readDir(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(dir, path).split(sep).join('/'), readFileSync(path));
  }
  return files;
}

/**
 * What differs between two sets of files, one line per file, sorted by path: a file only on one side,
 * or the same path with other bytes (both sizes and the first byte that differs). Empty when identical.
 */
export function compareFiles(
  expected: Map<string, Buffer>,
  actual: Map<string, Buffer>,
  names = { expected: 'expected', actual: 'actual' },
): string[] {
  const lines: string[] = [];
  for (const path of [...new Set([...expected.keys(), ...actual.keys()])].sort()) {
    const a = expected.get(path);
    const b = actual.get(path);
    if (!b) lines.push(`${path}: only in ${names.expected}`);
    else if (!a) lines.push(`${path}: only in ${names.actual}`);
    else if (!a.equals(b)) {
      let i = 0;
      while (i < a.length && i < b.length && a[i] === b[i]) i++;
      lines.push(`${path}: differs from byte ${i} (${names.expected} ${a.length} B, ${names.actual} ${b.length} B)`);
    }
  }
  return lines;
}
