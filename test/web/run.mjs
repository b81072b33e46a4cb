// Runs the web suite (out/web/index.js, built by test/web/build.mjs) in the browser's web-worker extension host,
// as vscode.dev and github.dev run the extension: code-server (VS Code 1.100.3's server and web workbench, from
// scripts/setup-vscode.sh) opened by headless Chromium, the extension under development passed in the page's
// `payload`, the suite's `run()` loaded as `extensionTestsPath`, and its result reported through
// `codeAutomationExit`. See ../shared/docs/web-extension-tests.md.
//
// vscode.dev and github.dev have no Node extension host, so they run the `browser` entry. code-server has one
// and would run `main` there (`extensionDevelopmentKind: web` does not change that in code-server 4.100.3): the
// extension under development is therefore a copy of what the .vsix ships whose manifest keeps only `browser`
// (otherwise unchanged), with the suite inside it.
//
// The last line is `web: N passed, M failed (web worker)`. Exit code: the suite's; 1 on a time-out or a failed start.
// Env: WEB_TIMEOUT_MS (default 120000), WEB_VERBOSE=1 (code-server's and the page's own logs too).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { format } from 'node:util';
import { chromium } from 'playwright-core';
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  CODE_SERVER_ENTRY,
  NOISE,
  ROOT,
  freePort,
  startCodeServer,
  stopCodeServer,
  waitForHttp,
  writeUserSettings,
} from '../../scripts/code-server.mjs';

const testsIndex = path.join(ROOT, 'out/web/index.js');
const resultsDir = path.join(ROOT, 'test-results');
const screenshotsDir = path.join(resultsDir, 'screenshots');
const codeServerLog = path.join(resultsDir, 'web-code-server.log');
const timeoutMs = Number(process.env.WEB_TIMEOUT_MS ?? 120_000);
const verbose = process.env.WEB_VERBOSE === '1';
const started = Date.now();
const log = (msg) => console.log(`[web ${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);

for (const [file, hint] of [
  [CODE_SERVER_ENTRY, 'run: npm run setup:vscode'],
  [testsIndex, 'run: node test/web/build.mjs'],
  [path.join(ROOT, 'dist/web/client.js'), 'run: npm run build'],
  [path.join(ROOT, 'dist/web/server.js'), 'run: npm run build'],
]) {
  if (!existsSync(file)) {
    console.error(`[web] missing ${path.relative(ROOT, file)} (${hint})`);
    console.log('web: 0 passed, 1 failed (web worker)');
    process.exit(1);
  }
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'postmortem-web-'));
const userDataDir = path.join(tmp, 'user-data');
const extensionsDir = path.join(tmp, 'extensions');
const workspace = path.join(tmp, 'workspace');
const extension = path.join(tmp, 'extension');
mkdirSync(extensionsDir, { recursive: true });
for (const part of [
  'dist/web/client.js',
  'dist/web/server.js',
  'client/media',
  'schemas',
  'snippets',
  'syntaxes',
  'media/icon.png',
  'README.md',
  'LICENSE',
]) {
  cpSync(path.join(ROOT, part), path.join(extension, part), { recursive: true });
}
// The suite goes inside the extension: VS Code runs an extensionTestsPath in the host of the extension that holds it.
const extensionTests = path.join(extension, 'out/web/index.js');
cpSync(testsIndex, extensionTests);
const { main: _node, ...manifest } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
writeFileSync(path.join(extension, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
mkdirSync(screenshotsDir, { recursive: true });
cpSync(path.join(ROOT, 'test/fixtures/e2e-workspace'), workspace, { recursive: true });
writeUserSettings(userDataDir);

let codeServer;
let browser;
let page;
let result;
let finished = false;

async function finish(code, why) {
  if (finished) return;
  finished = true;
  if (why) log(why);
  if (page) await screenshot('web-final');
  await browser?.close().catch(() => {});
  await stopCodeServer(codeServer);
  rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
  const exitCode = result ? (result.failed > 0 ? Math.max(code, 1) : code) : 1;
  log(`done: exit code ${exitCode}`);
  console.log(
    result
      ? `web: ${result.passed} passed, ${result.failed} failed (web worker)`
      : 'web: 0 passed, 1 failed (web worker; the suite did not report)',
  );
  process.exit(exitCode);
}

let screenshots = Promise.resolve();
function screenshot(name) {
  const file = path.join(screenshotsDir, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  screenshots = screenshots
    .then(() => page.screenshot({ path: `${file}.tmp.png` }))
    .then(() => {
      renameSync(`${file}.tmp.png`, file);
      log(`screenshot ${path.relative(ROOT, file)}`);
    })
    .catch((e) => log(`screenshot ${name} failed: ${e.message}`));
  return screenshots;
}

process.on('SIGINT', () => void finish(130, 'interrupted'));
process.on('SIGTERM', () => void finish(143, 'terminated'));
setTimeout(() => void finish(1, `time-out after ${timeoutMs / 1000} s`), timeoutMs).unref();

try {
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  log(`starting code-server on ${host}`);
  codeServer = startCodeServer({
    host,
    userDataDir,
    extensionsDir,
    folder: workspace,
    logFile: codeServerLog,
    verbose,
  });
  codeServer.on('exit', (code, signal) => {
    if (!finished)
      void finish(1, `code-server exited unexpectedly (code ${code}, signal ${signal}); log: ${path.relative(ROOT, codeServerLog)}`);
  });
  await waitForHttp(`http://${host}/healthz`, Date.now() + 60_000, () => codeServer.exitCode === null);

  browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] });
  page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 })).newPage();
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const text = format(...(Array.isArray(args) ? args : [args]));
    for (const line of text.split('\n')) {
      const shot = /\[\[screenshot:([\w.-]+)\]\]/.exec(line);
      if (shot?.[1]) void screenshot(shot[1]);
      const r = /^\[\[result:(\d+),(\d+),(\d+)\]\]$/.exec(line);
      if (r) result = { passed: Number(r[1]), failed: Number(r[2]) };
    }
    if (/^\[\[(result|screenshot):/.test(text)) return;
    if (!verbose && NOISE.some((re) => re.test(text))) return;
    (type === 'error' ? process.stderr : process.stdout).write(`${text}\n`);
  });
  await page.exposeFunction('codeAutomationExit', async (code) => {
    await screenshots;
    void finish(typeof code === 'number' ? code : 1, `suite finished with code ${code}`);
  });
  if (verbose) {
    page.on('console', (msg) => console.log(`[page ${msg.type()}] ${msg.text()}`));
    page.on('pageerror', (err) => console.log(`[page error] ${err.message}`));
  }

  const remote = (p) => `vscode-remote://${host}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(extension)],
    ['extensionDevelopmentKind', 'web'],
    ['extensionTestsPath', remote(extensionTests)],
  ];
  log('opening the workbench; the suite runs in its web-worker extension host');
  await page.goto(`http://${host}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`, {
    waitUntil: 'domcontentloaded',
    timeout: 60_000,
  });
} catch (e) {
  console.error(e);
  if (existsSync(codeServerLog)) console.error(readFileSync(codeServerLog, 'utf8').split('\n').slice(-30).join('\n'));
  await finish(1, `failed: ${e.message}`);
}
