/** timezone-valid's season check: a standard-time abbreviation in summer, or a summer-time one in winter. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint } from '../../server/src/engine';

function timeline(date: string, zone: string, year = true): string {
  const day = year ? `${date}, 2024` : date;
  return [
    '# Checkout errors',
    '',
    '## Timeline',
    '',
    `- ${day}, 10:00 ${zone} - Error rate climbs on checkout.`,
    `- 10:05 ${zone} - The error-rate alert fires and pages the on-call engineer.`,
    `- 10:40 ${zone} - The deploy is rolled back; errors stop and the incident is resolved.`,
    '',
  ].join('\n');
}

function season(text: string, options = {}): string[] {
  return lint(text, options)
    .messages.filter((m) => m.ruleId === 'timezone-valid')
    .map((m) => `${m.line}:${m.column} ${m.message}`);
}

test('PST in September is reported once, on its first use, with the abbreviation the clocks showed', () => {
  const found = season(timeline('September 10', 'PST'));
  assert.equal(found.length, 1, found.join('\n'));
  assert.match(found[0]!, /^5:/);
  assert.match(found[0]!, /"PST" is UTC−8, but on 2024-09-10 Pacific clocks were on PDT \(UTC−7\)/);
  assert.match(found[0]!, /and 2 more PST times after it\) is read 1 hour later/);
});

test('EDT in January and CEST in December are summer time out of season', () => {
  assert.match(season(timeline('January 15', 'EDT'))[0] ?? '', /Eastern clocks were on EST \(UTC−5\).*read 1 hour earlier/);
  assert.match(season(timeline('December 3', 'CEST'))[0] ?? '', /Central European clocks were on CET \(UTC\+1\)/);
});

test('abbreviations in season, zones without summer time, and zones kept all year are not reported', () => {
  for (const [date, zone] of [
    ['September 10', 'PDT'],
    ['January 15', 'PST'],
    ['July 4', 'EDT'],
    ['July 4', 'UTC'],
    ['July 4', 'WAT'],
    ['July 4', 'JST'],
    ['July 4', 'MST'],
    ['January 15', 'AEST'],
    ['July 4', 'America/Los_Angeles'],
    ['July 4', 'UTC-8'],
  ]) {
    assert.deepEqual(season(timeline(date!, zone!)), [], `${zone} on ${date}`);
  }
});

test('the day the clocks change: the time before the change keeps the standard abbreviation', () => {
  // US summer time began at 02:00 on March 10, 2024: 01:30 PST is right, 03:30 PST is not.
  const doc = (time: string) =>
    timeline('March 10', 'PST').replace('10:00 PST', `${time} PST`).replace('10:05 PST', '11:05 PDT').replace('10:40 PST', '11:40 PDT');
  assert.deepEqual(season(doc('01:30')), []);
  assert.equal(season(doc('03:30')).length, 1);
});

test('not without a real date, and not when the option says so', () => {
  assert.deepEqual(season(timeline('September 10', 'PST', false)), [], 'no year: the day may be assumed');
  assert.deepEqual(season(timeline('September 10', 'PST'), { rules: { 'timezone-valid': ['warning', { season: false }] } }), []);
});

test("a zone statement out of season is reported on the statement, like an entry's zone", () => {
  const stated =
    '# Checkout errors of July 8, 2024\n\n## Timeline\n\nAll times in EST.\n\n- 10:00 - Error rate climbs.\n- 10:40 - Rolled back; resolved.\n';
  const found = season(stated);
  assert.equal(found.length, 1, found.join('\n'));
  assert.match(found[0]!, /^5:\d+ "EST" is UTC−5, but on 2024-07-08 Eastern clocks were on EDT/);
  // Above the summary, the statement covers the summary's window too.
  const above =
    '# Checkout errors\n\nAll times in EST\n\n## Summary\n\nFrom 10:00 to 10:40 on July 8, 2024, checkout failed.\n\n## Timeline\n\n- 10:00 - Error rate climbs.\n';
  assert.match(season(above)[0] ?? '', /^3:\d+ "EST"/);
  // In season, or with no date stated anywhere, nothing is said.
  assert.deepEqual(season(stated.replace('July 8', 'January 8')), []);
  assert.deepEqual(season(stated.replace(' of July 8, 2024', '')), []);
});
