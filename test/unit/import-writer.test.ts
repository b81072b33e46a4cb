import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from '../../server/src/engine/index';
import { applyEdits } from '../../server/src/engine/commands';
import { documentDefaults, importIntoPostmortem, planImport, readSources, similarText } from '../../server/src/engine/import';
import type { ImportRecord, SourceFile } from '../../server/src/engine/import';

const dir = join(__dirname, '..', 'fixtures', 'import');
const file = (name: string): SourceFile => ({ name, content: readFileSync(join(dir, name), 'utf8') });
const slackAndStatus = readSources([
  file('slack/users.json'),
  file('slack/inc-checkout/2024-06-08.json'),
  file('slack/inc-checkout/2024-06-09.json'),
  file('statuspage/incidents.json'),
]).records;
const pager = readSources([file('pagerduty/incident-log.json')]).records;

const ZONE_RULES = /^(timeline-order|timezone-consistent|timezone-missing)$/;

/** Imports, checks what every import must hold, and returns the result. */
function importChecked(doc: string, records: readonly ImportRecord[], expectAdded: number, newLines: string[] = []): string {
  const first = importIntoPostmortem(doc, records);
  assert.equal(first.added.length, expectAdded, 'entries added');
  assert.equal(first.added.length + first.skipped.length, records.length);
  const out = applyEdits(doc, first.edits);
  const findings = lint(out).messages.filter((m) => ZONE_RULES.test(m.ruleId));
  assert.deepEqual(
    findings.map((m) => `${m.line}: ${m.ruleId}: ${m.message}`),
    [],
    out,
  );
  // Instants read back as the records say.
  const model = lint(out).model;
  for (const a of first.added) {
    const entry = model.timeline.find((e) => out.slice(e.start).startsWith(a.line) || out.split('\n')[e.line - 1] === a.line);
    assert.ok(entry, `entry written: ${a.line}`);
    assert.equal(Math.floor(entry.instant! / 60000), Math.floor(a.record.instant / 60000), a.line);
    if (a.record.phase) assert.ok(entry.phases.includes(a.record.phase), `${a.line} reads as ${a.record.phase}`);
  }
  // Importing again adds nothing.
  const again = importIntoPostmortem(out, records);
  assert.deepEqual(again.edits, []);
  assert.equal(again.skipped.length, records.length);
  // The document's own text is all there, in order: removing the added lines gives it back (numbered items below new
  // ones are renumbered: the numbers aside).
  const added = new Set([...first.added.map((a) => a.line), ...newLines]);
  const squeeze = (t: string): string =>
    t
      .replace(/\n{3,}/g, '\n\n')
      .replace(/^(\s*)\d+([.)])/gm, '$1#$2')
      .trimEnd();
  assert.equal(
    squeeze(
      out
        .split('\n')
        .filter((l) => !added.has(l))
        .join('\n'),
    ),
    squeeze(doc),
  );
  return out;
}

const lines = (out: string, from: string): string[] => out.split('\n').filter((l) => l.startsWith(from));

describe('import writer: every timeline shape', () => {
  it('bullets with bold 12-hour times and a zone, converted to the document zone, markers kept', () => {
    const doc =
      '# Checkout latency\n\n## Issue Summary\n\n**Duration:** from 4:15 PM to 11:55 PM PDT on June 8, 2024.\n\n## Timeline\n\n- **4:15 PM PDT** — deploy 4512 rolled out\n- **4:20 PM PDT** — checkout p99 latency alert fires\n- **11:55 PM PDT** — [resolved] incident closed\n\n## Root Cause\n\nA bad deploy.\n';
    const out = importChecked(doc, slackAndStatus, 12);
    const written = lines(out, '- ');
    assert.equal(written[2], '- **4:20 PM PDT** — Datadog: \\[Triggered] checkout p99 latency > 2s on checkout-api');
    assert.equal(written[5], '- **4:33 PM PDT** — [acknowledged] Investigating: We are investigating elevated errors at checkout.');
    assert.equal(written[12], '- **11:55 PM PDT** — [resolved] incident closed');
    assert.equal(written[14], '- **June 9, 2024, 12:10 AM PDT** — Grace Hopper: Follow-up filed in #checkout-followups');
  });

  it('a numbered list across a DST change, in a zone stated once', () => {
    const doc =
      '# Pager\n\n## Issue Summary\n\n**Duration:** from 1:35 AM to 3:40 AM ET on March 10, 2024.\n\n## Timeline\n\nAll times ET.\n\n1. 1:35 AM - deploy 4512 rolled out\n2. 3:40 AM - [resolved] all clear\n\n## Root Cause\n\nx\n';
    const out = importChecked(doc, pager, 5);
    assert.deepEqual(
      lines(out, '').filter((l) => /^\d\./.test(l)),
      [
        '1. 1:35 AM - deploy 4512 rolled out',
        '2. 1:40 AM - [detected] Triggered through the API: checkout p99 latency above 2s',
        '3. 1:52 AM - [acknowledged] Acknowledged by Ada Lovelace.',
        '4. 3:05 AM - [escalated] Escalated to Level 2 of Checkout Escalation by Ada Lovelace.',
        '5. 3:12 AM - Grace Hopper: Note added: Failing over payments-db to the replica',
        '6. 3:31 AM - [resolved] Resolved by Grace Hopper.',
        '7. 3:40 AM - [resolved] all clear',
      ],
    );
    const m = lint(out).model.metrics;
    assert.equal(m.timeToAcknowledgeMinutes, 12);
  });

  it('a numbered list is renumbered below new items: before the first, between, after the last; "1. 1. 1." stays so', () => {
    const rec = (h: number, text: string): ImportRecord => ({
      instant: Date.UTC(2024, 2, 9, h, 0),
      text,
      source: 'lines',
      ref: text,
    });
    const records = [rec(9, 'early one'), rec(9, 'early two'), rec(11, 'middle'), rec(15, 'late')];
    const doc = (a: number, b: number, c: number): string =>
      `# A\n\n## Timeline\n\nAll times UTC.\n\n${a}. 2024-03-09 10:00 - deploy\n${b}. 2024-03-09 12:00 - alert\n   - a sub-item\n${c}. 2024-03-09 14:00 - resolved\n\n## Root Cause\n\nx\n`;
    const r = importIntoPostmortem(doc(1, 2, 3), records);
    const out = applyEdits(doc(1, 2, 3), r.edits);
    assert.ok(
      out.includes(
        '1. 2024-03-09 09:00 - early one\n2. 2024-03-09 09:00 - early two\n3. 2024-03-09 10:00 - deploy\n4. 2024-03-09 11:00 - middle\n5. 2024-03-09 12:00 - alert\n   - a sub-item\n6. 2024-03-09 14:00 - resolved\n7. 2024-03-09 15:00 - late\n',
      ),
      out,
    );
    // No two edits touch (an editor applies them as one): the items before the first and its new number are one edit.
    for (let i = 1; i < r.edits.length; i++) assert.ok(r.edits[i]!.start > r.edits[i - 1]!.end, JSON.stringify(r.edits));
    assert.deepEqual(importIntoPostmortem(out, records).edits, []);
    const lazy = applyEdits(doc(1, 1, 1), importIntoPostmortem(doc(1, 1, 1), records).edits);
    assert.deepEqual(
      lazy
        .split('\n')
        .filter((l) => /^\d[.)]/.test(l))
        .map((l) => l.slice(0, 2)),
      ['1.', '1.', '1.', '1.', '1.', '1.', '1.'],
    );
  });

  it('paragraph lines in 24-hour time, the zone stated, with a blank line between runs', () => {
    const doc =
      '# X\n\n## Summary\n\nCheckout was slow on June 8, 2024.\n\n## Timeline\n\nAll times in UTC.\n\n23:15 — deploy 4512 rolled out\n23:19 — alert fires\n\n06:58 — incident closed\n\n## Root Cause\n\nx\n';
    const out = importChecked(doc, slackAndStatus, 12);
    // The summary dates the timeline (June 8): the entries of that day need no date, the next day's first carries one.
    assert.ok(
      out.includes('23:19 — alert fires\n23:20 — Datadog: \\[Triggered] checkout p99 latency > 2s on checkout-api\n23:22 — Ada'),
      out,
    );
    assert.ok(out.includes('\nJune 9, 2024, 00:05 — Lin Chen: @Ada Lovelace confirmed'), out);
    assert.ok(out.includes('07:10 — Grace Hopper: Follow-up filed in #checkout-followups\n\n## Root Cause'), out);
  });

  it('a table: the time in its cell, the author in the Who column, the date kept in the cell', () => {
    const doc =
      '# X\n\n## Timeline\n\n| Time (UTC) | Event | Who |\n| --- | --- | --- |\n| 2024-06-08 23:15 | deploy 4512 rolled out | release bot |\n| 2024-06-09 06:58 | incident closed | Ada |\n\n## Root Cause\n\nx\n';
    const out = importChecked(doc, slackAndStatus, 12);
    assert.ok(out.includes('| 2024-06-08 23:22 | Looking into it. @here checkout is slow for everyone | Ada Lovelace |'), out);
    assert.ok(
      out.includes('| 2024-06-09 00:12 | [mitigated] Monitoring: A fix has been implemented and we are monitoring the results. | |'),
      out,
    );
  });

  it('a table with the date in its own column and a phase column', () => {
    const doc =
      '# X\n\n## Timeline\n\nAll times UTC.\n\n| Date | Time | Phase | What happened |\n|---|---|---|---|\n| June 8, 2024 | 23:15 | | deploy 4512 rolled out |\n| June 9, 2024 | 06:58 | Resolved | incident closed |\n\n## Root Cause\n\nx\n';
    const out = importChecked(doc, slackAndStatus, 12);
    assert.ok(
      out.includes('| June 9, 2024 | 00:12 | Mitigated | Monitoring: A fix has been implemented and we are monitoring the results. |'),
      out,
    );
    assert.ok(out.includes('| June 8, 2024 | 23:22 | | Ada Lovelace: Looking into it. @here checkout is slow for everyone |'), out);
  });

  it('headings with a body, in a document without a date: the first written entry dates the timeline', () => {
    const doc =
      '# X\n\n## Timeline\n\n### 16:15 PDT — deploy 4512 rolled out\n\nThe deploy went out at the usual time.\n\n### 23:55 PDT — incident closed\n\n## Root Cause\n\nx\n';
    const out = importChecked(doc, slackAndStatus, 12);
    assert.ok(out.includes('The deploy went out at the usual time.\n\n### June 8, 2024, 16:20 PDT — Datadog'), out);
    assert.ok(out.includes('### June 9, 2024, 00:10 PDT — Grace Hopper'), out);
  });

  it("creates the Timeline section where the profile puts it, written like the profile's skeleton", () => {
    const doc = '# X\n\n## Issue Summary\n\nIt broke on June 8, 2024.\n\n## Root Cause\n\nSomething.\n';
    const out = importChecked(doc, pager, 5, ['## Timeline']);
    assert.ok(
      out.includes('## Issue Summary\n\nIt broke on June 8, 2024.\n\n## Timeline\n\n- March 10, 2024, 06:40 UTC - [detected] Triggered'),
      out,
    );
    assert.ok(out.includes('- 07:31 UTC - Resolved by Grace Hopper.\n\n## Root Cause'), out);
  });

  it("creates the section with the profile's zone statement (google-sre), in the zone asked for", () => {
    const doc = '---\nprofile: google-sre\n---\n\n# X\n\n## Summary\n\nx\n\n## Lessons Learned\n\nx\n';
    const r = importIntoPostmortem(doc, pager, { profile: 'google-sre', zone: 'America/New_York' });
    const out = applyEdits(doc, r.edits);
    assert.ok(out.includes('## Timeline\n\nAll times America/New_York.\n\n- March 10, 2024, 01:40 - [detected]'), out);
    assert.ok(
      out.includes('- 03:05 - Escalated to Level 2'),
      `no marker where the words say the phase and the document writes none:\n${out}`,
    );
    assert.deepEqual(
      lint(out, { profile: 'google-sre' }).messages.filter((m) => ZONE_RULES.test(m.ruleId)),
      [],
    );
    assert.deepEqual(importIntoPostmortem(out, pager, { profile: 'google-sre' }).edits, []);
  });

  it('fills a Timeline section that has no entry yet', () => {
    const doc = '# X\n\n## Timeline\n\nTo be written.\n\n## Root Cause\n\nx\n';
    const out = importChecked(doc, pager, 5);
    assert.ok(out.includes('To be written.\n\n- March 10, 2024, 06:40 UTC - [detected]'), out);
  });

  it('keeps CRLF line endings', () => {
    const doc = '# X\r\n\r\n## Timeline\r\n\r\n- 2024-03-10 06:30 UTC - deploy\r\n- 2024-03-10 08:00 UTC - done\r\n';
    const out = applyEdits(doc, importIntoPostmortem(doc, pager).edits);
    assert.equal(out.replace(/\r\n/g, '').includes('\n'), false);
    assert.ok(out.includes('\r\n- 2024-03-10 06:40 UTC - [detected]'), out);
  });
});

describe('import writer: duplicates', () => {
  it('skips a record already written by hand at the same minute', () => {
    const doc = '## Timeline\n\n- 2024-03-10 06:52 UTC - Ada Lovelace acknowledged the page\n';
    const r = importIntoPostmortem(doc, pager);
    assert.ok(
      r.skipped.some((s) => s.ref.endsWith('#3') && /already in the timeline \(line 3\)/.test(s.reason)),
      JSON.stringify(r.skipped),
    );
    assert.equal(r.added.length, 4);
  });

  it('does not take an entry of the same minute with other words for the record', () => {
    const doc = '## Timeline\n\n- 2024-03-10 06:52 UTC - database failover started\n';
    assert.equal(importIntoPostmortem(doc, pager).added.length, 5);
  });

  it('writes a record given twice once', () => {
    const twice = [...pager, ...pager.map((r) => ({ ...r, ref: `${r.ref}-copy` }))];
    assert.equal(importIntoPostmortem('## Timeline\n\n- 2024-03-10 06:00 UTC - x\n', twice).added.length, 5);
  });

  it('similarText: the words of the shorter in the longer', () => {
    assert.ok(similarText('Acknowledged by Ada Lovelace.', '[acknowledged] Acknowledged by Ada Lovelace'));
    assert.ok(similarText('Ada: rolling back now', 'Ada Lovelace: rolling back now!'));
    assert.ok(!similarText('rolling back', 'rolling back the deploy of the payment service to the previous version'));
    assert.ok(!similarText('alert fires', 'deploy started'));
  });
});

describe('import writer: bad input', () => {
  it('nothing to import, or records with no instant, change nothing', () => {
    assert.deepEqual(importIntoPostmortem('## Timeline\n\n- 10:00 UTC - x\n', []).edits, []);
    assert.deepEqual(importIntoPostmortem('', [{ instant: Number.NaN, text: 'x', source: 'lines', ref: 'p:1' }]).edits, []);
  });

  it('writes into an empty document', () => {
    const out = applyEdits('', importIntoPostmortem('', pager.slice(0, 2)).edits);
    assert.match(out, /## Timeline/);
    assert.equal(lint(out).model.timeline.length, 2);
  });
});

describe('import: planImport (read, then write)', () => {
  const doc =
    '# X\n\n## Issue Summary\n\n**Duration:** from 10:30 PM to 11:55 PM PDT on June 8, 2024.\n\n## Timeline\n\n- 10:30 PM PDT - deploy rolled out\n- 11:55 PM PDT - incident closed\n';

  it("pasted lines without a date or zone take the document's", () => {
    assert.deepEqual(documentDefaults(doc), { date: '2024-06-08', zone: 'America/Los_Angeles' });
    const plan = planImport(doc, [file('lines/chat.txt')]);
    assert.deepEqual(plan.unreadable, []);
    assert.deepEqual(
      plan.added.map((a) => a.line),
      [
        '- 10:42 PM PDT - Ada: checkout p99 is over 2s, looking',
        '- 10:44 PM PDT - Grace: errors from payments-db since the deploy started right after 4512 went out',
        '- 11:50 PM PDT - Ada: rolling back',
        '- June 9, 2024, 12:10 AM PDT - Grace: rollback done, errors back to baseline',
      ],
    );
  });

  it("the caller's date and zone win, and what cannot be read is listed", () => {
    const plan = planImport(doc, [file('lines/chat.txt'), { name: 'notes.txt', content: 'no times here' }], {
      date: '2024-06-07',
      zone: 'UTC',
    });
    assert.equal(plan.added.length, 4);
    assert.match(plan.added[0]!.line, /^- June 7, 2024, 3:42 PM PDT - Ada/);
    assert.deepEqual(
      plan.unreadable.map((u) => u.ref),
      ['notes.txt'],
    );
  });
});
