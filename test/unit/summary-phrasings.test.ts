/**
 * The summary's duration, impact and root cause as writers phrase them in real postmortems: a window written
 * "started at X and was resolved by Y", a duration given only as a bound ("under 3 hours"), a share of users
 * ("40% of visitors"), the people affected named as such ("affecting every student"), and the cause written as a
 * verb ("a bad flag caused", "…, causing", "led to"). Each summary below says all three; summary-fields stays quiet.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint } from '../../server/src/engine';

function summaryFindings(summary: string): string[] {
  const doc = [
    '# Outage',
    '',
    '## Issue Summary',
    '',
    summary,
    '',
    '## Timeline',
    '',
    '- 10:05 UTC - The latency alert paged the on-call engineer.',
    '- 10:50 UTC - Service restored.',
    '',
    '## Root Cause and Resolution',
    '',
    'A cache node ran out of memory.',
    '',
    '## Corrective and Preventative Measures',
    '',
    '- [ ] Alert on cache memory.',
    '',
  ].join('\n');
  return lint(doc)
    .messages.filter((m) => m.ruleId === 'summary-fields' || m.ruleId === 'duration-consistent')
    .map((m) => m.message);
}

test('a window written "started at X and was resolved by Y" is the duration', () => {
  assert.deepEqual(
    summaryFindings(
      'Duration: the outage started at 10:00 AM and was resolved by 10:50 AM UTC. About 40% of visitors saw errors because a cache node ran out of memory.',
    ),
    [],
  );
  const { model } = lint('# O\n\n## Issue Summary\n\nThe outage began at 09:10 UTC and was fully restored at 09:55 UTC.\n');
  assert.equal(model.metrics.durationMinutes, 45);
});

test('a duration given as a bound says how long, and is not checked as a figure', () => {
  assert.deepEqual(summaryFindings('Checkout failed for 12% of shoppers for under 3 hours, due to an expired certificate.'), []);
  assert.deepEqual(
    summaryFindings('The outage was bounded to at most 16 hours. Every customer was affected because the webhook handler was down.'),
    [],
  );
  const { model } = lint('# O\n\n## Issue Summary\n\nDamage was limited to under 3 hours.\n');
  assert.equal(model.summary.duration, null);
  assert.equal(model.summary.durationBound?.minutes, 180);
});

test('a share followed by a space, and the people affected by name, are the impact', () => {
  assert.deepEqual(summaryFindings('From 10:00 to 10:50 UTC, 40% of checkouts timed out. The root cause was a full disk.'), []);
  assert.deepEqual(
    summaryFindings(
      'From 10:00 to 10:50 UTC the grading service was down, affecting every student enrolled. The root cause was a full disk.',
    ),
    [],
  );
});

test('the cause written as a verb is the root cause', () => {
  assert.deepEqual(summaryFindings('From 10:00 to 10:50 UTC, a planned upgrade caused login errors for all users.'), []);
  assert.deepEqual(summaryFindings('From 10:00 to 10:50 UTC, a proxy dropped a header, causing sign-in to fail for every user.'), []);
  assert.deepEqual(summaryFindings('From 10:00 to 10:50 UTC, all users saw errors. A stale DNS record led to the failure.'), []);
});

test('the cause told by what the fault did, or by the rollback that ended it, is the root cause', () => {
  assert.deepEqual(summaryFindings('From 10:00 to 10:50 UTC, 30% of searches were slow. A new index mapping forced full scans.'), []);
  assert.deepEqual(summaryFindings('From 10:00 to 10:50 UTC, 30% of searches were slow. Rolling back the new mapping fixed it.'), []);
  assert.deepEqual(summaryFindings('From 10:00 to 10:50 UTC, all users saw errors. A bad deploy took down the API.'), []);
  assert.deepEqual(summaryFindings('From 10:00 to 10:50 UTC, 35% of uploads failed after a load balancer pool lost half its members.'), []);
  assert.deepEqual(
    summaryFindings(
      'From 08:14 to 08:51 UTC, 12,000 sign-ins failed. A config push switched the hashing cost without migrating old hashes.',
    ),
    [],
  );
  assert.equal(summaryFindings('From 08:14 to 08:51 UTC, 12,000 sign-ins failed. We restarted it without affecting users.').length, 1);
  // Rolling back alone, with nothing it ended, says no cause.
  assert.equal(summaryFindings('From 10:00 to 10:50 UTC, all users saw errors. We are rolling back our release schedule.').length, 1);
});

test('stale data and a job that did not run are the impact', () => {
  assert.deepEqual(summaryFindings('From 02:00 to 04:00 UTC dashboards showed stale numbers, because a cron expression was wrong.'), []);
  assert.deepEqual(summaryFindings('From 02:00 to 04:00 UTC the nightly export did not run, because a cron expression was wrong.'), []);
});

test('a window whose zone follows its second date, and a duration said "in total"', () => {
  assert.deepEqual(
    summaryFindings(
      'The service was unavailable from 23:40 on 2 April 2024 to 01:15 on 3 April 2024 (CEST), 1 h 35 min in total. Every booking failed because a certificate expired.',
    ),
    [],
  );
  const { model } = lint(
    '# O\n\n## Issue Summary\n\nThe service was down from 23:40 on 2 April 2024 to 01:15 on 3 April 2024 (CEST), 1 h 35 min in total.\n',
  );
  assert.equal(model.summary.duration?.minutes, 95);
  assert.equal(model.summary.windowStart?.instant, Date.UTC(2024, 3, 2, 21, 40));
});

test('"the trigger was" names the cause', () => {
  assert.deepEqual(summaryFindings('From 02:10 to 03:05 UTC 12% of requests failed. The trigger was a node pool upgrade.'), []);
});

test('"between the hour of X and Y" is the window', () => {
  assert.deepEqual(
    summaryFindings('Between the hour of 15:30 and 16:30 EAT, 40% of visitors saw errors because of a typo in a config file.'),
    [],
  );
});

test('a summary that says none of it is still reported', () => {
  const found = summaryFindings('The team met on Monday to talk about the week.');
  assert.equal(found.length, 1);
  assert.match(found[0] ?? '', /how long.*impact.*root cause/);
});

test('effects chained in the impact field, and bare heading lines, are not the root cause', () => {
  const found = summaryFindings(
    '- **Duration:** 10:00 to 10:50 UTC\n- **Impact:** Pages were slow for 30% of users, which caused frustration.',
  );
  assert.equal(found.length, 1);
  assert.match(found[0] ?? '', /root cause/);
  const { model } = lint('# T\n\n## Summary\n\n### Impact\n\n### Root Causes\n\n## Timeline\n');
  assert.equal(model.summary.impact, null);
  assert.equal(model.summary.rootCause, null);
});

test('a window whose times are in underscore emphasis', () => {
  const { model } = lint('# O\n\n## Issue Summary\n\nThe site was down from __0215hrs (CAT)__ to __0340hrs (CAT)__ on May 9, 2025.\n');
  assert.equal(model.metrics.durationMinutes, 85);
});

/** The summary's window and the declared duration, read from one summary, and what duration-consistent says of them. */
function windowOf(summary: string, above = ''): { from: string | null; to: string | null; duration: number | null; findings: string[] } {
  const doc = `# Outage\n\n${above}## Issue Summary\n\n${summary}\n\n## Timeline\n\n- 09:05 - alert fired\n`;
  const { model, messages } = lint(doc);
  const iso = (x: number | null | undefined): string | null => (x == null ? null : new Date(x).toISOString().slice(0, 19));
  return {
    from: iso(model.summary.windowStart?.instant),
    to: iso(model.summary.windowEnd?.instant),
    duration: model.summary.duration?.minutes ?? null,
    findings: messages
      .filter((m) => m.ruleId === 'duration-consistent' || (m.ruleId === 'summary-fields' && /timezone/.test(m.message)))
      .map((m) => m.message),
  };
}

test('the window, however it is written, is checked against the stated duration', () => {
  const forms: [string, string, string][] = [
    ['Start time: March 3, 2025 09:00 UTC, End time: 11:00 UTC. Duration: 3 hours.', '2025-03-03T09:00:00', '2025-03-03T11:00:00'],
    ['Started: March 3, 2025 09:00 UTC\nEnded: 11:00 UTC\n\nDuration: 3 hours', '2025-03-03T09:00:00', '2025-03-03T11:00:00'],
    ['- Started 09:00 UTC on March 3, 2025\n- Ended at 11:00 UTC\n- Duration: 3 hours', '2025-03-03T09:00:00', '2025-03-03T11:00:00'],
    ['On March 3, 2025 the API was down between 09:00 and 11:00 UTC. Duration: 3 hours', '2025-03-03T09:00:00', '2025-03-03T11:00:00'],
    ['Duration: 3 hours (09:00 – 11:00 UTC, March 3, 2025)', '2025-03-03T09:00:00', '2025-03-03T11:00:00'],
    [
      'Between 09:00:00 and 11:12:10 UTC on March 3, 2025 the API was down. Duration: 3 hours',
      '2025-03-03T09:00:00',
      '2025-03-03T11:12:10',
    ],
    // A label in inline HTML, a "Duration:" label alone above the window, a label after a pasted dash.
    [
      '**<span style="color: #4682B4;">Start:</span>** March 3, 2025, 09:00 AM (UTC)\n**<span style="color: #4682B4;">End:</span>** March 3, 2025, 11:00 AM (UTC)\n\nThe outage lasted 3 hours.',
      '2025-03-03T09:00:00',
      '2025-03-03T11:00:00',
    ],
    [
      'Duration:\nMarch 3, 2025, 9:00 AM - March 3, 2025, 11:00 AM (UTC)\n\nThe outage lasted 3 hours.',
      '2025-03-03T09:00:00',
      '2025-03-03T11:00:00',
    ],
    [
      '- Duration: 3 hours\n— Start Time: March 3, 2025, 09:00 UTC.\n— End Time: March 3, 2025, 11:00 UTC.',
      '2025-03-03T09:00:00',
      '2025-03-03T11:00:00',
    ],
    // Told as a story, in a named zone (Central time on March 3, 2025 is UTC-6).
    [
      'At 2:00 PM Central time on March 3, 2025, the API went down. It stayed down until 4:12 PM Central time. Duration: 3 hours',
      '2025-03-03T20:00:00',
      '2025-03-03T22:12:00',
    ],
  ];
  for (const [summary, from, to] of forms) {
    const w = windowOf(summary);
    assert.deepEqual([w.from, w.to, w.duration], [from, to, 180], summary);
    assert.equal(w.findings.length, 1, summary);
    assert.match(w.findings[0]!, /^The summary says 3 hours, but /, summary);
  }
});

test('a zone stated once above the summary applies to the summary and the timeline', () => {
  const w = windowOf('From 09:00 to 11:00 on March 3, 2025, the API was down. Duration: 2 hours', 'All times in EDT (UTC-4)\n\n');
  assert.deepEqual([w.from, w.to, w.findings], ['2025-03-03T13:00:00', '2025-03-03T15:00:00', []]);
  const { model } = lint(
    '# Outage\n\nAll times in EDT (UTC-4)\n\n## Summary\n\nThe API was down on March 3, 2025.\n\n## Timeline\n\n- 09:05 alert fired\n',
  );
  assert.equal(model.timeline[0]?.inheritedZone, 'EDT');
  assert.equal(new Date(model.timeline[0]!.instant!).toISOString().slice(0, 16), '2025-03-03T13:05');
});

test('labels are not split by emphasis, and a cause needs no cue word in its field', () => {
  for (const label of ['**Root** **cause**:', '**Root cause**:', '**Root cause:**', 'Root cause:', '__Root cause__:']) {
    const doc = `# Outage\n\n## Issue Summary\n\n${label} A race in the cache warmer was dropping keys.\n\n## Timeline\n\n- 09:05 UTC alert\n`;
    assert.equal(lint(doc).model.summary.rootCause?.text, 'A race in the cache warmer was dropping keys.', label);
  }
  assert.deepEqual(
    summaryFindings(
      '**Impact**: 40% of visitors saw errors.\n\n**Root** **cause**: A race in the cache warmer was dropping keys.\n\n**Duration**: from 10:00 to 10:50 UTC.',
    ),
    [],
  );
});

function ruleFindings(doc: string, rule: string): string[] {
  return lint(doc)
    .messages.filter((m) => m.ruleId === rule)
    .map((m) => `${m.line} ${m.message}`);
}

const REST = [
  '## Timeline',
  '',
  '- 10:05 UTC - The alert paged the on-call engineer.',
  '',
  '## Root Cause and Resolution',
  '',
  'A disk filled up.',
  '',
].join('\n');

test('an untitled lead above the summary heading gives the duration, window and impact', () => {
  const doc = `# Upload outage\n\nUploads failed for 420 users, lasting 1 hour and 48 minutes, from 16:58 to 18:46 UTC.\n\n## Summary\n\nA full disk on the upload host caused the failures.\n\n${REST}`;
  assert.deepEqual(ruleFindings(doc, 'summary-fields'), []);
  assert.deepEqual(ruleFindings(doc, 'impact-quantified'), []);
  const { model } = lint(doc);
  assert.equal(model.summary.duration?.minutes, 108);
  assert.equal(model.summary.windowStart?.text, '16:58');
  // A subtitle the profile does not know is still the lead; a section of the profile before the summary is not.
  const subtitled = `# Upload outage\n## Uploads failing for every user\n\n**Impact window:** 16:58–18:46 UTC\n\n## Summary\n\nA full disk on the upload host caused the failures for all users.\n\n${REST}`;
  assert.deepEqual(ruleFindings(subtitled, 'summary-fields'), []);
  const other = `# Upload outage\n\n## Timeline\n\n- 10:00 UTC The upload outage lasted 3 hours.\n\n## Summary\n\nA full disk on the upload host caused the failures for all users.\n\n${REST}`;
  assert.equal(lint(other).model.summary.duration, null);
  assert.equal(ruleFindings(other, 'summary-fields').length, 1);
});

test('a lead that states the length and the teams affected, before a summary under the title', () => {
  const doc = `# Build farm outage\n\nThe outage lasted 5 hours and 26 minutes, affecting 305 teams.\n\n## Summary\n\nBuilds were queued because a scheduler bug dropped workers.\n\n${REST}`;
  assert.deepEqual(ruleFindings(doc, 'summary-fields'), []);
  assert.deepEqual(ruleFindings(doc, 'impact-quantified'), []);
});

test('an "Impact window:" field is the summary\'s window, not its impact', () => {
  for (const field of ['**Impact Window:** 02:00–02:08 CET', 'Impact window: 08:43–10:52 UTC']) {
    const doc = `# Queue stall\n\n## Summary\n\n${field}\n\nJobs were delayed for 40 merchants because a lock was held by a stuck worker.\n\n${REST}`;
    const { model } = lint(doc);
    assert.ok(model.summary.windowStart && model.summary.windowEnd, field);
    assert.ok(!model.summary.impact?.text.includes('window'), field);
    assert.deepEqual(ruleFindings(doc, 'summary-fields'), [], field);
    // Above the summary heading too.
    const above = `# Queue stall\n\n${field}\n\n## Summary\n\nJobs were delayed for 40 merchants because a lock was held by a stuck worker.\n\n${REST}`;
    assert.deepEqual(ruleFindings(above, 'summary-fields'), [], `above: ${field}`);
    // The impact window is how long the impact lasted; a location field is no impact.
    const listed = `# Queue stall\n\n${field}\n**Location of affected hosts:** Frankfurt\n**Affected services:**\n- the job queue\n\n## Summary\n\nJobs stalled because a lock was held by a stuck worker.\n\n${REST}`;
    assert.deepEqual(ruleFindings(listed, 'impact-quantified'), [], `listed: ${field}`);
    assert.ok(!lint(listed).model.summary.impact?.text.includes('Frankfurt'), `location: ${field}`);
  }
});

test('a summary that says there was no outage needs no duration and no count', () => {
  for (const sentence of [
    'We never encountered an actual outage.',
    'The service was never unavailable.',
    'There was no user-facing impact.',
    'There was no customer impact.',
  ]) {
    const doc = `# Certificate near-miss\n\n## Summary\n\nThe certificate nearly expired because the renewal job was misconfigured. ${sentence}\n\n${REST}`;
    assert.deepEqual(ruleFindings(doc, 'summary-fields'), [], sentence);
    assert.deepEqual(ruleFindings(doc, 'impact-quantified'), [], sentence);
  }
  // An outage that happened, told with "outage of", still needs its figures.
  const doc = `# Outage\n\n## Summary\n\nThere was an outage of the upload service because a disk filled up. Some users were affected.\n\n${REST}`;
  assert.equal(ruleFindings(doc, 'summary-fields').length, 1);
  assert.equal(ruleFindings(doc, 'impact-quantified').length, 1);
});

test('"down completely" is the whole, and a number word before a unit or currency is a count', () => {
  for (const sentence of [
    'The website was down completely.',
    'The website was completely down.',
    'A user had one mojo deducted from the wallet.',
    'Two customers could not log in.',
    'Checkout failed for three hours.',
  ]) {
    const doc = `# Outage\n\n## Summary\n\nFrom 10:00 to 10:50 UTC the shop failed because a disk filled up. ${sentence}\n\n${REST}`;
    assert.deepEqual(ruleFindings(doc, 'impact-quantified'), [], sentence);
  }
  const vague = `# Outage\n\n## Summary\n\nFrom 10:00 to 10:50 UTC the shop failed because a disk filled up. Some users saw errors.\n\n${REST}`;
  assert.equal(ruleFindings(vague, 'impact-quantified').length, 1);
});

test('a declared duration is as precise as the unit it is written in', () => {
  const doc = (declared: string, window: string): string =>
    `# Outage\n\n## Summary\n\nThe outage lasted ${declared}, ${window}, because a disk filled up; all users were affected.\n\n${REST}`;
  // Days round to half a day, whole hours to half an hour; minutes stay exact.
  assert.deepEqual(ruleFindings(doc('5 days', 'from March 1, 2025 09:00 UTC to March 6, 2025 15:00 UTC'), 'duration-consistent'), []);
  assert.equal(ruleFindings(doc('5 days', 'from March 1, 2025 09:00 UTC to March 7, 2025 09:00 UTC'), 'duration-consistent').length, 1);
  assert.deepEqual(ruleFindings(doc('3 hours', 'from 10:00 to 13:20 UTC'), 'duration-consistent'), []);
  assert.equal(ruleFindings(doc('3 hours', 'from 10:00 to 13:45 UTC'), 'duration-consistent').length, 1);
  assert.equal(ruleFindings(doc('3 hours 5 minutes', 'from 10:00 to 13:20 UTC'), 'duration-consistent').length, 1);
  assert.equal(ruleFindings(doc('200 minutes', 'from 10:00 to 13:40 UTC'), 'duration-consistent').length, 1);
});

test('rounding by the unit written stops short of half the unit: "2 hours" for 1 hour 30 minutes is reported', () => {
  const at = (declared: string, to: string): string[] =>
    lint(
      `# O\n\n## Issue Summary\n\nFrom 08:00 UTC to ${to} UTC on May 6, 2024 (${declared}), payments were late for 40% of merchants because a worker pool was scaled to zero.\n`,
    )
      .messages.filter((m) => m.ruleId === 'duration-consistent')
      .map((m) => m.ruleId);
  assert.deepEqual(at('2 hours', '09:30'), ['duration-consistent']);
  assert.deepEqual(at('2 hours', '09:45'), []);
});

test('a cause stated with no cue word: a fault named, a step not taken, what ended it', () => {
  const window = 'From 10:00 to 10:50 UTC every user saw errors.';
  for (const cause of [
    'A bug in the session cache dropped tokens.',
    'The release artefact on the mirror differed from the one we had signed.',
    'We never enabled rotation of the audit table, and the volume ran low on space.',
    'The worker ran as root instead of as the service account.',
    'This change triggered a storm of retries against the primary.',
    'The node recovered on its own once the upstream link stabilized.',
  ])
    assert.deepEqual(summaryFindings(`${window} ${cause}`), [], cause);
  // An effect chained with "resulting in" is no cause: the server going down is what happened, not why.
  const found = summaryFindings('From 10:00 to 10:50 UTC the web tier went down, resulting in errors for every user.');
  assert.equal(found.length, 1);
  assert.match(found[0] ?? '', /root cause/);
});

test('a stalled or halted service is the impact', () => {
  assert.deepEqual(
    summaryFindings('From 10:00 to 10:50 UTC block production stalled because a validator bug skipped valid proposals.'),
    [],
  );
  assert.deepEqual(summaryFindings('From 10:00 to 10:50 UTC the settlement queue halted because a bad config was loaded.'), []);
});

test('a bound with "approximately" in a bullet, and a range in brackets after a label, say how long', () => {
  assert.deepEqual(
    summaryFindings(
      'The queue:\n- lost no data\n- was fully restored within approximately 4.5 hours\n\nEvery user saw errors because a bad config was loaded.',
    ),
    [],
  );
  const one = '- **Payment outage (14:05-15:20 UTC / 09:05-10:20 CDT)**: every user saw errors because a bad config was loaded.';
  assert.deepEqual(summaryFindings(one), []);
  const { model } = lint(`# O\n\n## Summary\n\n${one}\n`);
  assert.equal(model.summary.windowStart?.text, '14:05');
  // One range per incident: it says how long each lasted, and no one of them is the window the timeline is checked against.
  const two = [
    '- **Second outage (23:10-01:40 UTC)**: every user saw errors because a bad config was loaded.',
    '- **First outage (08:00-08:30 UTC)**: checkout failed for 20% of users because a cache bug dropped carts.',
  ].join('\n');
  assert.deepEqual(summaryFindings(two), []);
  const several = lint(`# O\n\n## Summary\n\n${two}\n`).model.summary;
  assert.equal(several.windowStart, null);
  assert.equal(several.severalWindows?.text, '23:10-01:40 UTC');
});
