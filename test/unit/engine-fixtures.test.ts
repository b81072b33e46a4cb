/**
 * Every fixture in test/fixtures/engine is linted; the findings must equal its inline
 * `<!-- expect: rule-id … -->` markers (one rule id per expected finding, on the line where it starts).
 * A fixture with a `.fixed.md` twin is fixed with every fix, compared with the twin, linted again
 * (no fixable finding left) and fixed again (nothing changes: fixing is idempotent).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { lint, fixAll } from '../../server/src/engine';

const dir = join(__dirname, '..', 'fixtures', 'engine');
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.md') && !f.endsWith('.fixed.md'));

function expected(text: string): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    const m = /<!--\s*expect:\s*([^>]*?)\s*-->/.exec(line);
    if (m?.[1]) for (const id of m[1].split(/\s+/)) out.push(`${i + 1} ${id}`);
  });
  return out.sort();
}

for (const name of fixtures) {
  test(`fixture ${name}`, () => {
    const text = readFileSync(join(dir, name), 'utf8');
    const { messages } = lint(text);
    const got = messages.map((m) => `${m.line} ${m.ruleId}`).sort();
    assert.deepEqual(got, expected(text), messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`).join('\n'));
    for (const m of messages) {
      assert.ok(m.start >= 0 && m.end <= text.length && m.start <= m.end, `range inside the document: ${m.ruleId}`);
    }
  });

  const fixedPath = join(dir, name.replace(/\.md$/, '.fixed.md'));
  if (existsSync(fixedPath)) {
    test(`fixture ${name}: fixes`, () => {
      const text = readFileSync(join(dir, name), 'utf8');
      const fixedRules = new Set(
        lint(text)
          .messages.filter((m) => m.fix)
          .map((m) => m.ruleId),
      );
      const once = fixAll(text).text;
      assert.equal(once, readFileSync(fixedPath, 'utf8'));
      const left = lint(once).messages.filter((m) => fixedRules.has(m.ruleId) && m.fix);
      assert.deepEqual(
        left.map((m) => `${m.line} ${m.ruleId} ${m.message}`),
        [],
      );
      assert.equal(fixAll(once).text, once, 'fixing twice changes nothing');
    });
  }
}

// word-count's thresholds touch every short fixture: a fixture turns it off on its first line
// (`<!-- postmortem-disable-line word-count -->`) unless it tests it. duration-wrong.md and disable-comments.md
// keep it: remark-preset.test.ts reads its finding there through remark-cli.
const WORD_COUNT_TESTED = new Set(['word-count.md', 'duration-wrong.md', 'disable-comments.md']);
test('only the fixtures that test word-count expect it', () => {
  const expecting = fixtures.filter((name) => expected(readFileSync(join(dir, name), 'utf8')).some((e) => e.endsWith(' word-count')));
  assert.deepEqual(
    expecting.filter((name) => !WORD_COUNT_TESTED.has(name)),
    [],
  );
  assert.deepEqual(expecting.sort(), [...WORD_COUNT_TESTED].sort());
});
