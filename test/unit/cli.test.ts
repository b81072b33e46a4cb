import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli, parseArgs, USAGE } from '../../server/src/cli/main';
import { collectFiles, detectEol, encodeText, readTextFile, displayPath } from '../../server/src/cli/files';
import pkg from '../../package.json';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'cli');

const tmpDirs: string[] = [];
after(() => {
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
});

/** A temp workspace, cut off from any config above it, holding copies of the given fixtures. */
function workspace(files: string[] = [], rc: unknown = { root: true }): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pm-cli-')));
  tmpDirs.push(dir);
  fs.writeFileSync(path.join(dir, '.postmortemrc.json'), JSON.stringify(rc, null, 2));
  for (const f of files) fs.copyFileSync(path.join(FIXTURES, f), path.join(dir, path.basename(f)));
  return dir;
}

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

function run(argv: string[], opts: { cwd: string; isTTY?: boolean; stderrIsTTY?: boolean; env?: Record<string, string> }): RunResult {
  let stdout = '';
  let stderr = '';
  const code = runCli(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd: opts.cwd,
    isTTY: opts.isTTY ?? false,
    stderrIsTTY: opts.stderrIsTTY ?? false,
    env: opts.env ?? {},
  });
  return { code, stdout, stderr };
}

interface JsonFile {
  file: string;
  sections: { id: string | null; heading: string; line: number }[];
  timeline: {
    line: number;
    text: string;
    instant: string | null;
    date: string | null;
    time: string | null;
    dateSource: string | null;
    zone: string | null;
    offsetMinutes: number | null;
    phase?: string | null;
  }[];
  metrics: Record<string, unknown>;
  diagnostics: {
    ruleId: string;
    severity: string;
    message: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    fixable: boolean;
  }[];
  unreadTimelineLines: unknown[];
}

function runJson(argv: string[], cwd: string): { code: number; files: JsonFile[]; stderr: string } {
  const r = run(['--format', 'json', ...argv], { cwd });
  let files: JsonFile[];
  try {
    files = JSON.parse(r.stdout) as JsonFile[];
  } catch {
    assert.fail(`stdout is not JSON:\n${r.stdout}\nstderr:\n${r.stderr}`);
  }
  return { code: r.code, files, stderr: r.stderr };
}

describe('argument parsing', () => {
  it('parses options in both spellings', () => {
    const a = parseArgs([
      '--fix',
      '--format=json',
      '-c',
      'x.json',
      '--profile',
      'p',
      '--max-warnings',
      '3',
      '-q',
      '--follow-symlinks',
      'a.md',
      '--',
      '--b.md',
    ]);
    assert.equal(a.fix, true);
    assert.equal(a.format, 'json');
    assert.equal(a.config, 'x.json');
    assert.equal(a.profile, 'p');
    assert.equal(a.maxWarnings, 3);
    assert.equal(a.quiet, true);
    assert.equal(a.followSymlinks, true);
    assert.deepEqual(a.paths, ['a.md', '--b.md']);
  });

  it('--help and --version exit 0', () => {
    const cwd = workspace();
    const help = run(['--help'], { cwd });
    assert.equal(help.code, 0);
    assert.equal(help.stdout, USAGE);
    assert.match(help.stdout, /--max-warnings/);
    const version = run(['--version'], { cwd });
    assert.equal(version.code, 0);
    assert.equal(version.stdout.trim(), pkg.version);
  });

  it('usage errors exit 2 with a clear message and the usage text', () => {
    const cwd = workspace(['clean.md']);
    const cases: [string[], RegExp][] = [
      [['--bogus', 'clean.md'], /unknown option --bogus/],
      [[], /no paths given/],
      [['--format', 'xml', 'clean.md'], /unknown format "xml"/],
      [['--max-warnings', 'many', 'clean.md'], /--max-warnings needs a whole number/],
      [['clean.md', '--format'], /option --format needs a value/],
      [['--fix=yes', 'clean.md'], /does not take a value/],
    ];
    for (const [argv, re] of cases) {
      const r = run(argv, { cwd });
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.stderr, re);
      assert.match(r.stderr, /Usage: postmortem-lint/);
      assert.equal(r.stdout, '');
    }
  });
});

describe('exit codes and findings', () => {
  it('exits 0 for a complete postmortem', () => {
    const cwd = workspace(['clean.md']);
    const r = runJson(['clean.md'], cwd);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.files.length, 1);
    assert.deepEqual(
      r.files[0]!.diagnostics.filter((d) => d.severity === 'error'),
      [],
    );
  });

  it('exits 1 when a required section is missing (required-sections error)', () => {
    const cwd = workspace(['missing-timeline.md']);
    const r = run(['missing-timeline.md'], { cwd });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^missing-timeline\.md$/m);
    assert.match(r.stdout, /^\s+\d+:\d+\s+error\s+.*required-sections$/m);
    assert.match(r.stdout, /✖ \d+ problems? \(\d+ errors?, \d+ warnings?/);
    assert.ok(!r.stdout.includes('\u001b['), 'no colors when not a TTY');
  });

  it('reports a wrong declared duration (duration-consistent)', () => {
    const cwd = workspace(['wrong-duration.md']);
    const r = runJson(['wrong-duration.md'], cwd);
    const d = r.files[0]!.diagnostics.find((x) => x.ruleId === 'duration-consistent');
    assert.ok(d, JSON.stringify(r.files[0]!.diagnostics));
    assert.equal(d.fixable, true);
    assert.equal(d.line, 5);
  });

  it('continues after a missing file and exits 2 at the end', () => {
    const cwd = workspace(['missing-timeline.md']);
    const r = runJson(['nope.md', 'missing-timeline.md'], cwd);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /nope\.md: no such file or directory/);
    assert.deepEqual(
      r.files.map((f) => f.file),
      ['missing-timeline.md'],
    );
  });

  it('skips binary and huge files with a clear message, without failing', () => {
    const cwd = workspace(['clean.md']);
    fs.writeFileSync(path.join(cwd, 'image.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x0d, 0x0a]));
    fs.writeFileSync(path.join(cwd, 'huge.md'), Buffer.alloc(10 * 1024 * 1024 + 1, 0x61));
    const r = runJson(['image.md', 'huge.md', 'clean.md'], cwd);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /image\.md: skipped: binary file/);
    assert.match(r.stderr, /huge\.md: skipped: file is larger than 10 MB/);
    assert.deepEqual(
      r.files.map((f) => f.file),
      ['clean.md'],
    );
  });

  it('--max-warnings turns warnings into a failure', () => {
    const cwd = workspace(['wrong-duration.md'], { root: true, rules: { 'word-count': 'off' } });
    const over = run(['--max-warnings', '0', 'wrong-duration.md'], { cwd });
    assert.equal(over.code, 1);
    assert.match(over.stderr, /too many warnings \(\d+; the maximum is 0\)/);
    const under = run(['--max-warnings', '100', 'wrong-duration.md'], { cwd });
    assert.equal(under.code, 0, under.stdout + under.stderr);
  });

  it('--quiet reports errors only', () => {
    const cwd = workspace(['wrong-duration.md', 'missing-timeline.md']);
    const quietWarnings = run(['--quiet', 'wrong-duration.md'], { cwd });
    assert.equal(quietWarnings.code, 0);
    assert.equal(quietWarnings.stdout, '');
    const loud = run(['wrong-duration.md'], { cwd });
    assert.match(loud.stdout, /warning/);
    const quietErrors = run(['-q', 'missing-timeline.md'], { cwd });
    assert.equal(quietErrors.code, 1);
    assert.match(quietErrors.stdout, /required-sections/);
    assert.doesNotMatch(quietErrors.stdout, /^\s+\d+:\d+\s+(warning|info)\s/m);
    const json = runJson(['-q', 'wrong-duration.md', 'missing-timeline.md'], cwd);
    for (const f of json.files) for (const d of f.diagnostics) assert.equal(d.severity, 'error');
  });

  it('colors only on a TTY and when NO_COLOR is unset', () => {
    const cwd = workspace(['missing-timeline.md']);
    assert.ok(run(['missing-timeline.md'], { cwd, isTTY: true }).stdout.includes('\u001b[31m'));
    assert.ok(!run(['missing-timeline.md'], { cwd, isTTY: true, env: { NO_COLOR: '1' } }).stdout.includes('\u001b['));
  });
});

describe('configuration', () => {
  it('discovers .postmortemrc.json next to the file', () => {
    const cwd = workspace(['missing-timeline.md'], { root: true, rules: { 'required-sections': 'off' } });
    const r = runJson(['missing-timeline.md'], cwd);
    assert.equal(r.code, 0, JSON.stringify(r.files[0]?.diagnostics));
    assert.ok(!r.files[0]!.diagnostics.some((d) => d.ruleId === 'required-sections'));
  });

  it('--config replaces discovery', () => {
    const cwd = workspace(['missing-timeline.md'], { root: true, rules: { 'required-sections': 'off' } });
    fs.writeFileSync(path.join(cwd, 'strict.json'), JSON.stringify({ rules: { 'required-sections': 'error' } }));
    const r = run(['--config', 'strict.json', 'missing-timeline.md'], { cwd });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /required-sections/);
  });

  it('a missing --config file is an error (exit 2)', () => {
    const cwd = workspace(['clean.md']);
    const r = run(['--config', 'absent.json', 'clean.md'], { cwd });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot read the configuration file absent\.json/);
  });

  it('prints config problems as located warnings on stderr, once', () => {
    const cwd = workspace(['clean.md', 'wrong-duration.md']);
    fs.writeFileSync(
      path.join(cwd, '.postmortemrc.json'),
      '{\n  "root": true,\n  "colour": "blue",\n  "rules": { "timeline-order": "warn" }\n}\n',
    );
    const r = run(['clean.md', 'wrong-duration.md'], { cwd });
    assert.match(r.stderr, /^\.postmortemrc\.json:3:3: warning: unknown key "colour"/m);
    assert.match(r.stderr, /^\.postmortemrc\.json:4:32: warning: unknown severity "warn".*did you mean "warning"/m);
    assert.equal(r.stderr.match(/unknown key "colour"/g)?.length, 1);
    assert.notEqual(r.code, 2);
  });

  it('an unknown profile in the configuration warns and falls back; a custom one works with --profile', () => {
    const cwd = workspace(['missing-timeline.md'], {
      root: true,
      profile: 'nonexistent',
      profiles: { relaxed: { extends: 'default', sections: [{ id: 'timeline', title: 'Timeline', required: false }] } },
    });
    const fallback = run(['missing-timeline.md'], { cwd });
    assert.match(fallback.stderr, /missing-timeline\.md: warning: unknown profile "nonexistent" in the configuration/);
    assert.equal(fallback.code, 1);
    const relaxed = runJson(['--profile', 'relaxed', 'missing-timeline.md'], cwd);
    assert.equal(relaxed.code, 0, JSON.stringify(relaxed.files[0]?.diagnostics));
    assert.ok(!relaxed.files[0]!.diagnostics.some((d) => d.ruleId === 'required-sections'));
  });

  it('an unknown --profile is a usage error', () => {
    const cwd = workspace(['clean.md']);
    const r = run(['--profile', 'no-such-style', 'clean.md'], { cwd });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown profile "no-such-style" \(available: .*default/);
  });
});

describe('paths', () => {
  function tree(): string {
    const cwd = workspace();
    const src = path.join(FIXTURES, 'tree');
    fs.cpSync(src, path.join(cwd, 'tree'), { recursive: true });
    for (const hidden of ['node_modules/pkg', '.drafts']) {
      fs.mkdirSync(path.join(cwd, 'tree', hidden), { recursive: true });
      fs.copyFileSync(path.join(FIXTURES, 'missing-timeline.md'), path.join(cwd, 'tree', hidden, 'readme.md'));
    }
    return cwd;
  }

  it('walks folders for *.md and *.markdown, skipping node_modules and dot-folders', () => {
    const cwd = tree();
    const r = runJson(['tree'], cwd);
    assert.deepEqual(
      r.files.map((f) => f.file),
      ['tree/a.md', 'tree/sub/b.markdown'],
    );
    assert.equal(r.code, 1);
  });

  it('expands globs', () => {
    const cwd = tree();
    assert.deepEqual(
      runJson(['tree/**/*.md'], cwd).files.map((f) => f.file),
      ['tree/a.md'],
    );
    assert.deepEqual(
      runJson(['tree/**/*.{md,markdown}'], cwd).files.map((f) => f.file),
      ['tree/a.md', 'tree/sub/b.markdown'],
    );
    // Glob characters in the working directory are not read as syntax; ../ patterns work.
    const odd = path.join(cwd, 'pm (copy) [1]');
    fs.mkdirSync(odd);
    fs.copyFileSync(path.join(FIXTURES, 'clean.md'), path.join(odd, 'c.md'));
    assert.deepEqual(
      runJson(['*.md'], odd).files.map((f) => f.file),
      ['c.md'],
    );
    assert.deepEqual(
      runJson(['../tree/*.md'], odd).files.map((f) => path.basename(f.file)),
      ['a.md'],
    );
    const none = run(['tree/**/*.mdx'], { cwd });
    assert.equal(none.code, 2);
    assert.match(none.stderr, /tree\/\*\*\/\*\.mdx: no files match this pattern/);
  });

  it('lints each file once when named twice', () => {
    const cwd = tree();
    assert.deepEqual(
      runJson(['tree', 'tree/a.md', './tree/**/*.md'], cwd).files.map((f) => f.file),
      ['tree/a.md', 'tree/sub/b.markdown'],
    );
  });

  it('does not follow symlinks out of the given paths unless --follow-symlinks', () => {
    const cwd = tree();
    const outside = workspace(['missing-timeline.md']);
    fs.symlinkSync(outside, path.join(cwd, 'tree', 'linked-dir'));
    fs.symlinkSync(path.join(outside, 'missing-timeline.md'), path.join(cwd, 'tree', 'linked.md'));
    fs.symlinkSync(path.join(cwd, 'tree'), path.join(cwd, 'tree', 'sub', 'loop'));
    const plainRun = runJson(['tree'], cwd);
    assert.deepEqual(
      plainRun.files.map((f) => f.file),
      ['tree/a.md', 'tree/sub/b.markdown'],
    );
    const followed = runJson(['--follow-symlinks', 'tree'], cwd);
    assert.deepEqual(followed.files.map((f) => f.file).sort(), ['tree/a.md', 'tree/linked-dir/missing-timeline.md', 'tree/sub/b.markdown']);
    // A symlink named on the command line is the user's choice and is linted.
    assert.deepEqual(
      runJson(['tree/linked.md'], cwd).files.map((f) => f.file),
      ['tree/linked.md'],
    );
  });

  it('collectFiles reports missing paths and never throws', () => {
    const cwd = tree();
    const res = collectFiles(['tree', 'missing', 'tree/notes.txt'], { cwd, followSymlinks: false });
    assert.deepEqual(
      res.files.map((f) => displayPath(f, cwd)),
      ['tree/a.md', 'tree/sub/b.markdown', 'tree/notes.txt'],
    );
    assert.deepEqual(res.errors, [{ path: 'missing', message: 'no such file or directory' }]);
  });
});

describe('--fix', () => {
  it('writes the fix, keeps CRLF line endings and the BOM, and reports what remains', () => {
    const cwd = workspace();
    const original = fs.readFileSync(path.join(FIXTURES, 'wrong-duration.md'), 'utf8').replace(/\r?\n/g, '\r\n');
    const file = path.join(cwd, 'pm.md');
    fs.writeFileSync(file, '\uFEFF' + original);
    const r = runJson(['--fix', 'pm.md'], cwd);
    const written = fs.readFileSync(file, 'utf8');
    assert.notEqual(written, '\uFEFF' + original, 'the file was fixed');
    assert.ok(written.startsWith('\uFEFF'), 'BOM kept');
    assert.doesNotMatch(written.replace(/\r\n/g, ''), /[\r\n]/, 'every line ending is CRLF');
    assert.doesNotMatch(written, /, 8 hours\./);
    assert.ok(!r.files[0]!.diagnostics.some((d) => d.ruleId === 'duration-consistent'), 'fixed finding is gone');
    assert.equal(r.code, 0, r.stderr);
  });

  it("inserts a missing section with the file's CRLF line endings", () => {
    const cwd = workspace();
    const file = path.join(cwd, 'pm.md');
    fs.writeFileSync(file, fs.readFileSync(path.join(FIXTURES, 'missing-timeline.md'), 'utf8').replace(/\r?\n/g, '\r\n'));
    const r = runJson(['--fix', 'pm.md'], cwd);
    const written = fs.readFileSync(file, 'utf8');
    assert.match(written, /\r\n## Timeline\r\n/);
    assert.doesNotMatch(written.replace(/\r\n/g, ''), /[\r\n]/, 'every line ending is CRLF');
    assert.ok(!r.files[0]!.diagnostics.some((d) => d.ruleId === 'required-sections'));
    assert.equal(r.code, 0, r.stderr);
  });

  it("sorts a timeline written as one paragraph per entry (the seed's shape) with two entries swapped", () => {
    const cwd = workspace(['swapped-paragraphs.md']);
    const file = path.join(cwd, 'swapped-paragraphs.md');
    const original = fs.readFileSync(file, 'utf8');
    const before = runJson(['swapped-paragraphs.md'], cwd);
    const order = before.files[0]!.diagnostics.filter((d) => d.ruleId === 'timeline-order');
    assert.equal(order.length, 1);
    assert.equal(order[0]!.fixable, true);
    const r = runJson(['--fix', 'swapped-paragraphs.md'], cwd);
    const written = fs.readFileSync(file, 'utf8');
    const times = [...written.matchAll(/^June \d, 2024, (\d{1,2}:\d\d [AP]M) \(WAT\):/gm)].map((m) => m[1]);
    assert.deepEqual(times, ['10:42 PM', '10:55 PM', '11:30 PM', '2:10 AM', '5:40 AM', '6:05 AM']);
    assert.match(
      written,
      /\n\nJune 8, 2024, 10:55 PM \(WAT\): The on-call engineer acknowledged the page and opened an incident channel\.\n\nJune 8, 2024, 11:30 PM/,
    );
    assert.deepEqual(written.split('\n').sort(), original.split('\n').sort(), 'the same lines, blank lines included');
    assert.ok(!r.files[0]!.diagnostics.some((d) => d.ruleId === 'timeline-order'), 'the timeline-order finding is gone');
    assert.equal(r.code, 0, r.stderr);
  });

  it('does not write a file when nothing changes', () => {
    const cwd = workspace(['missing-timeline.md'], { root: true, rules: { 'required-sections': 'off' } });
    const file = path.join(cwd, 'missing-timeline.md');
    const past = new Date('2020-01-01T00:00:00Z');
    fs.utimesSync(file, past, past);
    const before = fs.readFileSync(file);
    run(['--fix', 'missing-timeline.md'], { cwd });
    assert.deepEqual(fs.readFileSync(file), before);
    assert.equal(fs.statSync(file).mtimeMs, past.getTime());
  });
});

describe('formats', () => {
  it('json: one array, one object per file, with model data', () => {
    const cwd = workspace(['wrong-duration.md', 'clean.md']);
    const r = runJson(['wrong-duration.md', 'clean.md'], cwd);
    assert.equal(r.files.length, 2);
    const f = r.files[0]!;
    assert.deepEqual(Object.keys(f), ['file', 'sections', 'timeline', 'metrics', 'diagnostics', 'unreadTimelineLines']);
    assert.equal(f.file, 'wrong-duration.md');
    assert.deepEqual(f.sections[0], { id: null, heading: 'Checkout API outage', line: 1 });
    assert.deepEqual(f.sections[1], { id: 'summary', heading: 'Issue Summary', line: 3 });
    assert.ok(f.sections.some((s) => s.id === 'timeline' && s.heading === 'Timeline' && s.line === 11));
    assert.equal(f.timeline.length, 4);
    const first = f.timeline[0]!;
    assert.deepEqual(Object.keys(first), ['line', 'text', 'instant', 'date', 'time', 'dateSource', 'zone', 'offsetMinutes', 'phase']);
    assert.equal(first.line, 13);
    assert.match(first.text, /^June 8, 2024, 10:42 PM/);
    assert.equal(first.instant, '2024-06-08T21:42:00.000Z');
    assert.equal(first.date, '2024-06-08');
    assert.equal(first.time, '22:42');
    assert.equal(first.dateSource, 'entry');
    assert.equal(first.zone, 'WAT');
    assert.equal(first.offsetMinutes, 60);
    assert.equal(f.metrics.durationMinutes, 443);
    assert.equal(f.metrics.declaredDurationMinutes, 480);
    assert.equal(f.metrics.start, '2024-06-08T21:42:00.000Z');
    assert.equal(f.metrics.end, '2024-06-09T05:05:00.000Z');
    // Each entry's phase and the lines behind the figures, numbered like the entries' own `line`.
    assert.deepEqual(
      f.timeline.map((e) => [e.line, e.phase]),
      [
        [13, 'detected'],
        [14, 'escalated'],
        [15, null],
        [16, 'resolved'],
      ],
    );
    assert.deepEqual(f.metrics.sources, { start: 5, detect: 13, acknowledge: 14, mitigate: null, resolve: 16 });
    for (const d of f.diagnostics) {
      assert.deepEqual(Object.keys(d), ['ruleId', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn', 'fixable']);
      assert.ok(d.line >= 1 && d.column >= 1 && d.endLine >= d.line);
    }
    assert.ok(Array.isArray(f.unreadTimelineLines));
  });

  it('sarif: a valid 2.1.0 log with rules and located results', () => {
    const cwd = workspace(['wrong-duration.md']);
    fs.mkdirSync(path.join(cwd, 'docs dir'));
    fs.copyFileSync(path.join(FIXTURES, 'missing-timeline.md'), path.join(cwd, 'docs dir', 'pm.md'));
    const r = run(['--format', 'sarif', 'wrong-duration.md', 'docs dir'], { cwd });
    assert.equal(r.code, 1);
    const log = JSON.parse(r.stdout);
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    assert.equal(log.runs.length, 1);
    const driver = log.runs[0].tool.driver;
    assert.equal(driver.name, 'postmortem-lint');
    assert.equal(driver.version, pkg.version);
    assert.match(driver.informationUri, /^https?:\/\//);
    assert.ok(driver.rules.length >= 2);
    for (const rule of driver.rules) {
      assert.equal(typeof rule.id, 'string');
      assert.equal(typeof rule.shortDescription.text, 'string');
      assert.match(rule.helpUri, /^https?:\/\//);
      assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
    }
    const results = log.runs[0].results as {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[];
    }[];
    assert.ok(results.length >= 2);
    for (const res of results) {
      assert.equal(driver.rules[res.ruleIndex].id, res.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(res.level));
      assert.ok(res.message.text.length > 0);
      const loc = res.locations[0]!.physicalLocation;
      assert.ok(['wrong-duration.md', 'docs%20dir/pm.md'].includes(loc.artifactLocation.uri), loc.artifactLocation.uri);
      assert.ok(loc.region.startLine! >= 1 && loc.region.startColumn! >= 1);
    }
    assert.ok(
      results.some(
        (x) =>
          x.ruleId === 'required-sections' &&
          x.level === 'error' &&
          x.locations[0]!.physicalLocation.artifactLocation.uri === 'docs%20dir/pm.md',
      ),
    );
    assert.ok(results.some((x) => x.ruleId === 'duration-consistent' && x.locations[0]!.physicalLocation.region.startLine === 5));
  });

  it('stylish: grouped by file with a summary line', () => {
    const cwd = workspace(['wrong-duration.md', 'missing-timeline.md']);
    const r = run(['wrong-duration.md', 'missing-timeline.md'], { cwd });
    const lines = r.stdout.split('\n');
    const i = lines.indexOf('wrong-duration.md');
    const j = lines.indexOf('missing-timeline.md');
    assert.ok(i >= 0 && j > i, r.stdout);
    const group = lines.slice(i + 1, j);
    assert.ok(
      group.some((l) => /^\s+5:\d+\s+warning\s+.+\s+duration-consistent$/.test(l)),
      r.stdout,
    );
    assert.ok(
      group.every((l) => l === '' || /^\s+\d+:\d+\s+(error|warning|info)\s+\S.*\s+[a-z0-9-]+$/.test(l)),
      r.stdout,
    );
    assert.match(r.stdout, /✖ \d+ problems \(\d+ errors?, \d+ warnings?(, \d+ info)?\)/);
  });
});

describe('dates in the JSON', () => {
  const undated =
    '# Cache outage\n\n## Summary\n\nThe cache was down for 20 minutes; all users saw errors because a config typo broke it.\n\n## Timeline\n\n- 14:05 UTC alert fired\n- 14:25 UTC fix deployed\n';

  it('a timeline that states no date anywhere has clock times, no date and no instant', () => {
    const cwd = workspace();
    fs.writeFileSync(path.join(cwd, 'outage.md'), undated);
    const r = runJson(['outage.md'], cwd);
    const t = r.files[0]!.timeline;
    assert.deepEqual(
      t.map((e) => [e.time, e.date, e.instant, e.dateSource]),
      [
        ['14:05', null, null, null],
        ['14:25', null, null, null],
      ],
    );
    assert.equal(r.files[0]!.metrics.start, null);
    assert.equal(r.files[0]!.metrics.durationMinutes, 20);
    assert.doesNotMatch(JSON.stringify(r.files), /2000-01-01/);
  });

  it("the file's name dates a timeline of times only", () => {
    const cwd = workspace();
    fs.writeFileSync(path.join(cwd, '2025-03-03-cache-outage.md'), undated);
    const r = runJson(['2025-03-03-cache-outage.md'], cwd);
    const first = r.files[0]!.timeline[0]!;
    assert.equal(first.instant, '2025-03-03T14:05:00.000Z');
    assert.equal(first.date, '2025-03-03');
    assert.equal(first.dateSource, 'file-name');
  });
});

describe('progress', () => {
  it('shows one updating line on a TTY for many files and clears it', () => {
    const cwd = workspace();
    const body = fs.readFileSync(path.join(FIXTURES, 'clean.md'));
    for (let i = 0; i < 25; i++) fs.writeFileSync(path.join(cwd, `pm-${String(i).padStart(2, '0')}.md`), body);
    const tty = run(['.'], { cwd, stderrIsTTY: true });
    assert.match(tty.stderr, /linting 1\/25/);
    assert.match(tty.stderr, /linting 25\/25/);
    assert.ok(tty.stderr.endsWith('\r\u001b[K'), JSON.stringify(tty.stderr.slice(-40)));
    assert.doesNotMatch(tty.stderr, /\n/);
    const piped = run(['.'], { cwd, stderrIsTTY: false });
    assert.doesNotMatch(piped.stderr, /linting/);
  });
});

describe('file helpers', () => {
  it('detects the dominant line ending', () => {
    assert.equal(detectEol('a\r\nb\r\nc\n'), '\r\n');
    assert.equal(detectEol('a\nb\n'), '\n');
    assert.equal(detectEol('no newline'), '\n');
  });

  it('reads UTF-16 with a BOM and writes it back the same way', () => {
    const dir = workspace();
    const file = path.join(dir, 'u16.md');
    const text = '# Title\r\n\r\nCafé ☕\r\n';
    for (const enc of ['utf16le', 'utf16be'] as const) {
      fs.writeFileSync(file, encodeText(text, enc, true));
      const read = readTextFile(file);
      assert.equal(read.kind, 'text');
      if (read.kind !== 'text') return;
      assert.equal(read.text, text);
      assert.equal(read.encoding, enc);
      assert.deepEqual(encodeText(read.text, read.encoding, read.bom), fs.readFileSync(file));
    }
  });

  it('marks invalid UTF-8 as inexact instead of failing', () => {
    const dir = workspace();
    const file = path.join(dir, 'latin1.md');
    fs.writeFileSync(file, Buffer.from([0x23, 0x20, 0x43, 0x61, 0x66, 0xe9, 0x0a]));
    const read = readTextFile(file);
    assert.equal(read.kind, 'text');
    assert.equal(read.kind === 'text' && read.exact, false);
  });
});
