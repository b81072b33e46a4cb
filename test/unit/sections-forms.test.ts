/**
 * How sections are found as people write them: HTML headings (alone, with attributes, several in one HTML block),
 * headings an HTML block swallowed, headings indented by hand, a summary written as fields without its heading,
 * phase labels inside the timeline, spellings a reader accepts, generic headings; and the words a reader counts.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyFixes, lint } from '../../server/src/engine';
import { isPostmortem } from '../../server/src/engine/detect';
import { createLinter } from '../../server/src/engine/lint';

const fixture = (name: string): string => readFileSync(join(__dirname, '..', 'fixtures', 'engine', name), 'utf8');
const ids = (text: string): (string | null)[] => lint(text).model.sections.map((s) => s.id);
const rules = (text: string, rule: string): string[] =>
  lint(text)
    .messages.filter((m) => m.ruleId === rule)
    .map((m) => m.message);

describe('HTML headings', () => {
  it('are sections whose offsets index the text, and a Markdown list below <h2>Timeline</h2> is read', () => {
    const text = fixture('headings-html.md');
    const { model } = lint(text);
    assert.deepEqual(
      model.sections.map((s) => s.id),
      [null, 'summary', 'timeline', 'root-cause', 'corrective-actions'],
    );
    for (const s of model.sections) {
      const heading = text.slice(s.headingStart, s.headingEnd);
      assert.match(heading, /^<h[1-6][^>]*>[\s\S]*<\/h[1-6]>$/, heading);
      assert.ok(s.headingEnd <= s.bodyStart && s.bodyStart <= s.end && s.end <= text.length);
    }
    assert.equal(model.timeline.length, 4);
    assert.ok(model.timeline.every((e) => e.timestamp?.time && e.instant !== null));
    assert.deepEqual(model.unreadTimelineLines, []);
    // Two headings in one <div> block: each opens its own section.
    const [rootCause, corrective] = model.sections.slice(3);
    assert.ok(rootCause && corrective && rootCause.end <= corrective.headingStart);
    assert.ok(text.slice(rootCause.bodyStart, rootCause.end).includes('Raising the limit back fixed it.'));
    assert.ok(!text.slice(rootCause.bodyStart, rootCause.end).includes('Corrective'));
  });

  it('a heading alone on its line with attributes, and several headings in one block', () => {
    const text =
      '<h1>POSTMORTEM</h1>\n<h3 class="x">Issue Summary</h3>\n<hr>\nDown 10 minutes.\n\n<h2 id="t">Timeline</h2>\n\n- 10:00 UTC - Alert fired.\n- 10:10 UTC - Resolved.\n';
    const { model } = lint(text);
    assert.deepEqual(
      model.sections.map((s) => s.id),
      [null, 'summary', 'timeline'],
    );
    assert.equal(model.timeline.length, 2);
    // The heading's line is not the section's body.
    const summary = model.sections[1]!;
    assert.equal(text.slice(summary.bodyStart, summary.bodyStart + 4), '<hr>');
  });

  it('a Markdown heading swallowed by an HTML block ("<img>" on the line above) is a heading', () => {
    const text = '# Outage\n<img src="a.png" alt="a">\n## Issue Summary\nDown 10 minutes.\n\n## Timeline\n\n- 10:00 UTC - Alert fired.\n';
    assert.deepEqual(ids(text), [null, 'summary', 'timeline']);
  });
});

describe('headings written otherwise', () => {
  it('a one-line heading indented by hand (rendered as code) names its section', () => {
    const text =
      'Outage\n\n                Summary of outage\n\nThe shop was down for two hours.\n\n          Timeline of events\n\n2:00 PM: Reports of errors.\n';
    assert.deepEqual(ids(text), ['summary', 'timeline']);
    assert.equal(lint(text).model.timeline.length, 1);
  });

  it('spellings a reader accepts, scaled by length; generic and short names are not guessed', () => {
    const text = fixture('headings-misspelled.md');
    assert.deepEqual(ids(text), [null, 'summary', 'timeline', 'root-cause', 'corrective-actions']);
    assert.deepEqual(rules(text, 'required-sections'), []);
    // "Revolution" is not "Resolution" (a generic name is matched exactly), "Timing" is not "Timeline".
    assert.deepEqual(ids('## Timeline\n\n- 10:00 UTC - x\n\n## Revolution\n\ntext\n\n## Timing\n\ntext\n'), ['timeline', null, null]);
  });

  it('a name followed by a date, after one more word, or on either side of "and"', () => {
    assert.deepEqual(ids('## Timeline (all times UTC) Monday May 10th, 2021. All times approximations\n\n- 10:00 - x\n'), ['timeline']);
    assert.deepEqual(
      ids('## Timeline\n\n- 10:00 UTC - x\n\n## Consolidated root causes\n\ntext\n\n## Lessons Learned and Future Improvements\n\n- y\n'),
      ['timeline', 'root-cause', 'corrective-actions'],
    );
  });

  it('"# h2 Timeline": the level typed out is not part of the name', () => {
    assert.deepEqual(ids('# h1 My postmortem\n\n# h2 Timeline\n\n- 10:00 UTC - x\n'), [null, 'timeline']);
  });

  it('generic headings alone make no postmortem; above the postmortem they are not its sections', () => {
    const text = fixture('headings-generic.md');
    assert.deepEqual(ids(text), [null, null, null, null]);
    assert.equal(rules(text, 'required-sections').length, 1);
    const settings = { files: [], detect: true };
    assert.equal(isPostmortem({ path: 'README.md', model: lint(text).model, settings }), false);
    // A course page's "## Tasks" above the postmortem: not its action items, so no section-order finding.
    const course =
      '## Tasks\n\n- Write a postmortem.\n\n## Issue Summary\n\nDown.\n\n## Timeline\n\n- 10:00 UTC - x\n\n## Root Cause\n\ny\n';
    assert.deepEqual(ids(course), [null, 'summary', 'timeline', 'root-cause']);
    assert.deepEqual(rules(course, 'section-order'), []);
  });

  it('a summary written as fields before any heading is the summary; its "Root Cause:" is its field', () => {
    const text = fixture('headings-fields-first.md');
    const { model } = lint(text);
    assert.deepEqual(
      model.sections.map((s) => s.id),
      ['summary', 'timeline', 'root-cause', 'corrective-actions'],
    );
    assert.equal(model.summary.duration?.minutes, 70);
    assert.deepEqual(rules(text, 'section-order'), []);
    assert.deepEqual(rules(text, 'duplicate-section'), []);
  });

  it('inside the timeline, a phase label followed by timed entries groups them; followed by prose it is the section', () => {
    const text = fixture('headings-fields-first.md');
    const { model } = lint(text);
    assert.equal(model.timeline.length, 4);
    const timeline = model.sections.find((s) => s.id === 'timeline')!;
    assert.ok(text.slice(timeline.bodyStart, timeline.end).includes('15:10 UTC'));
    const prose = '## Timeline\n\n- 10:00 UTC - Alert fired.\n\nResolution:\nThe team rolled back the release.\n';
    assert.deepEqual(ids(prose), ['timeline', 'root-cause']);
  });

  it('"## Root Cause" right after the summary, with the root-cause section later, is part of the summary', () => {
    const text =
      '# Outage\n\n## Issue Summary\n\nDown 1 hour.\n\n## Root Cause\n\nA bad rule.\n\n## Timeline\n\n- 10:00 UTC - x\n\n## Root Cause and Resolution\n\nThe rule was fixed.\n';
    assert.deepEqual(rules(text, 'section-order'), []);
  });
});

describe('word count', () => {
  const words = (text: string): number => lint(text).model.wordCount;
  it('a date or a time (with its AM/PM) is one word', () => {
    assert.equal(words('At 10:42 PM the site went down.'), 6);
    assert.equal(words('On 2024-03-02 and 3/3/2024 at 10:42:10 UTC.'), 7);
    assert.equal(words('From 9 am to 5:30pm, 1.5 hours'), 6);
  });
  it('counts HTML blocks without their tags and indented blocks; not fenced code nor front matter', () => {
    assert.equal(words('<h2>Timeline</h2>\n<p>Service restored &amp; ok</p>\n'), 4);
    assert.equal(words('---\ntitle: x y z\n---\nIntro\n\n    indented prose here\n\n```\nfenced code\n```\n'), 4);
  });
  it('list items and table cells are words apart', () => {
    assert.equal(words('- foo\n- bar\n'), 2);
    assert.equal(words('| a | b |\n| - | - |\n| one | two |\n'), 4);
  });
  it('the incremental linter counts the same', () => {
    const linter = createLinter();
    const text = '# T\n\n<div>\n<p>one two</p>\n</div>\n\n    three four\n\n- 10:42 PM five\n- six\n';
    linter.lint(`${text}x`);
    assert.equal(linter.lint(text).model.wordCount, lint(text).model.wordCount);
    assert.equal(lint(text).model.wordCount, 8);
  });
});

describe('TODO naming the task list', () => {
  it('as a heading or label, or marking a real task in the tasks section, is not a placeholder', () => {
    const text = fixture('todo-list.md');
    const found = lint(text)
      .messages.filter((m) => m.ruleId === 'no-placeholder')
      .map((m) => m.line);
    assert.deepEqual(found, [24]);
  });
  it('"TODO: <task>" outside the tasks section is still a placeholder', () => {
    assert.equal(rules('## Issue Summary\n\nTODO: write what happened to the users\n', 'no-placeholder').length, 1);
  });
});

describe('detection said in other words', () => {
  const doc = (entry: string): string => `## Timeline\n\n- 10:00 UTC - ${entry}\n- 10:30 UTC - Resolved.\n`;
  for (const entry of [
    'Users write in that checkout hangs.',
    'A customer emailed support about failed payments.',
    'The employee notices commands she did not run.',
    'Noticed while testing the login page.',
    'Tim reports: "the site is down"',
  ]) {
    it(entry, () => assert.deepEqual(rules(doc(entry), 'detection-recorded'), []));
  }
  it('the how on the next line ("Detection method:")', () => {
    const text =
      '## Timeline\n\n- **Issue detected:** 10:00 UTC\n- **Detection method:** an alert on the error rate.\n- 10:30 UTC - Resolved.\n';
    assert.deepEqual(rules(text, 'detection-recorded'), []);
  });
  it('still reported when nothing says how', () => {
    assert.equal(rules(doc('Outage detected.'), 'detection-recorded').length, 1);
  });
});

describe('action items under an HTML heading', () => {
  it('an HTML list or one <p> per task is a list of tasks', () => {
    const head = '## Timeline\n\n- 10:00 UTC - x\n\n<h3>Corrective Measures</h3>\n';
    assert.deepEqual(
      rules(
        `${head}<ul>\n<li>Check the service after each reload.</li>\n<li>Lint the configuration before saving it.</li>\n</ul>\n`,
        'action-items',
      ),
      [],
    );
    assert.deepEqual(
      rules(
        `${head}<p>&emsp;:small_orange_diamond:Add a load test.</p>\n<p>&emsp;:small_orange_diamond:Alert on latency.</p>\n`,
        'action-items',
      ),
      [],
    );
    assert.equal(
      rules(`${head}<p>We will try to be more careful with the configuration in the future, as we said.</p>\n`, 'action-items').length,
      1,
    );
  });
});

describe('the summary under an unusual heading', () => {
  for (const heading of ['Incident Summary', 'Overview', 'What happened?', 'TL;DR', 'Executive summary', 'Synopsis']) {
    it(`"${heading}": its window is checked against the timeline's resolution`, () => {
      const text = `# Outage\n\n## ${heading}\n\nFrom 10:00 to 10:30 UTC on March 3, 2025, checkout failed for 20% of users because of a bad deploy.\n\n## Timeline\n\n- 10:00 UTC - The alert fired.\n- 11:15 UTC - Service restored; incident resolved.\n\n## Root Cause and Resolution\n\nA bad deploy.\n\n## Corrective and Preventative Measures\n\n- [ ] Add a canary.\n`;
      assert.equal(lint(text).model.sections[1]?.id, 'summary');
      assert.equal(rules(text, 'summary-matches-timeline').length, 1);
    });
  }
});

it('a heading inside an HTML comment is no heading, even in a comment never closed', () => {
  const closed = '# Outage\n\n<!--\n## Timeline\n- 10:00 UTC old note\n-->\n\n## Summary\n\nx\n';
  assert.deepEqual(
    lint(closed)
      .model.sections.map((s) => s.id)
      .filter((id) => id !== null),
    ['summary'],
  );
  const open = '<!--\n## Timeline\n| Time | Event |\n|---|---|\n| 10:00 | x |\n';
  assert.deepEqual(
    lint(open).model.sections.filter((s) => s.id === 'timeline'),
    [],
  );
  // The same heading outside the comment is one.
  assert.deepEqual(
    lint(`${closed}\n## Timeline\n\n- 10:00 UTC a\n`)
      .model.sections.map((s) => s.id)
      .filter((id) => id !== null),
    ['summary', 'timeline'],
  );
});

describe('section labels inside a list', () => {
  const asList = [
    '# Postmortem',
    '',
    '- Issue Summary:',
    '    From 09:00 to 09:40 UTC on May 6, 2025 the grading site was down for every student, because a cron job filled the disk.',
    '- Timeline:',
    '    - 09:05 UTC: the disk alert fired.',
    '    - 09:40 UTC: old logs removed; resolved.',
    '    - 09:20 UTC: the cron job was stopped.',
    '- Root cause and resolution:',
    '    - a cron job wrote debug logs without rotation; removing them fixed it.',
    '- Corrective and preventative measures:',
    '',
    '1. Rotate the cron logs.',
    '2. Alert at 80% disk.',
    '',
  ].join('\n');

  it('are the sections when the timeline label holds timed entries, and the entries sort under it', () => {
    const { model } = lint(asList);
    assert.deepEqual(
      model.sections.map((s) => s.id),
      [null, 'summary', 'timeline', 'root-cause', 'corrective-actions'],
    );
    assert.deepEqual(
      model.timeline.map((e) => e.timestamp?.text),
      ['09:05 UTC', '09:40 UTC', '09:20 UTC'],
    );
    assert.deepEqual(rules(asList, 'required-sections'), []);
    const fixed = applyFixes(
      asList,
      lint(asList).messages.filter((m) => m.ruleId === 'timeline-order' && m.fix),
    ).text;
    assert.match(fixed, /09:05 UTC[^\n]*\n {4}- 09:20 UTC[^\n]*\n {4}- 09:40 UTC/);
    assert.deepEqual(
      lint(fixed).messages.filter((m) => m.ruleId === 'timeline-order'),
      [],
    );
  });

  it('a list of what each section must hold (no times under the timeline label) is not a postmortem', () => {
    const assignment = asList.replace(
      / {4}- 09:05[^\n]*\n {4}- 09:40[^\n]*\n {4}- 09:20[^\n]*/,
      '    - When was the issue detected?\n    - Who was paged?',
    );
    assert.deepEqual(ids(assignment), [null]);
  });

  it('a label at the margin under a list item (a lazy continuation line) opens its section', () => {
    const lazy = [
      'Issue Summary:',
      '- Duration: from 09:00 to 09:40 UTC on May 6, 2025. Every student lost access because a cron job filled the disk.',
      'Timeline:',
      '- 09:05 UTC: the disk alert fired.',
      '- 09:40 UTC: old logs removed; resolved.',
      '- 09:20 UTC: the cron job was stopped.',
      'Root Cause and Resolution:',
      'A cron job wrote debug logs without rotation; removing them fixed it.',
      'Corrective and Preventative Measures:',
      '- Rotate the cron logs.',
      '',
    ].join('\n');
    const { model } = lint(lazy);
    assert.deepEqual(
      model.sections.map((s) => s.id),
      ['summary', 'timeline', 'root-cause', 'corrective-actions'],
    );
    assert.deepEqual(
      model.timeline.map((e) => e.timestamp?.text),
      ['09:05 UTC', '09:40 UTC', '09:20 UTC'],
    );
    assert.deepEqual(rules(lazy, 'required-sections'), []);
    // The last entry ends before the label that Markdown reads as its continuation; the sort leaves the label in place.
    const fixed = applyFixes(
      lazy,
      lint(lazy).messages.filter((m) => m.ruleId === 'timeline-order' && m.fix),
    ).text;
    assert.match(fixed, /Timeline:\n- 09:05 UTC[^\n]*\n- 09:20 UTC[^\n]*\n- 09:40 UTC[^\n]*\nRoot Cause and Resolution:\n/);
    assert.deepEqual([...fixed.split('\n')].sort(), [...lazy.split('\n')].sort());
    // An indented line in an item is the item's own text, not a label.
    assert.ok(!ids(lazy.replace('\nTimeline:', '\n  Timeline:')).includes('timeline'));
  });
});

describe('a timeline under another name', () => {
  const doc = (story: string[]): string =>
    [
      '# Payments webhook backlog',
      '',
      '**Summary.** Webhooks were delayed by up to 40 minutes on May 14, 2024 because a consumer deadlocked. 2,300 merchants got late notifications.',
      '',
      '## What happened',
      '',
      ...story,
      '',
      '## Why it happened',
      '',
      'The new batching code took two locks in opposite order.',
      '',
      '## Follow-ups',
      '',
      '- [ ] Add a lock-order test.',
      '',
    ].join('\n');
  it('is the timeline when the document has no timeline heading and the section holds mostly timed lines', () => {
    const text = doc([
      '**13:58** — Deploy finished.',
      '**14:03** — Queue depth alarm went off.',
      '**14:10** — Alice acknowledged the page.',
      '**14:50** — Backlog drained.',
    ]);
    assert.deepEqual(ids(text), [null, 'summary', 'timeline', 'root-cause', 'corrective-actions']);
    assert.equal(lint(text).model.timeline.length, 4);
    assert.deepEqual(rules(text, 'required-sections'), []);
  });
  it('stays what its name says when it is told in prose', () => {
    const text = doc([
      'At 13:58 a deploy finished. The queue grew for half an hour before anyone looked.',
      'Alice found the deadlock at 14:31.',
    ]);
    assert.deepEqual(rules(text, 'required-sections'), ['The required "Timeline" section is missing.']);
  });
});

describe('a section of tasks under a name of its own', () => {
  it('is the corrective measures when the document has none, and a known section keeps its name', () => {
    const text = [
      '# Checkout errors',
      '',
      '## Summary',
      '',
      'From 11:10 to 12:08 WAT 18% of checkouts failed because a flag meant for staff reached all users.',
      '',
      '## Timeline',
      '',
      '- 11:02 WAT flag set to 100%.',
      '- 12:08 WAT error rate back to baseline.',
      '',
      '## Root cause',
      '',
      'The targeting rule was inverted.',
      '',
      "## What we'll do",
      '',
      '- [ ] Require a second approver for flags above 10%',
      '- [ ] Alert on checkout errors above 2%',
      '',
    ].join('\n');
    assert.deepEqual(ids(text), [null, 'summary', 'timeline', 'root-cause', 'corrective-actions']);
    assert.deepEqual(rules(text, 'required-sections'), []);
    const tasksUnderRootCause = text.replace("## What we'll do\n\n", '');
    assert.deepEqual(ids(tasksUnderRootCause), [null, 'summary', 'timeline', 'root-cause']);
  });
});

describe('a lead paragraph as the summary', () => {
  const doc = (lead: string): string =>
    [
      '# Details of the March 12 authentication outage',
      '',
      lead,
      '',
      '## Timeline',
      '',
      '- 13:43 UTC token validation starts failing',
      '- 15:30 UTC login success rate recovered',
      '',
      '## Why it happened',
      '',
      'The rotation job wrote the new key before the key set was published.',
      '',
      '## What we are changing',
      '',
      '- Publish the key set before any node signs.',
      '',
    ].join('\n');
  it('is the summary when it says how long and whom it hurt, and the document has no summary heading', () => {
    const text = doc(
      'Yesterday, March 12, 2024, users of our dashboard could not log in for 1 hour and 47 minutes. We are sorry; this post explains why.',
    );
    assert.deepEqual(ids(text), [null, 'summary', 'timeline', 'root-cause', 'corrective-actions']);
    assert.deepEqual(rules(text, 'required-sections'), []);
  });
  it('is not the summary when it is only an introduction', () => {
    const text = doc('This page is where we keep the write-up of the incident we had in March, for the team to read before the review.');
    assert.deepEqual(rules(text, 'required-sections'), ['The required "Issue Summary" section is missing.']);
  });
});

describe('the header form of the Google SRE book', () => {
  const doc = [
    '# Search outage',
    '',
    '**Summary:** Search was down for 66 minutes during a surge of interest.',
    '**Impact:** An estimated 1.2B queries were lost.',
    '**Root Causes:** A cascading failure from high load and a file descriptor leak when a search term was not in the corpus.',
    '',
    '## Lessons Learned',
    '',
    '- Monitoring alerted us quickly.',
    '',
    '## Timeline',
    '',
    '- 14:54 UTC OUTAGE BEGINS: backends melt down.',
    '- 14:55 UTC the on-call engineer receives a pager storm.',
    '- 16:00 UTC OUTAGE ENDS.',
    '',
    '## Action Items',
    '',
    '- [ ] Update the playbook for cascading failures.',
    '',
  ].join('\n');
  it('needs no root-cause section when the root cause is written out under its own label', () => {
    assert.deepEqual(rules(doc, 'required-sections'), []);
    const short = doc.replace(/\*\*Root Causes:\*\* .*/, '**Root Causes:** load.');
    assert.deepEqual(rules(short, 'required-sections'), ['The required "Root Cause and Resolution" section is missing.']);
  });
  it('takes a section written in two places where it is written last ("Lessons Learned" … "Action Items")', () => {
    assert.deepEqual(rules(doc, 'section-order'), []);
    const only = doc.replace('## Action Items\n\n- [ ] Update the playbook for cascading failures.\n', '');
    assert.equal(rules(only, 'section-order').length, 1);
  });
});
