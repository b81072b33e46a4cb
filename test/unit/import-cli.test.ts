import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../server/src/cli/main';
import { parseImportArgs } from '../../server/src/cli/import';
import { lint } from '../../server/src/engine';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'import-cli');
const SHAPES = ['bullets', 'numbered', 'paragraphs', 'table', 'headings', 'no-timeline'];
const SOURCES = ['export', 'pagerduty.json', 'statuspage.json', 'chat.txt'];

const tmpDirs: string[] = [];
after(() => {
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
});

/** A temp folder with the fixtures copied in, cut off from any .postmortemrc.json above it. */
function workspace(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pm-import-')));
  tmpDirs.push(dir);
  fs.cpSync(FIXTURES, dir, { recursive: true });
  fs.writeFileSync(path.join(dir, '.postmortemrc.json'), '{ "root": true }');
  return dir;
}

function run(argv: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = runCli(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd,
    isTTY: false,
    env: {},
  });
  return { code, stdout, stderr };
}

/** Lines of `before` appear in `after` in the same order (the import only inserts). */
function keepsEveryLine(before: string, afterText: string): boolean {
  const lines = afterText.split('\n');
  let at = 0;
  for (const l of before.split('\n')) {
    while (at < lines.length && lines[at] !== l) at++;
    if (at === lines.length) return false;
    at++;
  }
  return true;
}

describe('postmortem-lint import', () => {
  for (const shape of SHAPES) {
    it(`imports a Slack export, a PagerDuty log, a status page and chat lines into the ${shape} timeline; again adds nothing`, () => {
      const dir = workspace();
      const file = path.join(dir, 'postmortems', `${shape}.md`);
      const before = fs.readFileSync(file, 'utf8');
      const first = run(
        ['import', '--zone', 'America/New_York', '--date', '2024-03-09', '--into', `postmortems/${shape}.md`, ...SOURCES],
        dir,
      );
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /added 18 entries/);
      assert.match(first.stdout, /4 records left out/, 'channel_join, channel_topic, a notification, channels.json');
      const text = fs.readFileSync(file, 'utf8');
      assert.ok(keepsEveryLine(before, text), 'a line of the postmortem was changed or lost');
      assert.match(text, /Ada Okafor(?::| \|) Rollback of deploy 8812 started/, 'markup cleaned, author kept');
      assert.match(text, /Acknowledged by Ada Okafor\./);
      assert.doesNotMatch(text, /has joined the channel|Notified Ada/);
      const found = lint(text, { filePath: file }).messages.filter((m) =>
        ['timeline-order', 'timezone-consistent', 'timezone-missing', 'timeline-timestamp'].includes(m.ruleId),
      );
      assert.deepEqual(
        found.map((m) => `${m.line}: ${m.ruleId} ${m.message}`),
        [],
      );

      const again = run(
        ['import', '--zone', 'America/New_York', '--date', '2024-03-09', '--into', `postmortems/${shape}.md`, ...SOURCES],
        dir,
      );
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stdout, /added 0 entries; 18 records already in the timeline/);
      assert.equal(fs.readFileSync(file, 'utf8'), text, 'the second import changed the file');
    });
  }

  it("converts to the document's zone across midnight and the DST change", () => {
    const dir = workspace();
    const r = run(['import', '--dry-run', '--into', 'postmortems/bullets.md', 'pagerduty.json'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.trim().split('\n'), [
      '- 11:30 PM - [detected] Triggered through the API: api p99 latency over 3s',
      '- 11:34 PM - Acknowledged by Ada Okafor.',
      '- 11:45 PM - Escalated to Rui Tanaka (Platform on-call).',
      // 07:15 UTC: 2:15 AM EST does not exist that night; clocks read 3:15 AM EDT.
      '- March 10, 2024, 3:15 AM - Resolved by Rui Tanaka.',
    ]);
  });

  it('--dry-run writes nothing; --format json lists the entries, the skipped and the dropped', () => {
    const dir = workspace();
    const file = path.join(dir, 'postmortems', 'table.md');
    const before = fs.readFileSync(file, 'utf8');
    const r = run(['import', '--dry-run', '--format', 'json', '--into', 'postmortems/table.md', 'export'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(fs.readFileSync(file, 'utf8'), before);
    const out = JSON.parse(r.stdout) as {
      written: boolean;
      added: { line: string; instant: string; author?: string; source: string; ref: string }[];
      dropped: { ref: string }[];
    };
    assert.equal(out.written, false);
    assert.equal(out.added.length, 7);
    assert.deepEqual(out.added[0], {
      line: '| 2024-03-10 04:31 UTC | Alert Bot | FIRING api p99 latency over 3s on the API dashboard |',
      instant: '2024-03-10T04:31:00.000Z',
      text: 'FIRING api p99 latency over 3s on the API dashboard',
      author: 'Alert Bot',
      source: 'slack',
      ref: 'export/inc-api/2024-03-09.json#1',
    });
    assert.ok(out.dropped.some((d) => d.ref === 'export/channels.json'));
  });

  it('without --into prints the entries as a new timeline would have them, in --zone', () => {
    const dir = workspace();
    const r = run(['import', '--zone', 'UTC+1', 'statuspage.json'], dir);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 4);
    assert.match(lines[0]!, /^- March 10, 2024, 05:40 UTC\+1 - \[acknowledged\] Investigating: We are investigating/);
    assert.match(lines[3]!, /^- 08:20 UTC\+1 - Resolved: This incident has been resolved\.$/);
  });

  it('pasted lines take --date and --zone', () => {
    const dir = workspace();
    const r = run(
      [
        'import',
        '--from',
        'lines',
        '--date',
        '2024-03-09',
        '--zone',
        'America/New_York',
        '--into',
        'postmortems/table.md',
        '--dry-run',
        'chat.txt',
      ],
      dir,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.trim().split('\n'), [
      '| 2024-03-10 04:31 UTC | Ada Okafor | paging is loud, checking the API |',
      '| 2024-03-10 04:58 UTC | Rui Tanaka | rollback half done |',
      '| 2024-03-10 05:07 UTC | Ada Okafor | all green |',
    ]);
  });

  it('exits 2 naming the file and the record it cannot read, and imports the rest', () => {
    const dir = workspace();
    const file = path.join(dir, 'postmortems', 'bullets.md');
    const r = run(
      ['import', '--into', 'postmortems/bullets.md', 'broken.json', 'pagerduty-partial.json', 'missing.json', 'pagerduty.json'],
      dir,
    );
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^postmortem-lint import: missing\.json: no such file or folder$/m);
    assert.match(r.stderr, /^postmortem-lint import: broken\.json: not JSON \(/m);
    assert.match(r.stderr, /^postmortem-lint import: pagerduty-partial\.json#1: no readable "created_at"/m);
    assert.match(r.stdout, /added 5 entries/, 'the readable entry of the partial log and the four of pagerduty.json');
    assert.match(fs.readFileSync(file, 'utf8'), /Resolved by Rui Tanaka/);
  });

  it('never creates or writes a file it was not told to', () => {
    const dir = workspace();
    const r = run(['import', '--into', 'postmortems/nope.md', 'pagerduty.json'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /postmortems\/nope\.md: cannot read file: no such file/);
    assert.equal(fs.existsSync(path.join(dir, 'postmortems', 'nope.md')), false);
    const sources = fs.readFileSync(path.join(dir, 'pagerduty.json'), 'utf8');
    run(['import', '--into', 'postmortems/bullets.md', 'pagerduty.json'], dir);
    assert.equal(fs.readFileSync(path.join(dir, 'pagerduty.json'), 'utf8'), sources);
  });

  it('keeps CRLF line endings and a BOM', () => {
    const dir = workspace();
    const file = path.join(dir, 'postmortems', 'bullets.md');
    fs.writeFileSync(file, '\uFEFF' + fs.readFileSync(file, 'utf8').replace(/\n/g, '\r\n'));
    assert.equal(run(['import', '--into', 'postmortems/bullets.md', 'pagerduty.json'], dir).code, 0);
    const buf = fs.readFileSync(file);
    assert.deepEqual([...buf.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = buf.toString('utf8');
    assert.match(text, /Resolved by Rui Tanaka\.\r\n/);
    assert.doesNotMatch(text, /[^\r]\n/);
  });

  it('usage errors exit 2 with the import usage', () => {
    const dir = workspace();
    for (const [argv, message] of [
      [['import'], /no sources given/],
      [['import', '--from', 'teams', 'x'], /unknown source format "teams"/],
      [['import', '--date', '2024-02-30', 'x'], /--date needs a day as YYYY-MM-DD/],
      [['import', '--zone', 'Mars/Olympus', 'pagerduty.json'], /--zone "Mars\/Olympus" is not a time zone/],
      [['import', '--format', 'sarif', 'x'], /unknown format "sarif" for import/],
      [['import', '--bogus', 'x'], /unknown option --bogus/],
    ] as [string[], RegExp][]) {
      const r = run(argv, dir);
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.stderr, message);
    }
    const help = run(['import', '--help'], dir);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--into FILE/);
    assert.deepEqual(parseImportArgs(['--dry-run', '--into=a.md', 'b', 'c']), {
      from: 'auto',
      dryRun: true,
      format: 'markdown',
      help: false,
      sources: ['b', 'c'],
      into: 'a.md',
    });
  });

  it('the main usage names the import subcommand', () => {
    assert.match(run(['--help'], os.tmpdir()).stdout, /import \[--into POSTMORTEM\.md\] SOURCE/);
  });
});
