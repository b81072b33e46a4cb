/**
 * Incident metrics from the timeline's phases, checked against times worked out by hand.
 * Start: the summary's window, else the entry where the outage begins, else the first entry. Detect, mitigate and
 * resolve run from the start; acknowledge runs from detection (escalation when no entry says acknowledged).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from '../../server/src/engine';
import { toJsonReport } from '../../server/src/cli/formats/json';

const HOUR = 60;

describe('incident metrics', () => {
  it('a window across midnight, a marker for the acknowledgement', () => {
    const text = [
      '# Primary database disk full',
      '',
      '## Issue Summary',
      '',
      '**Duration:** from 23:40 to 01:25 UTC on June 8, 2024 (1 hour 45 minutes).',
      '',
      '**Impact:** 18% of checkout requests failed.',
      '',
      '**Root cause:** the WAL volume filled up because archiving had stopped.',
      '',
      '## Timeline',
      '',
      '- 23:40 UTC - The WAL volume on the primary fills up; writes start failing.',
      '- 23:52 UTC - The disk-usage alert fires and pages the on-call engineer.',
      '- 00:03 UTC - [acknowledged] Sam joins the bridge.',
      '- 00:20 UTC - Incident escalated to the database team.',
      '- 00:41 UTC - Old WAL files are archived to free space; writes succeed again, impact mitigated.',
      '- 01:25 UTC - Replication has caught up; service fully restored.',
      '',
    ].join('\n');
    const { model } = lint(text);
    assert.deepEqual(
      model.timeline.map((e) => e.phases),
      [[], ['detected'], ['acknowledged'], ['escalated'], ['mitigated'], ['resolved']],
    );
    const m = model.metrics;
    // By hand: 23:40 (June 8) to 01:25 (June 9) is 1 h 45 min.
    assert.equal(m.start, Date.UTC(2024, 5, 8, 23, 40));
    assert.equal(m.end, Date.UTC(2024, 5, 9, 1, 25));
    assert.equal(m.durationMinutes, HOUR + 45);
    assert.equal(m.declaredDurationMinutes, HOUR + 45);
    assert.equal(m.timeToDetectMinutes, 12, '23:40 → 23:52');
    assert.equal(m.timeToAcknowledgeMinutes, 11, '23:52 → 00:03');
    assert.equal(m.timeToMitigateMinutes, HOUR + 1, '23:40 → 00:41');
    assert.equal(m.timeToResolveMinutes, HOUR + 45, '23:40 → 01:25');
  });

  it('no window: markers override the words, escalation stands in for acknowledgement', () => {
    const text = [
      '# API errors',
      '',
      '## Timeline',
      '',
      'March 3, 2025 (all times in UTC)',
      '',
      '- 10:00 - Error rate on the API starts rising.',
      "- 10:05 - [detected] Support forwards a customer's email about failed calls.",
      '- 10:09 - Escalated to the API team.',
      '- 10:30 - [mitigated] The alert is silenced and traffic is shifted to the other region.',
      '- 10:50 - [resolved] The bad node is replaced.',
      '',
    ].join('\n');
    const { model } = lint(text);
    assert.deepEqual(
      model.timeline.map((e) => e.phases),
      [[], ['detected'], ['escalated'], ['mitigated'], ['resolved']],
    );
    const m = model.metrics;
    assert.equal(m.start, Date.UTC(2025, 2, 3, 10, 0));
    assert.equal(m.timeToDetectMinutes, 5, '10:00 → 10:05');
    assert.equal(m.timeToAcknowledgeMinutes, 4, '10:05 → 10:09 (escalated)');
    assert.equal(m.timeToMitigateMinutes, 30, '10:00 → 10:30');
    assert.equal(m.timeToResolveMinutes, 50, '10:00 → 10:50');
    assert.equal(m.declaredDurationMinutes, null);
  });

  it('the google-sre fixture: the outage starts at "OUTAGE BEGINS", after its lead-up', () => {
    const text = readFileSync(join(__dirname, '..', 'fixtures', 'engine', 'profile-google-sre.md'), 'utf8');
    const { model } = lint(text);
    const m = model.metrics;
    // Timeline: 09:02 campaign (lead-up), 09:11 OUTAGE BEGINS, 09:17 alert pages, 09:20 acknowledged,
    // 09:31 incident declared, 09:43 OUTAGE MITIGATED, 09:58 OUTAGE ENDS.
    assert.equal(m.start, Date.UTC(2025, 1, 11, 9, 11));
    assert.equal(m.end, Date.UTC(2025, 1, 11, 9, 58));
    assert.equal(m.durationMinutes, 47);
    assert.equal(m.declaredDurationMinutes, 47, '"for 47 minutes" in the summary');
    assert.equal(m.timeToDetectMinutes, 6);
    assert.equal(m.timeToAcknowledgeMinutes, 3);
    assert.equal(m.timeToMitigateMinutes, 32);
    assert.equal(m.timeToResolveMinutes, 47);
  });

  it('an entry at the very start is how the outage began, not its mitigation: the first mitigation after it counts', () => {
    const text = [
      '# Storage 503s',
      '',
      '## Timeline',
      '',
      '- 10:00 UTC — Maintenance drains load balancer pool B.',
      '- 10:07 UTC — 5xx SLO burn alert.',
      '- 10:55 UTC — Traffic drained to pool A; errors drop.',
      '- 11:20 UTC — Error rate at baseline; incident resolved.',
      '',
    ].join('\n');
    const { metrics } = lint(text).model;
    assert.equal(metrics.timeToDetectMinutes, 7);
    assert.equal(metrics.timeToMitigateMinutes, 55);
    assert.equal(metrics.timeToResolveMinutes, 80);
  });

  it('nothing to measure: no phases give nulls, never negative spans', () => {
    const text = '# Notes\n\n## Timeline\n\n- 10:00 UTC - [resolved] Fixed.\n- 10:20 UTC - Something else happened.\n';
    const m = lint(text).model.metrics;
    assert.equal(m.timeToDetectMinutes, null);
    assert.equal(m.timeToAcknowledgeMinutes, null);
    assert.equal(m.timeToMitigateMinutes, null);
    assert.equal(m.timeToResolveMinutes, 0);
  });

  it('the CLI JSON carries every metric', () => {
    const text = readFileSync(join(__dirname, '..', 'fixtures', 'engine', 'profile-google-sre.md'), 'utf8');
    const { model, messages } = lint(text);
    const json = toJsonReport({ file: '/tmp/pm.md', displayPath: 'pm.md', model, messages }) as {
      metrics: Record<string, unknown>;
    };
    assert.deepEqual(Object.keys(json.metrics).sort(), [
      'declaredDurationMinutes',
      'durationMinutes',
      'end',
      'sources',
      'start',
      'timeToAcknowledgeMinutes',
      'timeToDetectMinutes',
      'timeToMitigateMinutes',
      'timeToResolveMinutes',
    ]);
    assert.equal(json.metrics.start, '2025-02-11T09:11:00.000Z');
    assert.equal(json.metrics.timeToAcknowledgeMinutes, 3);
    assert.equal(json.metrics.timeToMitigateMinutes, 32);
    // The entries behind the figures, by line (as the timeline entries give theirs): 09:11 OUTAGE BEGINS, 09:17 the
    // alert, 09:20 acknowledged, 09:43 OUTAGE MITIGATED, 09:58 OUTAGE ENDS.
    assert.deepEqual(json.metrics.sources, { start: 77, detect: 78, acknowledge: 79, mitigate: 81, resolve: 82 });
    const timeline = (json as unknown as { timeline: { line: number; phase: string | null }[] }).timeline;
    assert.deepEqual(
      timeline.map((e) => [e.line, e.phase]),
      [
        [76, null],
        [77, null],
        [78, 'detected'],
        [79, 'acknowledged'],
        [80, 'escalated'],
        [81, 'mitigated'],
        [82, 'resolved'],
      ],
    );
  });
});
