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

function setup() {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pm-wsindex-')));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, '.postmortemrc.json'), '{ "root": true }\n');
  const docs = generateFolder(dir, 16, 11);
  const lints: string[] = [];
  const engine: Engine = { lint: (text, options) => (lints.push(options?.filePath ?? ''), lint(text, options)), resolveConfig: (f) => resolveConfig(f) };
  const store = new SettingsStore({} as Connection);
  store.init(false, undefined);
  const analyzer = new Analyzer(store, () => undefined, engine);
  analyzer.workspaceFolders = [URI.fromPath(dir)];
  const documents = createDocuments();
  return { dir, docs, lints, index: new WorkspaceIndex(documents, analyzer), documents };
}

describe('workspace index (postmortem/index)', () => {
  it('lists the postmortems of the folder, not the notes, with groups; a second ask reads nothing again', async () => {
    const { docs, lints, index } = setup();
    const result = await index.index({});
    const expected = docs.filter((d) => d.kind !== 'not-a-postmortem').map((d) => d.file).sort();
    assert.deepEqual(result.rows.map((r) => r.file).sort(), expected);
    assert.equal(result.groups.reduce((n, g) => n + g.count, 0), expected.length);
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
    (documents as unknown as { _syncedDocuments: Map<string, TextDocument> })._syncedDocuments.set(uri, TextDocument.create(uri, 'markdown', 2, edited));
    const result = await index.index({});
    assert.equal(result.rows.find((r) => r.uri === uri)?.title, 'Renamed while open');
  });
});
