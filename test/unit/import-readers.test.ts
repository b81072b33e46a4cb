import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  cleanSlackText,
  detectFormat,
  messageHeader,
  readLines,
  readPagerDuty,
  readSlack,
  readSources,
  readStatuspage,
} from '../../server/src/engine/import';
import type { SourceFile } from '../../server/src/engine/import';

const dir = join(__dirname, '..', 'fixtures', 'import');
const file = (name: string): SourceFile => ({ name, content: readFileSync(join(dir, name), 'utf8') });
const iso = (t: number): string => new Date(Math.floor(t / 1000) * 1000).toISOString().replace('.000Z', 'Z');
const slackExport = (): SourceFile[] => [
  file('slack/users.json'),
  file('slack/channels.json'),
  file('slack/inc-checkout/2024-06-08.json'),
  file('slack/inc-checkout/2024-06-09.json'),
];

describe('import: Slack export', () => {
  it('reads the messages of both days in order, with their authors, threads included', () => {
    const r = readSlack(slackExport());
    assert.deepEqual(
      r.records.map((x) => iso(x.instant)),
      [
        '2024-06-08T23:20:04Z',
        '2024-06-08T23:22:10Z',
        '2024-06-08T23:25:30Z',
        '2024-06-08T23:41:45Z',
        '2024-06-08T23:58:20Z',
        '2024-06-09T00:05:00Z',
        '2024-06-09T06:50:00Z',
        '2024-06-09T07:10:00Z',
      ],
    );
    assert.deepEqual(
      r.records.map((x) => x.author),
      ['Datadog', 'Ada Lovelace', 'Grace Hopper', 'Ada Lovelace', 'Grace Hopper', 'Lin Chen', 'Ada Lovelace', 'Grace Hopper'],
    );
    assert.ok(r.records.every((x) => x.source === 'slack' && x.phase === undefined));
    assert.match(r.records[2]!.ref, /2024-06-08\.json#3 \(thread reply\)$/);
  });

  it('drops the channel housekeeping and lists it, and lists a message without a time as unreadable', () => {
    const r = readSlack(slackExport());
    assert.deepEqual(
      r.dropped.map((d) => d.reason.split(':')[0]),
      ['channel_join', 'channel_topic', 'bot_add', 'channel_leave'],
    );
    assert.equal(r.unreadable.length, 1);
    assert.match(r.unreadable[0]!.ref, /2024-06-09\.json#2$/);
    assert.match(r.unreadable[0]!.reason, /ts/);
  });

  it('cleans the markup: mentions by name, links by label, emphasis and entities', () => {
    const r = readSlack(slackExport());
    assert.equal(r.records[0]!.text, '[Triggered] checkout p99 latency > 2s on checkout-api');
    assert.equal(r.records[1]!.text, 'Looking into it. @here checkout is slow for everyone');
    assert.equal(r.records[4]!.text, 'Rollback done, error rate flat dropping & recovering');
    assert.equal(r.records[5]!.text, '@Ada Lovelace confirmed p99 back under 300ms & no new errors');
    assert.equal(r.records[7]!.text, 'Follow-up filed in #checkout-followups');
    const users = new Map([['U9', 'Lin Chen']]);
    assert.equal(
      cleanSlackText('<@U9> and <@U8|bo> in <#C1> see <mailto:a@b.c> <!subteam^S1|@sre> *bold* _it_ ~no~ snake_case_name 2*3*4', users),
      '@Lin Chen and @bo in #C1 see a@b.c @sre bold it no snake_case_name 2*3*4',
    );
    assert.equal(cleanSlackText('line one\nline two &lt;b&gt;'), 'line one line two <b>');
  });

  it('survives damaged files and messages', () => {
    const r = readSlack([{ name: 'c/2024-01-01.json', content: '[{"ts": "x"}, 5, {"type":"message","ts":"1704067200.000100","text":""}' }]);
    assert.equal(r.records.length, 0);
    assert.equal(r.unreadable.length, 1);
    const r2 = readSlack([
      { name: 'c/2024-01-01.json', content: '[{"ts": "x"}, 5, {"type":"message","ts":"1704067200.000100","text":""}]' },
    ]);
    assert.equal(r2.unreadable.length, 2);
    assert.equal(r2.dropped.length, 1);
  });
});

describe('import: PagerDuty log entries', () => {
  const r = readPagerDuty(file('pagerduty/incident-log.json').content, 'pagerduty/incident-log.json');

  it('reads the phase from the entry type and keeps the notes', () => {
    assert.deepEqual(
      r.records.map((x) => x.phase ?? null),
      ['detected', 'acknowledged', 'escalated', null, 'resolved'],
    );
    assert.equal(r.records[0]!.text, 'Triggered through the API: checkout p99 latency above 2s');
    assert.equal(r.records[3]!.text, 'Note added: Failing over payments-db to the replica');
    assert.equal(r.records[3]!.author, 'Grace Hopper');
    assert.equal(r.records[0]!.author, undefined, 'a service is not an author');
  });

  it('reads times written with offsets on both sides of a DST change', () => {
    assert.deepEqual(
      r.records.map((x) => iso(x.instant)),
      ['2024-03-10T06:40:12Z', '2024-03-10T06:52:03Z', '2024-03-10T07:05:40Z', '2024-03-10T07:12:00Z', '2024-03-10T07:31:00Z'],
    );
  });

  it('drops the notifications and lists an entry without a readable time', () => {
    assert.deepEqual(
      r.dropped.map((d) => d.ref),
      ['pagerduty/incident-log.json#1', 'pagerduty/incident-log.json#2'],
    );
    assert.deepEqual(
      r.unreadable.map((d) => d.ref),
      ['pagerduty/incident-log.json#7'],
    );
  });

  it('lists bad JSON instead of throwing', () => {
    assert.equal(readPagerDuty('{', 'x.json').unreadable.length, 1);
    assert.equal(readPagerDuty('{"log_entries": 3}', 'x.json').unreadable.length, 1);
  });
});

describe('import: Statuspage incidents', () => {
  it('reads each update at its display time, with the phase of its status, in order', () => {
    const r = readStatuspage(file('statuspage/incidents.json').content, 'statuspage/incidents.json');
    assert.deepEqual(
      r.records.map((x) => [iso(x.instant), x.phase ?? null, x.text.split(':')[0]]),
      [
        ['2024-06-08T23:33:00Z', 'acknowledged', 'Investigating'],
        ['2024-06-08T23:45:00Z', null, 'Identified'],
        ['2024-06-09T00:12:30Z', 'mitigated', 'Monitoring'],
        ['2024-06-09T06:55:00Z', 'resolved', 'Resolved'],
      ],
    );
    assert.equal(r.dropped.length, 1, 'the postmortem update is written after the fact');
  });

  it('reads a single incident too', () => {
    const one = JSON.stringify({
      incident: {
        name: 'x',
        incident_updates: [{ status: 'resolved', body: 'ok', created_at: '2024-01-01T10:00:00Z' }],
      },
    });
    const r = readStatuspage(one, 'one.json');
    assert.deepEqual(
      r.records.map((x) => [iso(x.instant), x.phase]),
      [['2024-01-01T10:00:00Z', 'resolved']],
    );
  });
});

describe('import: pasted lines', () => {
  const opts = { date: '2024-06-08', zone: 'America/Los_Angeles' };

  it('"[10:42 PM] Ada: …": author split off, continuation joined, rolled past midnight', () => {
    const r = readLines(file('lines/chat.txt').content, 'chat.txt', opts);
    assert.deepEqual(
      r.records.map((x) => [iso(x.instant), x.author]),
      [
        ['2024-06-09T05:42:00Z', 'Ada'],
        ['2024-06-09T05:44:00Z', 'Grace'],
        ['2024-06-09T06:50:00Z', 'Ada'],
        ['2024-06-09T07:10:00Z', 'Grace'],
      ],
    );
    assert.equal(r.records[1]!.text, 'errors from payments-db since the deploy started right after 4512 went out');
  });

  it('"[6/8/2024 10:42 PM] Ada Lovelace: …": the date from the line', () => {
    const r = readLines(file('lines/teams.txt').content, 'teams.txt', { zone: 'America/Los_Angeles' });
    assert.deepEqual(
      r.records.map((x) => [iso(x.instant), x.author]),
      [
        ['2024-06-09T05:42:00Z', 'Ada Lovelace'],
        ['2024-06-09T06:05:00Z', 'Grace Hopper'],
        ['2024-06-09T07:20:00Z', 'Ada Lovelace'],
      ],
    );
    assert.equal(r.records[1]!.text, 'failing over payments-db to the replica now');
  });

  it('"2024-06-08 22:42:05 UTC …": date and zone from the line, the caller\'s ignored', () => {
    const r = readLines(file('lines/log.txt').content, 'log.txt', opts);
    assert.deepEqual(
      r.records.map((x) => iso(x.instant)),
      ['2024-06-08T22:42:05Z', '2024-06-08T22:47:31Z', '2024-06-09T00:03:10Z'],
    );
    assert.equal(r.records[1]!.text, 'deploy 4512 rollback started rollback target v2024.06.07');
    assert.equal(r.records[0]!.author, undefined);
  });

  it('"Ada Lovelace  10:42 PM" then the message', () => {
    const r = readLines(file('lines/slack-copy.txt').content, 'slack-copy.txt', opts);
    assert.deepEqual(
      r.records.map((x) => [iso(x.instant), x.author, x.text]),
      [
        ['2024-06-09T05:42:00Z', 'Ada Lovelace', 'checkout p99 is over 2s, looking'],
        ['2024-06-09T05:44:00Z', 'Grace Hopper', 'errors from payments-db since the deploy'],
        ['2024-06-09T07:05:00Z', 'Ada Lovelace', 'rollback done'],
      ],
    );
  });

  it('lists lines it cannot place: no date, no zone, no message above', () => {
    assert.match(readLines('[10:42 PM] Ada: x', 'p', { zone: 'UTC' }).unreadable[0]!.reason, /no date/);
    assert.match(readLines('[10:42 PM] Ada: x', 'p', { date: '2024-06-08' }).unreadable[0]!.reason, /no time zone/);
    const r = readLines('stray text\n[10:42 PM] Ada: x', 'p', opts);
    assert.equal(r.records.length, 1);
    assert.equal(r.unreadable[0]!.ref, 'p:1');
  });

  it('does not take a log word for an author', () => {
    assert.equal(messageHeader('2024-06-08 22:42 UTC deploy: started')?.author, undefined);
    assert.equal(messageHeader('[22:42] <ada> hi')?.author, 'ada');
    assert.equal(messageHeader('The deploy at 10:42 PM failed'), null);
    assert.equal(messageHeader('see you at 10:42 PM'), null, 'prose ending in a time is no message header');
    assert.equal(messageHeader('Ada Lovelace [10:42 PM]')?.author, 'Ada Lovelace');
    assert.equal(messageHeader('Ada Lovelace, 6/8/2024 10:42 PM')?.stamp.text, '6/8/2024 10:42 PM');
    const exported = messageHeader('6/8/24, 10:42 PM - Ada Lovelace: rolling back');
    assert.deepEqual([exported?.author, exported?.text], ['Ada Lovelace', 'rolling back']);
  });
});

describe('import: detectFormat and readSources', () => {
  it('tells the formats apart by their content', () => {
    assert.equal(detectFormat(file('slack/inc-checkout/2024-06-08.json').content), 'slack');
    assert.equal(detectFormat(file('slack/inc-checkout/2024-06-09.json').content), 'slack');
    assert.equal(detectFormat(file('slack/users.json').content), 'slack-users');
    assert.equal(detectFormat(file('pagerduty/incident-log.json').content), 'pagerduty');
    assert.equal(detectFormat(file('statuspage/incidents.json').content), 'statuspage');
    for (const f of ['chat', 'teams', 'log', 'slack-copy']) assert.equal(detectFormat(file(`lines/${f}.txt`).content), 'lines', f);
    assert.equal(detectFormat('{"hello": 1}'), null);
    assert.equal(detectFormat('just some prose\nwithout times'), null);
    assert.equal(detectFormat(''), null);
  });

  it('reads a mix of files into one sorted list, listing what it cannot read', () => {
    const r = readSources([...slackExport(), file('statuspage/incidents.json'), { name: 'notes.md', content: 'hello' }], {
      date: '2024-06-08',
      zone: 'UTC',
    });
    assert.equal(r.records.length, 12);
    assert.ok(r.records.every((x, i) => i === 0 || r.records[i - 1]!.instant <= x.instant));
    assert.deepEqual(r.unreadable.map((u) => u.ref).sort(), ['notes.md', 'slack/inc-checkout/2024-06-09.json#2']);
    assert.ok(r.dropped.some((d) => d.ref === 'slack/channels.json'));
  });

  it('reads with a format forced', () => {
    const r = readSources([file('lines/log.txt')], { from: 'pagerduty' });
    assert.equal(r.records.length, 0);
    assert.equal(r.unreadable.length, 1);
  });
});
