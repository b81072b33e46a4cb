/**
 * timeline-order: which entries are reported (the ones outside the longest ordered run), what the message says,
 * and the sort in each shape: the quick fix, fix-all and the Sort Timeline command agree.
 */
import { describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint, fixAll } from '../../server/src/engine';
import { applyEdits, sortTimeline } from '../../server/src/engine/commands';
import { longestOrderedRun } from '../../server/src/engine/sort/order';

const OFF = { rules: { 'required-sections': 'off', 'word-count': 'off', 'detection-recorded': 'off' } } as const;

function doc(timeline: string[]): string {
  return ['# Incident', '', '## Timeline', '', ...timeline, ''].join('\n');
}
const order = (text: string) => lint(text, OFF).messages.filter((m) => m.ruleId === 'timeline-order');

describe('timeline-order: one mistyped entry is one finding', () => {
  it('the longest ordered run keeps the earliest written entries; ties keep the written order', () => {
    assert.deepEqual(longestOrderedRun([]), []);
    assert.deepEqual(longestOrderedRun([5]), [0]);
    assert.deepEqual(longestOrderedRun([1, 3, 2, 4]), [0, 1, 3]);
    assert.deepEqual(longestOrderedRun([1, 9, 2, 3, 4]), [0, 2, 3, 4]);
    assert.deepEqual(longestOrderedRun([2, 2, 1, 2]), [0, 1, 3]);
    assert.deepEqual(longestOrderedRun([3, 2, 1]), [0]);
  });

  it('an entry dated the 20th among entries of the 2nd: one finding, on it, naming the entry after it and where it belongs', () => {
    const days = [
      '2024-03-02 09:00',
      '2024-03-02 09:30',
      '2024-03-20 19:30',
      '2024-03-02 10:00',
      '2024-03-02 10:30',
      '2024-03-02 11:00',
      '2024-03-02 11:30',
      '2024-03-02 12:00',
    ];
    const text = doc(days.map((d, i) => `- ${d} UTC - step ${i}`));
    const found = order(text);
    assert.equal(found.length, 1, found.map((m) => m.message).join('\n'));
    const m = found[0]!;
    assert.equal(m.line, 7);
    assert.equal(
      m.message,
      'This entry (2024-03-20 19:30 UTC) is out of order: it is later than the entry after it (2024-03-02 10:00 UTC, line 8); by its time it belongs after 2024-03-02 12:00 UTC (line 12).',
    );
    assert.ok(m.fix, 'the sort is offered');
    const fixed = fixAll(text, OFF).text;
    assert.match(fixed, /- 2024-03-02 12:00 UTC - step 7\n- 2024-03-20 19:30 UTC - step 2\n$/);
  });

  it('two swapped entries: the later-written one is reported, earlier than the entry before it', () => {
    const text = doc(['- 10:00 UTC - a', '- 10:30 UTC - c', '- 10:20 UTC - b', '- 10:40 UTC - d']);
    const found = order(text);
    assert.deepEqual(
      found.map((m) => m.message),
      ['This entry (10:20 UTC) is out of order: it is earlier than the entry before it (10:30 UTC, line 6).'],
    );
  });

  it('an entry far too early is reported once, with the entry it should follow', () => {
    const text = doc(['- 10:00 UTC - a', '- 10:10 UTC - b', '- 10:20 UTC - c', '- 10:30 UTC - d', '- 10:05 UTC - e']);
    const found = order(text);
    assert.deepEqual(
      found.map((m) => m.message),
      [
        'This entry (10:05 UTC) is out of order: it is earlier than the entry before it (10:30 UTC, line 8); by its time it belongs before 10:10 UTC (line 6).',
      ],
    );
  });

  it('entries that go back across midnight are not reported (the date rolls over as before)', () => {
    assert.deepEqual(order(doc(['- 11:50 PM UTC - a', '- 12:10 AM UTC - b', '- 1:00 AM UTC - c'])), []);
  });

  it('a second timeline section starts its own sequence', () => {
    const text = [
      '# Incident',
      '',
      '## Timeline',
      '',
      '- 2024-05-05 10:00 UTC - a',
      '',
      '## Timeline',
      '',
      '- 2024-05-05 09:00 UTC - b',
      '',
    ].join('\n');
    assert.deepEqual(order(text), []);
  });
});

describe('timeline-order: the sort in every shape', () => {
  it("the seed's shape: one paragraph per entry, two swapped; the quick fix, fix-all and the command sort them", () => {
    const text = readFileSync(
      join(__dirname, '..', 'fixtures', 'e2e-workspace', 'shapes', '2024-06-08-storefront-paragraphs-postmortem.md'),
      'utf8',
    );
    const found = lint(text).messages.filter((m) => m.ruleId === 'timeline-order');
    assert.equal(found.length, 1);
    const fix = found[0]!.fix;
    assert.ok(fix);
    const edits = sortTimeline(text);
    assert.equal(edits.length, 1, 'sortTimeline returns the edit');
    assert.deepEqual(edits, fix.edits, 'the command and the quick fix make the same edit');
    const sorted = applyEdits(text, edits);
    const times = [...sorted.matchAll(/^June \d, 2024, (\d{1,2}:\d\d [AP]M) \(WAT\):/gm)].map((m) => m[1]);
    assert.deepEqual(times, ['10:42 PM', '10:55 PM', '11:30 PM', '2:10 AM', '6:05 AM']);
    assert.match(
      sorted,
      /11:30 PM \(WAT\): The on-call engineer found log rotation switched off and the disk full of\naccess logs;/,
      'the continuation line moved with its entry',
    );
    assert.equal(fixAll(text).text, sorted);
    assert.deepEqual(
      lint(sorted).messages.filter((m) => m.ruleId === 'timeline-order'),
      [],
    );
  });

  it('sub-headings: each heading moves with its body', () => {
    const text = doc(['### 10:30 UTC', '', 'Rolled back.', '', '- checked the dashboards', '', '### 10:05 UTC', '', 'Alert fired.']);
    assert.ok(order(text)[0]?.fix);
    assert.equal(
      applyEdits(text, sortTimeline(text)),
      doc(['### 10:05 UTC', '', 'Alert fired.', '', '### 10:30 UTC', '', 'Rolled back.', '', '- checked the dashboards']),
    );
  });

  it('numbered items keep their numbers; sub-items and continuation lines move with their entry, re-indented for a wider number', () => {
    const items = Array.from({ length: 10 }, (_, i) => `${i + 1}. 10:${String(i + 10)} UTC - step ${i}`);
    items[8] = '9. 10:59 UTC - late\n   - a sub-item\n   more words';
    const text = doc(items);
    const sorted = applyEdits(text, sortTimeline(text));
    assert.match(sorted, /\n9\. 10:19 UTC - step 9\n10\. 10:59 UTC - late\n {4}- a sub-item\n {4}more words\n$/);
    assert.equal(lint(sorted, OFF).model.timeline.length, 10);
  });

  it('a date line over a nested list: the entries sort under their date, and not across dates', () => {
    const text = doc([
      '- June 8, 2024',
      '  - 22:40 UTC - b',
      '  - 22:10 UTC - a',
      '- June 9, 2024',
      '  - 01:00 UTC - d',
      '  - 00:30 UTC - c',
    ]);
    const found = order(text);
    assert.equal(found.length, 2);
    assert.ok(found.every((m) => m.fix));
    assert.equal(
      fixAll(text, OFF).text,
      doc(['- June 8, 2024', '  - 22:10 UTC - a', '  - 22:40 UTC - b', '- June 9, 2024', '  - 00:30 UTC - c', '  - 01:00 UTC - d']),
    );
  });

  it('a list, then paragraphs, then a table, whose times do not interleave: the blocks trade places whole', () => {
    const text = doc([
      '| Time | Event |',
      '| --- | --- |',
      '| 2024-05-05 10:30 UTC | c |',
      '',
      '- 2024-05-05 10:00 UTC - a',
      '- 2024-05-05 10:05 UTC - a2',
      '',
      '2024-05-05 10:10 UTC: b',
    ]);
    assert.equal(
      fixAll(text, OFF).text,
      doc([
        '- 2024-05-05 10:00 UTC - a',
        '- 2024-05-05 10:05 UTC - a2',
        '',
        '2024-05-05 10:10 UTC: b',
        '',
        '| Time | Event |',
        '| --- | --- |',
        '| 2024-05-05 10:30 UTC | c |',
      ]),
    );
  });

  it('entries without a time travel with the entry above them', () => {
    const text = doc(['- 10:30 UTC - b', '- (no time) more about b', '- 10:00 UTC - a']);
    assert.equal(applyEdits(text, sortTimeline(text)), doc(['- 10:00 UTC - a', '- 10:30 UTC - b', '- (no time) more about b']));
  });

  it('a sorted timeline gets no edit', () => {
    assert.deepEqual(sortTimeline(doc(['2024-05-05 10:00 UTC: a', '', '2024-05-05 10:10 UTC: b'])), []);
  });
});

test('a timeline written newest first (status page updates) is one finding, and its fix puts the oldest first', () => {
  const text = [
    '# Delayed webhooks',
    '',
    '## Timeline',
    '',
    '- **Resolved** (18:50 UTC) — All delayed webhooks delivered.',
    '- **Monitoring** (18:32 UTC) — A fix is deployed.',
    '- **Investigating** (18:09 UTC) — We are investigating delayed webhooks.',
    '',
  ].join('\n');
  const found = lint(text).messages.filter((m) => m.ruleId === 'timeline-order');
  assert.equal(found.length, 1);
  assert.match(found[0]!.message, /runs newest first \(18:50 UTC down to 18:09 UTC\)/);
  const fixed = fixAll(text).text;
  assert.deepEqual(
    lint(fixed).model.timeline.map((e) => e.timestamp?.text),
    ['18:09 UTC', '18:32 UTC', '18:50 UTC'],
  );
  assert.equal(lint(fixed).messages.filter((m) => m.ruleId === 'timeline-order').length, 0);
  assert.deepEqual(lint(fixed).model.timeline[0]!.phases, ['detected']);
});
