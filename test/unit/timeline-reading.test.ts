/**
 * How the timeline sections are read into entries, in shapes seen in real postmortems.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFixes, lint } from '../../server/src/engine';

test('a repeated "Timeline" heading: every entry is read once', () => {
  const doc = [
    '# Outage',
    '',
    '## Timeline',
    '',
    '- 08:10 UTC - Disk alert fired.',
    '- 08:30 UTC - Old logs deleted.',
    '',
    '## Timeline',
    '',
    '- 14:00 UTC - Disk alert fired again.',
    '- 14:20 UTC - Volume grown; resolved.',
    '',
  ].join('\n');
  const { model } = lint(doc);
  assert.deepEqual(
    model.timeline.map((e) => e.line),
    [5, 6, 10, 11],
  );
});

test('a list of links in the timeline is not read as entries without timestamps', () => {
  const doc = [
    '# Outage',
    '',
    '## Timeline',
    '',
    'Dashboards for the window:',
    '',
    '- [latency](https://grafana.example.com/d/1?from=1&to=2)',
    '- https://grafana.example.com/d/2',
    '',
    '### 07:30 UTC - First report',
    '',
    'Users reported slow launches.',
    '',
    '### 07:42 UTC - Back to normal',
    '',
    'Launch times recovered; resolved.',
    '',
  ].join('\n');
  const { model, messages } = lint(doc);
  assert.deepEqual(
    model.timeline.map((e) => e.line),
    [10, 14],
  );
  assert.deepEqual(
    messages.filter((m) => m.ruleId === 'timeline-timestamp'),
    [],
  );
  assert.deepEqual(
    model.unreadTimelineLines.filter((u) => u.reason.includes('link')).map((u) => u.line),
    [7, 8],
  );
  // An entry that only lacks its time is still one.
  const missing = lint(doc.replace('- https://grafana.example.com/d/2', '- Paged the on-call engineer'));
  assert.equal(missing.messages.filter((m) => m.ruleId === 'timeline-timestamp').length, 1);
});

test('a timeline with one entry and no time says "1 entry"', () => {
  const { messages } = lint('# T\n\n## Timeline\n\n- Alert fired.\n');
  assert.match(messages.find((m) => m.ruleId === 'timeline-timestamp')?.message ?? '', /\(1 entry\)/);
});

test('lines the timeline cannot read say why: before any entry, or parted from the entry above', () => {
  const doc = [
    '# Outage',
    '',
    '## Timeline',
    '',
    'Here is what happened, in order.',
    '',
    '- 08:10 UTC - Disk alert fired.',
    '- 08:30 UTC - Old logs deleted; resolved.',
    '',
    'We kept watching the disk for an hour afterwards.',
    '',
  ].join('\n');
  const reasons = lint(doc).model.unreadTimelineLines.map((u) => `${u.line} ${u.reason}`);
  assert.equal(reasons.length, 2, reasons.join('\n'));
  assert.match(reasons[0]!, /^5 .*no timeline entry before it/);
  assert.match(reasons[1]!, /^10 .*parts it from the entry above/);
});

const doc = (timeline: string[], after: string[] = []): string =>
  [
    '# Outage on May 6, 2025',
    '',
    '## Issue Summary',
    '',
    'From 09:00 to 10:40 UTC on May 6, 2025, checkout failed.',
    '',
    '## Timeline',
    '',
    ...timeline,
    '',
    ...after,
    '## Root Cause and Resolution',
    '',
    'A config push.',
    '',
  ].join('\n');
const lineOf = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;
/** The text with the fixes of one rule's findings applied. */
const fixRule = (text: string, rule: string): string =>
  applyFixes(
    text,
    lint(text).messages.filter((m) => m.ruleId === rule && m.fix),
  ).text;
const timelineMessages = (text: string, rule: string): number[] =>
  lint(text)
    .messages.filter((m) => m.ruleId === rule)
    .map((m) => m.line);

test('a phase label over timed entries groups them; over prose it still opens its section', () => {
  const timed = doc(['- 09:00 UTC - Alert fired.', '', 'Resolution:', '', '- 10:40 UTC - Config reverted; resolved.']);
  const a = lint(timed).model;
  assert.deepEqual(
    a.timeline.map((e) => e.line),
    [9, 13],
  );
  assert.deepEqual(a.unreadTimelineLines, []);
  assert.equal(a.sections.filter((s) => s.id === 'root-cause').length, 1, 'only the real Root Cause section');
  const prose = doc(['- 09:00 UTC - Alert fired.', '', 'Resolution:', '', 'The team reverted the config and checkout recovered.']);
  const b = lint(prose).model;
  assert.ok(
    b.sections.some((s) => s.id === 'root-cause' && s.line === 11),
    b.sections.map((s) => `${s.line} ${s.id}`).join(', '),
  );
  assert.deepEqual(
    b.timeline.map((e) => e.line),
    [9],
  );
});

test('a label list item over timed items is no entry; a label line between entries does not join the entry above', () => {
  const text = doc(['- **Detection:**', '- 09:00 UTC - Alert fired.', '- **Escalation:**', '- 09:20 UTC - Paged the payments team.']);
  const { model } = lint(text);
  assert.deepEqual(
    model.timeline.map((e) => e.line),
    [10, 12],
  );
  assert.deepEqual(timelineMessages(text, 'timeline-timestamp'), []);
  const paragraphs = doc(['09:00 UTC - Alert fired.', 'Escalation:', '09:20 UTC - Paged the payments team.']);
  const first = lint(paragraphs).model.timeline[0]!;
  assert.equal(lineOf(paragraphs, first.end), 9, 'the label is not part of the 09:00 entry');
});

test("the time in a list item's first sentence is its time; durations, versions and later sentences are not", () => {
  const text = doc([
    '- 09:00 UTC - Alert fired.',
    '- The on-call engineer read the logs for a while and paged the database team at 09:20 UTC.',
    '- Waited for 20 minutes while the replicas caught up with the primary database, then checked again.',
    '- Upgraded the connection pool library of the checkout service to version 2.10 everywhere.',
    '- The team wrote a long note to the support channel about it. The fix went out at 10:40 UTC.',
  ]);
  const { model } = lint(text);
  assert.deepEqual(
    model.timeline.map((e) => e.timestamp?.text ?? null),
    ['09:00 UTC', '09:20 UTC', null, null, null],
  );
  const ts = model.timeline[1]!.timestamp!;
  assert.equal(text.slice(ts.start, ts.end), '09:20 UTC');
});

test('field pairs are one entry, and the sort moves the pair whole', () => {
  const text = doc([
    '- Time: 09:40 UTC',
    '- Event: config reverted; resolved.',
    '- Time: 09:10 UTC',
    '- How it was found: a customer reported it by email.',
  ]);
  const { model, messages } = lint(text);
  assert.deepEqual(
    model.timeline.map((e) => [e.line, lineOf(text, e.end)]),
    [
      [9, 10],
      [11, 12],
    ],
  );
  assert.deepEqual(
    messages.filter((m) => m.ruleId === 'timeline-timestamp'),
    [],
  );
  const fixed = fixRule(text, 'timeline-order');
  assert.match(
    fixed,
    /- Time: 09:10 UTC\n- How it was found: a customer reported it by email\.\n- Time: 09:40 UTC\n- Event: config reverted; resolved\./,
  );
  assert.deepEqual([...fixed.split('\n')].sort(), [...text.split('\n')].sort());
});

test('entries in a block quote are read and sorted inside it', () => {
  const text = doc(['> 09:40 UTC - Config reverted; resolved.', '> 09:10 UTC - Alert fired.']);
  assert.deepEqual(
    lint(text).model.timeline.map((e) => e.timestamp?.text),
    ['09:40 UTC', '09:10 UTC'],
  );
  assert.deepEqual(timelineMessages(text, 'timeline-order'), [10]);
  const fixed = fixRule(text, 'timeline-order');
  assert.match(fixed, /> 09:10 UTC - Alert fired\.\n> 09:40 UTC - Config reverted; resolved\./);
});

test('HTML lines with times are entries with true offsets; an image is nothing to read; HTML prose stays unread', () => {
  const text = doc([
    '<ul>',
    '<li><strong>09:10&nbsp;UTC:</strong> Alert fired.</li>',
    '<li><b>09:40 UTC:</b> Resolved.</li>',
    '</ul>',
    '',
    '<img src="graph.png" alt="latency">',
    '',
    '<details>Notes from the call</details>',
  ]);
  const { model } = lint(text);
  assert.deepEqual(
    model.timeline.map((e) => e.line),
    [10, 11],
  );
  for (const e of model.timeline)
    assert.equal(text.slice(e.timestamp!.time!.start, e.timestamp!.time!.end), e.line === 10 ? '09:10' : '09:40');
  assert.deepEqual(
    model.unreadTimelineLines.map((u) => [u.line, u.reason]),
    [[16, 'HTML, not read as timeline entries']],
  );
});

test("a date-only table row spans its day: not before that day's entries, still before a later day's", () => {
  const rows = (middle: string): string[] => [
    '| When | What |',
    '| --- | --- |',
    '| 2023-04-03 09:00 UTC | Alert fired. |',
    '| 2023-04-03 11:30 UTC | Cause found. |',
    middle,
    '|  |  |',
    '| 2023-04-04 16:00 UTC | Resolved. |',
  ];
  const sameDay = doc(rows('| 2023-04-03 | Patch released. |'));
  assert.deepEqual(timelineMessages(sameDay, 'timeline-order'), []);
  assert.deepEqual(
    lint(sameDay).model.timeline.map((e) => e.line),
    [11, 12, 13, 15],
    'the empty row is no entry',
  );
  const earlierDay = doc(rows('| 2023-04-02 | Patch released. |'));
  assert.deepEqual(timelineMessages(earlierDay, 'timeline-order'), [13]);
});

test('an indented timeline is read and reported with a fix; an indented log is neither', () => {
  const text = doc(['    09:10 UTC - Alert fired.', '    09:40 UTC - Config reverted; resolved.']);
  const { model, messages } = lint(text);
  assert.equal(model.timeline.length, 2);
  const finding = messages.find((m) => m.ruleId === 'timeline-timestamp');
  assert.match(finding?.message ?? '', /indented four spaces/);
  assert.match(fixRule(text, 'timeline-timestamp'), /\n\n09:10 UTC - Alert fired\.\n09:40 UTC - Config reverted; resolved\.\n/);
  const log = doc(['- 09:10 UTC - Alert fired.', '', '    ERROR pool exhausted', '    ERROR pool exhausted']);
  assert.deepEqual(timelineMessages(log, 'timeline-timestamp'), []);
});

test('a time after a short label, and a date joined to its time by "at", are the entry\'s timestamp', () => {
  const text = doc([
    '- Detected at 11:00 AM UTC: users wrote in that checkout hangs.',
    '- **Detection time:** 11:05 UTC',
    '- Detection Time: Thursday, March 14, 2024 at 11:10am UTC',
    '- 3/14/2024 at 9:30 pm UTC - Resolved.',
    '<p>10:30 PM UTC - Status page closed.</p>',
  ]);
  const { model } = lint(text);
  assert.deepEqual(
    model.timeline.map((e) => e.timestamp?.text),
    ['11:00 AM UTC', '11:05 UTC', 'Thursday, March 14, 2024 at 11:10am UTC', '3/14/2024 at 9:30 pm UTC', '10:30 PM UTC'],
  );
  assert.equal(new Date(model.timeline[3]!.instant!).toISOString(), '2024-03-14T21:30:00.000Z');
});

test('an entry written as fields takes its phase from its time and the field after it, not from later fields', () => {
  const text = doc([
    '- __Issue detected:__ 09:00 UTC',
    '- __Detection method:__ the error-rate alert paged the on-call engineer.',
    '- __Escalation:__ paged the payments team.',
    '- __Resolution:__ 10:40 UTC, config reverted.',
  ]);
  const { model } = lint(text);
  assert.deepEqual(
    model.timeline.map((e) => [e.line, lineOf(text, e.end), e.phases.join(',')]),
    [
      [9, 11, 'detected'],
      [12, 12, 'mitigated,resolved'],
    ],
  );
});

test('a phase label with its time in brackets at the end is an entry', () => {
  const text = doc([
    'Detection and first impact (May 6, 2025, 09:00 UTC):',
    'Checkout requests started to time out.',
    '',
    '- Recovery (10:40 UTC): config reverted; resolved.',
    '- Follow-up (see ticket 4521): none yet.',
  ]);
  const { model } = lint(text);
  assert.deepEqual(
    model.timeline.map((e) => [e.line, e.timestamp?.text ?? null]),
    [
      [9, 'May 6, 2025, 09:00 UTC'],
      [12, '10:40 UTC'],
      [13, null],
    ],
  );
  assert.equal(lineOf(text, model.timeline[0]!.end), 10, "the line below is the entry's text");
});

test('a duration with its window in brackets below the timeline is no entry', () => {
  const text = doc([
    '- 09:00 UTC - Alert fired.',
    '- 10:40 UTC - Config reverted; resolved.',
    '',
    '**Total impact duration for our customers:** 1 hour 40 minutes (09:00 - 10:40 UTC)',
  ]);
  assert.deepEqual(
    lint(text).model.timeline.map((e) => e.line),
    [9, 10],
  );
});

test('a zone in brackets after the timeline heading states the zone of every entry', () => {
  const doc = (heading: string): string =>
    [
      '# Outage',
      '',
      heading,
      '',
      '- 01:50 Queue alert fired.',
      '- 02:10 CET Broker disk found full.',
      '- 02:30 Logs removed; resolved.',
      '',
    ].join('\n');
  for (const heading of [
    '## Timeline (CET)',
    '## Timeline [in CET]',
    '## Timeline (all times CET)',
    '## Timeline (CET, March 4)',
    '## Timeline (in 24-hour clock, Central European Timezone)',
    '## Timeline (24h, CET)',
  ]) {
    assert.deepEqual(
      lint(doc(heading))
        .messages.filter((m) => m.ruleId === 'timezone-missing')
        .map((m) => m.line),
      [],
      heading,
    );
  }
  assert.deepEqual(
    lint(doc('## Timeline (approximate)'))
      .messages.filter((m) => m.ruleId === 'timezone-missing')
      .map((m) => m.line),
    [5, 7],
  );
});

test('a range whose start has no zone: timezone-missing offers no fix that would read as an offset ("11:50 UTC-12:10")', () => {
  // Found by the fix-all property: the zone written between the two times turned the end into an offset.
  const text = doc([
    '### 11:50-12:10  PM UTC',
    '',
    'Support reported stale results.',
    '',
    '### 1:42-1:59 PM UTC',
    '',
    'Expiry found at zero.',
  ]);
  const missing = lint(text).messages.filter((m) => m.ruleId === 'timezone-missing');
  for (const m of missing) assert.equal(m.fix, undefined, m.message);
  const { text: fixed } = applyFixes(text, lint(text).messages);
  assert.ok(!/UTC-12:10/.test(fixed), fixed);
});

test('a list under an entry that ends with ":" is part of that entry, and the sort moves it along', () => {
  const text = doc([
    '09:40 UTC: The proxy was reloaded; resolved.',
    '',
    '09:10 UTC: The health check failed and the proxy log showed:',
    '',
    '- upstream timed out while reading the response header',
    '- no live upstreams for the pool',
    '',
    '09:25 UTC: The bad route was removed.',
  ]);
  const { model, messages } = lint(text);
  assert.deepEqual(
    model.timeline.map((e) => [e.line, lineOf(text, e.end)]),
    [
      [9, 9],
      [11, 14],
      [16, 16],
    ],
  );
  assert.deepEqual(
    messages.filter((m) => m.ruleId === 'timeline-timestamp'),
    [],
  );
  const fixed = fixRule(text, 'timeline-order');
  assert.match(
    fixed,
    /09:10 UTC: The health check failed and the proxy log showed:\n\n- upstream timed out while reading the response header\n- no live upstreams for the pool\n\n09:25 UTC[^\n]*\n\n09:40 UTC/,
  );
  assert.deepEqual(
    lint(fixed).messages.filter((m) => m.ruleId === 'timeline-order'),
    [],
  );
  assert.deepEqual([...fixed.split('\n')].sort(), [...text.split('\n')].sort());
  // Without the colon, a list of items with no time is still a list of entries that lack their time.
  const plain = text.replace('the proxy log showed:', 'the proxy log showed errors.');
  assert.equal(lint(plain).messages.filter((m) => m.ruleId === 'timeline-timestamp').length, 2);
});

test('untimed items under a sub-heading after the last timed entry ("### Ongoing") are not entries', () => {
  const text = doc([
    '### May 6, 2025',
    '',
    '- 09:10 UTC - Alert fired.',
    '- 09:40 UTC - Config reverted; resolved.',
    '',
    '### Still in progress',
    '',
    '- Reviewing the other regions',
    '- Auditing the deploy tool',
    '',
  ]);
  const { model, messages } = lint(text);
  assert.deepEqual(
    model.timeline.map((e) => e.line),
    [11, 12],
  );
  assert.deepEqual(
    messages.filter((m) => m.ruleId === 'timeline-timestamp'),
    [],
  );
  // Untimed items between timed ones, or a timeline with no time at all, are still entries without a time.
  const between = lint(text.replace('- Auditing the deploy tool', '- 10:30 UTC - Audit done.'));
  assert.equal(between.messages.filter((m) => m.ruleId === 'timeline-timestamp').length, 1);
  const none = lint(doc(['### Detection', '', '- Alert fired.', '', '### Mitigation', '', '- Config reverted.']));
  assert.ok(none.messages.some((m) => m.ruleId === 'timeline-timestamp'));
});

test('a timeline written only in a fenced code block is reported, and its fix writes the lines as a list, text kept', () => {
  const body = [
    '10:02 UTC  primary OOM-killed, failover starts',
    '10:05 UTC  latency alert pages on-call',
    '10:31 UTC  latency normal, incident closed',
  ];
  for (const [name, fence, eol, end] of [
    ['backticks', '```', '\n', '\n'],
    ['tildes, CRLF', '~~~', '\r\n', '\r\n'],
    ['at the end of the document', '```text', '\n', ''],
  ] as const) {
    const text = ['# Redis failover', '', '## Timeline', '', fence, ...body, fence.slice(0, 3)].join(eol) + end;
    const found = lint(text).messages.filter((m) => m.ruleId === 'timeline-timestamp');
    assert.equal(found.length, 1, name);
    assert.match(found[0]!.message, /in a code block/, name);
    const fixed = applyFixes(text, [found[0]!]).text;
    assert.equal(fixed, ['# Redis failover', '', '## Timeline', '', ...body.map((l) => `- ${l}`)].join(eol) + end, name);
    assert.equal(lint(fixed).model.timeline.length, 3, name);
  }
  // A log pasted under entries that are read is a log: no finding.
  const log = '# R\n\n## Timeline\n\n- 10:02 UTC failover starts\n- 10:05 UTC alert\n\n```\n10:02:01 ERROR oom\n10:02:02 ERROR oom\n```\n';
  assert.equal(lint(log).messages.filter((m) => /code block/.test(m.message)).length, 0);
});

test('a zone named inside an HTML comment is no statement of the document zone', () => {
  const text = [
    '# Outage',
    '',
    '<!--',
    '  timezone-valid   IST is India, Ireland or Israel',
    '-->',
    'All times in UTC <!-- as agreed -->.',
    '',
    '## Timeline',
    '',
    '- 14:00 UTC deploy',
    '- 14:40 job paused',
    '- 16:50 CEST caches warmed',
    '',
  ].join('\n');
  const { model, messages } = lint(text);
  assert.equal(model.zone?.text, 'UTC');
  assert.deepEqual(
    messages.filter((m) => /^timezone-(?:missing|consistent)$/.test(m.ruleId)).map((m) => m.line),
    [12],
  );
});
