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
