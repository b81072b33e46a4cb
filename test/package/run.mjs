// `npm run test:package`: the packaged extension works when installed.
//
// Builds the .vsix (scripts/package.mjs), installs it with code-server's own `--install-extension`
// into a fresh extensions folder, starts the real VS Code with that folder and a copy of examples/,
// and runs the smoke suite (test/package/suite/smoke.ts) inside it. The extension under test is the
// INSTALLED copy: VS Code only runs an `extensionTestsPath` next to an extension under development,
// so that development extension is test/package/harness, an empty one that only hosts the suite.
// Everything lives in the OS temp folder, outside the repository, so the installed extension can
// never resolve a module from this repository's node_modules.
//
// Usage: node --import tsx test/package/run.mjs [--no-package] [--verbose]   (--no-package: test the existing .vsix)
// Exit code 0 when the smoke suite passed. Last line: "package: smoke test passed|failed (… s)".
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  EXTENSION_ID,
  ROOT,
  freePort,
  installExtension,
  listExtensions,
  runSuiteInBrowser,
  startCodeServer,
  stopCodeServer,
  waitForHttp,
  workbenchUrl,
  writeUserSettings,
} from '../../scripts/code-server.mjs';
import { packageExtension } from '../../scripts/package.mjs';
import { buildSmokeSuite } from './build.mjs';

const HARNESS = path.join(ROOT, 'test/package/harness');
/** The example that shows every rule: the smoke suite opens it in the installed extension. */
const SMOKE_FILE = '2024-10-02-search-every-rule-postmortem.md';
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const started = Date.now();
const log = (msg) => console.log(`[package ${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);

const tmp = mkdtempSync(path.join(os.tmpdir(), 'postmortem-package-'));
const userDataDir = path.join(tmp, 'user-data');
const extensionsDir = path.join(tmp, 'extensions');
const workspace = path.join(tmp, 'examples');
const logFile = path.join(ROOT, 'test-results/package-code-server.log');
let codeServer;

async function finish(code, why) {
  if (why) (code === 0 ? console.log : console.error)(`[package] ${why}`);
  await stopCodeServer(codeServer);
  rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
  console.log(`package: smoke test ${code === 0 ? 'passed' : 'failed'} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  process.exit(code);
}
process.on('SIGINT', () => void finish(130, 'interrupted'));
process.on('SIGTERM', () => void finish(143, 'terminated'));

try {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  let vsix = path.join(ROOT, `${manifest.name}-${manifest.version}.vsix`);
  if (args.includes('--no-package')) {
    if (!existsSync(vsix)) throw new Error(`${path.basename(vsix)} is missing: run npm run package`);
  } else {
    log('packaging (scripts/package.mjs)');
    ({ vsix } = packageExtension());
  }
  log(`testing ${path.relative(ROOT, vsix)}`);

  const setup = spawnSync('bash', [path.join(ROOT, 'scripts/setup-vscode.sh')], { cwd: ROOT, stdio: 'inherit' });
  if (setup.status !== 0) throw new Error('scripts/setup-vscode.sh failed (see above)');

  mkdirSync(extensionsDir, { recursive: true });
  writeUserSettings(userDataDir);
  cpSync(path.join(ROOT, 'examples'), workspace, { recursive: true });

  log('installing it: code-server --install-extension');
  installExtension({ vsix, extensionsDir, userDataDir });
  const installed = listExtensions({ extensionsDir, userDataDir });
  const expected = `${EXTENSION_ID}@${manifest.version}`;
  if (!installed.includes(expected))
    throw new Error(`after --install-extension, code-server lists ${installed.join(', ') || 'nothing'}, not ${expected}`);
  log(`installed: ${installed.join(', ')}`);

  const testsPath = await buildSmokeSuite();
  // The rules the every-rule example says it trips (its opening comment lists them) must all be
  // reported on it; rules documented in docs/rules/ that it does not list yet are pointed out.
  const example = readFileSync(path.join(ROOT, 'examples', SMOKE_FILE), 'utf8');
  const documented = readdirSync(path.join(ROOT, 'docs/rules'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => f.slice(0, -3));
  const rules = [...(/<!--([\s\S]*?)-->/.exec(example)?.[1] ?? '').matchAll(/^\s+([a-z]+(?:-[a-z]+)+)\s/gm)]
    .map((m) => m[1])
    .filter((r) => documented.includes(r));
  const uncovered = documented.filter((r) => !rules.includes(r));
  if (uncovered.length)
    log(
      `note: examples/${SMOKE_FILE} does not show ${uncovered.join(', ')} yet (add a line that trips each and list it in its opening comment)`,
    );
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  codeServer = startCodeServer({
    host,
    userDataDir,
    extensionsDir,
    folder: workspace,
    logFile,
    verbose,
    env: {
      POSTMORTEM_SMOKE_EXTENSION_ROOT: extensionsDir,
      POSTMORTEM_SMOKE_FILE: SMOKE_FILE,
      POSTMORTEM_SMOKE_RULES: rules.join(','),
    },
  });
  codeServer.on('exit', (code, signal) => {
    codeServer = undefined;
    void finish(1, `code-server exited unexpectedly (code ${code}, signal ${signal}); log: ${path.relative(ROOT, logFile)}`);
  });
  await waitForHttp(`http://${host}/healthz`, Date.now() + 60_000, () => codeServer?.exitCode === null);
  log(`code-server is up on ${host}; running the smoke suite in headless Chromium`);

  const code = await runSuiteInBrowser({
    url: workbenchUrl(host, workspace, { developmentPath: HARNESS, testsPath }),
    timeoutMs: Number(process.env.PACKAGE_TIMEOUT_MS ?? 120_000),
    verbose,
    onLog: (text, type) => {
      if (/^\[\[smoke:/.test(text)) return;
      (type === 'error' ? process.stderr : process.stdout).write(`${text}\n`);
    },
  });
  codeServer.removeAllListeners('exit');
  await finish(
    code === 0 ? 0 : 1,
    code === 0 ? undefined : `the smoke suite failed (exit code ${code}); code-server log: ${path.relative(ROOT, logFile)}`,
  );
} catch (e) {
  codeServer?.removeAllListeners('exit');
  await finish(1, `ERROR: ${e instanceof Error ? e.message : String(e)}`);
}
