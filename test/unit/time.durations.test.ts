import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findDurations, formatDuration } from '../../server/src/engine/time';
import type { Duration } from '../../server/src/engine/time';

function one(text: string): Duration {
  const all = findDurations(text);
  assert.equal(all.length, 1, `${text}: ${JSON.stringify(all.map((d) => d.text))}`);
  const d = all[0];
  assert.ok(d);
  return d;
}

describe('time: findDurations', () => {
  const cases: [string, number, string, Duration['style']][] = [
    ['the outage lasted 8 hours', 480, '8 hours', 'words'],
    ['down for 2h 30m', 150, '2h 30m', 'compact'],
    ['2 hrs 30 mins of downtime', 150, '2 hrs 30 mins', 'compact'],
    ['for 45 minutes', 45, '45 minutes', 'words'],
    ['about 1.5 hours', 90, '1.5 hours', 'decimal-hours'],
    ['7 hours and 23 minutes', 443, '7 hours and 23 minutes', 'words'],
    ['for an hour', 60, 'an hour', 'words'],
    ['half an hour later', 30, 'half an hour', 'words'],
    ['an hour and a half', 90, 'an hour and a half', 'words'],
    ['1 hour 5 minutes', 65, '1 hour 5 minutes', 'words'],
    ['90 min', 90, '90 min', 'compact'],
    ['3 days', 4320, '3 days', 'words'],
    ['a 2-hour outage', 120, '2-hour', 'words'],
    ['1 day, 2 hours and 3 minutes', 1563, '1 day, 2 hours and 3 minutes', 'words'],
    ['took 30m to recover', 30, '30m', 'compact'],
    ['lasted one and a half hours', 90, 'one and a half hours', 'words'],
    ['for two and a half days', 3600, 'two and a half days', 'words'],
    ['about 1½ hours', 90, '1½ hours', 'words'],
    ['a half-hour outage', 30, 'a half-hour', 'words'],
    ['for a half hour', 30, 'a half hour', 'words'],
    ['down 1:30 hours', 90, '1:30', 'clock'],
    ['one and a half hour', 90, 'one and a half hour', 'words'],
    ['1m 30s', 1.5, '1m 30s', 'compact'],
    ['two hours', 120, 'two hours', 'words'],
  ];
  for (const [text, minutes, found, style] of cases) {
    it(text, () => {
      const d = one(text);
      assert.equal(d.minutes, minutes);
      assert.equal(d.text, found);
      assert.equal(text.slice(d.start, d.end), found);
      assert.equal(d.style, style);
    });
  }
  it('finds several in order', () => {
    const all = findDurations('It took 45 minutes to detect and 2 hours to fix.');
    assert.deepEqual(
      all.map((d) => d.minutes),
      [45, 120],
    );
  });
  it('ignores things that are not durations', () => {
    for (const text of ['10s (x3 over 41s)', '5m users affected', 'HTTP 500', '10:30 PM', 'a house', 'v1.2h', 'no numbers here']) {
      assert.deepEqual(
        findDurations(text).map((d) => d.text),
        [],
        text,
      );
    }
  });
});

describe('time: formatDuration', () => {
  const like = (text: string): Duration => one(text);
  it('writes in the style of the original', () => {
    assert.equal(formatDuration(443, like('8 hours')), '7 hours 23 minutes');
    assert.equal(formatDuration(443, like('7 hours and 5 minutes')), '7 hours and 23 minutes');
    assert.equal(formatDuration(443, like('2h 30m')), '7h 23m');
    assert.equal(formatDuration(443, like('2 hrs 30 mins')), '7 hrs 23 mins');
    assert.equal(formatDuration(450, like('1.5 hours')), '7.5 hours');
    assert.equal(formatDuration(443, like('1.5 hours')), '7 hours 23 minutes');
    assert.equal(formatDuration(60, like('1.5 hours')), '1 hour');
    assert.equal(formatDuration(60, like('8 hours')), '1 hour');
    assert.equal(formatDuration(45, like('8 hours')), '45 minutes');
    assert.equal(formatDuration(1, like('8 hours')), '1 minute');
    assert.equal(formatDuration(120, like('45 minutes')), '2 hours');
    assert.equal(formatDuration(0, like('45 minutes')), '0 minutes');
    assert.equal(formatDuration(1563, like('3 days')), '1 day 2 hours 3 minutes');
    assert.equal(formatDuration(1563, like('8 hours')), '26 hours 3 minutes');
    assert.equal(formatDuration(90, { minutes: 0, start: 0, end: 0, text: '', style: 'clock' }), '1:30');
  });
  it('round-trips through findDurations', () => {
    for (const text of ['8 hours', '2h 30m', '2 hrs 30 mins', '7 hours and 5 minutes', '1.5 hours', '3 days']) {
      for (const minutes of [1, 45, 60, 61, 443, 1500]) {
        const out = formatDuration(minutes, like(text));
        assert.equal(one(out).minutes, minutes, `${text} -> ${out}`);
      }
    }
  });
});

describe('durations: military clock times are not durations', () => {
  it('skips HHMM before an hour unit', () => {
    for (const text of ['from 0215hrs to 0340hrs', 'at 1430 hrs', 'by 0900 hours', 'at 2359h']) {
      assert.deepEqual(
        findDurations(text).map((d) => d.text),
        [],
        text,
      );
    }
  });
  it('keeps real durations', () => {
    assert.deepEqual(
      findDurations('it lasted 2 hrs, then 1200 hours of retries').map((d) => d.minutes),
      [120, 72000],
    );
  });
});
