import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { findTimestamps, formatLike, offsetAt, parseZone, resolveSequence, toInstant } from '../../server/src/engine/time';
import type { ParsedTimestamp, SimpleDate, ZoneRef } from '../../server/src/engine/time';

function ts(line: string): ParsedTimestamp {
  const t = findTimestamps(line)[0];
  assert.ok(t, line);
  return t;
}
function zone(text: string): ZoneRef {
  const z = parseZone(text);
  assert.ok(z, text);
  return z;
}
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString().slice(0, 16));

describe('time: toInstant', () => {
  it('uses fixed offsets and fallbacks', () => {
    assert.equal(iso(toInstant({ year: 2024, month: 6, day: 8 }, { hour: 22, minute: 42 }, zone('WAT'), null)), '2024-06-08T21:42');
    assert.equal(iso(toInstant({ year: 2024, month: 6, day: 8 }, { hour: 22, minute: 42 }, null, 0)), '2024-06-08T22:42');
    assert.equal(toInstant({ year: 2024, month: 6, day: 8 }, { hour: 22, minute: 42 }, null, null), null);
    assert.equal(toInstant({ year: 2024, month: 6, day: 8 }, { hour: 22, minute: 42 }, zone('XYZT'), null), null);
    assert.equal(iso(toInstant({ year: 2024, month: 6, day: 8 }, { hour: 22, minute: 42 }, zone('XYZT'), 120)), '2024-06-08T20:42');
  });
  it('resolves IANA zones at the wall time (New York in July and January)', () => {
    const ny = zone('America/New_York');
    assert.equal(iso(toInstant({ year: 2024, month: 7, day: 1 }, { hour: 12, minute: 0 }, ny, null)), '2024-07-01T16:00');
    assert.equal(iso(toInstant({ year: 2024, month: 1, day: 1 }, { hour: 12, minute: 0 }, ny, null)), '2024-01-01T17:00');
  });
  it('moves a time in a DST gap forward and takes the first instant in an overlap', () => {
    const ny = zone('America/New_York');
    // 2024-03-10 02:30 does not exist in New York: read as 03:30 EDT.
    assert.equal(iso(toInstant({ year: 2024, month: 3, day: 10 }, { hour: 2, minute: 30 }, ny, null)), '2024-03-10T07:30');
    // 2024-11-03 01:30 happens twice: the first one (EDT).
    assert.equal(iso(toInstant({ year: 2024, month: 11, day: 3 }, { hour: 1, minute: 30 }, ny, null)), '2024-11-03T05:30');
  });
  it('reads 24:00 as the end of the day', () => {
    assert.equal(iso(toInstant({ year: 2024, month: 6, day: 8 }, { hour: 24, minute: 0 }, zone('UTC'), null)), '2024-06-09T00:00');
  });
});

function resolveLines(lines: string[], ctx: Parameters<typeof resolveSequence>[1] = {}) {
  return resolveSequence(
    lines.map((l) => findTimestamps(l)[0] ?? null),
    ctx,
  );
}

describe('time: resolveSequence', () => {
  it('rolls over midnight and inherits the date and zone', () => {
    const r = resolveLines(['June 8, 2024, 10:42 PM (WAT)', '11:50 PM', '12:10 AM', '6:05 AM']);
    assert.deepEqual(
      r.map((x) => iso(x.instant)),
      ['2024-06-08T21:42', '2024-06-08T22:50', '2024-06-08T23:10', '2024-06-09T05:05'],
    );
    assert.deepEqual(
      r.map((x) => x.zoneInherited),
      [false, true, true, true],
    );
    assert.deepEqual(
      r.map((x) => x.rolledOver ?? false),
      [false, false, true, false],
    );
    assert.deepEqual(r[3]?.date, { year: 2024, month: 6, day: 9 });
    assert.equal(r[3]?.offsetMinutes, 60);
  });
  it('does not roll over on a small step back (out-of-order entry)', () => {
    const r = resolveLines(['10:05 UTC', '10:00 UTC', '09:30'], { baseDate: { year: 2024, month: 6, day: 8 } });
    assert.deepEqual(
      r.map((x) => iso(x.instant)),
      ['2024-06-08T10:05', '2024-06-08T10:00', '2024-06-08T09:30'],
    );
    assert.ok(r.every((x) => !x.rolledOver));
  });
  it('rolls over after an evening entry going back more than 6 hours', () => {
    const r = resolveLines(['21:00', '10:00'], { baseDate: { year: 2024, month: 6, day: 8 }, zone: zone('UTC') });
    assert.deepEqual(
      r.map((x) => iso(x.instant)),
      ['2024-06-08T21:00', '2024-06-09T10:00'],
    );
    const s = resolveLines(['15:00', '05:00'], { baseDate: { year: 2024, month: 6, day: 8 }, zone: zone('UTC') });
    assert.equal(s[1]?.rolledOver, undefined);
  });
  it('uses ctx.zone and ctx.baseDate', () => {
    const r = resolveLines(['09:00', '09:30'], {
      baseDate: { year: 2024, month: 1, day: 5 },
      zone: zone('America/New_York'),
    });
    assert.deepEqual(
      r.map((x) => iso(x.instant)),
      ['2024-01-05T14:00', '2024-01-05T14:30'],
    );
    assert.ok(r.every((x) => x.zoneInherited && !x.dateInferred && !x.zoneFloating));
    assert.equal(r[0]?.offsetMinutes, -300);
  });
  it('without a known date, orders clock times on a stand-in day, marked dateInferred (never published as a date), in a floating zone', () => {
    const r = resolveLines(['23:50', '00:10']);
    // The stand-in day only orders the times and rolls midnight over; the model publishes no date for them.
    assert.deepEqual(
      r.map((x) => iso(x.instant)),
      ['2000-01-01T23:50', '2000-01-02T00:10'],
    );
    assert.ok(r.every((x) => x.dateInferred && x.zoneFloating));
  });
  it('a base date whose year is a stand-in dates nothing: its entries stay dateInferred', () => {
    const r = resolveLines(['10:00', '3/4 11:00'], {
      baseDate: { year: 2000, month: 3, day: 3 },
      baseDateInferred: true,
    });
    assert.ok(r.every((x) => x.dateInferred));
    const known = resolveLines(['10:00', '3/4 11:00'], { baseDate: { year: 2025, month: 3, day: 3 } });
    assert.deepEqual(
      known.map((x) => [iso(x.instant), Boolean(x.dateInferred)]),
      [
        ['2025-03-03T10:00', false],
        ['2025-03-04T11:00', false],
      ],
    );
  });
  it('a 12-hour timeline without AM/PM that runs past noon crosses noon, not ten hours back', () => {
    const r = resolveLines(['11:50', '11:57', '1:17', '1:42']);
    assert.deepEqual(
      r.map((x) => iso(x.instant)?.slice(11)),
      ['11:50', '11:57', '13:17', '13:42'],
    );
    assert.deepEqual(
      r.map((x) => x.meridiemInferred),
      [undefined, undefined, 'pm', 'pm'],
    );
    // A real step back stays one (9:00 PM would be ten hours later), and a 24-hour timeline is not touched.
    assert.deepEqual(
      resolveLines(['10:00', '11:00', '9:00']).map((x) => iso(x.instant)?.slice(11)),
      ['10:00', '11:00', '09:00'],
    );
    assert.deepEqual(
      resolveLines(['11:50', '13:00', '1:17']).map((x) => iso(x.instant)?.slice(11)),
      ['11:50', '13:00', '01:17'],
    );
    // A leading zero writes a 24-hour clock: "10:00" then "01:00" is a step back, not 1 PM.
    assert.deepEqual(
      resolveLines(['10:00', '01:00']).map((x) => iso(x.instant)?.slice(11)),
      ['10:00', '01:00'],
    );
  });
  it('a time the document says is PM (a sub-heading or statement above it) is read as PM', () => {
    const r = resolveLines(['1:17', '1:42', '12:30'], { meridiemHints: ['pm', 'pm', 'pm'] });
    assert.deepEqual(
      r.map((x) => iso(x.instant)?.slice(11)),
      ['13:17', '13:42', '12:30'],
    );
  });
  it('takes the date from a date-only line and the year from context', () => {
    const r = resolveLines(['June 8, 2024', '22:00 UTC', 'June 9, 01:00', 'Dec 31, 2024', 'Jan 1, 00:30']);
    assert.deepEqual(
      r.map((x) => iso(x.instant)),
      ['2024-06-08T00:00', '2024-06-08T22:00', '2024-06-09T01:00', '2024-12-31T00:00', '2025-01-01T00:30'],
    );
    assert.equal(r[0]?.dateOnly, true);
    assert.equal(r[2]?.yearInferred, true);
  });
  it('switches zones and compares instants across them', () => {
    const r = resolveLines(['2024-06-08 22:00 UTC', '23:30 WAT', '23:00']);
    assert.deepEqual(
      r.map((x) => iso(x.instant)),
      ['2024-06-08T22:00', '2024-06-08T22:30', '2024-06-08T22:00'],
    );
    assert.equal(r[2]?.zone?.text, 'WAT');
  });
  it('counts "Day N" from the base date', () => {
    const r = resolveLines(['Day 1, 22:00', 'Day 2, 09:00'], {
      baseDate: { year: 2024, month: 3, day: 1 },
      zone: zone('UTC'),
    });
    assert.deepEqual(
      r.map((x) => iso(x.instant)),
      ['2024-03-01T22:00', '2024-03-02T09:00'],
    );
  });
  it('reports entries it cannot place', () => {
    const r = resolveSequence([ts('25:10'), null, ts('February 30, 10:00')], {});
    assert.match(r[0]?.unresolved ?? '', /not a time of day/);
    assert.equal(r[1]?.unresolved, 'no timestamp');
    assert.match(r[2]?.unresolved ?? '', /February 30/);
    assert.ok(r.every((x) => x.instant === null));
  });
  it('warns about ambiguous and unknown zones', () => {
    const r = resolveLines(['10:00 IST', '10:30 XYZT']);
    assert.match(r[0]?.warnings?.join(' ') ?? '', /ambiguous/);
    assert.match(r[1]?.warnings?.join(' ') ?? '', /not a time zone/);
    assert.equal(r[1]?.offsetMinutes, 330);
  });
  it('infers a missing meridiem in a 12-hour timeline', () => {
    const r = resolveLines(['11:40 PM', '11:55', '12:10 AM'], {
      baseDate: { year: 2024, month: 6, day: 8 },
      zone: zone('UTC'),
    });
    assert.deepEqual(
      r.map((x) => iso(x.instant)),
      ['2024-06-08T23:40', '2024-06-08T23:55', '2024-06-09T00:10'],
    );
    assert.equal(r[1]?.meridiemInferred, 'pm');
    const s = resolveLines(['10:00 AM', '1:30', '2:00 PM'], {
      baseDate: { year: 2024, month: 6, day: 8 },
      zone: zone('UTC'),
    });
    assert.equal(iso(s[1]?.instant ?? null), '2024-06-08T13:30');
  });
});

describe('time: formatLike', () => {
  const at = Date.UTC(2024, 5, 8, 21, 42); // 22:42 WAT, 17:42 EDT
  it('keeps the style of the original', () => {
    assert.equal(formatLike(at, zone('America/New_York'), ts('June 8, 2024, 10:42 PM (WAT)')), 'June 8, 2024, 5:42 PM (EDT)');
    assert.equal(formatLike(at, zone('WAT'), ts('22:45 UTC')), '22:42 WAT');
    assert.equal(formatLike(at, zone('UTC'), ts('10.42pm WAT')), '9.42pm UTC');
    assert.equal(formatLike(at, zone('UTC'), ts('2024-06-08T23:42:00+01:00')), '2024-06-08T21:42:00+00:00');
    assert.equal(formatLike(at, zone('UTC'), ts('2024-06-08T23:42:00Z')), '2024-06-08T21:42:00Z');
    assert.equal(formatLike(at, zone('UTC+2'), ts('10:42 PM GMT+1')), '11:42 PM GMT+2');
    assert.equal(formatLike(at, zone('CEST'), ts('08/06/2024 22:42 WAT')), '06/08/2024 23:42 CEST');
    assert.equal(formatLike(at, zone('CEST'), ts('26/05/2024 22:42 WAT')), '08/06/2024 23:42 CEST');
    assert.equal(formatLike(at, zone('EAT'), ts('**9:00 a.m.** (WAT)')), '12:42 a.m.** (EAT)');
    assert.equal(formatLike(at, zone('CEST'), ts('10:00 America/New_York')), '23:42 CEST');
    assert.equal(formatLike(at, zone('America/New_York'), ts('10:00 Africa/Lagos')), '17:42 America/New_York');
    assert.equal(formatLike(at, zone('SAST'), ts('10:00 AM (WAT+1)')), '11:42 PM (SAST+2)');
    assert.equal(formatLike(at, zone('CET'), ts('10:00 West Africa Time')), '22:42 Central European Time');
  });
  it('writes the date when the conversion crosses midnight', () => {
    const original = ts('22:42');
    const out = formatLike(at, zone('EAT'), original, { originalDate: { year: 2024, month: 6, day: 8 } });
    assert.equal(out, 'June 9, 2024, 00:42 EAT');
    const again = ts(out);
    assert.deepEqual(again.date && [again.date.year, again.date.month, again.date.day], [2024, 6, 9]);
  });
  it('changes the date in its own style', () => {
    assert.equal(formatLike(at, zone('EAT'), ts('8 June 2024 22:42 WAT')), '9 June 2024 00:42 EAT');
    assert.equal(formatLike(at, zone('EAT'), ts('Sat, June 8, 10:42 PM WAT')), 'Sun, June 9, 12:42 AM EAT');
  });

  it('round-trips: the output reads back to the same instant (property)', () => {
    const originals = [
      'June 8, 2024, 10:42 PM (WAT)',
      '10:45 PM WAT',
      '22:45 UTC',
      '2024-06-08 22:42 UTC',
      '2024-06-08T22:42:00Z',
      '08/06/2024 10:42 UTC',
      '10.42pm WAT',
      '10:42:05 GMT',
      '9:00 am EST',
      '6 p.m. CET',
      '6PM PST',
      '[08:47] UTC',
      '8 June 2024 09:00 GMT+1',
      'Jun 8th, 09:00 (UTC+01:00)',
      '0330hrs (EAT)',
      '10:00 +0530',
      '10:00 America/New_York',
      '10:00 AM (SAST+2)',
      '22:42',
      '10:00 West Africa Time',
      'Saturday, June 8, 2024 at 9:15 AM EDT',
      '26/05/2023 14:00 CAT',
    ].map(ts);
    const zones = [
      'UTC',
      'WAT',
      'EST',
      'PDT',
      'CEST',
      'America/New_York',
      'Europe/London',
      'Asia/Kolkata',
      'Australia/Adelaide',
      'UTC+5:30',
      'GMT-3',
      'Africa/Lagos',
      'Asia/Kathmandu',
      'Z',
      'Pacific/Auckland',
      'EAT',
      'NZDT',
    ].map(zone);
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2001, 0, 1), max: Date.UTC(2035, 0, 1) }).map((ms) => ms - (ms % 60_000)),
        fc.constantFrom(...originals),
        fc.constantFrom(...zones),
        (instant, original, target) => {
          const baseDate: SimpleDate = { year: 2024, month: 6, day: 8 };
          const off = offsetAt(target, instant) ?? 0;
          const wall = new Date(instant + off * 60_000);
          const sameDay: SimpleDate = {
            year: wall.getUTCFullYear(),
            month: wall.getUTCMonth() + 1,
            day: wall.getUTCDate(),
          };
          const originalDate = original.date ? null : instant % 2 === 0 ? sameDay : baseDate;
          const out = formatLike(instant, target, original, { originalDate });
          const back = findTimestamps(out, original.date?.style.order ? { dateOrder: original.date.style.order } : {});
          assert.equal(back.length, 1, `${out} (from ${original.text})`);
          const b = back[0];
          assert.ok(b?.time && b.zone, out);
          assert.deepEqual(b.problems, [], out);
          const date: SimpleDate = b.date ? { year: b.date.year ?? 0, month: b.date.month, day: b.date.day } : (originalDate ?? baseDate);
          if (b.date && b.date.year === undefined) date.year = sameDay.year;
          const got = toInstant(date, b.time, b.zone, null);
          assert.equal(
            got === null ? null : new Date(got).toISOString(),
            new Date(instant - (instant % (b.time.style.seconds ? 1000 : 60_000))).toISOString(),
            `${original.text} -> ${out}`,
          );
        },
      ),
      { seed: 20240608, numRuns: 400 },
    );
  });
});

describe('time: performance (printed, not asserted)', () => {
  it('findTimestamps per line over 5,000 generated lines', () => {
    const forms = [
      '- **10:45 PM** - The monitoring system alerted the on-call engineer about high latency.',
      '14:32 UTC: Engineers received automated alerts and started looking at the database.',
      'The team restarted the service and confirmed that 100% of requests succeeded on v1.2.3.',
      '* [09:27] @alice determines that the deploy job used the wrong namespace',
      '| 2019-11-30 08:24 | Automated warning from the cloud provider about IP exhaustion |',
      'Root cause: a misconfigured load balancer sent traffic to a drained node for 45 minutes.',
      '- June 8, 2024, 10:42 PM (WAT): Issue detected by a customer complaint.',
      'Plain prose with no digits at all, describing what the team learned from the incident.',
    ];
    const lines: string[] = [];
    for (let i = 0; i < 5000; i++) lines.push(`${forms[i % forms.length] ?? ''} (#${i})`);
    let n = 0;
    for (let r = 0; r < 3; r++) for (const l of lines) n = findTimestamps(l).length;
    const runs: number[] = [];
    for (let r = 0; r < 5; r++) {
      const t0 = performance.now();
      for (const l of lines) n += findTimestamps(l).length;
      runs.push(((performance.now() - t0) / lines.length) * 1000);
    }
    runs.sort((a, b) => a - b);
    console.log(`# findTimestamps: median ${(runs[2] ?? 0).toFixed(2)} µs/line over ${lines.length} generated lines (warm)`);
    assert.ok(n > 0);
  });
});
