/**
 * An entry's date comes from what the document states: its own date, a date line, the summary's window or date, a
 * "Date:" field, the title, the front matter, the file name. Where it states none, an entry has a clock time and no
 * date: nothing in the model, the hover or the JSON publishes a made-up day.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lint, applyFixes } from '../../server/src/engine';
import type { LintOptions, TimelineEntry } from '../../server/src/engine';
import { convertTimeline, applyEdits } from '../../server/src/engine/commands';
import { provideHover } from '../../server/src/lsp/hover';
import { inferDateOrder } from '../../server/src/engine/time/dateOrder';
import type { Analysis } from '../../server/src/lsp/analysis';

const TIMELINE = '## Timeline\n\n- 02:15 UTC deploy\n- 02:40 UTC alert fired\n- 04:45 UTC resolved\n';

function entries(text: string, options: LintOptions = {}): TimelineEntry[] {
  return lint(text, options).model.timeline;
}

function days(text: string, options: LintOptions = {}): string[] {
  return entries(text, options).map((e) =>
    e.instant === null ? 'null' : e.dateKnown ? new Date(e.instant).toISOString().slice(0, 16) : 'undated',
  );
}

function sources(text: string, options: LintOptions = {}): (string | undefined)[] {
  return entries(text, options).map((e) => e.dateSource);
}

describe('dates: where a timeline of times only gets its date', () => {
  it('the summary: a window with a date, or a date said once', () => {
    const text = `# Outage\n\n## Summary\n\nOn March 3, 2025, from 02:15 to 04:45 UTC the API was down.\n\n${TIMELINE}`;
    assert.deepEqual(days(text), ['2025-03-03T02:15', '2025-03-03T02:40', '2025-03-03T04:45']);
    assert.deepEqual(sources(text), ['summary', 'summary', 'summary']);
    const start = `# Outage\n\n## Summary\n\n- Start time: Mar 3, 2025 1:00 PM UTC\n- End time: 3:00 PM UTC\n\n## Timeline\n\n- 1:00 PM UTC deploy\n- 3:00 PM UTC fixed\n`;
    assert.deepEqual(days(start), ['2025-03-03T13:00', '2025-03-03T15:00']);
  });

  it('a "Date:" or "Incident date:" line, or a Date row, before the timeline', () => {
    for (const field of ['Date: 2025-03-03', '**Incident date:** March 3, 2025', '| Date | 3 March 2025 |']) {
      const text = `# Outage\n\n${field}\n\n${TIMELINE}`;
      assert.deepEqual(days(text)[0], '2025-03-03T02:15', field);
      // A document that opens with fields has its summary there (model/sections.ts): the field is then the summary's.
      assert.ok(['date-field', 'summary'].includes(sources(text)[0] ?? ''), `${field}: ${sources(text)[0]}`);
    }
  });

  it('year-less date lines take the year written with a later date of the same line of the summary', () => {
    const text = [
      '# ETL outage',
      '',
      '## Summary',
      '',
      'The nightly ETL did not run for two nights (Nov 12 and Nov 13, 2023); dashboards were stale for 50 hours.',
      '',
      '## Timeline',
      '',
      '### Day 1 — Sunday Nov 12',
      '- 02:00 UTC: run skipped',
      '',
      '### Day 2 — Monday Nov 13',
      '- 10:15 UTC: on-call investigates',
      '',
    ].join('\n');
    assert.deepEqual(days(text), ['2023-11-12T02:00', '2023-11-13T10:15']);
  });

  it('the title, the front matter and the file name, in that order', () => {
    assert.deepEqual(days(`# Database outage of 3rd March 2025\n\n${TIMELINE}`)[0], '2025-03-03T02:15');
    assert.equal(sources(`# Database outage of 3rd March 2025\n\n${TIMELINE}`)[0], 'title');
    const fm = `---\ndate: 2025-03-04\n---\n# Outage\n\n${TIMELINE}`;
    assert.deepEqual(days(fm)[0], '2025-03-04T02:15');
    assert.equal(sources(fm)[0], 'front-matter');
    const plain = `# Outage\n\n${TIMELINE}`;
    assert.deepEqual(days(plain, { filePath: '/repo/postmortems/2025-03-05-api-outage.md' })[0], '2025-03-05T02:15');
    assert.equal(sources(plain, { filePath: 'C:\\pm\\20250305_api.md' })[0], 'file-name');
    // The title wins over the file name; a file name that is no date dates nothing.
    assert.deepEqual(days(`# Outage of 3rd March 2025\n\n${TIMELINE}`, { filePath: '2025-03-05-x.md' })[0], '2025-03-03T02:15');
    assert.deepEqual(days(plain, { filePath: '2025-13-45-x.md' })[0], 'undated');
  });

  it('a full date in the text before the timeline, outside links and code, when no summary or field gives one', () => {
    const text = `### Duration:\nThe outage occurred on October 5, 2023, in the morning.\n\n${TIMELINE}`;
    assert.deepEqual(days(text)[0], '2023-10-05T02:15');
    // "### Duration:" over the text opens a summary written as fields, so the date is the summary's.
    assert.ok(['text', 'summary'].includes(sources(text)[0] ?? ''), String(sources(text)[0]));
    const prose = `# Outage\n\nThe outage occurred on October 5, 2023, in the morning.\n\n${TIMELINE}`;
    assert.deepEqual(days(prose)[0], '2023-10-05T02:15');
    const linked = `# Outage\n\nSee ![shot 2023-08-08](https://example.com/2023-08-08.png) and \`2023-01-01\`.\n\n${TIMELINE}`;
    assert.deepEqual(days(linked)[0], 'undated');
    assert.deepEqual(
      days(`# Outage\n\n## Summary\n\nAt about 2:00 PM UTC on November,9,2023 the site broke.\n\n${TIMELINE}`)[0],
      '2023-11-09T02:15',
    );
  });

  it('the summary wins over a Date field, a Date field over the title', () => {
    const text = `# Outage of 1 March 2025\n\nDate: 2025-03-02\n\n## Summary\n\nOn March 3, 2025 the API was down.\n\n${TIMELINE}`;
    assert.deepEqual(days(text)[0], '2025-03-03T02:15');
    assert.deepEqual(days(`# Outage of 1 March 2025\n\nDate: 2025-03-02\n\n${TIMELINE}`)[0], '2025-03-02T02:15');
  });

  it('a date line inside the timeline dates the entries below it', () => {
    const text = '# Outage of 1 March 2025\n\n## Timeline\n\n**March 3, 2025**\n\n- 10:00 UTC a\n- 11:00 UTC b\n';
    assert.deepEqual(days(text), ['2025-03-03T10:00', '2025-03-03T11:00']);
    assert.deepEqual(sources(text), ['date-line', 'date-line']);
  });

  it('a year-less date takes its year from the same context', () => {
    const text = '# Outage of 2 March 2025\n\n## Timeline\n\n- 3/3 14:05 UTC a\n- 03-03 14:10 UTC b\n- March 3, 14:20 UTC c\n';
    assert.deepEqual(days(text), ['2025-03-03T14:05', '2025-03-03T14:10', '2025-03-03T14:20']);
    assert.deepEqual(days('# Outage report, 2025\n\n## Timeline\n\n- 3/3 14:05 UTC a\n')[0], '2025-03-03T14:05');
    assert.deepEqual(
      days(
        '# Outage\n\n## Timeline\n\n| Day | Date (2021) | Time | Event |\n| --- | --- | --- | --- |\n| Sun | Oct 31 | 21:33 PT | a |\n',
      )[0],
      '2021-11-01T04:33',
    );
    // No year anywhere: the date is not known (no year is made up).
    assert.deepEqual(days('# Outage\n\n## Timeline\n\n- 3/3 14:05 UTC a\n'), ['undated']);
  });

  it('rolling over midnight continues from the stated date', () => {
    const text = '# Outage\n\nDate: 2025-03-03\n\n## Timeline\n\n- 23:50 UTC a\n- 00:10 UTC b\n';
    assert.deepEqual(days(text), ['2025-03-03T23:50', '2025-03-04T00:10']);
  });
});

describe('dates: none invented', () => {
  const text =
    '# Outage\n\n## Summary\n\nThe API was down for 30 minutes.\n\n## Timeline\n\n- 23:50 UTC alert fired\n- 00:10 UTC fix deployed\n- 00:05 UTC a late entry\n';

  it('the model says the entries have clock times and no date; order still works across midnight', () => {
    const r = lint(text);
    assert.deepEqual(
      r.model.timeline.map((e) => e.dateKnown),
      [false, false, false],
    );
    assert.deepEqual(
      r.model.timeline.map((e) => e.dateSource),
      [undefined, undefined, undefined],
    );
    assert.equal(r.model.datesKnown, false);
    const order = r.messages.filter((m) => m.ruleId === 'timeline-order');
    assert.equal(order.length, 1);
    assert.equal(order[0]!.line, 11);
    assert.ok(order[0]!.fix);
  });

  it('converting an undated timeline to another zone writes clock times, never a made-up day', () => {
    const undated = '# Outage\n\n## Timeline\n\n- 18:00 WAT alert fired\n- 23:30 WAT fix deployed\n';
    const converted = applyEdits(undated, convertTimeline(undated, 'JST').edits);
    assert.equal(converted, undated.replace('18:00 WAT', '02:00 JST').replace('23:30 WAT', '07:30 JST'));
    assert.deepEqual(
      lint(converted).messages.filter((m) => m.ruleId === 'timeline-order'),
      [],
    );
  });

  it('hover says "date not stated" and shows no day', () => {
    const doc = TextDocument.create('file:///outage.md', 'markdown', 1, text);
    const result = lint(text);
    const analysis = { document: doc, result, isPostmortem: true } as unknown as Analysis;
    const at = text.indexOf('00:10');
    const hover = provideHover(analysis, doc.positionAt(at + 1));
    const value = (hover?.contents as { value: string }).value;
    assert.match(value, /date not stated/);
    assert.match(value, /00:10 UTC/);
    assert.doesNotMatch(value, /2000|-01-0/);
  });

  it('with a date stated, the hover gives the day', () => {
    const dated = text.replace('# Outage', '# Outage of 3rd March 2025');
    const doc = TextDocument.create('file:///outage.md', 'markdown', 1, dated);
    const analysis = { document: doc, result: lint(dated), isPostmortem: true } as unknown as Analysis;
    const hover = provideHover(analysis, doc.positionAt(dated.indexOf('00:10') + 1));
    assert.match((hover?.contents as { value: string }).value, /2025-03-04 00:10 UTC/);
  });
});

describe('dates: explicit dates and weekdays', () => {
  it('explicit dates that fail to roll over are out of order: the written date wins over rollover', () => {
    const text = '# Outage\n\n## Timeline\n\n- [11-02 23:04] deploy\n- [11-02 02:50] alert\n';
    const order = lint(text).messages.filter((m) => m.ruleId === 'timeline-order');
    assert.equal(order.length, 1);
    assert.equal(order[0]!.line, 6);
  });

  it('a weekday that contradicts its date: the date is read, the weekday reported and fixed', () => {
    const text = '# Outage\n\n## Timeline\n\n- Friday, March 12, 2024, 10:00 UTC - deploy\n- Tue, March 12, 2024, 11:00 UTC - fixed\n';
    const r = lint(text);
    assert.deepEqual(
      r.model.timeline.map((e) => e.instant !== null && new Date(e.instant).toISOString().slice(0, 16)),
      ['2024-03-12T10:00', '2024-03-12T11:00'],
    );
    const found = r.messages.filter((m) => m.ruleId === 'timeline-timestamp');
    assert.equal(found.length, 1);
    assert.match(found[0]!.message, /March 12, 2024 was a Tuesday, not a Friday/);
    assert.equal(applyFixes(text, found).text, text.replace('Friday', 'Tuesday'));
  });
});

describe('dates: the order of numeric dates, when no setting says', () => {
  it('a date only one order can read decides for the document; with none, dots or the zones written', () => {
    assert.equal(inferDateOrder('- 04/03/2024 09:00 deploy\n- 13/03/2024 10:00 fixed'), 'dmy');
    assert.equal(inferDateOrder('- 04/03/2024 09:00 deploy\n- 04/13/2024 10:00 fixed'), 'mdy');
    assert.equal(inferDateOrder('13/03/2024 and 03/13/2024'), undefined);
    assert.equal(inferDateOrder('- 04.03.2024 09:00 deploy'), 'dmy');
    assert.equal(inferDateOrder('- 04/03/2024 09:00 GMT deploy'), 'dmy');
    assert.equal(inferDateOrder('- 04/03/2024 09:00 CET deploy, 04/03/2024 03:00 EST in New York'), undefined);
    assert.equal(inferDateOrder('- 04/03/2024 09:00 UTC deploy'), undefined);
    assert.equal(inferDateOrder('no dates at all, GMT'), undefined);
  });
  it('reads a day-first timeline in GMT as day first, and a setting still wins', () => {
    const text = '# Queue backlog\n\n## Timeline\n\n- 04/03/2024 09:00 GMT - alert fired\n- 04/03/2024 09:45 GMT - resolved\n';
    assert.deepEqual(days(text), ['2024-03-04T09:00', '2024-03-04T09:45']);
    assert.deepEqual(days(text, { dateOrder: 'mdy' }), ['2024-04-03T09:00', '2024-04-03T09:45']);
  });
});
