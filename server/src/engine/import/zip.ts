/**
 * A zip archive's entries from its bytes (a Slack export's .zip), for the CLI (a file) and the server (base64 from
 * the client). Node's zlib inflates; the web build has none (the browser server says so before calling this).
 */
import { inflateRawSync } from 'node:zlib';

const MAX_ENTRY_BYTES = 10 * 1024 * 1024;

export type ZipEntry = { name: string; data: Buffer } | { name: string; error: string };

/**
 * The entries of a zip archive (stored or deflated, as Slack writes its exports), read from its central directory.
 * No ZIP64, no encryption: those entries are listed with why.
 */
export function readZip(buf: Buffer): { entries: ZipEntry[] } | { error: string } {
  // The end of central directory record: its signature, within the last 64 KiB (the comment's room).
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return { error: 'not a zip archive (no central directory)' };
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) return { error: 'a damaged zip archive (central directory)' };
    const flags = buf.readUInt16LE(at + 8);
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLen).toString('utf8');
    at += 46 + nameLen + extraLen + commentLen;
    if (name.endsWith('/')) continue;
    if (flags & 1) {
      entries.push({ name, error: 'encrypted in the zip' });
      continue;
    }
    if (size > MAX_ENTRY_BYTES || compressed === 0xffffffff) {
      entries.push({ name, error: 'larger than 10 MB' });
      continue;
    }
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) {
      entries.push({ name, error: 'a damaged zip entry' });
      continue;
    }
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + compressed);
    try {
      if (method === 0) entries.push({ name, data: Buffer.from(raw) });
      else if (method === 8) entries.push({ name, data: inflateRawSync(raw, { maxOutputLength: MAX_ENTRY_BYTES }) });
      else entries.push({ name, error: `compressed with method ${method}, which is not read` });
    } catch (e) {
      entries.push({ name, error: `cannot be inflated (${(e as Error).message})` });
    }
  }
  return { entries };
}
