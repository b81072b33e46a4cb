/**
 * scripts/asciiOnly.mjs: the server bundle rewritten in ASCII must mean what it meant. Each case is a piece of
 * JavaScript evaluated before and after the rewrite: the same values, the same matches.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isAscii } from 'node:buffer';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runInNewContext } from 'node:vm';

async function escaper(): Promise<(code: string) => string> {
  const url = pathToFileURL(join(__dirname, '..', '..', 'scripts', 'asciiOnly.mjs')).href;
  return ((await import(url)) as { escapeNonAscii: (code: string) => string }).escapeNonAscii;
}

/** The JSON of what `code` evaluates to (a fresh context, so RegExp results compare as plain data). */
function evaluate(code: string): string {
  return JSON.stringify(runInNewContext(code));
}

const CASES: [string, string][] = [
  ['a string', `'a – b — c €5 ½'`],
  ['a string with an escaped character', `'\\— and \\\\—'`],
  ['a template', '`x−y ${"→"} ‘q’`'],
  ['a regular expression', `[/[+\\-−]\\d/.test('−5'), /[●•◦▪‣■∙]/u.test('•'), /“[^”]+”/.exec('say “hi” now')[0]]`],
  ['an identity escape in a pattern', `/a\\—b/.test('a—b')`],
  [
    'String.raw built into a pattern',
    'new RegExp(String.raw`(?:[A-Z][a-zá]+[ \\t]){1,3}Time|[$€£]\\s?\\d`, "u").exec("Hora Estándar Time, €5")[0]',
  ],
  ['a character outside the BMP', `['😀'.length, /^.$/u.test('😀'), /😀+/.test('😀😀')]`],
  ['an identifier', 'var café = 2; café * 21'],
];

describe('the server bundle in ASCII', () => {
  for (const [name, code] of CASES) {
    it(`keeps the meaning of ${name}`, async () => {
      const escape = await escaper();
      const ascii = escape(code);
      assert.ok(isAscii(Buffer.from(ascii)), `not ASCII: ${ascii}`);
      assert.notEqual(ascii, code, 'the case has a character to escape');
      assert.equal(evaluate(ascii), evaluate(code), ascii);
    });
  }

  it('leaves ASCII alone', async () => {
    const escape = await escaper();
    const code = 'const a = "\\\\u2014", b = /\\u00e1/u; // plain';
    assert.equal(escape(code), code);
  });
});
