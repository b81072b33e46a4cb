import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { collectSources } from '../../server/src/cli/importSources';
import { readZip } from '../../server/src/engine/import/zip';
import { readSources } from '../../server/src/engine/import';

const dir = join(__dirname, '..', 'fixtures', 'import');

describe('import sources (Node): files, folders, zips', () => {
  it("a channel folder brings the export's users.json beside it, and keeps the channel in the names", () => {
    const s = collectSources([join(dir, 'slack', 'inc-checkout')]);
    assert.deepEqual(
      s.files.map((f) => f.name),
      ['inc-checkout/2024-06-08.json', 'inc-checkout/2024-06-09.json', 'users.json'],
    );
    const r = readSources(s.files);
    assert.equal(r.records.length, 8);
    assert.equal(r.records[5]!.author, 'Lin Chen', 'named from users.json');
  });

  it('an export folder is read whole', () => {
    const s = collectSources([join(dir, 'slack')]);
    assert.ok(s.files.some((f) => f.name === 'slack/users.json'));
    assert.equal(readSources(s.files).records.length, 8);
  });

  it('an export zip reads like the folder', () => {
    const s = collectSources([join(dir, 'slack-export.zip')]);
    assert.deepEqual(s.problems, []);
    assert.ok(s.files.some((f) => f.name === 'slack-export/inc-checkout/2024-06-09.json'));
    const r = readSources(s.files);
    assert.equal(r.records.length, 8);
    assert.equal(r.unreadable.length, 1);
  });

  it('lists what it cannot read instead of throwing', () => {
    const s = collectSources([join(dir, 'nope.json'), join(dir, 'lines', 'chat.txt')]);
    assert.equal(s.files.length, 1);
    assert.deepEqual(
      s.problems.map((p) => p.reason),
      ['no such file or folder'],
    );
    assert.ok('error' in readZip(Buffer.from('not a zip at all, not even close to one')));
  });

  it('readZip: stored and deflated entries', () => {
    const entry = (name: string, data: Buffer, method: number, raw: Buffer) => ({ name, data, method, raw });
    const a = Buffer.from('[{"ts":"1717888000.000100","text":"hi"}]');
    const entries = [entry('c/2024-06-08.json', a, 8, deflateRawSync(a)), entry('b.txt', Buffer.from('x'), 0, Buffer.from('x'))];
    const locals: Buffer[] = [];
    const centrals: Buffer[] = [];
    let offset = 0;
    for (const e of entries) {
      const name = Buffer.from(e.name);
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(e.method, 8);
      local.writeUInt32LE(e.raw.length, 18);
      local.writeUInt32LE(e.data.length, 22);
      local.writeUInt16LE(name.length, 26);
      const central = Buffer.alloc(46);
      central.writeUInt32LE(0x02014b50, 0);
      central.writeUInt16LE(e.method, 10);
      central.writeUInt32LE(e.raw.length, 20);
      central.writeUInt32LE(e.data.length, 24);
      central.writeUInt16LE(name.length, 28);
      central.writeUInt32LE(offset, 42);
      locals.push(local, name, e.raw);
      centrals.push(central, name);
      offset += 30 + name.length + e.raw.length;
    }
    const cd = Buffer.concat(centrals);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(entries.length, 8);
    end.writeUInt16LE(entries.length, 10);
    end.writeUInt32LE(cd.length, 12);
    end.writeUInt32LE(offset, 16);
    const zip = readZip(Buffer.concat([...locals, cd, end]));
    assert.ok('entries' in zip);
    assert.deepEqual(
      zip.entries.map((e) => ('data' in e ? [e.name, e.data.toString()] : [e.name, e.error])),
      [
        ['c/2024-06-08.json', a.toString()],
        ['b.txt', 'x'],
      ],
    );
  });
});
