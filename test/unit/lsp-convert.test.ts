/**
 * A diagnostic's range taken from the message's own line and column (server/src/lsp/convert.ts) is the range the
 * text document counts: for every message of documents with emoji, tabs and non-Latin text; and a document with
 * "\r" line endings, where the engine and LSP count lines differently, is counted in the document.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lint } from '../../server/src/engine';
import { linesAgree, toDiagnostic, toRange } from '../../server/src/lsp/convert';

const DOC = [
  '# Outage 🚨 at the façade',
  '',
  '## Timeline',
  '',
  '- 10:42 UTC 😬 the\tcheckout fails for 10% of users.',
  '- 10:40 PDT – Ärger: the on-call engineer forgot to check the dashboard.',
  '- 25:10 UTC — 検出: TODO',
  '',
  '## Root Cause',
  '',
  'Someone broke it. [insert cause]',
  '',
].join('\n');

test('a message range from its own line and column equals the range the text document counts', () => {
  const { messages } = lint(DOC);
  assert.ok(messages.length >= 4, 'enough findings to compare');
  const document = TextDocument.create('file:///a.md', 'markdown', 1, DOC);
  assert.equal(linesAgree(DOC), true);
  messages.forEach((m, i) => {
    assert.deepEqual(toDiagnostic(document, m, i, true).range, toRange(document, m.start, m.end), `${m.ruleId}: ${m.message}`);
  });
});

test('a document with carriage returns is counted in the document, where its lines are the editor’s', () => {
  for (const text of [DOC.replace(/\n/g, '\r\n'), DOC.replace(/\n/g, '\r')]) {
    assert.equal(linesAgree(text), false);
    const document = TextDocument.create('file:///a.md', 'markdown', 1, text);
    const { messages } = lint(text);
    assert.ok(messages.length > 0);
    messages.forEach((m, i) => {
      assert.deepEqual(toDiagnostic(document, m, i, linesAgree(text)).range, toRange(document, m.start, m.end));
    });
  }
});
