/**
 * The phase reader rules out most clauses with one test of the whole lexicon compiled without the `i` flag on the
 * lowercased clause (server/src/engine/model/phase.ts, `mayStatePhase`): it must never rule out a clause that one of
 * the lexicon's own case-insensitive patterns reads, whatever the case it is written in.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lowerPattern, mayStatePhase } from '../../server/src/engine/model/phase';
import { LEXICON } from '../../server/src/engine/model/phaseLexicon';

/** Clauses in the forms the lexicon reads, and some it does not, each tried as written, upper-cased and title-cased. */
const CLAUSES = [
  'PagerDuty alert fired for checkout latency',
  '2024-05-01T10:02Z alert: 5xx SLO burn',
  'On-call engineer acknowledged the page',
  'Escalated to the database team',
  'Rolled back the deploy and error rates recovered',
  'Service fully restored, incident resolved',
  'Customers report that checkout hangs',
  'Mitigated by failing over to the replica',
  'The platform team paged the DBA on call',
  'Lunch was ordered for the team',
  'Quarterly planning meeting',
  'Status page updated: Investigating',
  'ÉQUIPE notified; the fix was deployed at 10:40',
];

function variants(text: string): string[] {
  const title = text.replace(/\b\p{L}/gu, (c) => c.toUpperCase());
  return [text, text.toUpperCase(), text.toLowerCase(), title];
}

describe('phase prefilter', () => {
  it('keeps escapes as written and lowercases the rest', () => {
    assert.equal(lowerPattern(String.raw`\S+\B[A-Z]\p{Lu}\u00A0\x4AFoo(?:T|Z)`), String.raw`\S+\B[a-z]\p{Lu}\u00a0\x4afoo(?:t|z)`);
    assert.equal(lowerPattern(String.raw`\\Word`), String.raw`\\word`);
  });

  it('never rules out a clause a lexicon pattern reads, in any case', () => {
    let read = 0;
    let ruledOut = 0;
    for (const clause of CLAUSES) {
      for (const text of variants(clause)) {
        const reads = LEXICON.some(([, re]) => re.test(text));
        if (reads) read++;
        if (reads) assert.ok(mayStatePhase(text), `ruled out although the lexicon reads it: ${text}`);
        if (!mayStatePhase(text)) ruledOut++;
      }
    }
    // Both sides are exercised: clauses the lexicon reads, and clauses the prefilter rules out.
    assert.ok(read >= 20, `only ${read} variants read`);
    assert.ok(ruledOut >= 4, `only ${ruledOut} variants ruled out`);
  });
});
