import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { fixtureUri, messageOf, readFixture, TestClient } from './client';
import { positionAt } from './edits';

/** A long postmortem (about `kb` KB) with a timeline entry every few minutes across two days. */
function generatePostmortem(kb: number): string {
  const head = readFixture('checkout-postmortem.md');
  const [before, rest] = head.split('## Timeline\n\n') as [string, string];
  const after = rest.slice(rest.indexOf('## Root Cause'));
  const entries: string[] = [];
  let minutes = 22 * 60 + 42;
  const phrases = [
    'checked the dashboards',
    'restarted one payment worker',
    'compared pool metrics with last week',
    'paged the database on-call',
    'read the release notes again',
    'drained one node',
  ];
  while (entries.join('\n').length < kb * 1024) {
    const h = Math.floor(minutes / 60) % 24;
    const m = minutes % 60;
    const h12 = h % 12 === 0 ? 12 : h % 12;
    entries.push(
      `- ${h12}:${String(m).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'} (WAT) - The team ${phrases[entries.length % phrases.length]} and wrote down what it saw in the channel.`,
    );
    minutes += 1;
    if (minutes >= 22 * 60 + 42 + 7 * 60 + 23) minutes = 22 * 60 + 42 + 7 * 60 + 22;
  }
  return `${before}## Timeline\n\n${entries.join('\n')}\n\n${after}`;
}

describe('robustness over stdio', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
  });
  after(() => client.dispose());

  // Rapid edits (200, then 10,000): reliability.test.ts.

  it('skips documents over 10 MB with one Information diagnostic, and stays responsive', async () => {
    const uri = fixtureUri('huge-postmortem.md');
    const text = readFixture('checkout-postmortem.md') + 'Filler line for a very long appendix.\n'.repeat(300_000);
    assert.ok(text.length > 10 * 1024 * 1024);
    await client.open(uri, text);
    const diagnostics = await client.diagnostics(uri, 1, { timeoutMs: 20_000 });
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0]?.severity, DiagnosticSeverity.Information);
    assert.match(messageOf(diagnostics[0]), /10 MB/);
    const small = fixtureUri('after-huge-postmortem.md');
    await client.open(small, readFixture('missing-timeline-postmortem.md'));
    assert.ok((await client.diagnostics(small, 1, { timeoutMs: 5_000 })).length > 0);
    await client.close(uri);
  });

  it('survives odd input: empty, binary-ish, unclosed fences, CRLF, astral characters', async () => {
    const odd = [
      '',
      '\u0000\u0001\uFFFD\uD800 postmortem',
      '## Timeline\n\n```\n- 10:42 PM WAT - inside a fence that never closes\n',
      '## Issue Summary\r\n\r\nFrom 10:42 PM (WAT) to 6:05 AM (WAT), for 8 hours.\r\n\r\n## Timeline\r\n\r\n- 10:42 PM (WAT) - 🚨 alert 🚨\r\n- 6:05 AM (WAT) - resolved ✅\r\n',
      '#'.repeat(10_000),
      '- '.repeat(20_000),
    ];
    for (const [i, text] of odd.entries()) {
      const uri = fixtureUri(`odd-${i}-postmortem.md`);
      await client.open(uri, text);
      const diagnostics = await client.diagnostics(uri, 1);
      assert.ok(
        !diagnostics.some((d) => d.code === 'internal-error'),
        `odd input ${i}: ${messageOf(diagnostics.find((d) => d.code === 'internal-error'))}`,
      );
      for (const d of diagnostics) assert.ok(d.range.start.line >= 0 && d.range.end.line >= d.range.start.line);
    }
  });

  it('measures didChange to publishDiagnostics on a ~50 KB postmortem', async (t) => {
    const uri = fixtureUri('timing-postmortem.md');
    let text = generatePostmortem(50);
    const openedAt = performance.now();
    await client.open(uri, text);
    await client.diagnostics(uri, 1, { timeoutMs: 20_000 });
    const openMs = performance.now() - openedAt;
    const samples: number[] = [];
    for (let version = 2; version <= 11; version++) {
      const at = text.indexOf('## Root Cause and Resolution') - 1;
      const position = positionAt(text, at);
      text = `${text.slice(0, at)}x${text.slice(at)}`;
      const seq = client.lastSeq;
      const sent = performance.now();
      await client.change(uri, version, [{ range: { start: position, end: position }, text: 'x' }]);
      await client.diagnostics(uri, version, { afterSeq: seq, timeoutMs: 20_000 });
      samples.push(performance.now() - sent);
    }
    samples.sort((a, b) => a - b);
    const median = samples[Math.floor(samples.length / 2)] ?? 0;
    const report = `~${Math.round(text.length / 1024)} KB: open→publish ${openMs.toFixed(0)} ms; didChange→publish median ${median.toFixed(0)} ms, max ${(samples.at(-1) ?? 0).toFixed(0)} ms`;
    t.diagnostic(report);
    console.log(`# timing: ${report}`);
    assert.ok(median < 2000, report);
  });
});
