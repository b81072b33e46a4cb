import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol/node';
import { codes, fixtureUri, readFixture, TestClient } from './client';
import { applyEdits, editsFor, offsetAt } from './edits';

const WHOLE: { start: { line: number; character: number }; end: { line: number; character: number } } = {
  start: { line: 0, character: 0 },
  end: { line: 100_000, character: 0 },
};

/** Sends the edits as incremental changes, last first, so each range is still valid when applied. */
async function sendEdits(client: TestClient, uri: string, version: number, text: string, edits: TextEdit[]): Promise<string> {
  const sorted = [...edits].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start));
  await client.change(
    uri,
    version,
    sorted.map((e) => ({ range: e.range, text: e.newText })),
  );
  return applyEdits(text, edits);
}

describe('code actions over stdio', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
  });
  after(() => client.dispose());

  async function openCheckout(name: string): Promise<{ uri: string; text: string; diagnostics: Diagnostic[] }> {
    const uri = fixtureUri(name);
    const text = readFixture('checkout-postmortem.md');
    await client.open(uri, text);
    return { uri, text, diagnostics: await client.diagnostics(uri, 1) };
  }

  it('fixes the duration with the preferred quick fix, and the diagnostic goes away', async () => {
    const { uri, text, diagnostics } = await openCheckout('quickfix-postmortem.md');
    const duration = diagnostics.find((d) => d.code === 'duration-consistent');
    assert.ok(duration);
    const actions = await client.codeActions(uri, duration.range, [duration]);
    const fix = actions.find((a) => a.isPreferred && a.kind === 'quickfix');
    assert.ok(fix, `no preferred fix among ${actions.map((a) => a.title).join(' | ')}`);
    assert.match(fix.title, /8 hours/);
    assert.deepEqual(
      fix.diagnostics?.map((d) => d.code),
      ['duration-consistent'],
    );
    const fixed = await sendEdits(client, uri, 2, text, editsFor(fix, uri, 1));
    assert.match(fixed, /7 hours(,| and)? 23 minutes|7h ?23m/);
    const after = await client.diagnostics(uri, 2);
    assert.ok(!codes(after).includes('duration-consistent'), codes(after).join(', '));
  });

  it("answers for a diagnostic the client names outside the range (Neovim asks at the cursor, naming the line's diagnostics)", async () => {
    const { uri, diagnostics } = await openCheckout('named-diagnostic-postmortem.md');
    const duration = diagnostics.find((d) => d.code === 'duration-consistent');
    assert.ok(duration && duration.range.start.character > 0);
    const cursor = {
      start: { line: duration.range.start.line, character: 0 },
      end: { line: duration.range.start.line, character: 0 },
    };
    const named = await client.codeActions(uri, cursor, [duration]);
    assert.ok(
      named.some((a) => a.isPreferred && a.kind === 'quickfix' && /8 hours/.test(a.title)),
      named.map((a) => a.title).join(' | '),
    );
    const unnamed = await client.codeActions(uri, cursor, []);
    assert.ok(
      !unnamed.some((a) => a.isPreferred),
      `nothing at the cursor when no diagnostic is named: ${unnamed.map((a) => a.title).join(' | ')}`,
    );
  });

  it('offers "Fix all postmortem problems" as source.fixAll.postmortem and it leaves nothing fixable', async () => {
    const uri = fixtureUri('fixall-postmortem.md');
    const text = readFixture('missing-timeline-postmortem.md').replace('15:20 UTC', '15:20 UTC, for 3 hours,');
    await client.open(uri, text);
    const before = await client.diagnostics(uri, 1);
    const fixable = before.filter((d) => (d.data as { fixable?: boolean }).fixable);
    assert.ok(fixable.length >= 1, `nothing fixable in ${codes(before).join(', ')}`);
    const actions = await client.codeActions(uri, WHOLE, [], ['source.fixAll']);
    assert.deepEqual(
      actions.map((a) => a.kind),
      ['source.fixAll.postmortem'],
    );
    const fixAll = actions[0] as CodeAction;
    assert.equal(fixAll.title, 'Fix all postmortem problems');
    const edits = editsFor(fixAll, uri, 1);
    assert.equal(edits.length, 1, 'one edit for the changed span');
    await sendEdits(client, uri, 2, text, edits);
    const after = await client.diagnostics(uri, 2);
    assert.deepEqual(
      after.filter((d) => (d.data as { fixable?: boolean }).fixable).map((d) => d.code),
      [],
    );
    assert.ok(!codes(after).includes('required-sections') && !codes(after).includes('duration-consistent'), codes(after).join(', '));
  });

  it('disables a rule for one line with a comment above it, keeping the indentation', async () => {
    const { uri, text, diagnostics } = await openCheckout('disable-line-postmortem.md');
    const duration = diagnostics.find((d) => d.code === 'duration-consistent');
    assert.ok(duration);
    const actions = await client.codeActions(uri, duration.range, [duration]);
    const disable = actions.find((a) => a.title === 'Disable duration-consistent for this line');
    assert.ok(disable, actions.map((a) => a.title).join(' | '));
    const edits = editsFor(disable, uri, 1);
    assert.deepEqual(edits, [
      {
        range: {
          start: { line: duration.range.start.line, character: 0 },
          end: { line: duration.range.start.line, character: 0 },
        },
        newText: '<!-- postmortem-disable-next-line duration-consistent -->\n',
      },
    ]);
    await sendEdits(client, uri, 2, text, edits);
    const after = await client.diagnostics(uri, 2);
    assert.ok(!codes(after).includes('duration-consistent'), codes(after).join(', '));
  });

  it('disables a rule for the file with a comment after the front matter', async () => {
    const uri = fixtureUri('disable-file-postmortem.md');
    const text = `---\ntitle: Checkout\n---\n${readFixture('checkout-postmortem.md')}`;
    await client.open(uri, text);
    const duration = (await client.diagnostics(uri, 1)).find((d) => d.code === 'duration-consistent');
    assert.ok(duration);
    const actions = await client.codeActions(uri, duration.range, [duration]);
    const disable = actions.find((a) => a.title === 'Disable duration-consistent for this file');
    assert.ok(disable);
    const edits = editsFor(disable, uri, 1);
    assert.deepEqual(
      edits.map((e) => [e.range.start.line, e.newText]),
      [[3, '<!-- postmortem-disable duration-consistent -->\n']],
    );
    await sendEdits(client, uri, 2, text, edits);
    assert.ok(!codes(await client.diagnostics(uri, 2)).includes('duration-consistent'));
  });

  it('computes edits against the current version, never a stale one', async () => {
    const { uri, text, diagnostics } = await openCheckout('stale-postmortem.md');
    const duration = diagnostics.find((d) => d.code === 'duration-consistent');
    assert.ok(duration);
    // Three lines are added at the top; the request still carries the version-1 diagnostic.
    const prefix = 'Draft, do not share.\n\nReviewed by nobody yet.\n';
    await client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: prefix }]);
    const current = prefix + text;
    const moved = {
      start: { line: duration.range.start.line + 3, character: duration.range.start.character },
      end: { line: duration.range.end.line + 3, character: duration.range.end.character },
    };
    const actions = await client.codeActions(uri, moved, [duration]);
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix);
    const edits = editsFor(fix, uri, 2);
    assert.deepEqual(
      edits.map((e) => current.slice(offsetAt(current, e.range.start), offsetAt(current, e.range.end))),
      ['8 hours'],
      'the edit lands on the duration as it is now, three lines lower',
    );
    const fixed = applyEdits(current, edits);
    assert.ok(fixed.startsWith(prefix) && !fixed.includes('8 hours'));
  });

  it('answers the lightbulb (automatic trigger) after the pending lint, for the newest version', async () => {
    const { uri, text, diagnostics } = await openCheckout('lightbulb-postmortem.md');
    const duration = diagnostics.find((d) => d.code === 'duration-consistent');
    assert.ok(duration);
    const seq = client.lastSeq;
    await client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }]);
    const moved = { start: duration.range.start, end: duration.range.end };
    const actions = await client.codeActions(uri, moved, [], undefined, 2);
    // The publish for version 2 (from the debounced lint) came first: the request waited for it.
    assert.ok(client.published.some((p) => p.seq > seq && p.uri === uri && p.version === 2));
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix);
    const current = `x${text}`;
    const [edit] = editsFor(fix, uri, 2);
    assert.ok(edit);
    assert.equal(current.slice(offsetAt(current, edit.range.start), offsetAt(current, edit.range.end)), '8 hours');
  });

  it('offers nothing on a document that is not a postmortem', async () => {
    const uri = fixtureUri('README.md');
    await client.open(uri, readFixture('README.md'));
    await client.diagnostics(uri, 1);
    assert.deepEqual(await client.codeActions(uri, WHOLE, []), []);
  });
});
