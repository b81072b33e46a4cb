import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lint } from '../../server/src/engine/index';
import { applyEdits } from '../../server/src/engine/commands';
import { detectFormat, importIntoPostmortem, readLines, readSources } from '../../server/src/engine/import';
import type { ImportRecord } from '../../server/src/engine/import';

/** 2024-03-09 22:00 UTC: the night of a DST change in America/New_York. */
const BASE = Date.UTC(2024, 2, 9, 22, 0);
/** Seeded, so a run is repeatable (FUZZ_SEED for another one). */
const SEED = Number(process.env.FUZZ_SEED ?? 20261203);

const SHAPES: ((zone: string) => string)[] = [
  (z) =>
    `# A\n\n## Issue Summary\n\n**Duration:** from March 9, 2024 23:00 ${z} to March 10, 2024 09:00 ${z}.\n\n## Timeline\n\n- 23:00 ${z} - deploy rolled out\n- 09:00 ${z} - incident closed\n\n## Root Cause\n\nx\n`,
  (z) =>
    `# A\n\n## Timeline\n\nAll times ${z}.\n\n1. March 9, 2024 23:00 - deploy rolled out\n2. March 10, 2024 09:00 - incident closed\n\nSee the notes below.\n\n## Root Cause\n\nx\n`,
  (z) =>
    `# A\n\n## Timeline\n\nAll times in ${z}.\n\n2024-03-09 23:00 — deploy rolled out\n\n2024-03-10 09:00 — incident closed\n\n## Root Cause\n\nx\n`,
  (z) =>
    `# A\n\n## Timeline\n\nAll times ${z}.\n\n| Time | Event | Owner |\n|------|-------|-------|\n| 2024-03-09 23:00 | deploy rolled out | bot |\n| 2024-03-10 09:00 | incident closed | ops |\n\n## Root Cause\n\nx\n`,
  (z) =>
    `# A\n\n## Timeline\n\n### 2024-03-09 23:00 ${z} — deploy rolled out\n\nDetails of the deploy.\n\n### 2024-03-10 09:00 ${z} — incident closed\n\n## Root Cause\n\nx\n`,
  () => `# A\n\n## Issue Summary\n\nOn March 9, 2024.\n\n## Root Cause\n\nx\n`,
];
const ZONES = ['UTC', 'ET', 'UTC+2'];
const WORDS = [
  'database',
  'failover',
  'alert',
  'fires',
  'rollback',
  'cache',
  'latency',
  'page',
  'restarted',
  'payments',
  'queue',
  'drained',
  'replica',
  'checkout',
];

const record = fc.record({
  minutes: fc.integer({ min: 0, max: 14 * 60 }),
  words: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 6 }),
  author: fc.option(fc.constantFrom('Ada Lovelace', 'Grace Hopper', 'Lin'), { nil: undefined }),
  phase: fc.option(fc.constantFrom('detected', 'acknowledged', 'escalated', 'mitigated', 'resolved' as const), {
    nil: undefined,
  }),
  markup: fc.constantFrom('', '|', '<b>', '[x]', '#'),
});

describe('import: properties', () => {
  it("importing then importing again is a no-op, the document's own text is unchanged, and the timeline reads in order in one zone", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: SHAPES.length - 1 }),
        fc.constantFrom(...ZONES),
        fc.array(record, { minLength: 1, maxLength: 8 }),
        (shape, zone, recs) => {
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
          assert.deepEqual(
            findings.map((m) => `${m.line} ${m.ruleId}`),
            [],
            out,
          );
          const added = new Set(first.added.map((a) => a.line));
          const kept = out.split('\n').filter((l) => !added.has(l) && !/^## Timeline$|^All times /.test(l));
          // Numbered items below new ones are renumbered: the numbers aside, every line is kept.
          const squeeze = (t: string): string =>
            t
              .replace(/\n{3,}/g, '\n\n')
              .replace(/^(\s*)\d+([.)])/gm, '$1#$2')
              .trimEnd();
          assert.equal(
            squeeze(kept.join('\n')),
            squeeze(
              doc
                .split('\n')
                .filter((l) => !/^## Timeline$|^All times /.test(l))
                .join('\n'),
            ),
          );
        },
      ),
      { seed: SEED, numRuns: Number(process.env.IMPORT_RUNS ?? 60) },
    );
  });

  it('a row read into a table without its pipes (a BOM before a list marker) is no template: the rows are (FUZZ_SEED=9)', () => {
    const doc = '## Timeline\n| Time | Event |\n|---|---|\n| 10:00 | x |\n\uFEFF1. 9:00 PM - c\n### 11:00 — b\n';
    const recs: ImportRecord[] = [
      { instant: BASE, text: 'alert fires', author: 'Ada', source: 'lines', ref: 'p:1' },
      { instant: BASE + 3_600_000, text: 'resolved', source: 'lines', ref: 'p:2', phase: 'resolved' },
    ];
    const first = importIntoPostmortem(doc, recs);
    const out = applyEdits(doc, first.edits);
    assert.deepEqual(
      first.added.map((a) => a.line),
      ['| March 9, 2024, 22:00 | Ada: alert fires |', '| 23:00 | resolved |'],
    );
    assert.ok(out.includes('\uFEFF1. 9:00 PM - c\n| March 9, 2024, 22:00 |'), out);
    assert.deepEqual(importIntoPostmortem(out, recs).edits, []);
  });

  it('bad input never throws: any text read as any format, any document written into, and only insertions', () => {
    const json = fc.oneof(
      fc.json(),
      fc.constantFrom(
        '{"log_entries":[{"type":"trigger_log_entry","created_at":"2024-13-45T99:00:00Z","summary":1}]}',
        '{"incidents":[{"incident_updates":[null,{"status":5}]}]}',
        '[{"ts":"1717888000.1","text":"<@U1|<#C|x>>"}]',
      ),
    );
    const anyText = fc.oneof(fc.string({ maxLength: 300 }), json, fc.string({ unit: 'binary', maxLength: 200 }));
    fc.assert(
      fc.property(anyText, fc.constantFrom('auto', 'slack', 'pagerduty', 'statuspage', 'lines' as const), (content, from) => {
        detectFormat(content);
        readLines(content, 'x.txt', { date: '2024-02-30', zone: 'Nowhere/Zone' });
        const r = readSources([{ name: 'c/2024-06-08.json', content }], { from, date: '2024-06-08', zone: 'UTC' });
        for (const rec of r.records) assert.ok(Number.isFinite(rec.instant));
      }),
      { seed: SEED, numRuns: 200 },
    );
    const fragments = fc.constantFrom(
      '## Timeline\n',
      '# T\n',
      '- 10:00 UTC - a\n',
      '| Time | Event |\n|---|---|\n| 10:00 | x |\n',
      '### 11:00 — b\n',
      '```\n',
      '<!--\n',
      '\r\n',
      '1. 9:00 PM - c\n',
      'All times in PDT.\n',
      '---\ndate: 2024-06-08\n---\n',
      '\uFEFF',
      '> 10:30 quote\n',
      '\n',
    );
    const docs = fc.oneof(
      fc.array(fragments, { maxLength: 12 }).map((a) => a.join('')),
      fc.string({ maxLength: 200 }),
    );
    const recs: ImportRecord[] = [
      { instant: BASE, text: 'alert | fires <b>', author: 'Ada', phase: 'detected', source: 'lines', ref: 'p:1' },
      { instant: BASE + 3_600_000, text: '# resolved ##', source: 'lines', ref: 'p:2', phase: 'resolved' },
    ];
    fc.assert(
      fc.property(docs, (doc) => {
        const r = importIntoPostmortem(doc, recs);
        // An import inserts; the only text it replaces is the number of a numbered item below new ones.
        for (const e of r.edits)
          if (e.start !== e.end) assert.ok(/^\d+$/.test(doc.slice(e.start, e.end)) && /\d$/.test(e.newText), JSON.stringify({ doc, e }));
        const out = applyEdits(doc, r.edits);
        assert.deepEqual(importIntoPostmortem(out, recs).edits, [], JSON.stringify({ doc, out }));
      }),
      { seed: SEED, numRuns: 150 },
    );
  });
});
