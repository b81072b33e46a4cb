import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity, TextDocumentSyncKind, type Range } from 'vscode-languageserver-protocol/node';
import { codes, fixtureUri, messageOf, readFixture, TestClient } from './client';
import { offsetAt } from './edits';

function textAt(text: string, range: Range): string {
  return text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
}

describe('diagnostics over stdio', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
  });
  after(() => client.dispose());

  it('advertises incremental sync, code actions, hover and completion', () => {
    const caps = client.initializeResult.capabilities;
    const sync = caps.textDocumentSync;
    assert.ok(sync && typeof sync === 'object');
    assert.equal(sync.change, TextDocumentSyncKind.Incremental);
    assert.deepEqual(caps.codeActionProvider, {
      codeActionKinds: ['quickfix', 'source.fixAll.postmortem'],
      resolveProvider: false,
    });
    assert.equal(caps.hoverProvider, true);
    assert.deepEqual(caps.completionProvider?.triggerCharacters, [' ', '#']);
    assert.ok(client.registrations.length >= 0);
  });

  it('reports a summary duration that does not add up, on the duration itself', async () => {
    const uri = fixtureUri('checkout-postmortem.md');
    const text = readFixture('checkout-postmortem.md');
    await client.open(uri, text);
    const diagnostics = await client.diagnostics(uri, 1);
    const duration = diagnostics.find((d) => d.code === 'duration-consistent');
    assert.ok(duration, `no duration-consistent in ${codes(diagnostics).join(', ')}`);
    assert.equal(textAt(text, duration.range), '8 hours');
    assert.equal(duration.source, 'postmortem');
    assert.equal(duration.severity, DiagnosticSeverity.Warning);
    assert.match(messageOf(duration), /7 h|7 hours/);
    assert.ok(duration.data && typeof duration.data === 'object', 'diagnostics carry data for code actions');
    for (const d of diagnostics) {
      assert.equal(d.source, 'postmortem');
      assert.notEqual(d.code, 'internal-error', messageOf(d));
      if (d.codeDescription) assert.match(d.codeDescription.href, /^https?:\/\//);
    }
    const validated = await client.waitFor('didValidate', () =>
      client.notifications.find((n) => (n.params as { uri?: string }).uri === uri),
    );
    assert.deepEqual(validated.params, { uri, version: 1, isPostmortem: true });
  });

  it('reports a missing Timeline section', async () => {
    const uri = fixtureUri('missing-timeline-postmortem.md');
    await client.open(uri, readFixture('missing-timeline-postmortem.md'));
    const diagnostics = await client.diagnostics(uri, 1);
    const missing = diagnostics.find((d) => d.code === 'required-sections');
    assert.ok(missing, `no required-sections in ${codes(diagnostics).join(', ')}`);
    assert.match(messageOf(missing), /Timeline/);
    assert.equal(missing.severity, DiagnosticSeverity.Error);
  });

  it('gives an ordinary README an empty list', async () => {
    const uri = fixtureUri('README.md');
    await client.open(uri, readFixture('README.md'));
    assert.deepEqual(await client.diagnostics(uri, 1), []);
    const validated = await client.waitFor('didValidate', () =>
      client.notifications.find((n) => (n.params as { uri?: string }).uri === uri),
    );
    assert.equal((validated.params as { isPostmortem: boolean }).isPostmortem, false);
  });

  it('recognises a postmortem by its sections, or its front matter, whatever the file is called', async () => {
    const bySections = 'untitled:Untitled-1';
    await client.open(bySections, readFixture('missing-timeline-postmortem.md'));
    assert.ok(codes(await client.diagnostics(bySections, 1)).includes('required-sections'));

    const byFrontMatter = fixtureUri('notes.md');
    await client.open(byFrontMatter, '---\ntype: postmortem\n---\n# Notes\n\nNothing yet.\n');
    assert.ok((await client.diagnostics(byFrontMatter, 1)).length > 0);
  });

  it('publishes diagnostics for a Markdown document that stops being a postmortem as an empty list', async () => {
    const uri = 'untitled:Untitled-2';
    const text = readFixture('missing-timeline-postmortem.md');
    await client.open(uri, text);
    assert.ok((await client.diagnostics(uri, 1)).length > 0);
    await client.change(uri, 2, [{ text: '# Shopping list\n\n- eggs\n' }]);
    assert.deepEqual(await client.diagnostics(uri, 2), []);
  });

  it('clears diagnostics when a document closes', async () => {
    const uri = fixtureUri('closing-postmortem.md');
    await client.open(uri, readFixture('missing-timeline-postmortem.md'));
    assert.ok((await client.diagnostics(uri, 1)).length > 0);
    const seq = client.lastSeq;
    await client.close(uri);
    const cleared = await client.waitFor('the clearing publish', () => client.published.find((p) => p.seq > seq && p.uri === uri));
    assert.deepEqual(cleared.diagnostics, []);
  });

  it('ignores documents that are not Markdown', async () => {
    const uri = fixtureUri('config-postmortem.json');
    await client.open(uri, '{ "summary": "not markdown" }', 1, 'json');
    assert.deepEqual(await client.diagnostics(uri, 1), []);
  });
});
