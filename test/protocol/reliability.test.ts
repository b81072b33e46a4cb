/**
 * The server under load, over stdio: rapid edits (200, then 10,000) publish only for the latest version, memory comes back
 * after 1,000 open/close cycles, a 10 MB document does not stall answers about another one, and the server never
 * logs an unhandled rejection or an uncaught exception (processGuards.ts logs them as "postmortem: unhandled rejection: …").
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { fixtureUri, messageOf, readFixture, TestClient } from './client';
import { positionAt } from './edits';

/** Resident memory of a process in KB, from /proc (Linux). */
function rssKb(pid: number): number | null {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

describe('reliability under load over stdio', () => {
  let client: TestClient;
  let stderr = '';
  before(async () => {
    client = await TestClient.start();
    client.child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
  });
  after(async () => {
    await client.dispose();
    // An unhandled rejection or uncaught exception anywhere in the run fails the suite.
    const bad = [...client.logs, stderr].filter((line) => /unhandled|uncaught/i.test(line));
    assert.deepEqual(bad, [], 'the server logged an unhandled rejection or uncaught exception');
  });

  /**
   * `edits` one-character edits sent without waiting (a newline every `lineEvery`), right after the version
   * `from` was published: the publishes that follow, by version, once the last one is in.
   */
  async function rapidEdits(
    uri: string,
    text: string,
    from: number,
    edits: number,
    lineEvery: number,
    insert: string,
  ): Promise<{ text: string; versions: number[]; last: unknown[] }> {
    const seq = client.lastSeq;
    const at = text.indexOf('## Root Cause and Resolution') - 1;
    for (let i = 0; i < edits; i++) {
      const position = positionAt(text, at);
      const piece = i % lineEvery === lineEvery - 1 ? '\n' : insert;
      text = text.slice(0, at) + piece + text.slice(at);
      void client.change(uri, from + i + 1, [{ range: { start: position, end: position }, text: piece }]);
    }
    const last = await client.diagnostics(uri, from + edits, { afterSeq: seq, timeoutMs: 60_000 });
    // Give a stale publish the chance to arrive after the last one: a round trip through the server.
    const info = await client.request<{ version: number }>('postmortem/documentInfo', { uri });
    assert.equal(info.version, from + edits);
    const versions = client.published.filter((p) => p.uri === uri && p.seq > seq).map((p) => p.version ?? -1);
    for (let i = 1; i < versions.length; i++)
      assert.ok((versions[i] ?? 0) >= (versions[i - 1] ?? 0), `versions went back: ${versions.join(',')}`);
    assert.equal(versions.at(-1), from + edits, `the final publish is for version ${from + edits}: ${versions.join(',')}`);
    return { text, versions, last };
  }

  it('rapid edits (200, then 10,000): versions never go back, publishes are debounced, the last publish is for the last version', async () => {
    const uri = fixtureUri('reliability-rapid-postmortem.md');
    const text = readFixture('checkout-postmortem.md');
    await client.open(uri, text);
    await client.diagnostics(uri, 1);
    const burst = await rapidEdits(uri, text, 1, 200, 10, 'x');
    assert.ok(burst.last.length > 0);
    assert.ok(burst.versions.length < 20, `debounced: ${burst.versions.length} publishes for 200 edits`);
    const EDITS = 10_000;
    const flood = await rapidEdits(uri, burst.text, 201, EDITS, 50, 'y');
    assert.ok(flood.last.length > 0);
    assert.ok(flood.versions.length < 100, `debounced: ${flood.versions.length} publishes for ${EDITS} edits`);
    await client.close(uri);
  });

  it(
    'memory returns to its baseline after 1,000 open/close cycles',
    { skip: rssKb(process.pid) === null ? 'no /proc' : false },
    async (t) => {
      const pid = client.child.pid as number;
      const text = readFixture('checkout-postmortem.md');
      const cycle = async (n: number, from: number): Promise<void> => {
        for (let i = from; i < from + n; i++) {
          const uri = fixtureUri(`reliability-cycle-${i}-postmortem.md`);
          const seq = client.lastSeq;
          await client.open(uri, text);
          await client.diagnostics(uri, 1, { afterSeq: seq });
          await client.close(uri);
        }
      };
      await cycle(100, 0); // warm up: code paths compiled, caches filled
      const baseline = rssKb(pid) as number;
      await cycle(1000, 100);
      await client.request('postmortem/documentInfo', { uri: fixtureUri('none.md') }).catch(() => null);
      const afterKb = rssKb(pid) as number;
      const grew = afterKb - baseline;
      t.diagnostic(
        `server RSS: ${Math.round(baseline / 1024)} MB after warm-up, ${Math.round(afterKb / 1024)} MB after 1,000 cycles (${grew >= 0 ? '+' : ''}${Math.round(grew / 1024)} MB)`,
      );
      // 1,000 leaked copies of a ~4 KB document and its analysis would be tens of MB; allow for the heap's own slack.
      assert.ok(grew < 64 * 1024, `RSS grew by ${Math.round(grew / 1024)} MB over 1,000 open/close cycles`);
    },
  );

  it('a 10 MB document: one informational diagnostic says what was skipped, and another document still gets answers quickly', async () => {
    const big = fixtureUri('reliability-huge-postmortem.md');
    const text = readFixture('checkout-postmortem.md') + 'An appendix line that goes on and on for the sake of size.\n'.repeat(190_000);
    assert.ok(text.length > 10 * 1024 * 1024);
    const small = fixtureUri('reliability-small-postmortem.md');
    const smallText = readFixture('checkout-postmortem.md');
    await client.open(small, smallText);
    await client.diagnostics(small, 1);
    const seq = client.lastSeq;
    await client.open(big, text);
    // While the big one is open: hover and completion on the small one answer within a deadline.
    const started = performance.now();
    const line = smallText.split('\n').findIndex((l) => /^## Timeline/.test(l));
    const deadline = <T>(p: Promise<T>, what: string): Promise<T> =>
      Promise.race([
        p,
        new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} took over 5 s with a 10 MB document open`)), 5_000)),
      ]);
    await deadline(client.hover(small, { line: Math.max(0, line), character: 4 }), 'hover');
    await deadline(client.completion(small, { line: Math.max(0, line) + 1, character: 0 }), 'completion');
    const answeredMs = performance.now() - started;
    const diagnostics = await client.diagnostics(big, 1, { afterSeq: seq, timeoutMs: 20_000 });
    assert.equal(diagnostics.length, 1, 'one diagnostic');
    assert.equal(diagnostics[0]?.severity, DiagnosticSeverity.Information);
    assert.match(messageOf(diagnostics[0]), /Not checked: .*10 MB/);
    assert.ok(answeredMs < 5_000, `answered in ${answeredMs.toFixed(0)} ms`);
    await client.close(big);
    await client.close(small);
  });
});
