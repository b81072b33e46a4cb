/**
 * The incident index: rows read from linted postmortems, and their aggregation by month and quarter (median, nearest-rank
 * 90th percentile, undated documents in a group of their own, missing figures never counted as zero).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lint } from '../../server/src/engine';
import { aggregate, filterSince, indexRow, median, percentile, periodOf, type IndexRow } from '../../server/src/engine/report';

function row(over: Partial<IndexRow>): IndexRow {
  return {
    file: 'x.md',
    title: 'x',
    profile: 'default',
    start: null,
    end: null,
    dateKnown: false,
    offsetMinutes: null,
    durationMinutes: null,
    declaredDurationMinutes: null,
    detectMinutes: null,
    acknowledgeMinutes: null,
    mitigateMinutes: null,
    resolveMinutes: null,
    entries: 0,
    errors: 0,
    warnings: 0,
    missing: [],
    openActionItems: null,
    ...over,
  };
}

const at = (iso: string): number => Date.parse(iso);

describe('median and percentile', () => {
  it('median of odd and even counts; null for none; nulls left out', () => {
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([]), null);
    assert.equal(median([null, null]), null);
    assert.equal(median([null, 10, null, 20]), 15);
  });
  it('p90 by nearest rank is a value of the set', () => {
    const ten = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    assert.equal(percentile(ten, 90), 90);
    assert.equal(percentile([...ten, 110], 90), 100); // ceil(0.9 × 11) = 10
    assert.equal(percentile([7], 90), 7);
    assert.equal(percentile([3, 1, 2], 90), 3);
    assert.equal(percentile([], 90), null);
  });
});

describe('periods', () => {
  it("month and quarter on the document zone's calendar", () => {
    // 23:30 UTC on March 31 is April 1 in CET (UTC+1).
    const start = at('2024-03-31T23:30:00Z');
    assert.equal(periodOf({ start, offsetMinutes: null }, 'month')?.period, '2024-03');
    assert.equal(periodOf({ start, offsetMinutes: 60 }, 'month')?.period, '2024-04');
    assert.equal(periodOf({ start, offsetMinutes: null }, 'quarter')?.period, '2024-Q1');
    assert.equal(periodOf({ start, offsetMinutes: 60 }, 'quarter')?.period, '2024-Q2');
    const q4 = periodOf({ start: at('2023-12-15T00:00:00Z'), offsetMinutes: 0 }, 'quarter');
    assert.deepEqual(q4, { period: '2023-Q4', from: at('2023-10-01T00:00:00Z'), to: at('2024-01-01T00:00:00Z') });
    assert.equal(periodOf({ start: null, offsetMinutes: 0 }, 'month'), null);
  });
});

describe('aggregate', () => {
  const rows = [
    row({
      file: 'b.md',
      start: at('2024-02-10T10:00:00Z'),
      dateKnown: true,
      durationMinutes: 60,
      detectMinutes: 5,
      resolveMinutes: 60,
    }),
    row({
      file: 'a.md',
      start: at('2024-01-05T10:00:00Z'),
      dateKnown: true,
      durationMinutes: 30,
      detectMinutes: null,
      resolveMinutes: 30,
    }),
    row({
      file: 'c.md',
      start: at('2024-02-20T10:00:00Z'),
      dateKnown: true,
      durationMinutes: 120,
      detectMinutes: 15,
      resolveMinutes: null,
    }),
    row({
      file: 'd.md',
      start: at('2024-05-01T10:00:00Z'),
      dateKnown: true,
      durationMinutes: null,
      detectMinutes: null,
      resolveMinutes: null,
    }),
    row({ file: 'z-undated.md', durationMinutes: 45, detectMinutes: 10, missing: ['date', 'start'] }),
    row({ file: 'y-undated.md', missing: ['timeline', 'date', 'start', 'end', 'duration'] }),
  ];

  it('groups by month in time order, with gaps left out and the undated last', () => {
    const { groups, undated } = aggregate(rows, 'month');
    assert.deepEqual(
      groups.map((g) => [g.period, g.count]),
      [
        ['2024-01', 1],
        ['2024-02', 2],
        ['2024-05', 1],
        [null, 2],
      ],
    );
    assert.deepEqual(
      undated.map((r) => r.file),
      ['y-undated.md', 'z-undated.md'],
    );
    const feb = groups[1];
    assert.deepEqual(feb?.durationMinutes, { median: 90, p90: 120 });
    assert.deepEqual(feb?.detectMinutes, { median: 10, p90: 15 });
    // c.md says nothing of its resolution: not zero, left out.
    assert.deepEqual(feb?.resolveMinutes, { median: 60, p90: 60 });
    assert.deepEqual(
      feb?.rows.map((r) => r.file),
      ['b.md', 'c.md'],
    );
  });

  it('a group whose documents give no figure has null statistics, and still counts them', () => {
    const may = aggregate(rows, 'month').groups.find((g) => g.period === '2024-05');
    assert.equal(may?.count, 1);
    assert.deepEqual(may?.durationMinutes, { median: null, p90: null });
  });

  it('the undated group summarises the figures they do give', () => {
    const last = aggregate(rows, 'month').groups.at(-1);
    assert.equal(last?.period, null);
    assert.equal(last?.count, 2);
    assert.deepEqual(last?.durationMinutes, { median: 45, p90: 45 });
  });

  it('by quarter', () => {
    const { groups } = aggregate(rows, 'quarter');
    assert.deepEqual(
      groups.map((g) => [g.period, g.count]),
      [
        ['2024-Q1', 3],
        ['2024-Q2', 1],
        [null, 2],
      ],
    );
    assert.deepEqual(groups[0]?.durationMinutes, { median: 60, p90: 120 });
  });

  it('--since keeps the later incidents and every undated one', () => {
    const kept = filterSince(rows, at('2024-02-15T00:00:00Z'))
      .map((r) => r.file)
      .sort();
    assert.deepEqual(kept, ['c.md', 'd.md', 'y-undated.md', 'z-undated.md']);
  });

  it('no rows, no groups', () => {
    assert.deepEqual(aggregate([], 'month'), { groups: [], undated: [] });
  });
});

describe('index row', () => {
  const dated = [
    '# Checkout outage',
    '',
    '## Issue Summary',
    '',
    '**Duration:** from 10:42 PM (WAT) to 6:05 AM (WAT) on June 8, 2024, 7 hours and 23 minutes.',
    '',
    '**Impact:** 60% of shoppers could not pay.',
    '',
    '**Root cause:** a migration locked the orders table.',
    '',
    '## Timeline',
    '',
    '- June 8, 2024, 10:42 PM (WAT) - Alerting paged the on-call engineer.',
    '- June 8, 2024, 10:55 PM (WAT) - The on-call engineer acknowledged the page.',
    '- June 9, 2024, 5:40 AM (WAT) - The migration was cancelled; error rates fell, impact mitigated.',
    '- June 9, 2024, 6:05 AM (WAT) - Traffic back to normal; the incident was resolved.',
    '',
    '## Root Cause and Resolution',
    '',
    'A migration took an exclusive lock.',
    '',
    '## Corrective and Preventative Measures',
    '',
    '- [x] Build indexes concurrently.',
    '- [ ] Alert on lock waits.',
    '- [ ] Review migrations.',
    '',
  ].join('\n');

  it('reads the figures of the model, the title, and the open tasks', () => {
    const result = lint(dated);
    const r = indexRow({ file: 'pm/checkout.md', text: dated, result });
    assert.equal(r.title, 'Checkout outage');
    assert.equal(r.profile, 'default');
    assert.equal(r.dateKnown, true);
    assert.equal(r.start, at('2024-06-08T21:42:00Z'));
    assert.equal(r.end, at('2024-06-09T05:05:00Z'));
    assert.equal(r.durationMinutes, 443);
    assert.equal(r.declaredDurationMinutes, 443);
    assert.equal(r.detectMinutes, 0);
    assert.equal(r.acknowledgeMinutes, 13);
    assert.equal(r.resolveMinutes, 443);
    assert.equal(r.entries, 4);
    assert.equal(r.offsetMinutes, 60);
    assert.equal(r.openActionItems, 2);
    assert.equal(r.errors, result.messages.filter((m) => m.severity === 'error').length);
    assert.deepEqual(r.missing, []);
  });

  it('an undated postmortem keeps its clock-time duration, has no start or end instant, and says the date is missing', () => {
    const text = dated.replace(/June \d, 2024, /g, '').replace(' on June 8, 2024', '');
    const r = indexRow({ file: 'undated.md', text, result: lint(text) });
    assert.equal(r.dateKnown, false);
    assert.equal(r.start, null);
    assert.equal(r.end, null);
    assert.equal(r.durationMinutes, 443);
    assert.ok(r.missing.includes('date'));
    assert.ok(!r.missing.includes('duration'));
  });

  it('no timeline: no duration (not zero), and what is missing is listed', () => {
    const text = [
      '# Cache stampede',
      '',
      '## Issue Summary',
      '',
      'The cache fell over.',
      '',
      '## Root Cause and Resolution',
      '',
      'TTLs aligned.',
      '',
    ].join('\n');
    const r = indexRow({ file: 'notimeline.md', text, result: lint(text) });
    assert.equal(r.entries, 0);
    assert.equal(r.durationMinutes, null);
    assert.equal(r.detectMinutes, null);
    assert.deepEqual(r.missing, ['timeline', 'date', 'start', 'end', 'duration', 'declared duration', 'detection', 'resolution']);
    assert.equal(r.openActionItems, null);
  });

  it('one timestamp is a start, not a duration of zero', () => {
    const text = ['# Blip', '', '## Timeline', '', '- 2024-06-08 10:00 UTC - Alert fired; the incident was detected.', ''].join('\n');
    const r = indexRow({ file: 'blip.md', text, result: lint(text) });
    assert.equal(r.durationMinutes, null);
    assert.equal(r.end, null);
    assert.ok(r.missing.includes('end'));
    assert.equal(r.start, at('2024-06-08T10:00:00Z'));
  });

  it('a title from the front matter, else the file name', () => {
    const fm = ['---', 'title: "Queue backlog"', '---', '', '## Timeline', '', '- 10:00 UTC start', ''].join('\n');
    assert.equal(indexRow({ file: 'a.md', text: fm, result: lint(fm) }).title, 'Queue backlog');
    const bare = ['## Timeline', '', '- 10:00 UTC start', ''].join('\n');
    assert.equal(indexRow({ file: 'dir/2024-01-02-dns.md', text: bare, result: lint(bare) }).title, '2024-01-02-dns');
  });

  it('open action items from a status column', () => {
    const text = [
      '# Outage',
      '',
      '## Corrective and Preventative Measures',
      '',
      '| Task | Owner | Status |',
      '| --- | --- | --- |',
      '| Add alert | sam | Done |',
      '| Fix retry | kim | In progress |',
      '| Add runbook | lee | |',
      '',
    ].join('\n');
    assert.equal(indexRow({ file: 'a.md', text, result: lint(text) }).openActionItems, 2);
  });
});
