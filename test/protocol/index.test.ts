/**
 * `postmortem/index` over stdio against the built server: a generated workspace folder's postmortems as rows (not
 * its notes), and a closed file's timeline change reflected on the next ask.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TestClient } from './client';
import { generateFolder } from '../../bench/folder';
import type { IndexResult } from '../../shared/protocol';

describe('postmortem/index over stdio', () => {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pm-index-protocol-')));
  fs.writeFileSync(path.join(dir, '.postmortemrc.json'), '{ "root": true }\n');
  const docs = generateFolder(dir, 24, 5);
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ workspaceFolders: [pathToFileURL(dir).href] });
  });
  after(async () => {
    await client.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists every postmortem of the folder, with its figures, and the groups', async () => {
    const result = await client.request<IndexResult>('postmortem/index', {});
    const expected = docs.filter((d) => d.kind !== 'not-a-postmortem');
    assert.deepEqual(result.rows.map((r) => r.file).sort(), expected.map((d) => d.file).sort());
    for (const d of expected) {
      const row = result.rows.find((r) => r.file === d.file);
      assert.equal(row?.start, d.start, d.file);
      assert.equal(row?.durationMinutes, d.durationMinutes, d.file);
    }
    assert.equal(
      result.groups.reduce((n, g) => n + g.count, 0),
      expected.length,
    );
  });

  it('a closed file whose timeline changes is read again', async () => {
    const target = docs.find((d) => d.kind === 'dated' && d.shape === 'bullets');
    assert.ok(target);
    const file = path.join(dir, target.file);
    // The whole timeline moves one day later: the start follows.
    const text = fs.readFileSync(file, 'utf8');
    const day = new Date(target.start as number).toISOString().slice(0, 10);
    const next = new Date((target.start as number) + 86_400_000).toISOString().slice(0, 10);
    fs.writeFileSync(file, text.split(day).join(next));
    fs.utimesSync(file, new Date(), new Date(Date.now() + 10_000));
    const result = await client.request<IndexResult>('postmortem/index', { group: 'quarter' });
    assert.equal(result.rows.find((r) => r.file === target.file)?.start, (target.start as number) + 86_400_000);
  });
});

describe('postmortem/index over stdio: the first read of a large folder', () => {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pm-index-protocol-large-')));
  fs.writeFileSync(path.join(dir, '.postmortemrc.json'), '{ "root": true }\n');
  // Enough files for the server's worker threads (lsp/indexWorkers.ts, from 1000), short ones to keep the test quick.
  const docs = generateFolder(dir, 1100, 8, 900);
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ workspaceFolders: [pathToFileURL(dir).href], workDoneProgress: true });
  });
  after(async () => {
    await client.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports $/progress from 0 to every file, lists every postmortem, and answers a delta after', async () => {
    const result = await client.request<IndexResult>('postmortem/index', {});
    const expected = docs.filter((d) => d.kind !== 'not-a-postmortem');
    assert.deepEqual(result.rows.map((r) => r.file).sort(), expected.map((d) => d.file).sort());
    for (const d of expected) assert.equal(result.rows.find((r) => r.file === d.file)?.durationMinutes, d.durationMinutes, d.file);
    const created = client.progress.find((p) => 'create' in p);
    assert.ok(created && 'create' in created, JSON.stringify(client.progress.slice(0, 3)));
    const values = client.progress.flatMap((p) => ('token' in p && p.token === created.create ? [p.value] : []));
    assert.equal(values[0]?.kind, 'begin');
    assert.equal(values[0]?.title, 'Reading postmortems');
    assert.equal(values.at(-1)?.kind, 'end');
    const reports = values.filter((v) => v.kind === 'report');
    assert.ok(reports.length >= 2, `${reports.length} reports`);
    assert.equal(reports.at(-1)?.message, `${docs.length} of ${docs.length} files`);
    const percentages = reports.map((r) => r.percentage ?? -1);
    assert.deepEqual(
      percentages,
      [...percentages].sort((a, b) => a - b),
    );
    // Nothing changed since: an empty delta, and no second read.
    const count = client.progress.length;
    const delta = await client.request<IndexResult>('postmortem/index', { since: result.version });
    assert.deepEqual(delta.delta, { since: result.version, removed: [] });
    assert.deepEqual(delta.rows, []);
    assert.equal(client.progress.length, count);
  });
});
