/**
 * The incremental parser against a fresh full parse: random postmortems (one paragraph per timeline
 * entry, one tight list, one table, mixed content with fences, HTML, definitions, tables, quotes and nested lists)
 * under random edit sequences that create and destroy the traps (fences, blank lines, list markers,
 * indentation, setext underlines, thematic breaks, HTML, definitions, tables). After every edit the
 * incremental tree must equal a full parse (types, values, positions; `data` dropped), and linting
 * through the incremental linter must give what `lint(text)` gives. Seeded, so a failure reproduces.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Root } from 'mdast';
import { IncrementalParser, diffTexts, type TextChange } from '../../server/src/engine/incremental';
import { parseMarkdown } from '../../server/src/engine/parse';
import { createLinter, lint } from '../../server/src/engine/lint';
import { LineIndex } from '../../server/src/engine/util/lines';

/** Seeded so a failure reproduces; INCREMENTAL_SEED and INCREMENTAL_RUNS run the lint property longer on another seed. */
const SEED = Number(process.env.INCREMENTAL_SEED) || 20261128;
const LINT_RUNS = Number(process.env.INCREMENTAL_RUNS) || 30;

/** The tree without `data`, as plain JSON. */
function normalise(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(normalise);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    if (k === 'data' || v === undefined) continue;
    out[k] = normalise(v);
  }
  return out;
}

function applyChange(text: string, c: TextChange, insert: string): string {
  return text.slice(0, c.start) + insert + text.slice(c.end);
}

// ------------------------------------------------------------------------------------------------
// Documents

const events = [
  'Alert fired for **checkout** errors',
  'On-call acknowledged the [page](https://example.com/p)',
  'Rolled back the deploy',
  'Service restored',
  'Escalated to the DB team',
];

function clock(i: number): string {
  const m = (i * 7) % 60;
  const h = 9 + Math.floor((i * 7) / 60);
  return `${String(h % 24).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

const HEAD =
  '# Incident: checkout outage\n\n## Summary\n\nCheckout failed for 42 minutes on June 8, 2024. Impact: 12% of orders.\n\n## Timeline\n\nAll times UTC.\n\n';
const TAIL = '\n## Root cause\n\nA bad config push.\n\n## Action items\n\n- [ ] Add a canary\n- [ ] Alert on errors\n';

function paragraphs(n: number, k: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(`June 8, 2024 ${clock(i)} UTC - ${events[(i + k) % events.length]}\n`);
  return HEAD + out.join('\n') + TAIL;
}

function tightList(n: number, k: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(`- ${clock(i)} UTC ${events[(i + k) % events.length]}\n`);
  return HEAD + out.join('') + TAIL;
}

const MIXED_BLOCKS = [
  '```sh\nkubectl rollout undo\n```\n',
  '~~~\ncode\n~~~\n',
  '<div>\nhtml block\n</div>\n',
  '<!-- a comment -->\n',
  '| time | event |\n| --- | --- |\n| 10:00 | start |\n| 10:05 | end |\n',
  '> a quote\n> more quote\n',
  '- outer\n  - inner 10:00 UTC\n  - inner 10:01 UTC\n- outer two\n',
  '1. first\n2. second\n3. third\n',
  'Setext heading\n---\n',
  '***\n',
  '    indented code\n',
  'A paragraph\nwith a lazy line\n',
  '* star item\n* star item two\n',
  '**Root cause**\nA bad config push.\n',
  'Impact: 12% of orders failed\n',
];

/** The timeline as a table, the incremental parser re-reads rows of it under its header. */
function table(n: number, k: number): string {
  const out: string[] = ['| Time | Event | Owner |\n', k % 2 ? '| :--- | --- | ---: |\n' : '|---|---|---|\n'];
  for (let i = 0; i < n; i++)
    out.push(`| June 8, 2024 ${clock(i)} UTC | ${events[(i + k) % events.length]} | ${i % 3 ? 'sre' : '`ops` \\| db'} |\n`);
  return HEAD + out.join('') + (k % 3 ? '' : 'a line after the table\n') + TAIL;
}

/** Entries under date lines, a night going on past midnight under the first: each date reaches the entries below it. */
function dated(n: number, k: number): string {
  const out: string[] = [k % 2 ? '**June 8, 2024**\n\n' : '- June 8, 2024\n'];
  const item = k % 2 ? '' : '  ';
  for (let i = 0; i < n; i++) {
    const h = (22 + Math.floor((i * 13) / 60)) % 24;
    out.push(`${item}- ${String(h).padStart(2, '0')}:${String((i * 13) % 60).padStart(2, '0')} UTC ${events[(i + k) % events.length]}\n`);
    if (i === n >> 1) out.push(k % 2 ? '\n**June 9, 2024**\n\n' : '- June 9, 2024\n');
  }
  return HEAD + out.join('') + TAIL;
}

function mixed(n: number, k: number, withDefinitions: boolean): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    if ((i + k) % 3 === 0) out.push(MIXED_BLOCKS[(i + k) % MIXED_BLOCKS.length] as string);
    else out.push(`June 8, 2024 ${clock(i)} UTC - ${events[(i + k) % events.length]}\n`);
  }
  if (withDefinitions) out.push('[x]: https://example.com\n');
  return HEAD + out.join('\n') + TAIL;
}

const docArb = fc
  .record({
    shape: fc.constantFrom('paragraphs', 'list', 'mixed', 'mixed-defs', 'table', 'dated'),
    n: fc.integer({ min: 3, max: 12 }),
    k: fc.nat(20),
    frontMatter: fc.boolean(),
    // The model shifts a tree's positions once for a leading byte order mark: the incremental tree must stay consistent.
    bom: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
  })
  .map(
    ({ shape, n, k, frontMatter, bom }) =>
      (bom ? '\uFEFF' : '') +
      (frontMatter ? '---\ntitle: Checkout outage\ndate: 2024-06-08\n---\n\n' : '') +
      (shape === 'paragraphs'
        ? paragraphs(n, k)
        : shape === 'list'
          ? tightList(n, k)
          : shape === 'table'
            ? table(n, k)
            : shape === 'dated'
              ? dated(n, k)
              : mixed(n, k, shape === 'mixed-defs')),
  );

// ------------------------------------------------------------------------------------------------
// Edits

const SNIPPETS = [
  '```\n',
  '```',
  '~~~\n',
  '\n',
  '\n\n',
  '- ',
  '* ',
  '+ ',
  '1. ',
  '2) ',
  '  ',
  '    ',
  '\t',
  '***\n',
  '---\n',
  '---',
  '===\n',
  '<div>\n',
  '</div>\n',
  '<div>',
  '<!--\n',
  '-->\n',
  '[x]: http://a\n',
  '[x]',
  '| a | b |\n',
  '| --- | --- |\n',
  '|',
  '> ',
  'x',
  'word ',
  '10:42 UTC ',
  '**June 9, 2024**\n\n',
  '23:55 ',
  'Timeline:\n',
  '**Impact**\n',
  '## Heading\n',
  '\n- item\n',
  '\n\n- item\n\n',
  '**',
  '`',
  '# ',
];

interface Edit {
  at: number;
  lineStart: boolean;
  remove: number;
  insert: string;
}

const editArb: fc.Arbitrary<Edit> = fc.record({
  // A fraction of the document (fc.double leans to 0 and 1, so an integer scaled down).
  at: fc.integer({ min: 0, max: 1_000_000 }).map((n) => n / 1_000_000),
  lineStart: fc.boolean(),
  remove: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 40 })),
  insert: fc.oneof(
    fc.constantFrom(...SNIPPETS),
    fc.constant(''),
    fc.constantFrom(...SNIPPETS).chain((a) => fc.constantFrom(...SNIPPETS).map((b) => a + b)),
  ),
});

function locate(text: string, e: Edit): TextChange & { insert: string } {
  let at = Math.min(text.length, Math.floor(e.at * (text.length + 1)));
  if (e.lineStart) at = text.lastIndexOf('\n', at - 1) + 1;
  const end = Math.min(text.length, at + e.remove);
  return { start: at, end, length: e.insert.length, insert: e.insert };
}

// ------------------------------------------------------------------------------------------------
// The check

interface Counts {
  docs: number;
  edits: number;
  incremental: number;
}

function check(initial: string, edits: Edit[], counts: Counts, withLint: boolean, passChange: boolean): void {
  const parser = new IncrementalParser(parseMarkdown);
  const linter = createLinter();
  let text = initial;
  parser.update(text);
  if (withLint) linter.lint(text);
  counts.docs++;
  for (const e of edits) {
    const c = locate(text, e);
    const next = applyChange(text, c, c.insert);
    const change: TextChange | undefined = passChange ? { start: c.start, end: c.end, length: c.length } : undefined;
    const tree: Root = parser.update(next, change);
    if (!parser.stats.last.startsWith('full')) counts.incremental++;
    counts.edits++;
    const expected = normalise(parseMarkdown(next));
    const got = normalise(tree);
    // JSON first (fast); the structural comparison only to show the difference.
    if (JSON.stringify(got) !== JSON.stringify(expected)) {
      assert.deepEqual(
        got,
        expected,
        `tree differs after ${JSON.stringify(e)} (${parser.stats.last})\n--- before\n${text}\n--- after\n${next}`,
      );
    }
    if (withLint) {
      const got = linter.lint(next, {}, change);
      const want = lint(next);
      assert.deepEqual(got, want, `lint differs after ${JSON.stringify(e)} (${linter.stats.last})`);
    }
    text = next;
  }
}

// ------------------------------------------------------------------------------------------------
// Regression cases (each failure found by the property below, kept by name)

interface Step {
  at: number;
  remove: number;
  insert: string;
}

const cases: { name: string; doc: string; steps: Step[] }[] = [
  {
    // "> 2) …" after a table and the same text after a paragraph parse differently (a paragraph, a list): a block's
    // words are kept for its node, never taken from another block with the same text.
    name: 'a block whose text is unchanged but whose parse changed is counted again',
    doc: '# Outage\n\n## Timeline\n\n| Time | Event |\n|---|---|\n| 09:00 UTC | Alert fired |\n> 2) | 09:21 UTC | `ops` \\| db |\nmore text\n\n## Root cause\n\nA bad push.\n',
    steps: [{ at: 29, remove: 0, insert: '```\n' }],
  },
  {
    // micromark reads a document opening with "---" that is not front matter differently far below it:
    // here "- " after "## Summary" is a paragraph in the full parse, an empty list item in the window.
    name: 'unclosed front matter at the top changes blocks far below',
    doc: '---\n Incident: checkout outage\n\n## Summary\n\nCheckout failed.\n\n## Timeline\n\nJune 8, 2024 09:00 UTC - Alert fired\n\nJune 8, 2024 09:07 UTC - Rolled back\n',
    steps: [{ at: 42, remove: 0, insert: '\n\n- ' }],
  },
  {
    // The window began at a thematic break "---": parsed alone it opened (unclosed) front matter.
    name: 'a window opening with a thematic break ---',
    doc: '# Incident\n\n## Summary\n---\n```\nCheckout failed.\n\n## Action items\n\n- [ ] Add a canary\n- [ ] Alert on errors\n',
    steps: [{ at: 31, remove: 1, insert: '```\n' }],
  },
  {
    // The same quirk after a byte order mark: the front matter's closing line broken ("------"), the document opens
    // with "\ufeff---" that is not front matter, and the timeline's list far below is a paragraph in the full parse.
    name: 'unclosed front matter after a byte order mark',
    doc: '\ufeff---\ntitle: Checkout outage\ndate: 2024-06-08\n---\n\n# Incident: checkout outage\n\n## Summary\n\nCheckout failed for 42 minutes on June 8, 2024.\n\n## Timeline\n\nAll times UTC.\n\n- 09:00 UTC Alert fired\n- 09:07 UTC On-call acknowledged\n- 09:14 UTC Rolled back the deploy\n\n## Root cause\n\nA bad config push.\n',
    steps: [
      { at: 20, remove: 25, insert: '```\n---' },
      { at: 151, remove: 0, insert: '\t```\n' },
    ],
  },
];

for (const c of cases) {
  test(`incremental regression: ${c.name}`, () => {
    const parser = new IncrementalParser(parseMarkdown);
    const linter = createLinter();
    let text = c.doc;
    parser.update(text);
    linter.lint(text);
    for (const step of c.steps) {
      text = text.slice(0, step.at) + step.insert + text.slice(step.at + step.remove);
      assert.deepEqual(normalise(parser.update(text)), normalise(parseMarkdown(text)), parser.stats.last);
      assert.deepEqual(linter.lint(text), lint(text));
    }
  });
}

test('warming a linter leaves it as it was: its last result still reads its text, and later edits lint as lint() does', () => {
  for (const doc of [paragraphs(40, 1), tightList(40, 2), table(30, 3), dated(30, 4), mixed(30, 5, false)]) {
    const linter = createLinter();
    assert.equal(linter.warm(), false, 'nothing to warm before the first lint');
    const opened = linter.lint(doc);
    const before = JSON.stringify(opened);
    // The server warms a new process's linter a dozen times in a row (lsp/analysis.ts, JIT_WARM_LINTS).
    for (let i = 0; i < 12; i++) assert.equal(linter.warm(), true);
    assert.equal(JSON.stringify(opened), before, 'the result of the last lint is as it was');
    assert.deepEqual(opened, lint(doc));
    let text = doc;
    for (const at of [text.length >> 1, 40, text.length - 10]) {
      text = text.slice(0, at) + 'x' + text.slice(at);
      const edited = linter.lint(text);
      assert.deepEqual(edited, lint(text));
      // Warmed again between keystrokes: the keystroke's result stands, and the next one lints as lint() does.
      const shown = JSON.stringify(edited);
      for (let i = 0; i < 3; i++) assert.equal(linter.warm(), true);
      assert.equal(JSON.stringify(edited), shown);
    }
  }
});

test("the incremental linter counts a list's words item by item as the whole list reads", () => {
  // Items run together in the list's plain text: "foo-" then "-bar" is one word, "a" then "--" then "b" too.
  const lists = [
    '- foo\n- bar\n',
    '- foo-\n- -bar\n',
    '- a\n- --\n- b\n',
    "- x'\n- 'y\n",
    '- 12\n- 34 x\n- \n- y',
    '- a\n\n  b\n- c\n',
    '- **a**\n- b\n  - c\n  - d-\n- -e\n',
    '1. é\n2. 日本\n3. --\n',
  ];
  for (const list of lists) {
    const text = `# Incident\n\n${list}`;
    const linter = createLinter();
    linter.lint(`${text}z`);
    assert.equal(linter.lint(text).model.wordCount, lint(text).model.wordCount, JSON.stringify(list));
  }
});

test('the incremental linter finds blame per block as a fresh lint does, code and HTML left out', () => {
  const timeline = Array.from({ length: 40 }, (_, i) => `- 10:${String(10 + i).padStart(2, '0')} UTC the deploy step ${i} ran`).join('\n');
  const blocks = [
    'Bob was careless with the flag.',
    'The log said `Bob was careless` and nothing else.',
    'An image ![Bob was careless](x.png) and <!-- Bob was careless --> inline.',
    'Bob was careless with the flag.',
  ];
  let text = `# Outage\n\n## Summary\n\n${blocks.join('\n\n')}\n\n## Timeline\n\n${timeline}\n`;
  const linter = createLinter();
  const blame = (messages: { ruleId: string; start: number }[]) =>
    messages.filter((m) => m.ruleId === 'blameless-language').map((m) => m.start);
  const fresh = blame(lint(text).messages);
  assert.equal(fresh.length, 2, 'the blame in prose, not the one in code, an image or HTML');
  assert.deepEqual(blame(linter.lint(text).messages), fresh);
  // Edits above, inside and below the blocks: every finding moves with its block and none is kept stale.
  for (const at of [text.indexOf('## Summary'), text.indexOf('The log said') + 4, text.indexOf('deploy step 20')]) {
    text = `${text.slice(0, at)}x${text.slice(at)}`;
    assert.deepEqual(blame(linter.lint(text).messages), blame(lint(text).messages));
  }
  text = text.replace('`Bob was careless`', 'Bob was careless');
  assert.deepEqual(blame(linter.lint(text).messages), blame(lint(text).messages));
  assert.equal(blame(lint(text).messages).length, 3);
});

test('diffTexts finds the changed range', () => {
  assert.deepEqual(diffTexts('abcdef', 'abXYef'), { start: 2, end: 4, length: 2 });
  assert.deepEqual(diffTexts('aaa', 'aaaa'), { start: 3, end: 3, length: 1 });
  assert.deepEqual(diffTexts('abc', ''), { start: 0, end: 3, length: 0 });
  // Past the 1 KB chunks it compares first.
  const long = 'ab’'.repeat(2000);
  assert.deepEqual(diffTexts(long, `${long.slice(0, 3001)}X${long.slice(3001)}`), {
    start: 3001,
    end: 3001,
    length: 1,
  });
  assert.deepEqual(diffTexts(long, long.slice(0, 5000)), { start: 5000, end: 6000, length: 0 });
});

test('an edited line index equals one built afresh, for every edit', () => {
  const piece = fc.constantFrom('\n', '\r\n', '\r', 'a', 'bc', '\n\n', 'x\ny', '');
  fc.assert(
    fc.property(
      fc.array(piece, { maxLength: 40 }),
      fc.array(fc.tuple(fc.nat(), fc.nat(6), fc.array(piece, { maxLength: 4 })), { maxLength: 12 }),
      (parts, edits) => {
        let index = new LineIndex(parts.join(''));
        for (const [at, removed, inserted] of edits) {
          const before = index.text;
          const start = before.length ? at % (before.length + 1) : 0;
          const end = Math.min(before.length, start + removed);
          const add = inserted.join('');
          const text = before.slice(0, start) + add + before.slice(end);
          index = LineIndex.edited(index, text, { start, end, length: add.length });
          const fresh = new LineIndex(text);
          assert.equal(index.lineCount, fresh.lineCount, JSON.stringify(text));
          for (let l = 1; l <= fresh.lineCount; l++) {
            assert.equal(index.lineStart(l), fresh.lineStart(l));
            assert.equal(index.lineEnd(l), fresh.lineEnd(l));
          }
          for (let o = 0; o <= text.length; o++) assert.equal(index.lineOf(o), fresh.lineOf(o));
        }
      },
    ),
    { seed: SEED + 2, numRuns: 400 },
  );
  // A change that does not fit the texts is not trusted: the index is built afresh.
  const stale = LineIndex.edited(new LineIndex('a\nb'), 'a\nb\nc', { start: 0, end: 0, length: 0 });
  assert.equal(stale.lineCount, 3);
});

test('incremental parse equals a full parse after every random edit (trees)', () => {
  const counts: Counts = { docs: 0, edits: 0, incremental: 0 };
  fc.assert(
    fc.property(docArb, fc.array(editArb, { minLength: 5, maxLength: 30 }), fc.boolean(), (doc, edits, passChange) => {
      check(doc, edits, counts, false, passChange);
    }),
    { seed: SEED, numRuns: 130 },
  );
  console.log(`incremental trees: ${counts.docs} documents, ${counts.edits} edits, ${counts.incremental} incremental`);
  assert.ok(counts.incremental > counts.edits / 4, 'most edits should take the incremental path');
});

test('incremental lint equals lint(text) after every random edit', () => {
  const counts: Counts = { docs: 0, edits: 0, incremental: 0 };
  fc.assert(
    fc.property(docArb, fc.array(editArb, { minLength: 3, maxLength: 12 }), (doc, edits) => {
      check(doc, edits, counts, true, true);
    }),
    { seed: SEED + 1, numRuns: LINT_RUNS },
  );
  console.log(`incremental lint: ${counts.docs} documents, ${counts.edits} edits, ${counts.incremental} incremental`);
});
