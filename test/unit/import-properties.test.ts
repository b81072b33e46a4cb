import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lint } from '../../server/src/engine/index';
import { applyEdits } from '../../server/src/engine/commands';
import { importIntoPostmortem } from '../../server/src/engine/import';
import type { ImportRecord } from '../../server/src/engine/import';

/** 2024-03-09 22:00 UTC: the night of a DST change in America/New_York. */
const BASE = Date.UTC(2024, 2, 9, 22, 0);

const SHAPES: ((zone: string) => string)[] = [
  (z) => `# A\n\n## Issue Summary\n\n**Duration:** from March 9, 2024 23:00 ${z} to March 10, 2024 09:00 ${z}.\n\n## Timeline\n\n- 23:00 ${z} - deploy rolled out\n- 09:00 ${z} - incident closed\n\n## Root Cause\n\nx\n`,
  (z) => `# A\n\n## Timeline\n\nAll times ${z}.\n\n1. March 9, 2024 23:00 - deploy rolled out\n2. March 10, 2024 09:00 - incident closed\n\nSee the notes below.\n\n## Root Cause\n\nx\n`,
  (z) => `# A\n\n## Timeline\n\nAll times in ${z}.\n\n2024-03-09 23:00 — deploy rolled out\n\n2024-03-10 09:00 — incident closed\n\n## Root Cause\n\nx\n`,
  (z) => `# A\n\n## Timeline\n\nAll times ${z}.\n\n| Time | Event | Owner |\n|------|-------|-------|\n| 2024-03-09 23:00 | deploy rolled out | bot |\n| 2024-03-10 09:00 | incident closed | ops |\n\n## Root Cause\n\nx\n`,
  (z) => `# A\n\n## Timeline\n\n### 2024-03-09 23:00 ${z} — deploy rolled out\n\nDetails of the deploy.\n\n### 2024-03-10 09:00 ${z} — incident closed\n\n## Root Cause\n\nx\n`,
  () => `# A\n\n## Issue Summary\n\nOn March 9, 2024.\n\n## Root Cause\n\nx\n`,
];
const ZONES = ['UTC', 'ET', 'UTC+2'];
const WORDS = ['database', 'failover', 'alert', 'fires', 'rollback', 'cache', 'latency', 'page', 'restarted', 'payments', 'queue', 'drained', 'replica', 'checkout'];

const record = fc.record({
  minutes: fc.integer({ min: 0, max: 14 * 60 }),
  words: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 6 }),
  author: fc.option(fc.constantFrom('Ada Lovelace', 'Grace Hopper', 'Lin'), { nil: undefined }),
  phase: fc.option(fc.constantFrom('detected', 'acknowledged', 'escalated', 'mitigated', 'resolved' as const), { nil: undefined }),
  markup: fc.constantFrom('', '|', '<b>', '[x]', '#'),
});

describe('import: properties', () => {
  it('importing then importing again is a no-op, the document\'s own text is unchanged, and the timeline reads in order in one zone', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: SHAPES.length - 1 }), fc.constantFrom(...ZONES), fc.array(record, { minLength: 1, maxLength: 8 }), (shape, zone, recs) => {
        const doc = (SHAPES[shape] as (z: string) => string)(zone);
        const records: ImportRecord[] = recs.map((r, i) => ({
          instant: BASE + r.minutes * 60_000,
          text: `${r.markup}${r.words.join(' ')}`.trim(),
          ...(r.author ? { author: r.author } : {}),
          ...(r.phase ? { phase: r.phase } : {}),
          source: 'lines',
          ref: `p:${i + 1}`,
        }));
        const first = importIntoPostmortem(doc, records);
        const out = applyEdits(doc, first.edits);
        const second = importIntoPostmortem(out, records);
        assert.deepEqual(second.edits, [], out);
        const findings = lint(out).messages.filter((m) => /^(timeline-order|timezone-consistent|timezone-missing)$/.test(m.ruleId));
        assert.deepEqual(findings.map((m) => `${m.line} ${m.ruleId}`), [], out);
        const added = new Set(first.added.map((a) => a.line));
        const kept = out.split('\n').filter((l) => !added.has(l) && !/^## Timeline$|^All times /.test(l));
        const squeeze = (t: string): string => t.replace(/\n{3,}/g, '\n\n').trimEnd();
        assert.equal(squeeze(kept.join('\n')), squeeze(doc.split('\n').filter((l) => !/^## Timeline$|^All times /.test(l)).join('\n')));
      }),
      { numRuns: Number(process.env.IMPORT_RUNS ?? 60) },
    );
  });
});
