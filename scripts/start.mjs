// `npm start`: see the extension working in a real VS Code, in your browser.
//
// Builds the extension, installs the real VS Code once (scripts/setup-vscode.sh: code-server into
// the git-ignored .cache/vscode, plus the Debian packages it needs), starts it on 127.0.0.1 with a
// throwaway profile, and prints the URL of a workbench that has a copy of examples/ open and this
// repository loaded as the extension under development. Runs until Ctrl-C, then cleans up.
//
// Usage: node scripts/start.mjs [--check] [--no-build] [--workspace DIR] [--verbose]
//   --check          start, wait until the workbench answers and the extension lints an example
//                    postmortem inside it (headless Chromium), print the URL, stop, exit 0 (CI)
//   --no-build       skip the esbuild build (dist/ must exist)
//   --workspace DIR  open DIR itself instead of a fresh copy of examples/ (edits stay in DIR)
//   --verbose        also print code-server's own log
// Env: PORT (default 8734; with --check a free port unless PORT is set), POSTMORTEM_START_CHECK=1 (as --check).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import {
  CHROMIUM,
  ROOT,
  freePort,
  portInUse,
  runSuiteInBrowser,
  startCodeServer,
  stopCodeServer,
  waitForHttp,
  workbenchUrl,
  writeUserSettings,
} from './code-server.mjs';

const DEFAULT_PORT = 8734;
const HARNESS = path.join(ROOT, 'test/package/harness');
const args = process.argv.slice(2);
const check = args.includes('--check') || process.env.POSTMORTEM_START_CHECK === '1';
const build = !args.includes('--no-build');
const verbose = args.includes('--verbose');
const workspaceArg = args.includes('--workspace') ? args[args.indexOf('--workspace') + 1] : undefined;
const unknown = args.filter((a, i) => !['--check', '--no-build', '--verbose', '--workspace'].includes(a) && args[i - 1] !== '--workspace');
if (unknown.length || (args.includes('--workspace') && !workspaceArg)) {
  console.error(
    `npm start: unknown or incomplete option ${unknown.join(' ') || '--workspace'}\nusage: npm start -- [--check] [--no-build] [--workspace DIR] [--verbose]`,
  );
  process.exit(2);
}

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const log = (msg) => console.log(`[start] ${msg}`);
const fail = (msg, code = 1) => {
  console.error(`[start] ERROR: ${msg}`);
  process.exit(code);
};

// 1. Build the bundles the extension runs (dist/client.js, dist/server.js).
if (build) {
  log('building the extension (node esbuild.mjs)');
  const res = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (res.status !== 0) fail('the build failed (see above); fix it and run npm start again');
}
if (!existsSync(path.join(ROOT, 'dist/client.js')) || !existsSync(path.join(ROOT, 'dist/server.js')))
  fail('dist/client.js or dist/server.js is missing: run npm run build');

// 2. The real VS Code, cached: a second run only checks it is still complete.
log('setting up the real VS Code (bash scripts/setup-vscode.sh; cached after the first run)');
const setup = spawnSync('bash', [path.join(ROOT, 'scripts/setup-vscode.sh')], { cwd: ROOT, stdio: 'inherit' });
if (setup.status !== 0) {
  fail(
    'the VS Code set-up failed (its message above says why and gives the command to run, e.g. the apt-get line for missing Debian packages).\n' +
      '        Once that is done: npm run setup:vscode && npm start',
    setup.status ?? 1,
  );
}

// 3. code-server on loopback with a throwaway profile under .cache/start/.
let port = Number(process.env.PORT || DEFAULT_PORT);
if (!Number.isInteger(port) || port <= 0 || port > 65535) fail(`PORT=${process.env.PORT} is not a port number`);
if (check && !process.env.PORT) port = await freePort();
else if (await portInUse(port)) fail(`port ${port} on 127.0.0.1 is in use (another npm start?). Pick another: PORT=${port + 1} npm start`);
const host = `127.0.0.1:${port}`;

const stateDir = path.join(ROOT, '.cache/start', String(port));
rmSync(stateDir, { recursive: true, force: true });
const userDataDir = path.join(stateDir, 'user-data');
const extensionsDir = path.join(stateDir, 'extensions');
mkdirSync(extensionsDir, { recursive: true });
// The extension is this repository itself, linked into the extensions folder as an installed
// extension would be: a plain URL loads it, and "Developer: Reload Window" picks up a new build.
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
symlinkSync(ROOT, path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`), 'dir');
writeUserSettings(userDataDir);
let workspace;
if (workspaceArg) {
  workspace = path.resolve(workspaceArg);
  if (!existsSync(workspace)) fail(`--workspace ${workspaceArg}: no such folder`);
} else {
  // A copy, so that trying the quick fixes never edits the repository's examples.
  workspace = path.join(stateDir, 'examples');
  cpSync(path.join(ROOT, 'examples'), workspace, { recursive: true });
}
const logFile = path.join(stateDir, 'code-server.log');

log(`starting code-server on ${host}`);
const codeServer = startCodeServer({
  host,
  userDataDir,
  extensionsDir,
  folder: workspace,
  logFile,
  verbose,
  // Read by the --check smoke suite: the extension must come from this repository.
  env: { POSTMORTEM_SMOKE_EXTENSION_ROOT: ROOT },
});

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  await stopCodeServer(codeServer);
  rmSync(stateDir, { recursive: true, force: true, maxRetries: 3 });
  process.exit(code);
}
const logTail = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8').trim().split('\n').slice(-30).join('\n') : '(no log)');
codeServer.on('exit', (code, signal) => {
  if (stopping) return;
  console.error(`[start] code-server exited (code ${code}, signal ${signal}); its last lines:\n${logTail()}`);
  void stop(1);
});
process.on('SIGINT', () => {
  console.log('');
  log('stopping code-server');
  void stop(0);
});
process.on('SIGTERM', () => void stop(0));
process.on('SIGHUP', () => void stop(0));

try {
  await waitForHttp(`http://${host}/healthz`, Date.now() + 60_000, () => codeServer.exitCode === null);
  const url = `http://${host}/?folder=${encodeURI(workspace)}`;
  const res = await waitForHttp(url, Date.now() + 30_000, () => codeServer.exitCode === null);
  const page = await res.text();
  if (!/<html/i.test(page) || !/workbench/i.test(page)) throw new Error(`${url} answered ${res.status} but not with the workbench page`);

  if (check) {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run npm run setup:vscode`);
    const { buildSmokeSuite } = await import('../test/package/build.mjs');
    const testsPath = await buildSmokeSuite();
    log('workbench answers HTTP 200; loading the extension in headless Chromium and linting an example');
    const code = await runSuiteInBrowser({
      // VS Code runs extensionTestsPath only alongside an extension under development: the test
      // harness (an empty extension) is that one, so ours is loaded as installed, as users get it.
      url: workbenchUrl(host, workspace, { developmentPath: HARNESS, testsPath }),
      timeoutMs: 120_000,
      verbose,
      onLog: (text, type) => {
        if (/^\[\[smoke:/.test(text)) return;
        (type === 'error' ? process.stderr : process.stdout).write(`${text}\n`);
      },
    });
    if (code !== 0)
      throw new Error(
        `the extension did not lint the example postmortem (exit code ${code}); code-server log: ${path.relative(ROOT, logFile)}`,
      );
    console.log(`\n  Postmortem Lint in VS Code: ${url}\n`);
    log(`check passed in ${elapsed()}`);
    await stop(0);
  } else {
    console.log(`
  Postmortem Lint is running in VS Code ${host} (ready in ${elapsed()}). Open in your browser:

    ${url}

  Workspace: ${path.relative(ROOT, workspace) || '.'}${workspaceArg ? '' : ' (a fresh copy of examples/ each start: edit freely)'}
  After npm run build, run "Developer: Reload Window" to load the new bundles.
  On another machine? Forward the port first: ssh -L ${port}:127.0.0.1:${port} THIS_HOST
  Ctrl-C stops it.
`);
  }
} catch (e) {
  console.error(`[start] ERROR: ${e instanceof Error ? e.message : String(e)}`);
  console.error(`[start] code-server's last lines:\n${logTail()}`);
  await stop(1);
}
