import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from '../../server/src/engine/index';
import { formatNow } from '../../server/src/lsp/completion';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'protocol', name), 'utf8');
const AT = Date.UTC(2024, 5, 8, 21, 42, 0);

describe('lsp completion: "now"', () => {
  it('writes the time like the timeline does, in the document zone', () => {
    const { model } = lint(fixture('checkout-postmortem.md'));
    assert.equal(formatNow(model, {}, AT), '10:42 PM (WAT)');
  });

  it('keeps an ISO date and a 24-hour clock', () => {
    const text =
      '## Issue Summary\n\nDown for 1 hour.\n\n## Timeline\n\n- 2024-06-08 20:00 UTC - alert\n- 2024-06-08 21:00 UTC - resolved\n';
    assert.equal(formatNow(lint(text).model, {}, AT), '2024-06-08 21:42 UTC');
  });

  it('leaves the zone out when the entries rely on one stated once', () => {
    const text = '## Timeline\n\nAll times in UTC.\n\n- 09:00 - alert\n- 09:30 - resolved\n';
    assert.equal(formatNow(lint(text).model, {}, AT), '21:42');
  });

  it('falls back to HH:mm ZONE without a timeline', () => {
    assert.equal(formatNow(lint('# Nothing\n').model, {}, AT), '21:42 UTC');
  });
});
