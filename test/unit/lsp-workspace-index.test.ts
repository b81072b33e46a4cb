/**
 * The server's `postmortem/index`: the workspace's postmortems as rows (closed files from disk, open ones as edited),
 * re-reading only files that changed, following a timeline edit, and forgetting a deleted file.
 */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lint } from '../../server/src/engine';
import { Analyzer, type Engine } from '../../server/src/lsp/analysis';
import { createDocuments } from '../../server/src/lsp/documents';
import { SettingsStore } from '../../server/src/lsp/settings';
import { URI } from '../../server/src/lsp/uri';
import { WorkspaceIndex } from '../../server/src/lsp/workspaceIndex';
import { generateFolder } from '../../bench/folder';
import { resolveConfig } from '../../server/src/engine/config';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function setup(options: ConstructorParameters<typeof WorkspaceIndex>[2] = {}, count = 16) {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pm-wsindex-')));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, '.postmortemrc.json'), '{ "root": true }\n');
  const docs = generateFolder(dir, count, 11);
  const lints: string[] = [];
  const engine: Engine = {
    lint: (text, options) => (lints.push(options?.filePath ?? ''), lint(text, options)),
    resolveConfig: (f) => resolveConfig(f),
  };
  const store = new SettingsStore({} as Connection);
  store.init(false, undefined);
  const analyzer = new Analyzer(store, () => undefined, engine);
  analyzer.workspaceFolders = [URI.fromPath(dir)];
  const documents = createDocuments();
  return { dir, docs, lints, index: new WorkspaceIndex(documents, analyzer, options), documents };
}

describe('workspace index (postmortem/index)', () => {
  it('lists the postmortems of the folder, not the notes, with groups; a second ask reads nothing again', async () => {
    const { docs, lints, index } = setup();
    const result = await index.index({});
    const expected = docs
      .filter((d) => d.kind !== 'not-a-postmortem')
      .map((d) => d.file)
      .sort();
    assert.deepEqual(result.rows.map((r) => r.file).sort(), expected);
    assert.equal(
      result.groups.reduce((n, g) => n + g.count, 0),
      expected.length,
    );
    for (const r of result.rows) assert.match(r.uri, /^file:\/\//);
    const first = lints.length;
    assert.equal(first, docs.length);
    await index.index({ group: 'quarter' });
    assert.equal(lints.length, first);
  });

  it('a changed timeline is read again, and only that file; a deleted file leaves', async () => {
    const { dir, docs, lints, index } = setup();
    await index.index({});
    const target = docs.find((d) => d.kind === 'dated' && d.shape === 'bullets') ?? docs.find((d) => d.kind === 'dated');
    assert.ok(target);
    const file = path.join(dir, target.file);
    const text = fs.readFileSync(file, 'utf8');
    // The last entry (the resolution) moves an hour later.
    const lines = text.split('\n');
    const last = lines.findLastIndex((l) => /resolved/.test(l) && /\d{2}:\d{2}/.test(l));
    const stamp = /(\d{2}):(\d{2})/.exec(lines[last] as string) as RegExpExecArray;
    const h = (Number(stamp[1]) + 1) % 24;
    lines[last] = (lines[last] as string).replace(stamp[0], `${String(h).padStart(2, '0')}:${stamp[2]}`);
    fs.writeFileSync(file, lines.join('\n') + '\n');
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const before = lints.length;
    const after = await index.index({});
    assert.equal(lints.length, before + 1);
    const row = after.rows.find((r) => r.file === target.file);
    assert.notEqual(row?.resolveMinutes, target.resolveMinutes);
    fs.rmSync(file);
    const gone = await index.index({});
    assert.ok(!gone.rows.some((r) => r.file === target.file));
  });

  it('an open document is read as edited, not from disk', async () => {
    const { dir, docs, index, documents } = setup();
    const target = docs.find((d) => d.kind === 'dated');
    assert.ok(target);
    const uri = URI.fromPath(path.join(dir, target.file));
    const edited = fs.readFileSync(path.join(dir, target.file), 'utf8').replace(/^# .*$/m, '# Renamed while open');
    // The documents manager learns of open documents through its connection: feed it directly.
    (documents as unknown as { _syncedDocuments: Map<string, TextDocument> })._syncedDocuments.set(
      uri,
      TextDocument.create(uri, 'markdown', 2, edited),
    );
    const result = await index.index({});
    assert.equal(result.rows.find((r) => r.uri === uri)?.title, 'Renamed while open');
  });

  const openDoc = (documents: ReturnType<typeof createDocuments>, uri: string, text: string): void => {
    (documents as unknown as { _syncedDocuments: Map<string, TextDocument> })._syncedDocuments.set(
      uri,
      TextDocument.create(uri, 'markdown', 1, text),
    );
  };
  const OUTSIDE =
    '# Lost queue messages\n\n## Summary\n\nMessages were dropped for 20 minutes.\n\n## Timeline\n\n- 2024-05-02 09:00 UTC: deploy\n- 2024-05-02 09:20 UTC: resolved\n\n## Root cause\n\nA bad deploy.\n';

  it('an open postmortem outside the folders is a row too; an open note is not', async () => {
    const { dir, index, documents } = setup();
    openDoc(documents, 'untitled:Untitled-1', OUTSIDE);
    openDoc(documents, 'untitled:Untitled-2', '# Shopping list\n\n- eggs\n');
    // Open, but no longer on disk (VS Code keeps a closed document synced for a while): not a row.
    openDoc(documents, URI.fromPath(path.join(dir, 'incidents', 'deleted-postmortem.md')), OUTSIDE.replace('Lost queue', 'Deleted'));
    const result = await index.index({});
    assert.ok(!result.rows.some((r) => r.title === 'Deleted messages'));
    const rows = result.rows.filter((r) => r.uri.startsWith('untitled:'));
    assert.deepEqual(
      rows.map((r) => [r.uri, r.title, r.file]),
      [['untitled:Untitled-1', 'Lost queue messages', 'Untitled-1']],
    );
    assert.equal(result.note, undefined);
  });

  it('without a file system (a browser) only the open documents are listed, and the result says so', async () => {
    const { dir, docs, index, documents } = setup({ readsFiles: false });
    const target = docs.find((d) => d.kind === 'dated');
    assert.ok(target);
    const uri = URI.fromPath(path.join(dir, target.file));
    openDoc(documents, uri, fs.readFileSync(path.join(dir, target.file), 'utf8'));
    const result = await index.index({});
    assert.deepEqual(
      result.rows.map((r) => r.uri),
      [uri],
    );
    assert.equal(result.rows[0]?.file, target.file);
    assert.match(result.note ?? '', /only the postmortems open in the editor/);
  });

  it('renders the chart for a webview (no inline style, points linked to their URI) only when asked', async () => {
    const { index } = setup();
    const plain = await index.index({});
    assert.equal(plain.chartSvg, undefined);
    const result = await index.index({ chart: { width: 700 } });
    const svg = result.chartSvg ?? '';
    assert.match(svg, /^<svg [^>]*viewBox="0 0 700 /);
    assert.doesNotMatch(svg, /<style|style="/);
    const dated = result.rows.filter((r) => r.start !== null && r.durationMinutes !== null);
    assert.ok(dated.length > 0);
    for (const r of dated) assert.ok(svg.includes(`href="${r.uri}"`), r.uri);
  });

  it('reports progress while a large folder is first read, and not on the next ask', async () => {
    const events: string[] = [];
    const progress = {
      begin: async (title: string, total: number) => {
        events.push(`begin ${title} ${total}`);
        return { report: (n: number) => void events.push(`report ${n}`), done: () => void events.push('done') };
      },
    };
    const { docs, index } = setup({ progress }, 120);
    await index.index({});
    assert.equal(events[0], `begin Reading postmortems ${docs.length}`);
    assert.equal(events.at(-1), 'done');
    assert.equal(events.at(-2), `report ${docs.length}`);
    const count = events.length;
    await index.index({});
    assert.equal(events.length, count);
  });

  it('two asks at once read each file once', async () => {
    const { docs, lints, index } = setup();
    const [a, b] = await Promise.all([index.index({}), index.index({ group: 'quarter' })]);
    assert.equal(lints.length, docs.length);
    assert.deepEqual(
      a.rows.map((r) => r.file),
      b.rows.map((r) => r.file),
    );
  });

  it('with watched files, an ask re-reads only the files reported changed, and walks again after a creation', async () => {
    const { dir, docs, lints, index, documents } = setup();
    index.watchFiles();
    await index.index({});
    const first = lints.length;
    const target = docs.find((d) => d.kind === 'dated');
    assert.ok(target);
    const file = path.join(dir, target.file);
    const renamed = fs.readFileSync(file, 'utf8').replace(/^# .*$/m, '# Renamed on disk');
    fs.writeFileSync(file, renamed);
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5000));
    // No event yet: the index trusts what it read (no stat of every file).
    assert.notEqual((await index.index({})).rows.find((r) => r.file === target.file)?.title, 'Renamed on disk');
    assert.equal(lints.length, first);
    index.filesChanged([{ uri: URI.fromPath(file), type: 2 }]);
    assert.equal((await index.index({})).rows.find((r) => r.file === target.file)?.title, 'Renamed on disk');
    assert.equal(lints.length, first + 1);
    // A new file is found once its creation is reported.
    const created = path.join(dir, 'incidents', 'zz-new-postmortem.md');
    fs.mkdirSync(path.dirname(created), { recursive: true });
    fs.writeFileSync(created, OUTSIDE.replace('Lost queue', 'Created'));
    assert.ok(!(await index.index({})).rows.some((r) => r.title === 'Created messages'));
    // The client's own events, with its ask (the server's watched-file events may come later).
    assert.ok((await index.index({ changes: [{ uri: URI.fromPath(created), type: 1 }] })).rows.some((r) => r.title === 'Created messages'));
    // Opened, saved while open (no event reaches the index), closed: read from disk again.
    fs.rmSync(created);
    assert.ok(
      (await index.index({})).rows.some((r) => r.title === 'Created messages'),
      'no walk without an event',
    );
    assert.ok(!(await index.index({ rescan: true })).rows.some((r) => r.title === 'Created messages'), 'Refresh walks again');
    fs.writeFileSync(created, OUTSIDE.replace('Lost queue', 'Created'));
    index.filesChanged([{ uri: URI.fromPath(created), type: 1 }]);
    const uri = URI.fromPath(created);
    openDoc(documents, uri, OUTSIDE.replace('Lost queue', 'Edited'));
    assert.ok((await index.index({})).rows.some((r) => r.title === 'Edited messages'));
    fs.writeFileSync(created, OUTSIDE.replace('Lost queue', 'Saved'));
    (documents as unknown as { _syncedDocuments: Map<string, TextDocument> })._syncedDocuments.delete(uri);
    assert.ok((await index.index({})).rows.some((r) => r.title === 'Saved messages'));
  });
});
