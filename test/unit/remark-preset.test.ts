// The rules as a remark-lint preset, run by the real remark-cli: the bundle esbuild.mjs builds from
// server/src/remark-preset.ts (built here into a temp folder so the test reads the current source).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import { ruleList } from '../../server/src/engine';
import pkg from '../../package.json';

const ROOT = path.join(__dirname, '..', '..');
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'engine', 'duration-wrong.md');
const REMARK = path.join(ROOT, 'node_modules', 'remark-cli', 'cli.js');

let dir = '';
let bundle = '';

before(async () => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pm-remark-')));
  bundle = path.join(dir, 'remark-preset-postmortem.js');
  await build({
    entryPoints: [path.join(ROOT, 'server/src/remark-preset.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'silent',
  });
});
after(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

interface Reported {
  code: number | null;
  /** `line:column ruleId source` per message, from remark's default reporter without colour. */
  messages: { place: string; severity: string; ruleId: string; source: string }[];
  stderr: string;
}

function remark(args: string[], cwd = ROOT): Reported {
  const res = spawnSync(process.execPath, [REMARK, '--no-color', '--no-stdout', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  const messages = [];
  for (const line of res.stderr.split('\n')) {
    const m = /^\s*(\d+:\d+)(?:-\d+:\d+)?\s+(warning|error)\s+.*?\s(\S+)\s+(\S+)\s*$/.exec(line);
    if (m)
      messages.push({
        place: m[1] as string,
        severity: m[2] as string,
        ruleId: m[3] as string,
        source: m[4] as string,
      });
  }
  return { code: res.status, messages, stderr: res.stderr };
}

describe('remark preset', () => {
  it('remark-cli with --use reports duration-consistent from source postmortem, and --frail fails', () => {
    const r = remark(['--use', bundle, '--frail', FIXTURE]);
    const duration = r.messages.find((m) => m.ruleId === 'duration-consistent');
    assert.ok(duration, r.stderr);
    assert.equal(duration.source, 'postmortem');
    assert.equal(duration.place, '5:21');
    assert.match(r.stderr, /8 hours.*7 hours 23 minutes/);
    assert.equal(r.code, 1, 'a warning with --frail exits 1');
  });

  it('reports what the engine expects for the fixture and nothing else', () => {
    const r = remark(['--use', bundle, FIXTURE]);
    assert.deepEqual(r.messages.map((m) => m.ruleId).sort(), ['duration-consistent', 'word-count']);
    assert.equal(r.code, 0, 'warnings without --frail exit 0');
  });

  it('honours the postmortem-disable comments', () => {
    const r = remark(['--use', bundle, path.join(ROOT, 'test', 'fixtures', 'engine', 'disable-comments.md')]);
    assert.deepEqual(
      r.messages.map((m) => m.ruleId),
      ['word-count'],
      r.stderr,
    );
  });

  it('a .remarkrc.mjs turns one rule off and passes options to another', () => {
    const work = path.join(dir, 'work');
    fs.mkdirSync(work, { recursive: true });
    fs.copyFileSync(FIXTURE, path.join(work, 'incident.md'));
    fs.writeFileSync(
      path.join(work, '.remarkrc.mjs'),
      `import preset, { rules } from ${JSON.stringify(bundle)};\n` +
        `export default { plugins: [preset, [rules['word-count'], false], [rules['duration-consistent'], ['error', { toleranceMinutes: 30 }]]] };\n`,
    );
    const strict = remark(['incident.md'], work);
    assert.deepEqual(
      strict.messages.map((m) => `${m.ruleId} ${m.severity}`),
      ['duration-consistent error'],
      strict.stderr,
    );
    assert.equal(strict.code, 1, 'an error exits 1');
    fs.writeFileSync(
      path.join(work, '.remarkrc.mjs'),
      `import preset, { rules } from ${JSON.stringify(bundle)};\n` +
        `export default { plugins: [preset, [rules['word-count'], ['off']], [rules['duration-consistent'], ['warn', { toleranceMinutes: 60 }]]] };\n`,
    );
    const lenient = remark(['incident.md'], work);
    assert.deepEqual(lenient.messages, [], lenient.stderr);
  });

  it('exports every rule at its default severity; require() and import() both give the preset', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const required = require(bundle) as {
      plugins: unknown[];
      rules: Record<string, unknown>;
      default: { plugins: unknown[] };
    };
    assert.deepEqual(
      Object.keys(required.rules),
      ruleList.map((r) => r.id),
    );
    const levels = required.plugins
      .filter(Array.isArray)
      .map((p) => (p as [unknown, unknown])[1])
      .filter(Array.isArray)
      .map((c) => (c as unknown[])[0]);
    assert.deepEqual(
      levels.slice(-ruleList.length),
      ruleList.map((r) => (r.defaultSeverity === 'error' ? 'error' : 'warn')),
    );
    assert.equal(required.default.plugins, required.plugins);
    const imported = (await import(bundle)) as { default: { plugins: unknown[] } };
    assert.equal(imported.default.plugins.length, required.plugins.length);
  });

  it('package.json exports postmortem-lint/remark-preset from the bundle esbuild.mjs builds', () => {
    const exportsField = (pkg as unknown as { exports?: Record<string, unknown> }).exports;
    assert.deepEqual(exportsField?.['./remark-preset'], './dist/remark-preset-postmortem.js');
    assert.match(fs.readFileSync(path.join(ROOT, 'esbuild.mjs'), 'utf8'), /'remark-preset-postmortem': 'server\/src\/remark-preset\.ts'/);
  });
});
