/**
 * How the timeline sections are read into entries, in shapes seen in real postmortems.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint } from '../../server/src/engine';

test('a repeated "Timeline" heading: every entry is read once', () => {
  const doc = [
    '# Outage', '', '## Timeline', '', '- 08:10 UTC - Disk alert fired.', '- 08:30 UTC - Old logs deleted.', '',
    '## Timeline', '', '- 14:00 UTC - Disk alert fired again.', '- 14:20 UTC - Volume grown; resolved.', '',
  ].join('\n');
  const { model } = lint(doc);
  assert.deepEqual(model.timeline.map((e) => e.line), [5, 6, 10, 11]);
});

test('a list of links in the timeline is not read as entries without timestamps', () => {
  const doc = [
    '# Outage', '', '## Timeline', '', 'Dashboards for the window:', '',
    '- [latency](https://grafana.example.com/d/1?from=1&to=2)', '- https://grafana.example.com/d/2', '',
    '### 07:30 UTC - First report', '', 'Users reported slow launches.', '',
    '### 07:42 UTC - Back to normal', '', 'Launch times recovered; resolved.', '',
  ].join('\n');
  const { model, messages } = lint(doc);
  assert.deepEqual(model.timeline.map((e) => e.line), [10, 14]);
  assert.deepEqual(messages.filter((m) => m.ruleId === 'timeline-timestamp'), []);
  assert.deepEqual(model.unreadTimelineLines.filter((u) => u.reason.includes('link')).map((u) => u.line), [7, 8]);
  // An entry that only lacks its time is still one.
  const missing = lint(doc.replace('- https://grafana.example.com/d/2', '- Paged the on-call engineer'));
  assert.equal(missing.messages.filter((m) => m.ruleId === 'timeline-timestamp').length, 1);
});

test('a timeline with one entry and no time says "1 entry"', () => {
  const { messages } = lint('# T\n\n## Timeline\n\n- Alert fired.\n');
  assert.match(messages.find((m) => m.ruleId === 'timeline-timestamp')?.message ?? '', /\(1 entry\)/);
});

test('lines the timeline cannot read say why: before any entry, or parted from the entry above', () => {
  const doc = [
    '# Outage', '', '## Timeline', '', 'Here is what happened, in order.', '',
    '- 08:10 UTC - Disk alert fired.', '- 08:30 UTC - Old logs deleted; resolved.', '',
    'We kept watching the disk for an hour afterwards.', '',
  ].join('\n');
  const reasons = lint(doc).model.unreadTimelineLines.map((u) => `${u.line} ${u.reason}`);
  assert.equal(reasons.length, 2, reasons.join('\n'));
  assert.match(reasons[0]!, /^5 .*no timeline entry before it/);
  assert.match(reasons[1]!, /^10 .*parts it from the entry above/);
});
