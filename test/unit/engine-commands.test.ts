import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from '../../server/src/engine/index';
import { applyEdits, convertTimeline, insertEntry, newPostmortemText, sortTimeline } from '../../server/src/engine/commands';

const e2e = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'e2e-workspace', name), 'utf8');
const instants = (text: string) => lint(text).model.timeline.map((e) => e.instant);
const window = (text: string) => {
  const { summary } = lint(text).model;
  return [summary.windowStart?.instant ?? null, summary.windowEnd?.instant ?? null];
};

describe('engine commands: sort the timeline', () => {
  it('puts the entries in chronological order, each moved whole', () => {
    const text = e2e('commands/sort-postmortem.md');
    const sorted = applyEdits(text, sortTimeline(text));
    const times = lint(sorted).model.timeline.map((e) => e.timestamp?.text);
    assert.deepEqual(times, ['2024-05-14 09:00 UTC', '2024-05-14 09:12 UTC', '2024-05-14 09:40 UTC', '2024-05-14 10:10 UTC']);
    assert.equal(lint(sorted).messages.filter((m) => m.ruleId === 'timeline-order').length, 0);
    assert.equal(sorted.length, text.length);
  });

  it('changes nothing on a sorted timeline', () => {
    assert.deepEqual(sortTimeline(e2e('commands/convert-postmortem.md')), []);
  });

  it('sorts each list on its own', () => {
    const text =
      '## Timeline\n\n- 2024-01-01 10:00 UTC - b\n- 2024-01-01 09:00 UTC - a\n\nDay two:\n\n- 2024-01-02 10:00 UTC - d\n- 2024-01-02 09:00 UTC - c\n';
    const out = applyEdits(text, sortTimeline(text));
    assert.equal(
      out,
      '## Timeline\n\n- 2024-01-01 09:00 UTC - a\n- 2024-01-01 10:00 UTC - b\n\nDay two:\n\n- 2024-01-02 09:00 UTC - c\n- 2024-01-02 10:00 UTC - d\n',
    );
  });
});

describe('engine commands: convert the timeline to a zone', () => {
  it('rewrites every timestamp in the new zone, in its own style', () => {
    const text = e2e('commands/convert-postmortem.md');
    const result = convertTimeline(text, 'PST');
    const out = applyEdits(text, result.edits);
    assert.match(out, /- 2024-05-14 01:00 PST — Queue depth alert/);
    assert.match(out, /- 2024-05-14 02:10 PST — Backlog cleared/);
    assert.match(out, /from 01:00 PST to 02:10 PST on May 14, 2024/);
    assert.deepEqual(instants(out), instants(text));
    assert.equal(result.skipped, 0);
  });

  it('round trip: to PST and back gives the original instants (and here the original text)', () => {
    for (const name of [
      'commands/convert-postmortem.md',
      'incidents/2024-03-04-orders-db-outage.md',
      'incidents/2024-06-08-payments-gateway-postmortem.md',
    ]) {
      const text = e2e(name);
      const pst = applyEdits(text, convertTimeline(text, 'PST').edits);
      assert.notEqual(pst, text, name);
      assert.deepEqual(instants(pst), instants(text), `${name}: instants in PST`);
      assert.deepEqual(window(pst), window(text), `${name}: the summary window in PST`);
      const back = applyEdits(pst, convertTimeline(pst, lint(text).model.zone?.text ?? 'UTC').edits);
      assert.deepEqual(instants(back), instants(text), `${name}: instants back`);
    }
    const orders = e2e('incidents/2024-03-04-orders-db-outage.md');
    assert.equal(
      applyEdits(
        applyEdits(orders, convertTimeline(orders, 'PST').edits),
        convertTimeline(applyEdits(orders, convertTimeline(orders, 'PST').edits), 'WAT').edits,
      ),
      orders,
    );
  });

  it('changes the zone statement with the zoneless entries', () => {
    const text = e2e('incidents/2024-03-04-orders-db-outage.md');
    const out = applyEdits(text, convertTimeline(text, 'PST').edits);
    assert.match(out, /All times PST \(UTC-8\)\./);
    const payments = e2e('incidents/2024-06-08-payments-gateway-postmortem.md');
    const converted = applyEdits(payments, convertTimeline(payments, 'Europe/Berlin').edits);
    assert.match(converted, /All times in Europe\/Berlin\./);
    assert.deepEqual(instants(converted), instants(payments));
  });

  it('reads a region named without "Time" as the zone statement, and drops its second name when converting', () => {
    const text = [
      '# Checkout outage',
      '',
      'Date: March 3, 2025. All times are US Eastern (America/New_York).',
      '',
      '## Timeline',
      '',
      '- 14:00 Deploy started.',
      '- 15:00 Rolled back.',
      '',
    ].join('\n');
    assert.deepEqual(instants(text), [Date.UTC(2025, 2, 3, 19), Date.UTC(2025, 2, 3, 20)]);
    const out = applyEdits(text, convertTimeline(text, 'UTC').edits);
    assert.match(out, /^Date: March 3, 2025\. All times are UTC\.$/m);
    assert.deepEqual(instants(out), instants(text));
  });

  it('refuses a zone it does not know', () => {
    const result = convertTimeline(e2e('commands/convert-postmortem.md'), 'Mars/Olympus');
    assert.equal(result.edits.length, 0);
    assert.match(result.error ?? '', /not a time zone/);
  });
});

describe('engine commands: insert an entry stamped now', () => {
  const text = e2e('commands/insert-postmortem.md');

  it('goes after the last entry that is not later, written like it', () => {
    const now = Date.UTC(2024, 4, 14, 9, 30);
    const result = insertEntry(text, now);
    assert.ok(result.edit);
    const out = applyEdits(text, [result.edit]);
    const lines = out.split('\n');
    const at = lines.indexOf('- 2024-05-14 09:30 UTC — What happened');
    assert.ok(at > 0, out);
    assert.match(lines[at - 1] ?? '', /09:12 UTC/);
    assert.match(lines[at + 1] ?? '', /09:40 UTC/);
    assert.equal(out.slice(result.placeholder!.start, result.placeholder!.end), 'What happened');
    assert.deepEqual(
      lint(out)
        .model.timeline.map((e) => e.instant)
        .filter((i) => i === now),
      [now],
    );
  });

  it('goes first when every entry is later, and last when none is', () => {
    const first = insertEntry(text, Date.UTC(2024, 4, 14, 8, 0));
    assert.match(applyEdits(text, [first.edit!]), /## Timeline\n\n- 2024-05-14 08:00 UTC — What happened\n- 2024-05-14 09:00 UTC/);
    const last = insertEntry(text, Date.UTC(2024, 4, 14, 11, 5));
    assert.match(applyEdits(text, [last.edit!]), /incident resolved\.\n- 2024-05-14 11:05 UTC — What happened\n\n## Root cause/);
  });

  it('keeps a 12-hour clock, a parenthesised zone and a long date', () => {
    const orders = e2e('incidents/2024-03-04-orders-db-outage.md');
    const result = insertEntry(orders, Date.UTC(2024, 2, 4, 0, 30));
    assert.equal(result.stamp, 'March 4, 2024, 1:30 AM (WAT)');
    assert.match(
      applyEdits(orders, [result.edit!]),
      /1:05 AM \(WAT\) — Export job.*\n- March 4, 2024, 1:30 AM \(WAT\) — What happened\n- March 4, 2024, 2:30 AM/,
    );
  });

  it('writes rows into a table timeline', () => {
    const table =
      '## Timeline\n\n| Time (UTC) | Event | Owner |\n| --- | --- | --- |\n| 2024-05-14 09:00 | Alert | amy |\n| 2024-05-14 10:00 | Resolved | bo |\n';
    const result = insertEntry(table, Date.UTC(2024, 4, 14, 9, 30));
    const out = applyEdits(table, [result.edit!]);
    assert.match(out, /\| 2024-05-14 09:00 \| Alert \| amy \|\n\| 2024-05-14 09:30 \| What happened \| \|\n\| 2024-05-14 10:00/);
  });

  it('starts a list in an empty timeline section', () => {
    const empty = '# X\n\n## Timeline\n\n## Root cause\n\nA disk.\n';
    const result = insertEntry(empty, Date.UTC(2024, 4, 14, 9, 30), { defaultZone: 'UTC' });
    assert.equal(
      applyEdits(empty, [result.edit!]),
      '# X\n\n## Timeline\n\n- 2024-05-14 09:30 UTC — What happened\n\n## Root cause\n\nA disk.\n',
    );
  });
});

describe('engine commands: a new postmortem', () => {
  it('fills the slots of the default profile', () => {
    const text = newPostmortemText({ profile: 'default', title: 'Payments outage', date: '2024-06-08', zone: 'WAT' });
    assert.ok(text);
    assert.match(text, /^# Payments outage\n/);
    assert.match(text, /WAT/);
    assert.doesNotMatch(text, /\$\{/);
    const { model } = lint(text);
    assert.deepEqual(
      model.sections.map((s) => s.id).filter(Boolean),
      ['summary', 'timeline', 'root-cause', 'corrective-actions'].filter((id) => model.sections.some((s) => s.id === id)),
    );
    assert.ok(model.sections.some((s) => s.id === 'timeline'));
  });

  it('uses a profile template when there is one, else the sections', () => {
    const user = {
      tiny: { name: 'Tiny', sections: [{ id: 'what', title: 'What happened', skeleton: 'At ${time} ${zone}.' }] },
    };
    assert.equal(
      newPostmortemText({ profile: 'tiny', title: 'T', date: '2024-01-02', zone: 'UTC' }, user),
      '# T\n\nDate: 2024-01-02. All times in UTC.\n\n## What happened\n\nAt HH:MM UTC.\n',
    );
    const templated = { t: { name: 'T', template: '# ${title}\n\n${date} (${zone}) ${other}' } };
    assert.equal(
      newPostmortemText({ profile: 't', title: 'Hi', date: '2024-01-02', zone: 'UTC' }, templated),
      '# Hi\n\n2024-01-02 (UTC) [fill in the other]\n',
    );
    assert.equal(newPostmortemText({ profile: 'nope', title: 'T', date: '2024-01-02', zone: 'UTC' }), null);
  });
});
