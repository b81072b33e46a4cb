/** engine/config/json.ts: strict JSON on top of jsonc-parser, each syntax error worded and placed as a reader would. */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { parseJson } from '../../server/src/engine/config/json';

const errorOf = (text: string): { offset: number; message: string } | undefined => {
  const r = parseJson(text);
  return 'error' in r ? r.error : undefined;
};

it('words each syntax error by what was expected where it sits', () => {
  const cases: [string, number, string][] = [
    ['{"a": "x\ny"}', 8, 'control character in string (use an escape such as \\n)'],
    ['{"a": "\\q"}', 7, 'invalid escape \\q'],
    ['{"a": "\\u12"}', 7, 'invalid \\u escape'],
    ['{"a": "abc', 6, 'unterminated string'],
    ['{"a" 1}', 5, 'expected \':\' after property name, found "1"'],
    ['{"a": [1 2]}', 9, "expected ',' or ']', found \"2\""],
    ['[1,]', 3, 'trailing comma before ]'],
    ['{"a": 1.}', 7, "expected ',' or '}', found \".\""],
    ['{"a": truex}', 10, "expected ',' or '}', found \"x\""],
    ['{"a": -}', 6, 'unexpected "-", expected a value'],
    ['{"a": \'x\'}', 6, 'strings must use double quotes'],
    ['{"a":', 5, 'unexpected end of file, expected a value'],
    ['{ \u00a0"a": 1}', 2, 'expected a property name in double quotes, found "\u00a0"'],
    ['/* x */ {}', 0, 'comments are not allowed in JSON'],
    ['['.repeat(66) + ']'.repeat(66), 65, 'nesting deeper than 64 levels'],
    ['{"a":'.repeat(65) + ' 1' + '}'.repeat(65), 325, 'nesting deeper than 64 levels'],
  ];
  for (const [text, offset, message] of cases) assert.deepEqual(errorOf(text), { offset, message }, text);
});

it('reads valid JSON with positions, keeping duplicate keys in order', () => {
  const r = parseJson('{"a": [1, true, null], "a": "x"}');
  assert.ok('root' in r && r.root.type === 'object');
  assert.deepEqual(
    r.root.props.map((p) => [p.key, p.keyStart, p.value.type, p.value.start]),
    [
      ['a', 1, 'array', 6],
      ['a', 23, 'string', 28],
    ],
  );
  assert.equal(errorOf('['.repeat(65) + ']'.repeat(65)), undefined, 'an empty array 64 levels down');
  assert.deepEqual(errorOf('['.repeat(1_000_000))?.message, 'nesting deeper than 64 levels');
});
