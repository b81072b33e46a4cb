/**
 * The language server in an editor other than VS Code: Neovim's built-in LSP client starts
 * `dist/server.js --stdio`, opens a postmortem, gets the diagnostics, applies the preferred quick fix
 * through its own workspace-edit code, sees the finding go after its didChange, and reads a hover.
 * The Lua side is test/editors/neovim.lua. Needs `npm run build` and Debian's `neovim` (installed by
 * scripts/setup-vscode.sh, which `npm test` runs before this suite).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const SERVER = join(ROOT, 'dist', 'server.js');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'engine', 'duration-in-brackets.md');

interface NeovimResult {
  error?: string;
  gotDiagnostics: boolean;
  diagnostics: {
    line: number;
    col: number;
    endLine: number;
    endCol: number;
    severity: number;
    message: string;
    code: string;
  }[];
  actions: { title: string; kind: string; isPreferred: boolean }[];
  applied?: string;
  lineAfterFix: string;
  clearedAfterFix: boolean;
  hover: string | null;
}

test('Neovim: diagnostics, the quick fix applied through its own client, and hover', () => {
  const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  assert.equal(
    nvim.status,
    0,
    "nvim is not installed: run bash scripts/setup-vscode.sh (it installs Debian's neovim) or apt-get install neovim",
  );
  assert.ok(existsSync(SERVER), 'dist/server.js is missing: run npm run build');

  const text = readFileSync(FIXTURE, 'utf8');
  const lines = text.split('\n');
  const durationLine = lines.findIndex((l) => l.includes('(1 hour 30 minutes)'));
  const hoverLine = lines.findIndex((l) => l.startsWith('- 14:05 UTC'));
  assert.ok(durationLine >= 0 && hoverLine >= 0);

  const dir = mkdtempSync(join(tmpdir(), 'postmortem-nvim-'));
  try {
    const file = join(dir, '2025-08-11-login-postmortem.md');
    copyFileSync(FIXTURE, file);
    const out = join(dir, 'result.json');
    const run = spawnSync(
      'nvim',
      ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${join(__dirname, 'neovim.lua')}`, file],
      {
        cwd: dir,
        encoding: 'utf8',
        timeout: 90_000,
        env: {
          ...process.env,
          POSTMORTEM_SERVER: SERVER,
          POSTMORTEM_OUT: out,
          POSTMORTEM_LINE: String(durationLine),
          POSTMORTEM_HOVER_LINE: String(hoverLine),
        },
      },
    );
    assert.ok(existsSync(out), `Neovim wrote no result (exit ${run.status}, signal ${run.signal}):\n${run.stdout}\n${run.stderr}`);
    const result = JSON.parse(readFileSync(out, 'utf8')) as NeovimResult;
    assert.equal(result.error, undefined, result.error);

    assert.ok(result.gotDiagnostics, `no duration-consistent diagnostic; got ${JSON.stringify(result.diagnostics)}`);
    const duration = result.diagnostics.find((d) => d.code === 'duration-consistent');
    assert.ok(duration);
    const column = lines[durationLine]!.indexOf('1 hour 30 minutes');
    assert.deepEqual(
      [duration.line, duration.col, duration.endLine, duration.endCol],
      [durationLine, column, durationLine, column + '1 hour 30 minutes'.length],
    );
    assert.equal(duration.severity, 2, 'a warning');
    assert.match(duration.message, /1 hour 45 minutes/);

    assert.ok(
      result.actions.some((a) => a.kind === 'quickfix' && a.isPreferred),
      JSON.stringify(result.actions),
    );
    assert.ok(
      result.actions.some((a) => a.kind === 'source.fixAll.postmortem'),
      JSON.stringify(result.actions),
    );
    assert.ok(result.applied, 'no preferred quick fix with an edit');
    assert.equal(result.lineAfterFix, lines[durationLine]!.replace('1 hour 30 minutes', '1 hour 45 minutes'));
    assert.ok(result.clearedAfterFix, 'the duration-consistent diagnostic stayed after the fix');

    assert.ok(result.hover, 'no hover');
    assert.match(result.hover, /2025-08-11 14:05 UTC/);
    assert.match(result.hover, /T\+0m/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
