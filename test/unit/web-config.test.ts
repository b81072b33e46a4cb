/**
 * The browser server's `.postmortemrc.json` (server/src/lsp/browserConfig.ts): files the client sent, found
 * and merged by the engine's own resolveConfig walking URI paths with the web build's POSIX path stand-in.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigFileStore, uriPath } from '../../server/src/lsp/browserConfig';
import * as posix from '../../server/src/web-shims/path';
import { fileURLToPath, pathToFileURL } from '../../server/src/web-shims/url';

const REPO = 'vscode-vfs://github/acme/ops';

describe('web: config files from the client', () => {
  it('reads the path of hierarchical URIs only', () => {
    assert.equal(uriPath(`${REPO}/post%20mortems/a.md`), '/acme/ops/post mortems/a.md');
    assert.equal(uriPath('vscode-remote://127.0.0.1:8080/work/x.md'), '/work/x.md');
    assert.equal(uriPath('untitled:Untitled-1'), null);
    assert.equal(uriPath('not a uri'), null);
  });

  it('nearest file wins, "root": true stops the walk, problems name the file the client knows', () => {
    const store = new ConfigFileStore();
    store.update([
      {
        uri: 'vscode-vfs://github/acme/.postmortemrc.json',
        text: '{ "defaultZone": "Asia/Tokyo", "dateOrder": "dmy" }',
      },
      { uri: `${REPO}/.postmortemrc.json`, text: '{ "root": true, "defaultZone": "UTC", "profile": "google-sre" }' },
      {
        uri: `${REPO}/incidents/.postmortemrc.json`,
        text: '{ "defaultZone": "Africa/Lagos", "rules": { "word-count": "nope" } }',
      },
    ]);
    const resolved = store.resolve(uriPath(`${REPO}/incidents/2025/pm.md`)!);
    assert.equal(resolved.options.defaultZone, 'Africa/Lagos');
    assert.equal(resolved.options.profile, 'google-sre');
    assert.equal(resolved.options.dateOrder, undefined, 'the file above "root": true is not read');
    assert.deepEqual(resolved.files, ['/acme/ops/.postmortemrc.json', '/acme/ops/incidents/.postmortemrc.json']);
    assert.equal(resolved.problems.length, 1);
    assert.equal(store.uriOf(resolved.problems[0]!.file), `${REPO}/incidents/.postmortemrc.json`);
  });

  it('a change replaces the file, a deletion reports its URI once, bad input is ignored', () => {
    const store = new ConfigFileStore();
    store.update([{ uri: `${REPO}/.postmortemrc.json`, text: '{ "defaultZone": "UTC" }' }]);
    store.update([{ uri: `${REPO}/.postmortemrc.json`, text: '{ "defaultZone": "Europe/Paris" }' }]);
    assert.equal(store.resolve('/acme/ops/pm.md').options.defaultZone, 'Europe/Paris');
    assert.deepEqual(store.update([{ uri: `${REPO}/.postmortemrc.json`, text: null }]), [`${REPO}/.postmortemrc.json`]);
    assert.deepEqual(store.update([{ uri: `${REPO}/.postmortemrc.json`, text: null }]), []);
    assert.equal(store.resolve('/acme/ops/pm.md').options.defaultZone, undefined);
    assert.deepEqual(store.update(undefined), []);
    assert.deepEqual(store.update([null as never, { uri: 42 } as never, { uri: 'untitled:x', text: '{}' }]), []);
    assert.equal(store.size, 0);
  });

  it('an oversized or broken file is a located problem, not a crash', () => {
    const store = new ConfigFileStore();
    store.update([{ uri: `${REPO}/.postmortemrc.json`, text: `{ "defaultZone": "${'é'.repeat(600_000)}" }` }]);
    assert.match(store.resolve('/acme/ops/pm.md').problems[0]?.message ?? '', /larger than 1 MB/);
    store.update([{ uri: `${REPO}/.postmortemrc.json`, text: '{ "defaultZone": ' }]);
    const resolved = store.resolve('/acme/ops/pm.md');
    assert.equal(resolved.problems.length >= 1, true);
    assert.equal(resolved.options.defaultZone, undefined);
  });
});

describe('web: node:path and node:url stand-ins', () => {
  it('path: POSIX dirname, join, resolve, normalize, basename, extname', () => {
    assert.equal(posix.dirname('/a/b/c.md'), '/a/b');
    assert.equal(posix.dirname('/a'), '/');
    assert.equal(posix.dirname('/'), '/');
    assert.equal(posix.dirname('a'), '.');
    assert.equal(posix.join('/a/b', '.postmortemrc.json'), '/a/b/.postmortemrc.json');
    assert.equal(posix.join('/a/b', '../c', './d'), '/a/c/d');
    assert.equal(posix.resolve('/a/b/../c.md'), '/a/c.md');
    assert.equal(posix.resolve('/x', 'y', '/z', 'w'), '/z/w');
    assert.equal(posix.resolve('rel/p.md'), '/rel/p.md');
    assert.equal(posix.resolve('/'), '/');
    assert.equal(posix.normalize('a/../../b'), '../b');
    assert.equal(posix.basename('/a/b.md', '.md'), 'b');
    assert.equal(posix.extname('/a/b.tar.gz'), '.gz');
    assert.equal(posix.relative('/ws/a', '/ws/a/b/c.md'), 'b/c.md');
    assert.equal(posix.relative('/ws/a/b', '/ws/c'), '../../c');
    assert.equal(posix.relative('/ws', '/ws'), '');
    assert.equal(posix.extname('/a/.postmortemrc'), '');
  });

  it('url: file URLs round-trip through paths with spaces and non-ASCII', () => {
    const p = '/home/me/post mortems/été#1.md';
    assert.equal(fileURLToPath(pathToFileURL(p)), p);
    assert.equal(fileURLToPath('file:///a/b%20c.md'), '/a/b c.md');
    assert.throws(() => fileURLToPath('https://example.com/a'), /scheme file/);
  });
});
