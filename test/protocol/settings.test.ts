import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, FileChangeType } from 'vscode-languageserver-protocol/node';
import { codes, FIXTURES, fixtureUri, messageOf, readFixture, TestClient } from './client';

const CHECKOUT = readFixture('checkout-postmortem.md');

describe('settings over stdio', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ settings: {} });
  });
  after(() => client.dispose());

  it('turns a rule off when the settings change, and back on', async () => {
    const uri = fixtureUri('settings-postmortem.md');
    await client.open(uri, CHECKOUT);
    assert.ok(codes(await client.diagnostics(uri, 1)).includes('duration-consistent'));

    client.settings = { rules: { 'duration-consistent': 'off' } };
    let seq = client.lastSeq;
    await client.changeConfiguration(null);
    assert.ok(!codes(await client.diagnostics(uri, 1, { afterSeq: seq })).includes('duration-consistent'));

    client.settings = { rules: { 'duration-consistent': 'error' } };
    seq = client.lastSeq;
    await client.changeConfiguration(null);
    const back = (await client.diagnostics(uri, 1, { afterSeq: seq })).find((d) => d.code === 'duration-consistent');
    assert.equal(back?.severity, DiagnosticSeverity.Error);
    client.settings = {};
    seq = client.lastSeq;
    await client.changeConfiguration(null);
    await client.diagnostics(uri, 1, { afterSeq: seq });
  });

  it('asks for settings per document, so each folder of a workspace can differ', async () => {
    const quiet = fixtureUri('quiet/folder-postmortem.md');
    const loud = fixtureUri('loud/folder-postmortem.md');
    client.settingsFor = (scope) => (scope?.includes('/quiet/') ? { enable: false } : {});
    try {
      await client.open(quiet, CHECKOUT);
      await client.open(loud, CHECKOUT);
      assert.deepEqual(await client.diagnostics(quiet, 1), []);
      assert.ok((await client.diagnostics(loud, 1)).length > 0);
    } finally {
      client.settingsFor = () => client.settings;
    }
  });

  it('honours postmortem.files and postmortem.detect', async () => {
    client.settings = { files: ['**/reports/**'], detect: false };
    const seq = client.lastSeq;
    await client.changeConfiguration(null);
    try {
      const named = fixtureUri('files-postmortem.md');
      const inReports = fixtureUri('reports/q3.md');
      await client.open(named, CHECKOUT);
      await client.open(inReports, CHECKOUT);
      assert.deepEqual(await client.diagnostics(named, 1, { afterSeq: seq }), []);
      assert.ok((await client.diagnostics(inReports, 1, { afterSeq: seq })).length > 0);
    } finally {
      client.settings = {};
      await client.changeConfiguration(null);
    }
  });
});

describe('postmortem.files relative to a workspace folder', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({
      settings: { files: ['reports/*.md'], detect: false },
      workspaceFolders: [pathToFileURL(FIXTURES).href],
    });
  });
  after(() => client.dispose());

  it('matches globs written relative to the folder', async () => {
    const inReports = fixtureUri('reports/q4.md');
    const elsewhere = fixtureUri('other/q4.md');
    await client.open(inReports, CHECKOUT);
    await client.open(elsewhere, CHECKOUT);
    assert.ok((await client.diagnostics(inReports, 1)).length > 0);
    assert.deepEqual(await client.diagnostics(elsewhere, 1), []);
  });
});

describe('settings from a client without workspace/configuration', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({
      configuration: false,
      initializationOptions: { settings: { postmortem: { rules: { 'duration-consistent': 'off' } } } },
    });
  });
  after(() => client.dispose());

  it('uses initializationOptions, then didChangeConfiguration.settings.postmortem', async () => {
    const uri = fixtureUri('plain-client-postmortem.md');
    await client.open(uri, CHECKOUT);
    const first = await client.diagnostics(uri, 1);
    assert.ok(first.length > 0);
    assert.ok(!codes(first).includes('duration-consistent'));
    const seq = client.lastSeq;
    await client.changeConfiguration({ postmortem: { rules: { 'duration-consistent': 'info' } } });
    const second = (await client.diagnostics(uri, 1, { afterSeq: seq })).find((d) => d.code === 'duration-consistent');
    assert.equal(second?.severity, DiagnosticSeverity.Information);
  });
});

describe('.postmortemrc.json over stdio', () => {
  let client: TestClient;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'postmortem-protocol-'));
    client = await TestClient.start({ settings: { rules: { 'duration-consistent': 'off' } } });
  });
  after(async () => {
    await client.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('registers a watcher for config files', async () => {
    const watcher = await client.waitFor('the watcher registration', () =>
      client.registrations.find((r) => (r as { method?: string }).method === 'workspace/didChangeWatchedFiles'),
    );
    assert.match(JSON.stringify(watcher), /\.postmortemrc\.json/);
  });

  it('lets the project config win over the user settings, and follows it when it changes on disk', async () => {
    const rc = join(dir, '.postmortemrc.json');
    writeFileSync(rc, JSON.stringify({ root: true, rules: { 'duration-consistent': 'error' } }));
    const uri = pathToFileURL(join(dir, 'outage-postmortem.md')).href;
    await client.open(uri, CHECKOUT);
    const first = (await client.diagnostics(uri, 1)).find((d) => d.code === 'duration-consistent');
    assert.equal(first?.severity, DiagnosticSeverity.Error, 'the rc file wins over settings that turned the rule off');

    writeFileSync(rc, JSON.stringify({ root: true, rules: { 'duration-consistent': 'off' } }));
    const seq = client.lastSeq;
    await client.changeWatchedFiles([{ uri: pathToFileURL(rc).href, type: FileChangeType.Changed }]);
    assert.ok(!codes(await client.diagnostics(uri, 1, { afterSeq: seq })).includes('duration-consistent'));
  });

  it('switches to a profile the project defines when postmortem.profile names it', async () => {
    const sub = join(dir, 'team');
    mkdirSync(sub);
    writeFileSync(
      join(sub, '.postmortemrc.json'),
      JSON.stringify({
        root: true,
        profiles: { 'team-review': { extends: 'default', sections: [{ id: 'lessons', title: 'Lessons learned' }] } },
      }),
    );
    const uri = pathToFileURL(join(sub, 'team-postmortem.md')).href;
    await client.open(uri, CHECKOUT);
    const before = await client.diagnostics(uri, 1);
    assert.ok(!before.some((d) => messageOf(d).includes('Lessons learned')));

    client.settings = { profile: 'team-review' };
    const seq = client.lastSeq;
    await client.changeConfiguration(null);
    const after = await client.diagnostics(uri, 1, { afterSeq: seq });
    assert.ok(
      after.some((d) => d.code === 'required-sections' && messageOf(d).includes('Lessons learned')),
      codes(after).join(', '),
    );
    const info = await client.request<{ profile: string }>('postmortem/documentInfo', { uri });
    assert.equal(info.profile, 'team-review');
    const end = CHECKOUT.split('\n').length - 1;
    const items = await client.completion(uri, { line: end, character: 0 });
    assert.ok(
      items.some((i) => i.label === 'Lessons learned'),
      items.map((i) => i.label).join(', '),
    );
    client.settings = { rules: { 'duration-consistent': 'off' } };
    await client.changeConfiguration(null);
  });

  it('reports problems in the config file on the config file', async () => {
    const sub = join(dir, 'broken');
    const rc = join(sub, '.postmortemrc.json');
    mkdirSync(sub);
    writeFileSync(rc, '{ "root": true, "rules": { "duration-consistent": "loud" } }\n');
    const uri = pathToFileURL(join(sub, 'db-postmortem.md')).href;
    const rcUri = pathToFileURL(rc).href;
    const seq = client.lastSeq;
    await client.open(uri, CHECKOUT);
    await client.diagnostics(uri, 1);
    const problems = await client.diagnostics(rcUri, undefined, { afterSeq: seq });
    assert.ok(problems.length >= 1);
    assert.match(messageOf(problems[0]), /duration-consistent|loud|severity/i);
    await client.waitFor('config problems in the log', () => client.logs.find((l) => l.includes(rc)));

    writeFileSync(rc, '{ "root": true }\n');
    const seq2 = client.lastSeq;
    await client.changeWatchedFiles([{ uri: rcUri, type: FileChangeType.Changed }]);
    assert.deepEqual(await client.diagnostics(rcUri, undefined, { afterSeq: seq2 }), []);
  });
});
