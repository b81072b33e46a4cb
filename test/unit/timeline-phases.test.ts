/**
 * The phases of a timeline entry are read from the whole entry (its continuation lines, a heading entry's
 * body), without its timestamp; a marker right after the timestamp wins over the words.
 * test/fixtures/engine/phases-continuation.md, by hand: the summary's window starts at 09:00; detected at 09:04
 * (the alert is on the continuation line) → 4 minutes; acknowledged at 09:06 (continuation) → 2 minutes after
 * detection; the [escalated] entry at 09:20 mentions "rolled back" but its marker wins, so mitigated is the
 * heading entry at 09:40 (body) → 40 minutes; resolved at 10:10 (body) → 70 minutes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from '../../server/src/engine';

const text = readFileSync(join(__dirname, '..', 'fixtures', 'engine', 'phases-continuation.md'), 'utf8');

test('phases come from continuation lines and heading bodies, markers first', () => {
  const { model, messages } = lint(text);
  assert.deepEqual(
    model.timeline.map((e) => [e.text.slice(0, 5), e.kind, e.phases]),
    [
      ['09:00', 'paragraph', []],
      ['09:04', 'paragraph', ['detected']],
      ['09:06', 'paragraph', ['acknowledged']],
      ['09:20', 'paragraph', ['escalated']],
      ['### 0', 'heading', ['mitigated']],
      ['### 1', 'heading', ['resolved']],
    ],
  );
  assert.ok(!messages.some((m) => m.ruleId === 'detection-recorded'), 'the detection on a continuation line is found');
  const m = model.metrics;
  assert.deepEqual(
    [m.timeToDetectMinutes, m.timeToAcknowledgeMinutes, m.timeToMitigateMinutes, m.timeToResolveMinutes, m.durationMinutes],
    [4, 2, 40, 70, 70],
  );
});

test('the timestamp is not read for phases, and words before it in a table row are', () => {
  const doc = [
    '# Outage',
    '',
    '## Timeline',
    '',
    '| What | When |',
    '| --- | --- |',
    '| Error rate climbs | 2025-05-02 09:00 UTC |',
    '| The alert fires and pages the on-call engineer | 2025-05-02 09:04 UTC |',
    '| Service fully restored | 2025-05-02 09:30 UTC |',
    '',
  ].join('\n');
  const { model } = lint(doc);
  assert.deepEqual(
    model.timeline.map((e) => e.phases),
    [[], ['detected'], ['resolved']],
  );
});

test('a marker after the timestamp still wins over words on the continuation lines', () => {
  const doc =
    '# Outage\n\n## Timeline\n\n2025-05-02 09:00 UTC - [resolved] Closing the incident.\nThe alert was acknowledged and the change rolled back earlier.\n';
  assert.deepEqual(
    lint(doc).model.timeline.map((e) => e.phases),
    [['resolved']],
  );
});
