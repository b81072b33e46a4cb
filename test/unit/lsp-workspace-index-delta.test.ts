/**
 * The server's `postmortem/index` as the Postmortems view asks it: with `since`, only the rows added or changed and
 * the URIs gone since that answer (a file changed, created, deleted, renamed; one saved unchanged sends nothing); an
 * unknown `since` gets the whole index. And the first read with worker threads: the same rows as in one thread, with
 * progress to the last file.
 */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver';
import { lint } from '../../server/src/engine';
import { resolveConfig } from '../../server/src/engine/config';
import { Analyzer } from '../../server/src/lsp/analysis';
import { createDocuments } from '../../server/src/lsp/documents';
import { nodeIndexHelpers } from '../../server/src/lsp/indexWorkers';
import { SettingsStore } from '../../server/src/lsp/settings';
import { URI } from '../../server/src/lsp/uri';
import { WorkspaceIndex, type WorkspaceIndexOptions } from '../../server/src/lsp/workspaceIndex';
import type { IndexResult } from '../../shared/protocol';
import { generateFolder } from '../../bench/folder';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function setup(count: number, options: WorkspaceIndexOptions = {}) {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pm-wsindex-delta-')));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, '.postmortemrc.json'), '{ "root": true }\n');
  const docs = generateFolder(dir, count, 5);
  let lints = 0;
  const store = new SettingsStore({} as Connection);
  store.init(false, undefined);
  const analyzer = new Analyzer(store, () => undefined, {
    lint: (text, o) => (lints++, lint(text, o)),
    resolveConfig: (f) => resolveConfig(f),
  });
  analyzer.workspaceFolders = [URI.fromPath(dir)];
  const index = new WorkspaceIndex(createDocuments(), analyzer, options);
  return { dir, docs, index, lints: () => lints };
}

const POSTMORTEM =
  '# Lost queue messages\n\n## Summary\n\nMessages were dropped for 20 minutes.\n\n## Timeline\n\n- 2024-05-02 09:00 UTC: deploy\n- 2024-05-02 09:20 UTC: resolved\n\n## Root cause\n\nA bad deploy.\n';

function later(file: string, seconds: number): void {
  fs.utimesSync(file, new Date(), new Date(Date.now() + seconds * 1000));
}

describe('workspace index deltas (postmortem/index with since)', () => {
  it('answers with what changed since the version asked about', async () => {
    const { dir, docs, index, lints } = setup(12);
    index.watchFiles();
    const whole = await index.index({});
    assert.equal(typeof whole.version, 'number');
    assert.equal(whole.delta, undefined);
    const v0 = whole.version as number;

    // Nothing changed: an empty delta, the same version.
    const none = await index.index({ since: v0 });
    assert.deepEqual(none.delta, { since: v0, removed: [] });
    assert.deepEqual(none.rows, []);
    assert.equal(none.version, v0);

    // A title changed on disk: that row alone.
    const target = docs.find((d) => d.kind === 'dated');
    assert.ok(target);
    const file = path.join(dir, target.file);
    const uri = URI.fromPath(file);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^# .*$/m, '# Changed title'));
    later(file, 5);
    const changed = await index.index({ since: v0, changes: [{ uri, type: 2 }] });
    assert.deepEqual(
      changed.rows.map((r) => [r.uri, r.title]),
      [[uri, 'Changed title']],
    );
    assert.ok((changed.version as number) > v0);
    assert.deepEqual(changed.groups, []);
    const v1 = changed.version as number;

    // Saved again with nothing the row shows changed: read again, nothing sent.
    fs.writeFileSync(file, `${fs.readFileSync(file, 'utf8')}\n`);
    later(file, 10);
    const before = lints();
    const same = await index.index({ since: v1, changes: [{ uri, type: 2 }] });
    assert.equal(lints(), before + 1);
    assert.deepEqual(same.rows, []);
    assert.equal(same.version, v1);

    // Created in a new subfolder, then renamed (deleted + created): listed and taken off without a walk.
    const created = path.join(dir, 'new', 'created.md');
    fs.mkdirSync(path.dirname(created));
    fs.writeFileSync(created, POSTMORTEM);
    const add = await index.index({ since: v1, changes: [{ uri: URI.fromPath(created), type: 1 }] });
    assert.deepEqual(
      add.rows.map((r) => [r.file, r.title]),
      [['new/created.md', 'Lost queue messages']],
    );
    const renamed = path.join(dir, 'new', 'renamed.md');
    fs.renameSync(created, renamed);
    const moved = await index.index({
      since: add.version as number,
      changes: [
        { uri: URI.fromPath(created), type: 3 },
        { uri: URI.fromPath(renamed), type: 1 },
      ],
    });
    assert.deepEqual(
      moved.rows.map((r) => r.file),
      ['new/renamed.md'],
    );
    assert.deepEqual(moved.delta?.removed, [URI.fromPath(created)]);

    // From v1 the delta holds both the rename's row and the one gone (created after v1, gone again: named as gone).
    const fromV1 = await index.index({ since: v1 });
    assert.deepEqual(
      fromV1.rows.map((r) => r.file),
      ['new/renamed.md'],
    );
    assert.deepEqual(fromV1.delta?.removed, [URI.fromPath(created)]);

    // Deleted: named as gone; the whole index agrees.
    fs.rmSync(file);
    const gone = await index.index({ since: moved.version as number, changes: [{ uri, type: 3 }] });
    assert.deepEqual(gone.rows, []);
    assert.deepEqual(gone.delta?.removed, [uri]);
    const all = await index.index({});
    assert.ok(!all.rows.some((r) => r.uri === uri));
    assert.ok(all.rows.some((r) => r.file === 'new/renamed.md'));
  });

  it('a deleted folder takes its files off; a deletion reported twice (the client, then the server) walks nothing', async () => {
    const { dir, index } = setup(6);
    index.watchFiles();
    const sub = path.join(dir, 'team');
    fs.mkdirSync(sub);
    const files = ['a.md', 'b.md'].map((f) => path.join(sub, f));
    for (const f of files) fs.writeFileSync(f, POSTMORTEM.replace('Lost queue', `Lost ${path.basename(f)}`));
    const v0 = (await index.index({ changes: files.map((f) => ({ uri: URI.fromPath(f), type: 1 as const })) })).version as number;
    fs.rmSync(sub, { recursive: true });
    const gone = await index.index({ since: v0, changes: [{ uri: URI.fromPath(sub), type: 3 }] });
    assert.deepEqual([...(gone.delta?.removed ?? [])].sort(), files.map((f) => URI.fromPath(f)).sort());
    // The server's own event for a file already taken off: nothing to do, no walk (a file written meanwhile with
    // no event of its own stays unlisted).
    index.filesChanged([{ uri: URI.fromPath(files[0] as string), type: 3 }]);
    fs.writeFileSync(path.join(dir, 'unreported.md'), POSTMORTEM.replace('Lost queue', 'Unreported'));
    const after = await index.index({ since: gone.version as number });
    assert.deepEqual(after.rows, []);
    assert.ok(!(await index.index({})).rows.some((r) => r.title === 'Unreported messages'));
  });

  it('a version it cannot answer from (unknown, from another server, or newer) gets the whole index', async () => {
    const { index } = setup(6);
    const whole = await index.index({});
    for (const since of [0, (whole.version as number) + 1, 1.5, 'x' as unknown as number]) {
      const answer: IndexResult = await index.index({ since });
      assert.equal(answer.delta, undefined, String(since));
      assert.equal(answer.rows.length, whole.rows.length);
      assert.ok(answer.groups.length > 0);
    }
    // The trends panel's ask (with a chart) is always whole.
    const chart = await index.index({ since: whole.version as number, chart: { width: 600 } });
    assert.equal(chart.delta, undefined);
    assert.equal(typeof chart.chartSvg, 'string');
  });
});

describe('workspace index first read in worker threads', () => {
  it('reads the same rows as one thread does, with progress up to the last file', async () => {
    const events: string[] = [];
    const progress = {
      begin: async (title: string, total: number) => {
        events.push(`begin ${total}`);
        return { report: (n: number) => void events.push(`report ${n}`), done: () => void events.push('done') };
      },
    };
    const helpers = nodeIndexHelpers({ threads: 1, from: 100 });
    assert.equal(helpers.threads, 1);
    const inWorkers = setup(260, { helpers, progress });
    const withWorkers = await inWorkers.index.index({});
    // Some files were read by the worker: this thread linted fewer than all.
    assert.ok(inWorkers.lints() < inWorkers.docs.length, `${inWorkers.lints()} of ${inWorkers.docs.length} linted in this thread`);
    assert.equal(events[0], `begin ${inWorkers.docs.length}`);
    assert.deepEqual(events.slice(-2), [`report ${inWorkers.docs.length}`, 'done']);

    const alone = setup(260);
    const inOneThread = await alone.index.index({});
    assert.equal(alone.lints(), alone.docs.length);
    const strip = (r: IndexResult) => r.rows.map(({ uri: _u, ...rest }) => rest);
    assert.deepEqual(strip(withWorkers), strip(inOneThread));
    assert.deepEqual(withWorkers.groups, inOneThread.groups);
  });
});
