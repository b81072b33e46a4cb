/**
 * Bad input never crashes the engine, never loses text in a fix, and gets a clear message where it matters.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint, fixAll } from '../../server/src/engine';
import { defuseDeepNesting } from '../../server/src/engine/nestingLimit';

function clean(text: string): ReturnType<typeof lint> {
  const result = lint(text);
  for (const m of result.messages) {
    assert.ok(m.start >= 0 && m.start <= m.end && m.end <= text.length, `${m.ruleId}: range inside the document`);
    assert.notEqual(m.ruleId, 'internal-error', m.message);
  }
  return result;
}

const timeline = (entries: string[], eol = '\n'): string =>
  [
    '# Incident',
    '',
    '## Issue Summary',
    '',
    'Duration: 8 hours, from 10:00 to 11:00 UTC on May 5, 2024. Users saw errors. The root cause was a bad deploy.',
    '',
    '## Timeline',
    '',
    ...entries,
    '',
  ].join(eol);

test('an empty document asks for the sections, once', () => {
  const { messages } = clean('');
  assert.deepEqual(messages.filter((m) => m.ruleId === 'required-sections').length, 1);
});

test('NUL bytes and lone surrogates are read as text', () => {
  const text = timeline(['- 10:30 UTC - a\u0000b', '- 10:00 UTC - c\uD800d']);
  const { model, messages } = clean(text);
  assert.equal(model.timeline.length, 2);
  assert.ok(messages.some((m) => m.ruleId === 'timeline-order'));
});

test('CRLF documents keep CRLF through every fix', () => {
  const text = timeline(['- 10:30 UTC - b', '- 10:00 UTC - a'], '\r\n');
  const fixed = fixAll(text).text;
  assert.notEqual(fixed, text);
  assert.ok(!/[^\r]\n/.test(fixed), 'no bare LF was introduced');
  assert.ok(fixed.indexOf('10:00 UTC - a') < fixed.indexOf('10:30 UTC - b'));
});

test('mixed line endings do not break positions', () => {
  const text = '# T\r\n\n## Timeline\r\n\n- 10:30 UTC - b\n- 10:00 UTC - a\r\n';
  const m = clean(text).messages.find((x) => x.ruleId === 'timeline-order');
  assert.ok(m);
  assert.equal(text.slice(m.start, m.end), '10:00 UTC');
});

test('a BOM is kept and positions stay right', () => {
  const text = '\uFEFF' + timeline(['- 10:30 UTC - b', '- 10:00 UTC - a']);
  const m = clean(text).messages.find((x) => x.ruleId === 'timeline-order');
  assert.ok(m);
  assert.equal(text.slice(m.start, m.end), '10:00 UTC');
  assert.ok(fixAll(text).text.startsWith('\uFEFF'));
});

test('emoji and other astral characters before a finding: the range lands on the right characters', () => {
  const text = timeline(['- 10:30 UTC - 🔥🔥🔥 b', '- 🚨 10:00 UTC - 𝒶 a']);
  const m = clean(text).messages.find((x) => x.ruleId === 'timeline-order');
  assert.ok(m);
  assert.equal(text.slice(m.start, m.end), '10:00 UTC');
});

test('right-to-left text in entries', () => {
  const { model } = clean(timeline(['- 10:00 UTC - השרת נפל', '- 10:30 UTC - الخادم عاد']));
  assert.equal(model.timeline.filter((e) => e.instant !== null).length, 2);
});

test('lists and quotes nested thousands deep: read quickly, the deep part as text, and said so', () => {
  const deepList = '## Timeline\n\n' + Array.from({ length: 2000 }, (_, i) => ' '.repeat(i * 2) + '- 10:00 UTC x').join('\n') + '\n';
  const markers = '- '.repeat(10000) + '10:00 UTC x\n';
  const quotes = '>'.repeat(10000) + ' 10:00 UTC x\n';
  for (const text of [deepList, markers, quotes]) {
    const started = Date.now();
    const { messages } = clean(text);
    assert.ok(Date.now() - started < 60_000, 'finishes');
    const note = messages.find((m) => m.ruleId === 'parse-limit');
    assert.ok(note, 'says what it read as text');
    assert.equal(note.severity, 'info');
  }
});

test('defusing keeps every offset and every character that is not a marker', () => {
  const text = '- '.repeat(50) + 'x\n' + '>'.repeat(40) + ' y\n';
  const d = defuseDeepNesting(text);
  assert.equal(d.text.length, text.length);
  assert.deepEqual(d.lines, [1, 2]);
  assert.ok(d.text.endsWith('x\n' + '>'.repeat(32) + '\u203A'.repeat(8) + '\u00A0y\n'));
  assert.ok(d.text.startsWith('- '.repeat(32)), 'the first levels stay lists');
  assert.equal(defuseDeepNesting('# plain\n\n- a\n  - b\n').text, '# plain\n\n- a\n  - b\n');
});

test('a 1 MB line', () => {
  const text = timeline(['- 10:00 UTC - ' + 'a'.repeat(1_000_000), '- 10:30 UTC - b']);
  const { model } = clean(text);
  assert.equal(model.timeline.length, 2);
});

test('timestamps at the edges', () => {
  const { model, messages } = clean(
    timeline([
      '- March 9, 2024 12:00 AM UTC - midnight is the start of the day',
      '- March 9, 2024 12:00 PM UTC - noon',
      '- March 9, 2024 24:00 UTC - the end of the day',
      '- February 29, 2023 10:00 UTC - not a leap year',
      '- January 1, 1970 00:00 UTC - the epoch',
      '- December 31, 2100 23:59 UTC - far future',
      '- March 10, 2024 2:30 AM America/New_York - in the spring-forward gap',
      '- November 3, 2024 1:30 AM America/New_York - in the fall-back overlap',
    ]),
  );
  const at = (i: number): string | null => {
    const v = model.timeline[i]?.instant;
    return v == null ? null : new Date(v).toISOString();
  };
  assert.equal(at(0), '2024-03-09T00:00:00.000Z');
  assert.equal(at(1), '2024-03-09T12:00:00.000Z');
  assert.equal(at(2), '2024-03-10T00:00:00.000Z');
  assert.ok(
    messages.some((m) => m.ruleId === 'timeline-timestamp' && /2023/.test(m.message)),
    'February 29, 2023 is impossible',
  );
  assert.equal(at(4), '1970-01-01T00:00:00.000Z');
  assert.equal(at(5), '2100-12-31T23:59:00.000Z');
  assert.equal(at(6), '2024-03-10T07:30:00.000Z', 'a time in the gap moves forward, read with the offset before it');
  assert.equal(at(7), '2024-11-03T05:30:00.000Z', 'a time in the overlap takes the first occurrence');
});

test('a document that is only noise', () => {
  for (const text of [
    '\u0000'.repeat(1000),
    '|'.repeat(5000),
    '[](<'.repeat(2000),
    '```\n'.repeat(3) + '10:00 UTC',
    '<!--'.repeat(1000),
    '*'.repeat(20000),
  ])
    clean(text);
});
