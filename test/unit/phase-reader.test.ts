/**
 * The phase of a timeline entry comes from what the entry says happened (server/src/engine/model/phase.ts): not from
 * a purpose, an attempt, a negation, a plan, quoted text or a follow-up. One fixture per form, the metrics that stand
 * on them, and the editor's view of them (hover line, "Mark as …" actions, preview colours and figures).
 *
 * test/fixtures/phase/seed-escalation.md, by hand (all WAT): the summary's window starts at 10:42 PM; the alert at
 * 10:42 PM is the detection (0 min); acknowledged at 10:50 PM (8 min after detection); 1:30 AM is an escalation whose
 * "resolution" is its purpose; 3:15 AM an attempt that failed, 4:20 AM a negation, 5:00 AM a plan; the error rate
 * drops at 5:40 AM (mitigated, 6 h 58 min); service restored at 6:05 AM (resolved, 7 h 23 min); 8:30 AM quotes the
 * status page and 5:00 PM is a follow-up: neither is a resolution.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lint } from '../../server/src/engine';
import { readPhase } from '../../server/src/engine/model/phase';
import { toJsonReport } from '../../server/src/cli/formats/json';
import { phaseActions, phaseHoverLine } from '../../server/src/lsp/phaseActions';
import { figuresLine } from '../../server/src/lsp/hover';
import { timeline as timelineSvg } from '../../server/src/lsp/render/timelineSvg';
import { card, figuresOf } from '../../server/src/lsp/render/figures';
import { toHtml } from '../../server/src/lsp/render/markup';

const seed = readFileSync(join(__dirname, '..', 'fixtures', 'phase', 'seed-escalation.md'), 'utf8');
const at = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('the phase of a sentence', () => {
  const cases: [string, string, string | null][] = [
    [
      'escalation with a purpose clause',
      'The issue was then escalated to the server administrative team for a deeper check and resolution.',
      'escalated',
    ],
    [
      'escalation "for further investigation and resolution"',
      'Incident escalated to the Database and Application teams for further investigation and resolution.',
      'escalated',
    ],
    ['a follow-up after the resolution', 'Review scheduled; no resolution steps remain open.', null],
    ['an attempt that failed', 'We attempted to resolve it by restarting the web workers; errors continued.', null],
    ['a measure that did not work', 'Restarted the pods; errors continued.', null],
    ['a negation', 'Still not resolved.', null],
    ['a support ticket quoted after its label', 'Support ticket: "search shows nothing".', 'detected'],
    ['an alert named and nothing more', '5xx SLO burn alert', 'detected'],
    ['an alert routed to a channel', 'DNSErrorRate alert → #oncall', 'detected'],
    ['someone taking the page', 'The on-call engineer takes the page.', 'acknowledged'],
    ['another team paged, said passively', 'Platform team paged.', 'escalated'],
    ['delivery resumes', 'IP delisted; queue flushing, delivery resumes.', 'resolved'],
    ['a channel flooded with reports', '#staging channel flooded with reports', 'detected'],
    ['someone picking it up', 'Tom picks it up and starts looking.', 'acknowledged'],
    ['staging back', 'Migrations replayed, staging back.', 'resolved'],
    ['a service rolled back is no resolution', 'Service rolled back to v2.', 'mitigated'],
    ['a pager storm received', 'docbrown receives pager storm, ManyHttp500s from all clusters', 'detected'],
    ['people who notice it, in the present', 'Finance ops notice a drop in completed payments and ping #eng.', 'detected'],
    ['notice as a noun', 'Posted a notice on the status page.', null],
    ['an error rate back to its baseline', 'Error rate back to baseline.', 'resolved'],
    ['an error rate said to be normal', 'Error rate normal.', 'resolved'],
    ['an abnormal error rate', 'Error rate abnormal on two hosts.', null],
    ['a page quoted after its label', 'Paging: "mobile-api 5xx > 5%"', 'detected'],
    ['a monitor e-mailing the team', 'Uptime monitor emails the team.', 'detected'],
    ['a user tweeting about the problem', 'A user tweeted that uploads were broken; support passed it on.', 'detected'],
    ['an alert named with what it was for', 'PagerDuty alert for checkout latency.', 'detected'],
    ['an alert that was only added', 'Added a new SLO burn alert to the dashboard.', null],
    ['a support ticket that is only mentioned', 'Closed the support ticket backlog.', null],
    ['"did not"', 'The rollback did not restore the service.', null],
    ['a plan', 'We planned to restore service by failing over to the standby region.', null],
    [
      'a decision is a plan',
      'More customer reports of critical errors surfaced and the decision was made to roll back all recent changes.',
      'detected',
    ],
    ['quoted text', 'The status page was updated to say "all systems operational, the incident is resolved".', null],
    ['an unfinished action', 'The team began patching the vulnerable servers.', null],
    ['the restoration itself', 'Service restored and confirmed healthy.', 'resolved'],
    [
      'a restoration said to be temporary',
      'The pod was relaunched to clear the bad state; service is back to normal, though no actual fix has been applied.',
      'mitigated',
    ],
    ['the writer calls it a mitigation', 'Old files are archived to free space; writes succeed again, impact mitigated.', 'mitigated'],
    ['a rollback', 'Rolled back the deployment to the last stable version.', 'mitigated'],
    ['the error rate drops', 'Traffic shifted to the west region; error rate dropped below 1%.', 'mitigated'],
    ['a page and a response', 'The on-call engineer was paged and began investigating.', 'acknowledged'],
    ['a monitor alerting a team is a detection', 'The monitoring system alerted the team about rising error rates.', 'detected'],
    ['a person alerting a supervisor is an escalation', 'The engineer alerted their supervisor about the outage.', 'escalated'],
    ['users report a problem', 'Users report errors when they open the checkout page.', 'detected'],
    ['a report that is no problem', 'The user reported that he had changed networks an hour earlier.', null],
    ['a question, not a statement', 'The configuration was inspected. How the incident was resolved is below.', null],
    ['a circumstance, not the statement', 'After the fix was deployed, the team wrote the status update.', null],
    ['an incident declared', 'Incident declared, rollback attempted.', 'escalated'],
    ['someone discovers the attack', 'Priya discovers the intrusion on the build server.', 'detected'],
    ['someone discovers that jobs are not running', 'Lee merges the patch, but discovers the nightly jobs are not running.', 'detected'],
    ['discovering the cause is not a detection', 'The team discovered the cause was an expired certificate.', null],
    ['discovering a bug is not a detection', 'The engineer discovered a bug in the retry loop.', null],
    ['a monitor that signals', 'The uptime monitor signalled a failing health check.', 'detected'],
    ['an alarm that posts to chat', 'The disk alarm posts to the ops channel about low space.', 'detected'],
    ['alarms that start ringing', 'Alarms started ringing as the queue backed up.', 'detected'],
    ['an e-mail received', 'The security team receives an e-mail from a researcher describing a flaw.', 'detected'],
    ['users posting about an odd result', 'Members start posting in the forum about unexpected balances.', 'detected'],
  ];
  for (const [name, text, phase] of cases) {
    it(`${name}: ${phase ?? 'none'}`, () => assert.equal(readPhase(text).phase, phase, JSON.stringify(readPhase(text))));
  }

  it('a marker wins over the words, and a label opens the entry', () => {
    assert.deepEqual(readPhase(' - [mitigated] The alert is silenced and the service is fully restored.').phases, ['mitigated']);
    assert.equal(readPhase(' - [mitigated] The alert is silenced.').source, 'marker');
    const label = readPhase('**Resolution:** config reverted by hand.');
    assert.deepEqual([label.phase, label.source, label.phases], ['resolved', 'label', ['mitigated', 'resolved']]);
  });

  it('says how it read the phase and what it set aside', () => {
    const r = readPhase('The issue was then escalated to the server administrative team for a deeper check and resolution.');
    assert.equal(r.cue, 'was then escalated');
    assert.deepEqual(
      r.ignored.map((i) => [i.words, i.why, i.in]),
      [['resolution', 'purpose', 'for a deeper check and resolution']],
    );
  });

  it('never throws on odd text', () => {
    for (const text of [
      '',
      ' ',
      '"',
      '“unclosed',
      '[resolved',
      '- ',
      '\n\n\n',
      '|||',
      'a'.repeat(5000),
      '**Resolution',
      '(((',
      'to to to for for',
    ]) {
      assert.doesNotThrow(() => readPhase(text));
    }
  });
});

describe('the phases of the seed timeline and the metrics on them', () => {
  const { model, messages } = lint(seed);
  const phaseAt = (needle: string): string | null | undefined => model.timeline.find((e) => e.line === at(seed, needle))?.phase;

  it('reads 1:30 AM as an escalation and 6:05 AM as the resolution; the attempt, negation, plan, quote and follow-up as none', () => {
    assert.deepEqual(
      model.timeline.map((e) => [e.timestamp?.text, e.phase ?? null]),
      [
        ['10:42 PM (WAT)', 'detected'],
        ['10:50 PM (WAT)', 'acknowledged'],
        ['1:30 AM (WAT)', 'escalated'],
        ['3:15 AM (WAT)', null],
        ['4:20 AM (WAT)', null],
        ['5:00 AM (WAT)', null],
        ['5:40 AM (WAT)', 'mitigated'],
        ['6:05 AM (WAT)', 'resolved'],
        ['8:30 AM (WAT)', null],
        ['5:00 PM (WAT)', null],
      ],
    );
    assert.deepEqual(
      messages.filter((m) => m.ruleId !== 'word-count').map((m) => m.ruleId),
      [],
    );
    assert.equal(phaseAt('- 1:30 AM'), 'escalated');
  });

  it('times every figure from its source entry, named by line', () => {
    const m = model.metrics;
    assert.deepEqual(
      [m.timeToDetectMinutes, m.timeToAcknowledgeMinutes, m.timeToMitigateMinutes, m.timeToResolveMinutes],
      [0, 8, 6 * 60 + 58, 7 * 60 + 23],
    );
    assert.deepEqual(m.sources, {
      start: at(seed, '**Duration:**'),
      detect: at(seed, '10:42 PM (WAT) - The disk'),
      acknowledge: at(seed, '- 10:50 PM'),
      mitigate: at(seed, '- 5:40 AM'),
      resolve: at(seed, '- 6:05 AM'),
    });
  });

  it('time to resolve comes from the restoring entry, not the follow-up after it (no window in the summary)', () => {
    const noWindow = seed.replace('from 10:42 PM (WAT) to 6:05 AM (WAT), 7 hours 23 minutes', 'about seven and a half hours');
    const m = lint(noWindow).model.metrics;
    assert.equal(m.sources?.start, at(noWindow, '10:42 PM (WAT) - The disk'));
    assert.equal(m.sources?.resolve, at(noWindow, '- 6:05 AM'), 'the 6:05 AM entry restored the service');
    assert.equal(m.timeToResolveMinutes, 7 * 60 + 23, '10:42 PM → 6:05 AM, not → 5:00 PM');
  });

  it('the CLI JSON gives each entry its phase and the figures their lines', () => {
    const json = toJsonReport({ file: '/tmp/seed.md', displayPath: 'seed.md', model, messages }) as {
      timeline: { line: number; phase: string | null }[];
      metrics: { sources: Record<string, number | null> };
    };
    assert.deepEqual(
      json.timeline.map((e) => e.phase),
      ['detected', 'acknowledged', 'escalated', null, null, null, 'mitigated', 'resolved', null, null],
    );
    assert.deepEqual(
      json.timeline.map((e) => e.line),
      model.timeline.map((e) => e.line),
    );
    assert.equal(json.metrics.sources.resolve, at(seed, '- 6:05 AM'));
  });
});

describe('the phase in the editor', () => {
  const { model } = lint(seed);
  const entry = (needle: string) => {
    const found = model.timeline.find((e) => e.line === at(seed, needle));
    assert.ok(found, needle);
    return found;
  };

  it('the hover says how the phase was read, and the figure the entry ends', () => {
    assert.equal(
      phaseHoverLine(entry('- 1:30 AM')),
      "Phase: **escalated** — escalation: 'was then escalated'; not counted: 'resolution' (what it was for: 'for a deeper check and resolution')",
    );
    assert.match(
      phaseHoverLine(entry('- 5:00 PM')),
      /^Phase: none read from the words; not counted: 'resolution' \(said not to have happened/,
    );
    assert.match(figuresLine(model, entry('- 6:05 AM')) ?? '', /resolve \*\*7h23m\*\* \(this entry\)/);
    assert.match(figuresLine(model, entry('- 1:30 AM')) ?? '', new RegExp(`resolve \\*\\*7h23m\\*\\* \\(line ${at(seed, '- 6:05 AM')}\\)`));
  });

  it('"Mark as resolved" writes the marker after the timestamp, and the reader then agrees', () => {
    const doc = TextDocument.create('file:///seed.md', 'markdown', 1, seed);
    const line = at(seed, '- 5:00 PM') - 1;
    const actions = phaseActions(doc, seed, model.timeline, { start: { line, character: 3 }, end: { line, character: 3 } }, (edits) => ({
      changes: { [doc.uri]: edits },
    }));
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind]),
      [
        ['Mark as detected', 'quickfix'],
        ['Mark as acknowledged', 'quickfix'],
        ['Mark as escalated', 'quickfix'],
        ['Mark as mitigated', 'quickfix'],
        ['Mark as resolved', 'quickfix'],
      ],
    );
    const edit = actions.find((a) => a.title === 'Mark as resolved')?.edit?.changes?.[doc.uri]?.[0];
    assert.ok(edit);
    const marked = TextDocument.applyEdits(doc, [edit]);
    assert.ok(marked.includes('- 5:00 PM (WAT) - [resolved] Review scheduled'), marked.split('\n')[line]);
    const again = lint(marked).model;
    assert.equal(again.timeline.find((e) => e.line === line + 1)?.phase, 'resolved');
    assert.equal(again.metrics.sources?.resolve, line + 1, 'the writer decides: the figure follows the marker');
    // A marker already there is replaced, not doubled; its own phase is not offered again.
    const doc2 = TextDocument.create('file:///seed.md', 'markdown', 2, marked);
    const replace = phaseActions(doc2, marked, again.timeline, { start: { line, character: 0 }, end: { line, character: 0 } }, (edits) => ({
      changes: { [doc2.uri]: edits },
    }));
    assert.ok(!replace.some((a) => a.title === 'Mark as resolved'));
    const back = TextDocument.applyEdits(doc2, [replace.find((a) => a.title === 'Mark as detected')!.edit!.changes![doc2.uri]![0]!]);
    assert.ok(back.includes('- 5:00 PM (WAT) - [detected] Review scheduled'), back.split('\n')[line]);
  });

  it('no action off the timeline, and none where a marker has no place (a table whose last cell is the time)', () => {
    const doc = TextDocument.create('file:///seed.md', 'markdown', 1, seed);
    assert.deepEqual(
      phaseActions(doc, seed, model.timeline, { start: { line: 0, character: 0 }, end: { line: 0, character: 2 } }, () => undefined),
      [],
    );
    const table = '# T\n\n## Timeline\n\n| What | When |\n| --- | --- |\n| Service restored | 2025-05-02 09:30 UTC |\n';
    const tdoc = TextDocument.create('file:///t.md', 'markdown', 1, table);
    assert.deepEqual(
      phaseActions(
        tdoc,
        table,
        lint(table).model.timeline,
        { start: { line: 6, character: 4 }, end: { line: 6, character: 4 } },
        () => undefined,
      ),
      [],
    );
  });

  it('the preview colours 1:30 AM as an escalation and 6:05 AM as the resolution, and its figures name their entries', () => {
    const svg = toHtml([timelineSvg(model, 900)!]);
    const classOf = (line: number): string | undefined =>
      new RegExp(`class="pm-tl-entry (pm-ph-[a-z]+)" data-line="${line}"`).exec(svg)?.[1];
    assert.equal(classOf(at(seed, '- 1:30 AM')), 'pm-ph-escalated');
    assert.equal(classOf(at(seed, '- 6:05 AM')), 'pm-ph-resolved');
    assert.equal(classOf(at(seed, '- 5:00 PM')), 'pm-ph-none');
    assert.match(svg, /pm-legend-item pm-ph-escalated/);
    const html = toHtml([card(model, figuresOf(model))]);
    assert.match(
      html,
      new RegExp(
        `Time to resolve</div><div class="pm-figure-value">7h 23m</div><div class="pm-figure-sub">start → resolution 06:05, line ${at(seed, '- 6:05 AM')}<`,
      ),
    );
  });
});
