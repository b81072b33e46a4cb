/**
 * Properties of the engine over generated postmortems and arbitrary text: it never throws, every range is
 * inside the document, fixing is idempotent, and sorting a timeline is a permutation of its entries in time order.
 * Seeded, so a failure reproduces.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lint, fixAll, applyFixes } from '../../server/src/engine';

const SEED = 20261128;
const zones = ['UTC', 'WAT', 'PST', 'EST', 'CET', 'GMT+1', ''];
const events = ['Alert fired', 'On-call acknowledged', 'Rolled back the deploy', 'Service restored', 'Escalated to the DB team'];

const entry = fc.record({
  minute: fc.integer({ min: 0, max: 24 * 60 - 1 }),
  twelve: fc.boolean(),
  zone: fc.constantFrom(...zones),
  text: fc.constantFrom(...events),
  continuation: fc.boolean(),
});

function clock(minute: number, twelve: boolean): string {
  const h = Math.floor(minute / 60);
  const m = String(minute % 60).padStart(2, '0');
  if (!twelve) return `${String(h).padStart(2, '0')}:${m}`;
  return `${((h + 11) % 12) + 1}:${m} ${h < 12 ? 'AM' : 'PM'}`;
}

const doc = fc
  .record({
    entries: fc.array(entry, { minLength: 0, maxLength: 12 }),
    declared: fc.integer({ min: 1, max: 600 }),
    start: fc.integer({ min: 0, max: 23 * 60 }),
    length: fc.integer({ min: 1, max: 600 }),
    drop: fc.subarray(['summary', 'timeline', 'root', 'actions']),
    noise: fc.string({ maxLength: 40 }),
  })
  .map((d) => {
    const parts: string[] = ['# Generated incident', ''];
    if (!d.drop.includes('summary')) {
      parts.push(
        '## Issue Summary',
        '',
        `Duration: ${d.declared} minutes, from ${clock(d.start, true)} to ${clock((d.start + d.length) % 1440, true)} UTC on June 8, 2024.`,
        'Users saw errors. The root cause was a bad deploy.',
        '',
      );
    }
    if (!d.drop.includes('timeline')) {
      parts.push('## Timeline', '');
      for (const e of d.entries) {
        parts.push(`- ${clock(e.minute, e.twelve)}${e.zone ? ' ' + e.zone : ''} - ${e.text}`);
        if (e.continuation) parts.push('  more detail on the line below');
      }
      parts.push('');
    }
    if (!d.drop.includes('root')) parts.push('## Root Cause and Resolution', '', d.noise || 'A deploy.', '');
    if (!d.drop.includes('actions')) parts.push('## Corrective and Preventative Measures', '', '- [ ] Add a check.', '');
    return parts.join('\n');
  });

test('the engine never throws and keeps every range inside the document', () => {
  fc.assert(
    fc.property(fc.oneof(doc, fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 200 })), (text) => {
      const { messages } = lint(text);
      for (const m of messages) {
        assert.ok(m.start >= 0 && m.start <= m.end && m.end <= text.length, `${m.ruleId} range ${m.start}-${m.end} of ${text.length}`);
        for (const e of m.fix?.edits ?? []) assert.ok(e.start >= 0 && e.start <= e.end && e.end <= text.length);
      }
      assert.ok(!messages.some((m) => m.ruleId === 'internal-error'), messages.map((m) => m.message).join('\n'));
    }),
    { seed: SEED, numRuns: 400 },
  );
});

test('fixing is idempotent and never loses a timeline line', () => {
  fc.assert(
    fc.property(doc, (text) => {
      const once = fixAll(text).text;
      assert.equal(fixAll(once).text, once);
      // Every entry line of the original is still there (fixes add and rewrite, they do not drop entries).
      const words = text
        .split('\n')
        .filter((l) => l.startsWith('- '))
        .map((l) => l.replace(/^- [^-]*- /, ''));
      for (const w of words) assert.ok(once.includes(w), `lost: ${w}`);
    }),
    { seed: SEED, numRuns: 200 },
  );
});

test('sorting the timeline is a permutation of its entries in time order', () => {
  fc.assert(
    fc.property(
      // Within half a day: a larger step back is read as crossing midnight, which is not disorder.
      fc.array(fc.integer({ min: 0, max: 11 * 60 }), { minLength: 2, maxLength: 15 }),
      fc.boolean(),
      (minutes, bullets) => {
        const lines = minutes.map((m, i) => `${bullets ? '- ' : ''}${clock(m, false)} UTC - event ${i}`);
        const text = ['## Timeline', '', ...(bullets ? lines : [lines.join('\n')]), ''].join('\n');
        const { messages } = lint(text, { rules: { 'required-sections': 'off' } });
        const order = messages.filter((m) => m.ruleId === 'timeline-order' && m.fix);
        if (!order.length) return;
        const sorted = applyFixes(text, order).text;
        const after = sorted.split('\n').filter((l) => /event \d+$/.test(l));
        assert.deepEqual([...after].sort(), [...lines].sort(), 'same entries');
        const times = after.map((l) => l.replace(/^- /, '').slice(0, 5));
        assert.deepEqual(times, [...times].sort(), 'in time order');
      },
    ),
    { seed: SEED, numRuns: 300 },
  );
});
