/**
 * `postmortem-lint report`: on test/fixtures and on a generated folder of varied postmortems (bench/folder.ts), whose
 * every figure is known; the formats; bad arguments (exit 2).
 */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../server/src/cli/main';
import { parseSinceDate } from '../../server/src/cli/args';
import { generateFolder, type FolderDocument } from '../../bench/folder';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const tmpDirs: string[] = [];
after(() => {
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pm-report-')));
  tmpDirs.push(dir);
  fs.writeFileSync(path.join(dir, '.postmortemrc.json'), '{ "root": true }\n');
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
    stderrIsTTY: false,
    env: {},
  });
  return { code, stdout, stderr };
}

interface JsonRow {
  file: string;
  title: string;
  profile: string;
  start: string | null;
  end: string | null;
  durationMinutes: number | null;
  declaredDurationMinutes: number | null;
  detectMinutes: number | null;
  acknowledgeMinutes: number | null;
  mitigateMinutes: number | null;
  resolveMinutes: number | null;
  entries: number;
  errors: number;
  warnings: number;
  missing: string[];
}
interface JsonStat {
  median: number | null;
  p90: number | null;
}
interface JsonReport {
  postmortems: JsonRow[];
  groups: {
    period: string | null;
    count: number;
    durationMinutes: JsonStat;
    detectMinutes: JsonStat;
    resolveMinutes: JsonStat;
  }[];
}

const ROW_KEYS = [
  'file',
  'title',
  'profile',
  'start',
  'end',
  'durationMinutes',
  'declaredDurationMinutes',
  'detectMinutes',
  'acknowledgeMinutes',
  'mitigateMinutes',
  'resolveMinutes',
  'entries',
  'errors',
  'warnings',
  'missing',
];
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function nearestRank90(values: number[]): number | null {
  const v = [...values].sort((a, b) => a - b);
  return v.length ? (v[Math.ceil(0.9 * v.length) - 1] as number) : null;
}

describe('report on test/fixtures', () => {
  const { code, stdout, stderr } = run(['report', '--format', 'json', 'test/fixtures'], path.join(FIXTURES, '..', '..'));
  const report = JSON.parse(stdout) as JsonReport;

  it('exits 0 and prints the JSON shape of the issue, instants ISO or null', () => {
    assert.equal(code, 0, stderr);
    assert.deepEqual(Object.keys(report), ['postmortems', 'groups']);
    assert.ok(report.postmortems.length > 50);
    for (const r of report.postmortems) {
      assert.deepEqual(Object.keys(r), ROW_KEYS);
      for (const k of ['start', 'end'] as const) assert.ok(r[k] === null || ISO.test(r[k]), `${r.file} ${k} ${r[k]}`);
      if (r.start === null) assert.ok(r.missing.includes('date') || r.missing.includes('start'), r.file);
    }
    for (const g of report.groups)
      assert.deepEqual(Object.keys(g), ['period', 'count', 'durationMinutes', 'detectMinutes', 'resolveMinutes']);
  });

  it('a Markdown file that is not a postmortem is not a row', () => {
    const files = new Set(report.postmortems.map((r) => r.file));
    assert.ok(files.has('test/fixtures/cli/clean.md'));
    assert.ok(!files.has('test/fixtures/e2e-workspace/README.md'));
    assert.ok(!files.has('test/fixtures/protocol/README.md'));
  });

  it('every postmortem is counted once in the groups, undated ones in the last group', () => {
    assert.equal(
      report.groups.reduce((n, g) => n + g.count, 0),
      report.postmortems.length,
    );
    const undated = report.postmortems.filter((r) => r.start === null).length;
    const last = report.groups.at(-1);
    if (undated) assert.deepEqual([last?.period, last?.count], [null, undated]);
    const periods = report.groups.map((g) => g.period).filter((p): p is string => p !== null);
    assert.deepEqual(periods, [...periods].sort());
  });
});

describe('report on a generated folder', () => {
  const dir = tempDir();
  const docs = generateFolder(dir, 48, 7);
  const postmortems = docs.filter((d) => d.kind !== 'not-a-postmortem');
  const { code, stdout, stderr } = run(['report', '--format', 'json', '--jobs', '1', '.'], dir);
  const report = JSON.parse(stdout) as JsonReport;
  const byFile = new Map(report.postmortems.map((r) => [r.file, r]));

  it('the folder has every kind', () => {
    const kinds = new Set(docs.map((d) => d.kind));
    assert.deepEqual([...kinds].sort(), ['dated', 'no-timeline', 'not-a-postmortem', 'undated']);
    assert.deepEqual(new Set(postmortems.map((d) => d.shape).filter(Boolean)).size, 4);
  });

  it('one row per postmortem, none for the notes, each figure as the document states it', () => {
    assert.equal(code, 0, stderr);
    assert.equal(report.postmortems.length, postmortems.length);
    for (const d of docs) {
      const r = byFile.get(d.file);
      if (d.kind === 'not-a-postmortem') {
        assert.equal(r, undefined, d.file);
        continue;
      }
      assert.ok(r, d.file);
      const expected = {
        title: d.title,
        start: d.start === null ? null : new Date(d.start).toISOString(),
        durationMinutes: d.durationMinutes,
        detectMinutes: d.detectMinutes,
        resolveMinutes: d.resolveMinutes,
        entries: d.entries,
      };
      const got = {
        title: r.title,
        start: r.start,
        durationMinutes: r.durationMinutes,
        detectMinutes: r.detectMinutes,
        resolveMinutes: r.resolveMinutes,
        entries: r.entries,
      };
      assert.deepEqual(got, expected, `${d.kind} ${d.shape} ${d.file}`);
    }
  });

  it('undated and timeline-less postmortems are listed with what they lack, never as zero', () => {
    for (const d of postmortems.filter((x) => x.kind !== 'dated')) {
      const r = byFile.get(d.file) as JsonRow;
      assert.ok(r.missing.includes('date'), d.file);
      assert.equal(r.start, null);
      if (d.kind === 'no-timeline') {
        assert.ok(r.missing.includes('timeline'));
        assert.equal(r.durationMinutes, null);
        assert.equal(r.detectMinutes, null);
      }
    }
  });

  it('each month group: its count, median and nearest-rank p90 from the documents of that month', () => {
    const dated = postmortems.filter((d) => d.start !== null);
    const months = new Map<string, FolderDocument[]>();
    for (const d of dated) {
      const key = new Date(d.start as number).toISOString().slice(0, 7);
      months.set(key, [...(months.get(key) ?? []), d]);
    }
    const groups = report.groups.filter((g) => g.period !== null);
    assert.deepEqual(
      groups.map((g) => g.period),
      [...months.keys()].sort(),
    );
    for (const g of groups) {
      const ds = months.get(g.period as string) as FolderDocument[];
      assert.equal(g.count, ds.length);
      const durations = ds.map((d) => d.durationMinutes as number).sort((a, b) => a - b);
      const mid = durations.length >> 1;
      const median = durations.length % 2 ? durations[mid] : ((durations[mid - 1] as number) + (durations[mid] as number)) / 2;
      assert.equal(g.durationMinutes.median, median);
      assert.equal(g.durationMinutes.p90, nearestRank90(durations));
    }
    const undated = report.groups.at(-1);
    assert.equal(undated?.period, null);
    assert.equal(undated?.count, postmortems.length - dated.length);
  });

  it('--since keeps later incidents and the undated; --group quarter', () => {
    const since = run(['report', '--format', 'json', '--jobs', '1', '--since', '2024-01', '--group', 'quarter', '.'], dir);
    const r = JSON.parse(since.stdout) as JsonReport;
    const cut = Date.UTC(2024, 0, 1);
    assert.equal(r.postmortems.length, postmortems.filter((d) => d.start === null || d.start >= cut).length);
    for (const g of r.groups) assert.ok(g.period === null || /^\d{4}-Q[1-4]$/.test(g.period), String(g.period));
    assert.ok(r.groups.every((g) => g.period === null || g.period >= '2024-Q1'));
  });

  it('two threads give the same report as one', () => {
    const two = run(['report', '--format', 'json', '--jobs', '2', '.'], dir);
    assert.equal(two.code, 0, two.stderr);
    assert.equal(two.stdout, stdout);
  });

  it('table, csv and markdown list every postmortem', () => {
    for (const format of ['table', 'csv', 'markdown']) {
      const out = run(['report', '--format', format, '--jobs', '1', '.'], dir);
      assert.equal(out.code, 0, out.stderr);
      for (const d of postmortems) assert.ok(out.stdout.includes(d.file), `${format} ${d.file}`);
    }
    const csv = run(['report', '--format', 'csv', '--jobs', '1', '.'], dir).stdout.trimEnd().split('\r\n');
    assert.equal(csv.length, postmortems.length + 1);
    assert.match(csv[0] as string, /^file,title,profile,period,start,end,durationMinutes,/);
  });
});

describe('report as HTML', () => {
  const dir = tempDir();
  generateFolder(dir, 12, 3);
  // A title and a name that would break out of the page if they were not escaped.
  fs.mkdirSync(path.join(dir, 'postmortems'));
  fs.writeFileSync(
    path.join(dir, 'postmortems', 'x"><img src=x>.md'),
    [
      '---',
      'title: \'<script>alert(1)</script> & "quotes"\'',
      '---',
      '',
      '# Heading',
      '',
      '## Issue Summary',
      '',
      '**Duration:** from 10:00 to 11:00 UTC on 2024-05-02, 1 hour.',
      '',
      '## Timeline',
      '',
      '- 2024-05-02 10:00 UTC - Alert fired; detected.',
      '- 2024-05-02 11:00 UTC - Resolved.',
      '',
    ].join('\n'),
  );
  const { code, stdout } = run(['report', '--format', 'html', '--jobs', '1', '.'], dir);

  it('one self-contained page: inline SVG chart, sortable table, no external resource', () => {
    assert.equal(code, 0);
    assert.match(stdout, /^<!DOCTYPE html>/);
    assert.match(stdout, /<svg [^>]*class="pm-trends"/);
    assert.match(stdout, /<circle /);
    assert.match(stdout, /class="med"/);
    assert.match(stdout, /<table class="sortable">/);
    assert.doesNotMatch(stdout, /\b(?:src|href)="(?:https?:)?\/\//);
    assert.doesNotMatch(stdout, /<link\b|@import|url\(/);
  });

  it("the script runs under the page's CSP (its hash), and it is the only script", () => {
    const scripts = [...stdout.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] as string);
    assert.equal(scripts.length, 1);
    const hash = createHash('sha256')
      .update(scripts[0] as string)
      .digest('base64');
    assert.ok(stdout.includes(`script-src 'sha256-${hash}'`));
  });

  it('escapes every text from the documents', () => {
    assert.ok(!stdout.includes('<script>alert(1)'));
    assert.ok(!stdout.includes('<img src=x>'));
    assert.ok(stdout.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;'));
  });
});

describe('report arguments', () => {
  const dir = tempDir();
  for (const [argv, message] of [
    [['report', '--format', 'xml', '.'], /unknown report format "xml"/],
    [['report', '--group', 'week', '.'], /--group is month or quarter/],
    [['report', '--since', '2024-02-30', '.'], /--since needs a date/],
    [['report', '--since', 'yesterday', '.'], /--since needs a date/],
    [['report', '--jobs', '0', '.'], /--jobs needs a whole number/],
    [['report', '--fix', '.'], /unknown option --fix for report/],
    [['report'], /no paths given/],
    [['report', '--profile', 'nope', '.'], /unknown profile "nope"/],
    [['report', '--config', 'missing.json', '.'], /cannot read the configuration file/],
  ] as const) {
    it(`${argv.slice(1).join(' ')}: exit 2 and says why`, () => {
      const r = run([...argv], dir);
      assert.equal(r.code, 2);
      assert.match(r.stderr, message);
      assert.equal(r.stdout, '');
    });
  }

  it('--help prints the report usage, exit 0', () => {
    const r = run(['report', '--help'], dir);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^Usage: postmortem-lint report/);
  });

  it('an empty folder: exit 0, an empty report', () => {
    const r = run(['report', '--format', 'json', '.'], dir);
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.stdout), { postmortems: [], groups: [] });
  });

  it('--since dates', () => {
    assert.equal(parseSinceDate('2024-03'), Date.UTC(2024, 2, 1));
    assert.equal(parseSinceDate('2024-02-29'), Date.UTC(2024, 1, 29));
    assert.equal(parseSinceDate('2023-02-29'), null);
    assert.equal(parseSinceDate('2024-00-10'), null);
  });
});
