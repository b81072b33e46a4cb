/**
 * .github/workflows/ci.yml cannot run here: its syntax and shape are checked instead. It parses as YAML without
 * errors or warnings, has the jobs and steps the README promises, runs only npm scripts that exist, and tests
 * the oldest VS Code that engines.vscode allows besides the current stable.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';

const ROOT = path.join(__dirname, '..', '..');
const source = readFileSync(path.join(ROOT, '.github', 'workflows', 'ci.yml'), 'utf8');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  engines: { vscode: string };
};

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Job {
  name?: string;
  'runs-on': string;
  container?: string;
  strategy?: { matrix: Record<string, unknown[]> };
  steps: Step[];
}
interface Workflow {
  name: string;
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}

const document = parseDocument(source, { prettyErrors: true, uniqueKeys: true });
const workflow = document.toJS() as Workflow;
const step = (job: Job, name: string): Step => {
  const found = job.steps.find((s) => s.name === name);
  assert.ok(found, `no step "${name}" in: ${job.steps.map((s) => s.name).join(', ')}`);
  return found;
};

describe('.github/workflows/ci.yml', () => {
  it('is YAML without errors or warnings', () => {
    assert.deepEqual(document.errors.map(String), []);
    assert.deepEqual(document.warnings.map(String), []);
    assert.equal(workflow.name, 'CI');
    assert.ok('push' in workflow.on && 'pull_request' in workflow.on, 'runs on pushes and pull requests');
  });

  it('every step has a name and either uses an action at a major version or runs a command', () => {
    for (const [id, job] of Object.entries(workflow.jobs)) {
      assert.ok(Array.isArray(job.steps) && job.steps.length > 0, `${id} has steps`);
      for (const s of job.steps) {
        assert.ok(s.name, `${id}: a step without a name`);
        assert.ok(Boolean(s.uses) !== Boolean(s.run), `${id}: "${s.name}" needs exactly one of uses/run`);
        if (s.uses) assert.match(s.uses, /^[\w.-]+\/[\w.-]+@v\d+$/, `${id}: "${s.name}" pins ${s.uses} to a major version`);
      }
    }
  });

  it('runs only npm scripts that package.json has', () => {
    const runs = Object.values(workflow.jobs).flatMap((j) => j.steps.map((s) => s.run ?? ''));
    const scripts = runs.flatMap((r) => [...r.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1] as string));
    assert.ok(scripts.length > 0);
    for (const s of scripts) assert.ok(manifest.scripts[s], `npm run ${s}: no such script`);
  });

  it('test: npm ci and npm test on Debian with Node 20, screenshots and the .vsix uploaded', () => {
    const job = workflow.jobs.test;
    assert.ok(job, 'a "test" job');
    assert.match(job.container ?? '', /^node:20-bookworm$/);
    assert.equal(step(job, 'npm ci').run, 'npm ci');
    assert.equal(step(job, 'npm test').run, 'npm test');
    assert.match(step(job, 'Install Debian packages').run ?? '', /apt-get install .*chromium/);
    assert.match(step(job, 'Upload screenshots').uses ?? '', /^actions\/upload-artifact@/);
    assert.equal(step(job, 'Upload screenshots').if, 'always()');
    assert.equal(step(job, 'Upload the .vsix').with?.path, '*.vsix');
    const order = job.steps.map((s) => s.name);
    assert.ok(order.indexOf('npm ci') < order.indexOf('npm test'), 'npm ci before npm test');
  });

  it('desktop: test:electron on Linux (xvfb), macOS and Windows, oldest supported and current stable VS Code', () => {
    const job = workflow.jobs.desktop;
    assert.ok(job, 'a "desktop" job');
    const matrix = job.strategy?.matrix ?? {};
    assert.deepEqual([...(matrix.os ?? [])].map((o) => String(o).split('-')[0]).sort(), ['macos', 'ubuntu', 'windows']);
    const oldest = manifest.engines.vscode.replace(/^\^/, '');
    assert.deepEqual(
      matrix.vscode,
      [oldest, 'stable'],
      `the oldest VS Code engines.vscode (${manifest.engines.vscode}) allows, and stable`,
    );
    const linux = step(job, 'End-to-end suite in desktop VS Code (xvfb)');
    assert.equal(linux.if, "runner.os == 'Linux'");
    assert.match(linux.run ?? '', /^xvfb-run -a npm run test:electron$/);
    assert.equal(step(job, 'End-to-end suite in desktop VS Code').run, 'npm run test:electron');
    assert.equal(String(linux.env?.VSCODE_VERSION), '${{ matrix.vscode }}');
    assert.equal(step(job, 'Upload screenshots').if, 'always()');
  });

  it('the checks catch a broken file', () => {
    const broken = parseDocument('jobs:\n  test:\n    steps:\n    - name: a\n     run: b\n');
    assert.ok(broken.errors.length > 0);
  });
});
