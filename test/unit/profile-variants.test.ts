/**
 * Failing variants of each profile's clean postmortem, one per rule: the clean document lints clean, and each
 * variant, made from it by one change a writer could make, trips that rule. The changes are found through the
 * model (sections, entries, timestamps), so the same change works on every profile's own style.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getProfile, lint, ruleList, type LintResult, type Profile } from '../../server/src/engine';

const FIXTURES = join(__dirname, '..', 'fixtures', 'engine');
const CLEAN: Record<string, string> = {
  default: 'clean.md',
  'google-sre': 'profile-google-sre.md',
  pagerduty: 'profile-pagerduty.md',
  atlassian: 'profile-atlassian.md',
};

type Mutation = (text: string, result: LintResult, profile: Profile) => string;

function splice(text: string, start: number, end: number, insert = ''): string {
  return text.slice(0, start) + insert + text.slice(end);
}

function sectionOf(result: LintResult, id: string) {
  const s = result.model.sections.find((x) => x.id === id);
  assert.ok(s, `no ${id} section`);
  return s;
}

/** A required section that is neither the summary nor the timeline, and may not be split in two. */
function plainRequired(result: LintResult, profile: Profile) {
  const def = profile.sections.find(
    (s) => s.required && !s.allowSplit && s.id !== 'summary' && s.id !== 'timeline' && result.model.sections.some((x) => x.id === s.id),
  );
  assert.ok(def, 'a plain required section');
  return sectionOf(result, def.id);
}

function entries(result: LintResult) {
  return result.model.timeline.filter((e) => e.timestamp?.time && e.instant !== null);
}

function summaryStart(result: LintResult): number {
  return sectionOf(result, 'summary').bodyStart;
}

const MUTATIONS: Record<string, Mutation> = {
  'required-sections': (text, r, p) => {
    const s = plainRequired(r, p);
    return splice(text, s.headingStart, s.end);
  },
  'section-order': (text, r) => {
    const t = sectionOf(r, 'timeline');
    const first = r.model.sections.find((s) => s.id !== null && s.id !== 'timeline');
    assert.ok(first);
    const block = text.slice(t.headingStart, t.end);
    return splice(splice(text, t.headingStart, t.end), first.headingStart, first.headingStart, `${block.trimEnd()}\n\n`);
  },
  'duplicate-section': (text, r, p) =>
    `${text.trimEnd()}\n\n## ${plainRequired(r, p).heading}\n\nMore on this, written again at the end.\n`,
  'empty-section': (text, r, p) => {
    const s = plainRequired(r, p);
    return splice(text, s.bodyStart, s.end, '\n\n');
  },
  'summary-fields': (text, r) => {
    const s = sectionOf(r, 'summary');
    return splice(text, s.bodyStart, s.end, '\n\nSomething went wrong with the service.\n\n');
  },
  'timeline-timestamp': (text, r) => {
    const time = entries(r)[1]?.timestamp?.time;
    assert.ok(time);
    return splice(text, time.start, time.end, '25:10');
  },
  'timeline-order': (text, r) => {
    const [, a, b] = entries(r).map((e) => e.timestamp?.time);
    assert.ok(a && b);
    const ta = text.slice(a.start, a.end);
    const tb = text.slice(b.start, b.end);
    return splice(splice(text, b.start, b.end, ta), a.start, a.end, tb);
  },
  'timezone-missing': (text, r) => {
    const list = entries(r);
    if (list.some((e) => e.timestamp?.zone)) {
      const ts = list.find((e) => e.timestamp?.zone)?.timestamp;
      assert.ok(ts?.time);
      return splice(text, ts.start, ts.end, text.slice(ts.start, ts.time.end));
    }
    // A zone stated once ("All times in UTC.") covers zoneless entries: drop the statement, and write a zone on every
    // entry but one.
    let out = text;
    for (const e of [...list].reverse()) if (e !== list[1]) out = splice(out, e.timestamp!.time!.end, e.timestamp!.time!.end, ' UTC');
    const t = sectionOf(r, 'timeline');
    const statement = /^all times[^\n]*\n/im.exec(text.slice(t.bodyStart, t.end));
    if (statement) out = splice(out, t.bodyStart + statement.index, t.bodyStart + statement.index + statement[0].length);
    return out;
  },
  'timezone-consistent': (text, r) => {
    const time = entries(r)[1]?.timestamp;
    assert.ok(time?.time);
    return splice(text, time.time.start, time.end, `${text.slice(time.time.start, time.time.end)} CET`);
  },
  'timezone-valid': (text, r) => {
    const time = entries(r)[1]?.timestamp;
    assert.ok(time?.time);
    return splice(text, time.time.start, time.end, `${text.slice(time.time.start, time.time.end)} IST`);
  },
  'duration-consistent': (text, r) => {
    const { duration, windowStart } = r.model.summary;
    if (duration && windowStart) return splice(text, duration.start, duration.end, '9 hours');
    const [a, b] = entries(r).map((e) => e.timestamp!.time!);
    const window = windowStart ? '' : `, from ${text.slice(a!.start, a!.end)} to ${text.slice(b!.start, b!.end)}`;
    return splice(text, summaryStart(r), summaryStart(r), `\n\nThe outage lasted 9 hours${window}.\n`);
  },
  'summary-matches-timeline': (text, r) => {
    const [a, b] = entries(r).map((e) => e.timestamp!.time!);
    // A window that ends with the timeline's second entry: the resolution comes well after it.
    return splice(
      text,
      summaryStart(r),
      summaryStart(r),
      `\n\nThe outage ran from ${text.slice(a!.start, a!.end)} to ${text.slice(b!.start, b!.end)}.\n`,
    );
  },
  'word-count': (text, r, p) => {
    assert.ok(p.wordCount, `${p.id} asks for no length`);
    const s = plainRequired(r, p);
    return splice(
      text,
      s.end,
      s.end,
      `\n${'More detail about what the team saw at the time. '.repeat(Math.ceil(p.wordCount.max / 9))}\n\n`,
    );
  },
  'no-placeholder': (text) => `${text.trimEnd()}\n\nTODO: add the graphs.\n`,
  'impact-quantified': (text, r, p) => {
    const own = p.sections.find((s) => s.id !== 'summary' && s.holds?.includes('impact') && r.model.sections.some((x) => x.id === s.id));
    if (own) {
      const s = sectionOf(r, own.id);
      return splice(text, s.bodyStart, s.end, '\n\nSome users were affected.\n\n');
    }
    const s = sectionOf(r, 'summary');
    return splice(
      text,
      s.bodyStart,
      s.end,
      '\n\n**Duration:** as in the timeline.\n\n**Impact:** some users were affected.\n\n**Root cause:** a bad configuration change.\n\n',
    );
  },
  'detection-recorded': (text, r) => {
    let out = text;
    for (const e of [...r.model.timeline].reverse()) {
      if (!e.phases.includes('detected') || !e.timestamp) continue;
      const lineEnd = text.indexOf('\n', e.timestamp.end);
      out = splice(out, e.timestamp.end, lineEnd < 0 ? text.length : lineEnd, ' - Work goes on.');
    }
    return out;
  },
  'action-items': (text, r, p) => {
    const def = p.sections.find((s) => s.holds?.includes('tasks'));
    assert.ok(def);
    const s = sectionOf(r, def.id);
    return splice(text, s.bodyStart, s.end, '\n\nWe will try to be more careful with changes like this one.\n\n');
  },
  'blameless-language': (text) => `${text.trimEnd()}\n\nIn the end this was human error: the engineer should have known better.\n`,
};

for (const [id, file] of Object.entries(CLEAN)) {
  describe(`the ${id} profile: one failing variant per rule`, () => {
    const profile = getProfile(id);
    assert.ok(profile);
    const text = readFileSync(join(FIXTURES, file), 'utf8');
    const clean = lint(text);

    it('the clean postmortem is clean', () => {
      assert.equal(clean.model.profile, id);
      assert.deepEqual(
        clean.messages.map((m) => `${m.line} ${m.ruleId}`),
        [],
      );
    });

    for (const rule of ruleList) {
      it(rule.id, (t) => {
        const mutate = MUTATIONS[rule.id];
        assert.ok(mutate, `no variant for ${rule.id}`);
        if (rule.id === 'word-count' && !profile.wordCount) {
          t.diagnostic(`${id} asks for no length: word-count has nothing to report`);
          return;
        }
        const variant = mutate(text, clean, profile);
        assert.notEqual(variant, text);
        const found = lint(variant).messages;
        assert.ok(
          found.some((m) => m.ruleId === rule.id),
          `${rule.id} not reported on the variant; found: ${found.map((m) => `${m.line} ${m.ruleId}`).join(', ') || 'nothing'}`,
        );
      });
    }
  });
}
