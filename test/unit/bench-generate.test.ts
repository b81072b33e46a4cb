/**
 * The benchmark's generators make what they claim: postmortems of about the requested size that the
 * engine reads as postmortems, with every generated timeline entry found. No timing here.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generatePostmortem, createRandom, type TimelineShape } from '../../bench/generate';
import { lint } from '../../server/src/engine/index';

const SHAPES: TimelineShape[] = ['paragraphs', 'list', 'table', 'deep'];
const SECTIONS = ['summary', 'timeline', 'root-cause', 'corrective-actions'];

describe('bench generators', () => {
  it('are deterministic', () => {
    const a = generatePostmortem({ targetBytes: 8 * 1024, shape: 'list', seed: 7 });
    const b = generatePostmortem({ targetBytes: 8 * 1024, shape: 'list', seed: 7 });
    assert.equal(a.text, b.text);
    const c = generatePostmortem({ targetBytes: 8 * 1024, shape: 'list', seed: 8 });
    assert.notEqual(a.text, c.text);
    const r1 = createRandom(42);
    const r2 = createRandom(42);
    for (let i = 0; i < 10; i++) assert.equal(r1(), r2());
  });

  for (const shape of SHAPES) {
    for (const kb of [5, 20]) {
      it(`${shape}, ${kb} KB: about the size asked, a postmortem with every entry read`, () => {
        const target = kb * 1024;
        const doc = generatePostmortem({ targetBytes: target, shape });
        const bytes = Buffer.byteLength(doc.text);
        assert.ok(bytes >= target * 0.95 && bytes <= target * 1.1, `${bytes} bytes for a target of ${target}`);

        const { model, messages } = lint(doc.text);
        const found = model.sections.map((s) => s.id);
        for (const id of SECTIONS) assert.ok(found.includes(id), `section ${id} found (got ${found.join(', ')})`);
        assert.equal(model.timeline.length, doc.entries);
        assert.ok(
          model.timeline.every((e) => e.instant !== null),
          'every entry resolves to an instant',
        );
        assert.equal(model.summary.duration !== null, true, 'the summary states a duration');
        assert.equal(model.metrics.declaredDurationMinutes, model.metrics.durationMinutes, 'the stated duration matches the timeline');
        // The document is clean apart from its length (the default profile wants 400-600 words).
        assert.deepEqual(
          messages.filter((m) => m.ruleId !== 'word-count').map((m) => `${m.ruleId}: ${m.message}`),
          [],
        );

        // The edit point is inside the middle entry's text, within the timeline.
        assert.ok(doc.middleOffset > doc.timelineStart && doc.middleOffset < doc.timelineEnd);
        assert.match(doc.text.slice(doc.middleOffset - 4, doc.middleOffset), /(- |\| )$/);
      });
    }
  }
});
