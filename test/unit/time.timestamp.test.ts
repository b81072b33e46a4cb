import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findTimestamps, scanLeadingTimestamp } from '../../server/src/engine/time';
import type { ParsedTimestamp, TimeOptions } from '../../server/src/engine/time';
import { applyEdits, convertTimeline } from '../../server/src/engine/commands';

interface Expect {
  text?: string;
  start?: number;
  date?: [number | undefined, number, number];
  time?: [number, number, number?];
  zone?: number | null;
  zoneText?: string;
  problems?: RegExp;
}

function one(line: string, opts?: TimeOptions): ParsedTimestamp {
  const all = findTimestamps(line, opts);
  assert.equal(all.length, 1, `${line}: ${JSON.stringify(all.map((t) => t.text))}`);
  const t = all[0];
  assert.ok(t);
  return t;
}

function check(line: string, e: Expect, opts?: TimeOptions): void {
  const t = one(line, opts);
  if (e.text !== undefined) assert.equal(t.text, e.text);
  if (e.start !== undefined) assert.equal(t.start, e.start);
  assert.equal(line.slice(t.start, t.end), t.text);
  if (e.date) {
    assert.ok(t.date, `${line}: date`);
    assert.deepEqual([t.date.year, t.date.month, t.date.day], e.date);
  } else assert.equal(t.date, undefined, `${line}: no date`);
  if (e.time) {
    assert.ok(t.time, `${line}: time`);
    assert.deepEqual([t.time.hour, t.time.minute, t.time.second], [e.time[0], e.time[1], e.time[2]]);
  } else assert.equal(t.time, undefined, `${line}: no time`);
  if (e.zone === null || e.zone === undefined) {
    if (e.zone === null) assert.equal(t.zone, undefined, `${line}: no zone`);
  } else {
    assert.ok(t.zone, `${line}: zone`);
    assert.equal(t.zone.offsetMinutes, e.zone);
  }
  if (e.zoneText !== undefined) assert.equal(t.zone?.text, e.zoneText);
  if (e.problems) assert.match(t.problems.join(' | '), e.problems);
  else assert.deepEqual(t.problems, [], `${line}: no problems`);
}

describe('time: findTimestamps forms', () => {
  const cases: [string, Expect][] = [
    [
      'June 8, 2024, 10:42 PM (WAT)',
      { text: 'June 8, 2024, 10:42 PM (WAT)', date: [2024, 6, 8], time: [22, 42], zone: 60, zoneText: 'WAT' },
    ],
    ['10:45 PM WAT', { date: undefined, time: [22, 45], zone: 60 }],
    ['22:45 UTC', { time: [22, 45], zone: 0 }],
    ['2024-06-08 22:42 UTC', { date: [2024, 6, 8], time: [22, 42], zone: 0 }],
    ['2024-06-08T22:42:00Z', { text: '2024-06-08T22:42:00Z', date: [2024, 6, 8], time: [22, 42, 0], zone: 0 }],
    ['2024-06-08T22:42:00-05:00', { date: [2024, 6, 8], time: [22, 42, 0], zone: -300 }],
    ['08/06/2024 10:42', { date: [2024, 8, 6], time: [10, 42], zone: null }],
    ['26/05/2023', { date: [2023, 5, 26] }],
    ['10.42pm', { time: [22, 42] }],
    ['10:42:05', { time: [10, 42, 5] }],
    ['9:00 am', { time: [9, 0] }],
    ['6 p.m.', { text: '6 p.m.', time: [18, 0] }],
    ['6PM', { time: [18, 0] }],
    ['12: 30', { time: [12, 30] }],
    ['12 AM', { time: [0, 0] }],
    ['12:15 AM', { time: [0, 15] }],
    ['12 PM', { time: [12, 0] }],
    ['12:45 pm', { time: [12, 45] }],
    ['00:30 AM', { time: [0, 30] }],
    ['Sat, June 8', { text: 'Sat, June 8', date: [undefined, 6, 8] }],
    ['Saturday, June 8, 2024', { date: [2024, 6, 8] }],
    ['Saturday, June 8, 2024 - 10:42 PM PT', { text: 'Saturday, June 8, 2024 - 10:42 PM PT', date: [2024, 6, 8], time: [22, 42] }],
    ['2024-06-08 – 22:42 UTC', { date: [2024, 6, 8], time: [22, 42], zone: 0 }],
    ['6/8 22:42 UTC', { text: '6/8 22:42 UTC', date: [undefined, 6, 8], time: [22, 42], zone: 0 }],
    ['13/8 09:00', { date: [undefined, 8, 13], time: [9, 0] }],
    ['03-03 14:05', { text: '03-03 14:05', date: [undefined, 3, 3], time: [14, 5] }],
    ['[11-02 23:04] deploy', { text: '11-02 23:04', date: [undefined, 11, 2], time: [23, 4] }],
    ['November,9,2023 2:00 PM', { date: [2023, 11, 9], time: [14, 0] }],
    ['8 June 2024', { date: [2024, 6, 8] }],
    ['Jun 8th', { date: [undefined, 6, 8] }],
    ['24th January, 2023', { date: [2023, 1, 24] }],
    ['the 3rd of March', { date: [undefined, 3, 3] }],
    ['February 5th 2019', { date: [2019, 2, 5] }],
    ['08-Jun-2024 10:42', { date: [2024, 6, 8], time: [10, 42] }],
    ['2017-11-30 4:23PM PST, OOM', { text: '2017-11-30 4:23PM PST', date: [2017, 11, 30], time: [16, 23], zone: -480 }],
    ['04-12-2022 7:23 AM GMT+1 - users', { date: [2022, 4, 12], time: [7, 23], zone: 60 }],
    ['10:00 AM UTC, February 14 - support', { text: '10:00 AM UTC, February 14', date: [undefined, 2, 14], time: [10, 0], zone: 0 }],
    ['10:42 PM (WAT) on June 8, 2024', { date: [2024, 6, 8], time: [22, 42], zone: 60 }],
    ['0330hrs (EAT)', { time: [3, 30], zone: 180 }],
    ['1430Z', { time: [14, 30], zone: 0 }],
    ['at 0:59 CET', { time: [0, 59], zone: 60 }],
    ['14:30 Africa/Lagos', { time: [14, 30], zoneText: 'Africa/Lagos' }],
    ['10:00 West Africa Time', { time: [10, 0], zone: 60 }],
    ['10:00 WAT (UTC+1)', { time: [10, 0], zone: 60, text: '10:00 WAT (UTC+1)' }],
    ['November 25, 10:00 AM (SAST+2)', { date: [undefined, 11, 25], time: [10, 0], zone: 120 }],
    ['10:00 Gmt', { time: [10, 0], zone: 0 }],
    ['10:00 utc', { time: [10, 0], zone: 0 }],
    ['10:00 (UTC+0)', { time: [10, 0], zone: 0 }],
    ['10:00 +0100', { time: [10, 0], zone: 60 }],
    ['22:42Z', { time: [22, 42], zone: 0 }],
    ['September 11th, 2018, at midnight (PST)', { date: [2018, 9, 11], time: [0, 0], zone: -480 }],
    ['at noon', { time: [12, 0] }],
    ['12 noon', { time: [12, 0] }],
    ['24:00', { time: [24, 0] }],
    ['Saturday 8 June', { date: [undefined, 6, 8] }],
  ];
  for (const [line, e] of cases) {
    it(`reads ${JSON.stringify(line)}`, () => check(line, e));
  }

  it('reads "Day 1, 09:00" as a relative day', () => {
    const t = one('Day 2, 09:00 - backups resumed');
    assert.equal(t.relativeDay?.day, 2);
    assert.deepEqual([t.time?.hour, t.time?.minute], [9, 0]);
  });

  it('keeps style details for rewriting', () => {
    const t = one('**09:45 am**');
    assert.equal(t.time?.style.clock, '12h');
    assert.equal(t.time?.style.meridiemText, 'am');
    assert.equal(t.time?.style.meridiemSpace, true);
    assert.equal(t.time?.style.padHour, true);
    assert.equal(one('10:45 am').time?.style.padHour, false);
    assert.equal(one('10:45').time?.style.padHour, true);
    assert.equal(one('9:45').time?.style.padHour, false);
    const u = one('6PM');
    assert.equal(u.time?.style.meridiemSpace, false);
    assert.equal(u.time?.style.noMinutes, true);
    const v = one('09.05 UTC');
    assert.equal(v.time?.style.separator, '.');
    const d = one('Jun 8th, 2024');
    assert.equal(d.date?.style.kind, 'long');
    assert.equal(d.date?.style.shortMonth, true);
    assert.equal(d.date?.style.ordinal, true);
  });

  it('reads numeric dates by dateOrder, a first number > 12 forcing dmy', () => {
    assert.deepEqual(pickDate('08/06/2024'), [2024, 8, 6]);
    assert.deepEqual(pickDate('08/06/2024', { dateOrder: 'dmy' }), [2024, 6, 8]);
    assert.deepEqual(pickDate('26/05/2023', { dateOrder: 'mdy' }), [2023, 5, 26]);
    assert.deepEqual(pickDate('05/26/2023', { dateOrder: 'dmy' }), [2023, 5, 26]);
    assert.equal(one('08/06/2024').date?.style.orderAmbiguous, true);
    assert.equal(one('26/05/2023').date?.style.orderAmbiguous, undefined);
  });

  it('detects timestamps behind markup', () => {
    for (const line of [
      '**10:45 AM** - x',
      '[08:47] x',
      '(10:45) x',
      '| 10:45 | x |',
      '- **10:45 AM**: x',
      '* *14:51 PST* - x',
      '-10:00 AM (UTC): x',
      '### 07:30 - First report',
      '`10:45`',
    ]) {
      const all = findTimestamps(line);
      assert.equal(all.length, 1, line);
    }
  });

  it('finds several timestamps in order with offsets', () => {
    const line = 'From 6:00 am to 12:16 pm, GMT+1, January 14 2020 requests failed';
    const all = findTimestamps(line);
    assert.equal(all.length, 2);
    assert.equal(all[0]?.text, '6:00 am');
    assert.equal(all[0]?.start, 5);
    assert.equal(all[1]?.text, '12:16 pm, GMT+1, January 14 2020');
    assert.equal(all[1]?.zone?.offsetMinutes, 60);
    const range = findTimestamps('**Duration:** June 10, 2023, 10:00 AM - June 10, 2023, 11:30 AM (PST)');
    assert.deepEqual(
      range.map((t) => [t.time?.hour, t.zone?.offsetMinutes]),
      [
        [10, undefined],
        [11, -480],
      ],
    );
    const dash = findTimestamps('10:00-11:30 UTC');
    assert.deepEqual(
      dash.map((t) => t.text),
      ['10:00', '11:30 UTC'],
    );
  });

  it('reads a zone after closing markup and never returns overlapping timestamps', () => {
    assert.equal(one('- End: [00:50] (UTC)').zone?.offsetMinutes, 0);
    assert.equal(one('- **10:45 AM** (WAT) - alert').zone?.offsetMinutes, 60);
    const odd = findTimestamps('Resolution: 18:16 Dec 2023');
    for (let i = 1; i < odd.length; i++) assert.ok((odd[i]?.start ?? 0) >= (odd[i - 1]?.end ?? 0));
    assert.deepEqual(
      findTimestamps('see logs?from=2017-11-30T23%3A22').map((t) => t.text),
      [],
    );
  });

  it('flags ambiguous and unknown zones', () => {
    const ist = one('10:00 IST');
    assert.ok(ist.zone?.ambiguous);
    assert.equal(one('10:00 IST', { zoneAliases: { IST: 'Asia/Kolkata' } }).zone?.ambiguous, undefined);
    const unk = one('10:00 XYZT');
    assert.equal(unk.zone?.unknown, true);
  });

  it('does not read ordinary words after a time as zones', () => {
    for (const line of ['10:00 - API down', '10:00 ALERT fired', '10:00 IT team', '10:00 we eat', '10:00 at the cat']) {
      assert.equal(one(line).zone, undefined, line);
    }
  });
});

function pickDate(line: string, opts?: TimeOptions): [number | undefined, number, number] {
  const d = one(line, opts).date;
  assert.ok(d);
  return [d.year, d.month, d.day];
}

describe('time: impossible values are reported, not dropped', () => {
  const cases: [string, RegExp][] = [
    ['25:10', /25:10 is not a time of day: hours run from 00 to 23/],
    ['10:61', /minutes run from 00 to 59/],
    ['13:00 PM', /13:00 PM mixes a 24-hour time with PM/],
    ['14:30 am', /mixes a 24-hour time with am/],
    ['February 30', /February 30 does not exist/],
    ['February 29, 2023', /February 29, 2023 does not exist: 2023 is not a leap year/],
    ['June 31, 2024', /June 31 does not exist: June has 30 days/],
    ['31/02/2024', /February 31 does not exist/],
    ['23:59:60', /leap second/],
    ['24:30', /hours run from 00 to 23/],
    ['10:00 SAST+3', /SAST is UTC\+02, not UTC\+03/],
  ];
  for (const [line, re] of cases) {
    it(line, () => {
      const t = one(line);
      assert.match(t.problems.join(' | '), re);
    });
  }
  it('accepts February 29 in a leap year and 24:00 as the end of the day', () => {
    assert.deepEqual(one('February 29, 2024').problems, []);
    assert.deepEqual(one('24:00').problems, []);
  });
});

describe('time: a weekday that contradicts its date', () => {
  it('reads the date (the date wins) and keeps the contradiction with the right weekday, written alike', () => {
    const t = one('Friday, March 12, 2024, 10:00 UTC');
    assert.deepEqual(t.problems, []);
    assert.deepEqual([t.date?.year, t.date?.month, t.date?.day], [2024, 3, 12]);
    assert.equal(t.date?.weekdayConflict?.text, 'Friday');
    assert.equal(t.date?.weekdayConflict?.actual, 'Tuesday');
    assert.match(t.date?.weekdayConflict?.message ?? '', /March 12, 2024 was a Tuesday, not a Friday/);
    assert.equal(one('Sat, June 9, 2024').date?.weekdayConflict?.actual, 'Sun');
    assert.equal(one('saturday 9 june 2024').date?.weekdayConflict?.actual, 'sunday');
    assert.equal(one('Saturday, June 8, 2024').date?.weekdayConflict, undefined);
  });
});

describe('time: must not match', () => {
  const lines = [
    'v1.2.3',
    '1.10.2',
    'upgraded to nginx 1.18.0',
    '10.0.0.1',
    '192.168.1.10',
    '127.0.0.1:8080',
    'HTTP 500',
    '100%',
    ':8080',
    'localhost:3000',
    '42',
    '3.5 hours',
    '5/5 servers',
    '1.5',
    'took 1.30 hours',
    'CPU at 99.5%',
    'the ratio 3:1',
    '10s (x3 over 41s)',
    'error code 12.30',
    'about 12: 30 servers',
    'released in May',
    'we may 3 times',
    'Section 2.10',
    'GMT+1',
    'UTC-05:00',
    '$10.50',
    '#12:30',
    'line 10:20:30:40',
    '45:30',
    'v2.10.15',
    '2.5 GB',
    '12.34.56.78',
    '0.0.0.0/0',
    'sha 1234abcd',
    '3 days',
    '8 hours',
    '10-15 requests',
    'ticket 12-34',
  ];
  for (const line of lines) {
    it(JSON.stringify(line), () =>
      assert.deepEqual(
        findTimestamps(line).map((t) => t.text),
        [],
      ),
    );
  }
});

describe('time: scanLeadingTimestamp', () => {
  it('finds a timestamp at the start of an entry', () => {
    assert.equal(scanLeadingTimestamp('- **10:45 AM** - alert fired')?.text, '10:45 AM');
    assert.equal(scanLeadingTimestamp('**Issue Detected:** November 25, 10:00 AM (SAST+2)')?.text, 'November 25, 10:00 AM (SAST+2)');
    assert.equal(scanLeadingTimestamp('| 2019-11-30 08:24 | warning |')?.text, '2019-11-30 08:24');
  });
  it('finds one after a longer label', () => {
    const line = '**Detection and first response by the on-call team:** 10:00 UTC - paged';
    assert.equal(scanLeadingTimestamp(line)?.text, '10:00 UTC');
  });
  it('returns null when the timestamp is deep in prose or absent', () => {
    assert.equal(scanLeadingTimestamp('We rolled back the change, and everything was fine again by 10:00 UTC the next day'), null);
    assert.equal(scanLeadingTimestamp('No times here'), null);
  });
});

describe('time: timestamps in underscore emphasis', () => {
  it('reads a time or date wrapped in _ or __ emphasis', () => {
    assert.deepEqual(
      findTimestamps('down from __0215hrs (CAT)__ to __0340hrs (CAT)__ on Friday').map((t) => t.text),
      ['0215hrs (CAT)', '0340hrs (CAT)'],
    );
    assert.equal(scanLeadingTimestamp('* _09:40 UTC_ - queue drained')?.text, '09:40 UTC');
    assert.equal(findTimestamps('_2024-05-03_ release day')[0]?.text, '2024-05-03');
  });
  it('still skips digits inside an identifier', () => {
    assert.deepEqual(findTimestamps('see snapshot_10:30 and build_2024-05-03 and v1_12.30'), []);
  });
});

describe('time: a numeric date without a year', () => {
  it('is a date only with a time: fractions and ratios are not dates', () => {
    for (const text of ['1/2 of the nodes failed', 'a 50/50 split', 'error rate 3/4 of normal', '24/7 on-call']) {
      assert.deepEqual(
        findTimestamps(text).map((t) => t.text),
        [],
        text,
      );
    }
  });
  it('is written back without a year when a time moves across midnight', () => {
    const doc = '# X\n\n## Timeline\n\n- 6/8 23:40 UTC - Errors start.\n- 6/9 00:30 UTC - Resolved.\n';
    const converted = applyEdits(doc, convertTimeline(doc, 'UTC+3').edits);
    assert.match(converted, /- 6\/9 02:40 UTC\+0?3 - Errors start\./);
    assert.match(converted, /- 6\/9 03:30 UTC\+0?3 - Resolved\./);
  });
});

describe('time: month, day and year parted by commas', () => {
  it('is a date before a time, and numbers in prose are none', () => {
    const [t] = findTimestamps('Began: 04, 22, 2025, 9:15 PM UTC.');
    assert.equal(t?.text, '04, 22, 2025, 9:15 PM UTC');
    assert.deepEqual([t?.date?.year, t?.date?.month, t?.date?.day], [2025, 4, 22]);
    assert.deepEqual(
      findTimestamps('We lost shards 4, 22, 2025 and 7.').map((x) => x.text),
      [],
    );
  });
  it('is written back in the same form when a time moves across midnight', () => {
    const doc = '# X\n\n## Timeline\n\n- 04, 22, 2025, 23:40 UTC - Errors start.\n- 04, 23, 2025, 00:30 UTC - Resolved.\n';
    const converted = applyEdits(doc, convertTimeline(doc, 'UTC+3').edits);
    assert.match(converted, /- 04, 23, 2025, 02:40 UTC\+0?3 - Errors start\./);
    assert.match(converted, /- 04, 23, 2025, 03:30 UTC\+0?3 - Resolved\./);
  });
});

describe('time: a range whose meridiem or zone is written after its end', () => {
  const first = (line: string): ParsedTimestamp => {
    const t = findTimestamps(line)[0];
    assert.ok(t, line);
    return t;
  };
  it('gives the start the meridiem that puts it at or before the end, with the shorter span', () => {
    assert.deepEqual([first('### 1:42-1:59 PM').time?.hour, first('### 1:42-1:59 PM').time?.minute], [13, 42]);
    assert.equal(first('5:38-10:57 PM: rollback').time?.hour, 17);
    assert.equal(first('11:50-12:10 PM').time?.hour, 11);
    assert.equal(first('11:30 - 1:15 PM').time?.hour, 11);
    assert.equal(first('10:07-10:29 AM').time?.hour, 10);
    assert.equal(first('12:15-12:40 AM').time?.hour, 0);
    assert.equal(first('11:50 to 12:10 AM').time?.hour, 23);
  });
  it('leaves a 24-hour start, a start with its own meridiem and a start that is no range alone', () => {
    assert.equal(first('13:42-1:59 PM').time?.hour, 13);
    assert.equal(first('1:42 AM-1:59 PM').time?.hour, 1);
    assert.equal(first('1:42, then 1:59 PM').time?.hour, 1);
  });
  it('gives the start the zone written after the end, without moving where the zone is written', () => {
    const line = '### 01:58–02:00 CET';
    const t = first(line);
    assert.equal(t.text, '01:58');
    assert.equal(t.zone?.text, 'CET');
    assert.equal(t.zone?.borrowed, true);
    assert.equal(line.slice(t.zone?.start, t.zone?.end), 'CET');
    assert.equal(first('10:00 UTC to 10:30 CET').zone?.text, 'UTC');
  });
});

describe('time: a four-digit time right after a full date', () => {
  it('reads "2022-02-20 1930" as a date and a time', () => {
    check('2022-02-20 1930: deploy', { text: '2022-02-20 1930', date: [2022, 2, 20], time: [19, 30] });
    check('June 8, 2024 2242 UTC', {
      text: 'June 8, 2024 2242 UTC',
      date: [2024, 6, 8],
      time: [22, 42],
      zoneText: 'UTC',
    });
  });
  it('reads no time from a year, a number or an impossible time', () => {
    for (const line of ['2022-02-20 2400 requests', '2022-02-20 1975', '2022-02-20 19301', '2022-02-20 1930.5 MB', '2022-02-20 1930:15']) {
      assert.equal(
        findTimestamps(line).find((t) => t.time),
        undefined,
        line,
      );
    }
    assert.equal(
      findTimestamps('June 8 1930 requests').find((t) => t.time),
      undefined,
    );
  });
});

describe('time: a full date joined to its time by a slash ("2023-01-04/11:34")', () => {
  it('reads the date and the time as one timestamp, and keeps the slash as written', () => {
    check('*2023-01-04/11:34*: the provider blocked the address', { text: '2023-01-04/11:34', date: [2023, 1, 4], time: [11, 34] });
  });
  it('reads no time after a slash that follows no full date, and no date followed by a number that is no time', () => {
    assert.deepEqual(findTimestamps('see /11:30 and a/11:30'), []);
    assert.deepEqual(findTimestamps('2023/01/04/11 x'), []);
    assert.deepEqual(findTimestamps('2023-01-04/05 x'), []);
  });
});

describe('time: a French "14h35"', () => {
  it('reads two-digit hours joined to the minutes by "h", and writes them back so', () => {
    check('14h35 CET — alert fires', { text: '14h35 CET', time: [14, 35], zoneText: 'CET' });
    assert.equal(findTimestamps('09h05 UTC')[0]?.time?.style.separator, 'h');
  });
  it('reads no time from a duration ("2h30", "14h30m")', () => {
    assert.deepEqual(findTimestamps('took 2h30 to fix'), []);
    assert.deepEqual(findTimestamps('14h30m in total'), []);
  });
});
