/**
 * Typing into a long postmortem over stdio: a sentence typed into a 650 KB document one didChange per
 * character, sent without waiting. The server lints without a fixed pause, so it publishes while the
 * keystrokes arrive; it must never publish a version older than one it already published, and what it
 * publishes last must equal a fresh full lint of the final text (its incremental state drifted nowhere).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { generatePostmortem } from '../../bench/generate';
import { TestClient } from './client';
import { positionAt } from './edits';

const SENTENCE = 'At 22:47 WAT the on-call engineer restarts the cache tier, and the error rate falls to 2%. ';

/** A diagnostic without the version it was computed for (two documents at different versions compare equal). */
function comparable(diagnostics: readonly Diagnostic[]): unknown[] {
  return diagnostics.map((d) => {
    const data = d.data as Record<string, unknown> | undefined;
    const { version: _version, ...rest } = data ?? {};
    return { ...d, data: rest };
  });
}

describe('typing into a 650 KB postmortem over stdio', () => {
  let client: TestClient;
  let fresh: TestClient;
  before(async () => {
    client = await TestClient.start();
    fresh = await TestClient.start();
  });
  after(async () => {
    await client.dispose();
    await fresh.dispose();
  });

  for (const shape of ['paragraphs', 'list'] as const) {
    it(`a sentence keystroke by keystroke (${shape}): versions never go back, the last publish equals a full lint`, async () => {
      const doc = generatePostmortem({ targetBytes: 650 * 1024, shape, seed: 14 });
      const uri = pathToFileURL(join(tmpdir(), `typing-${shape}-postmortem.md`)).href;
      let text = doc.text;
      await client.open(uri, text);
      await client.diagnostics(uri, 1, { timeoutMs: 60_000 });
      const seq = client.lastSeq;

      let offset = doc.middleOffset;
      let version = 1;
      for (const ch of SENTENCE) {
        const position = positionAt(text, offset);
        text = text.slice(0, offset) + ch + text.slice(offset);
        offset++;
        version++;
        void client.change(uri, version, [{ range: { start: position, end: position }, text: ch }]);
      }
      const last = version;
      await client.diagnostics(uri, last, { afterSeq: seq, timeoutMs: 60_000 });

      // The same text linted from scratch by a server that never saw the edits.
      const freshUri = pathToFileURL(join(tmpdir(), `typing-${shape}-fresh-postmortem.md`)).href;
      await fresh.open(freshUri, text);
      const expected = comparable(await fresh.diagnostics(freshUri, 1, { timeoutMs: 60_000 }));
      assert.ok(expected.length > 0, 'the generated postmortem has findings to compare');

      const latest = () => client.published.filter((p) => p.uri === uri && p.seq > seq).at(-1);
      // Findings held back on the typed line are published once it has been quiet: wait for that publish.
      await client
        .waitFor(
          'the full diagnostics of the last version',
          () => {
            const p = latest();
            return p && p.version === last && JSON.stringify(comparable(p.diagnostics)) === JSON.stringify(expected) ? p : undefined;
          },
          20_000,
        )
        .catch(() => undefined); // the assertions below say what differs
      // A round trip through the server: any publish still on its way has arrived.
      const info = await client.request<{ version: number }>('postmortem/documentInfo', { uri });
      assert.equal(info.version, last);
      const final = latest();
      assert.equal(final?.version, last);
      assert.deepEqual(comparable(final?.diagnostics ?? []), expected);

      const versions = client.published.filter((p) => p.uri === uri && p.seq > seq).map((p) => p.version ?? -1);
      for (let i = 1; i < versions.length; i++)
        assert.ok((versions[i] ?? 0) >= (versions[i - 1] ?? 0), `versions went back: ${versions.join(',')}`);
      await client.close(uri);
      await fresh.close(freshUri);
    });
  }
});
