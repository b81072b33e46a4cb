import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { MarkupContent, Position } from 'vscode-languageserver-protocol/node';
import { fixtureUri, readFixture, TestClient } from './client';
import { positionAt } from './edits';

const CHECKOUT = readFixture('checkout-postmortem.md');
const MISSING = readFixture('missing-timeline-postmortem.md');

/** The position of the `nth` occurrence of `needle`, plus `delta` characters. */
function find(text: string, needle: string, delta = 0, nth = 0): Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `"${needle}" not in text`);
  return positionAt(text, at + delta);
}

interface DocumentInfo {
  isPostmortem: boolean;
  profile: string;
  version: number;
  model: { timeline: unknown[]; sections: { id: string | null }[] } | null;
  diagnosticsCount: { error: number; warning: number; info: number };
}

describe('hover, completion and documentInfo over stdio', () => {
  let client: TestClient;
  const checkout = fixtureUri('features-postmortem.md');
  const missing = fixtureUri('features-missing-postmortem.md');
  before(async () => {
    client = await TestClient.start({ snippetSupport: true });
    await client.open(checkout, CHECKOUT);
    await client.open(missing, MISSING);
    await client.diagnostics(checkout, 1);
    await client.diagnostics(missing, 1);
  });
  after(() => client.dispose());

  it('hovers a timeline timestamp with its UTC instant and its place in the incident', async () => {
    const timeline = CHECKOUT.indexOf('## Timeline');
    const first = await client.hover(checkout, positionAt(CHECKOUT, CHECKOUT.indexOf('10:42 PM', timeline) + 2));
    assert.ok(first);
    const value = (first.contents as MarkupContent).value;
    assert.match(value, /2024-06-08 21:42 UTC/);
    assert.match(value, /22:42 WAT/);
    assert.match(value, /T\+0m/);

    const second = await client.hover(checkout, positionAt(CHECKOUT, CHECKOUT.indexOf('10:51 PM', timeline) + 1));
    assert.ok(second);
    const secondValue = (second.contents as MarkupContent).value;
    assert.match(secondValue, /2024-06-08 21:51 UTC/);
    assert.match(secondValue, /T\+9m/);
    assert.match(secondValue, /\+9m after the previous entry/);

    const last = await client.hover(checkout, positionAt(CHECKOUT, CHECKOUT.indexOf('6:05 AM', timeline) + 1));
    assert.match((last?.contents as MarkupContent).value, /2024-06-09 05:05 UTC[\s\S]*T\+7h23m/);
  });

  it('hovers the summary window with its length', async () => {
    const hover = await client.hover(checkout, find(CHECKOUT, '6:05 AM (WAT) on June 8', 1));
    const value = (hover?.contents as MarkupContent | undefined)?.value ?? '';
    assert.match(value, /2024-06-09 05:05 UTC/);
    assert.match(value, /lasts 7h23m/);
  });

  it('has nothing to say away from timestamps', async () => {
    assert.equal(await client.hover(checkout, find(CHECKOUT, 'Roughly 38%')), null);
  });

  it('offers the missing section at the start of a line', async () => {
    const emptyLine = find(MISSING, '## Root Cause', -1);
    const items = await client.completion(missing, emptyLine);
    const timeline = items.find((i) => i.label === 'Timeline');
    assert.ok(timeline, items.map((i) => i.label).join(', '));
    assert.equal(timeline.detail, 'Postmortem section');
    assert.ok(!items.some((i) => i.label === 'Issue Summary'), 'present sections are not offered');
    const newText = (timeline.textEdit as { newText: string }).newText;
    assert.match(newText, /^## Timeline\n\n/);
  });

  it('offers sections after "## " is typed', async () => {
    const uri = fixtureUri('typing-postmortem.md');
    const text = `${MISSING}\n## `;
    await client.open(uri, text);
    await client.diagnostics(uri, 1);
    const items = await client.completion(uri, positionAt(text, text.length), ' ');
    const item = items.find((i) => i.label === 'Timeline');
    assert.ok(item);
    const edit = item.textEdit as { range: { start: Position; end: Position }; newText: string };
    assert.deepEqual(edit.range.start, { line: positionAt(text, text.length).line, character: 0 });
  });

  it('offers zones after a time on a timeline line, the document zone first', async () => {
    const uri = fixtureUri('zones-postmortem.md');
    const text = CHECKOUT.replace('- 6:05 AM (WAT) - Error rate', '- 5:50 AM \n- 6:05 AM (WAT) - Error rate');
    await client.open(uri, text);
    await client.diagnostics(uri, 1);
    const items = await client.completion(uri, find(text, '- 5:50 AM ', '- 5:50 AM '.length), ' ');
    assert.ok(items.length > 1);
    assert.equal(items[0]?.label, 'WAT');
    assert.ok(items.some((i) => i.label === 'UTC'));
  });

  it('offers "now" in the timeline, in the document style', async () => {
    const uri = fixtureUri('now-postmortem.md');
    const text = CHECKOUT.replace('- 6:05 AM (WAT) - Error rate', '- \n- 6:05 AM (WAT) - Error rate');
    await client.open(uri, text);
    await client.diagnostics(uri, 1);
    const items = await client.completion(uri, find(text, '- \n', 2));
    const now = items.find((i) => i.label === 'now');
    assert.ok(now, items.map((i) => i.label).join(', '));
    assert.match(String(now.insertText), /^\d{1,2}:\d{2} (AM|PM) \(WAT\)$/);
  });

  it('answers postmortem/documentInfo from the same lint as the diagnostics', async () => {
    const info = await client.request<DocumentInfo>('postmortem/documentInfo', { uri: checkout });
    assert.equal(info.isPostmortem, true);
    assert.equal(info.profile, 'default');
    assert.equal(info.version, 1);
    assert.equal(info.model?.timeline.length, 7);
    assert.ok(info.diagnosticsCount.warning >= 1);

    const readme = fixtureUri('README.md');
    await client.open(readme, readFixture('README.md'));
    await client.diagnostics(readme, 1);
    const none = await client.request<DocumentInfo>('postmortem/documentInfo', { uri: readme });
    assert.equal(none.isPostmortem, false);
    assert.deepEqual(none.diagnosticsCount, { error: 0, warning: 0, info: 0 });

    assert.equal(await client.request('postmortem/documentInfo', { uri: 'file:///not/open.md' }), null);
  });
});
