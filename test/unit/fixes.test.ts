import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixAll, lint } from '../../server/src/engine';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'engine');
const read = (name: string): string => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

test('fixAll returns the lint of the text it returns', () => {
  const text = read('missing-sections.md');
  const { text: fixed, fixed: count, result } = fixAll(text);
  assert.ok(count > 0, 'something was fixed');
  assert.deepEqual(result.messages, lint(fixed).messages);
  assert.ok(!result.messages.some((m) => m.fix), 'nothing fixable is left');
});

test("fixAll with eol inserts CRLF into a CRLF file; without it the rules' own endings", () => {
  const crlf = read('missing-sections.md').replace(/\r?\n/g, '\r\n');
  const withEol = fixAll(crlf, {}, { eol: '\r\n' }).text;
  assert.notEqual(withEol, crlf);
  assert.doesNotMatch(withEol.replace(/\r\n/g, ''), /[\r\n]/, 'every line ending is CRLF');
  const lf = read('missing-sections.md').replace(/\r\n/g, '\n');
  assert.equal(fixAll(lf, {}, { eol: '\n' }).text, fixAll(lf).text);
});

test('fixAll stops after the passes asked for and still lints what it returns', () => {
  const text = read('missing-sections.md');
  const none = fixAll(text, {}, { passes: 0 });
  assert.equal(none.text, text);
  assert.equal(none.fixed, 0);
  assert.deepEqual(none.result.messages, lint(text).messages);
  const one = fixAll(text, {}, { passes: 1 });
  assert.deepEqual(one.result.messages, lint(one.text).messages);
});

test('a zone conversion that would run into the rest of its line is not offered: fixing never swallows the text after it', () => {
  // "9:30 AM UTC" written before " -1 US" would read "UTC -1" as an offset, and the next pass would drop the "-1".
  const text = [
    '## Timeline',
    '',
    '- 09:00 UTC - Certificate expires; logins start failing.',
    '- 2:30 AM PDT -1 US on-call engineer joins.',
    '- 2:40 AM PDT - Second engineer joins.',
    '- 10:40 UTC - New certificate deployed.',
    '',
  ].join('\n');
  const findings = lint(text).messages.filter((m) => m.ruleId === 'timezone-consistent');
  assert.equal(findings.length, 2, 'both PDT entries are reported');
  assert.equal(findings.find((m) => m.line === 4)?.fix, undefined);
  assert.ok(findings.find((m) => m.line === 5)?.fix, 'an entry whose converted time stands alone is still fixed');
  const fixed = fixAll(text).text;
  assert.match(fixed, /-1 US on-call engineer joins\./);
  assert.match(fixed, /- 9:40 AM UTC - Second engineer joins\./);
});
