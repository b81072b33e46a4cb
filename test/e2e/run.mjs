/* global document, window */
// Runs the end-to-end suite inside a real VS Code: code-server (VS Code 1.100.3's server and web
// workbench, installed by scripts/setup-vscode.sh) opened by headless Chromium via playwright-core.
// The extension under development is this repository; the tests are out/e2e/index.js
// (built by test/e2e/build.mjs). See ../shared/docs/real-vscode-tests.md.
//
// Exit code: the suite's (0 when every test passed); 1 on a time-out or when anything fails to start.
// Env: E2E_TIMEOUT_MS (default 300000), E2E_GREP (mocha grep, passed to the suite), E2E_VERBOSE=1
// (print code-server's and the page's own logs too).
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, NOISE, codeServerArgs, freePort, waitForHttp, writeUserSettings } from '../../scripts/code-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const codeServerEntry = path.join(root, '.cache/vscode/node_modules/code-server/out/node/entry.js');
const testsIndex = path.join(root, 'out/e2e/index.js');
const fixtureWorkspace = path.join(root, 'test/fixtures/e2e-workspace');
const resultsDir = path.join(root, 'test-results');
const screenshotsDir = path.join(resultsDir, 'screenshots');
const timeoutMs = Number(process.env.E2E_TIMEOUT_MS ?? 300_000);
const verbose = process.env.E2E_VERBOSE === '1';
const started = Date.now();

// Workbench chatter (NOISE) is hidden unless E2E_VERBOSE=1; the gallery and the missing vsda file are harmless offline.
const log = (msg) => console.log(`[e2e ${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);

for (const [file, hint] of [
  [codeServerEntry, 'run: npm run setup:vscode'],
  [testsIndex, 'run: node test/e2e/build.mjs'],
  [path.join(root, 'dist/client.js'), 'run: npm run build'],
]) {
  if (!existsSync(file)) {
    console.error(`[e2e] missing ${path.relative(root, file)} (${hint})`);
    process.exit(1);
  }
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'postmortem-e2e-'));
const userDataDir = path.join(tmp, 'user-data');
const extensionsDir = path.join(tmp, 'extensions');
const workspace = path.join(tmp, 'workspace');
mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
mkdirSync(extensionsDir, { recursive: true });
mkdirSync(screenshotsDir, { recursive: true });
cpSync(fixtureWorkspace, workspace, { recursive: true });
writeUserSettings(userDataDir);

let codeServer;
let browser;
let exitCode = 1;
let finished = false;
/** The suite's counts, from its [[result:...]] line. */
let result;
const codeServerLog = path.join(resultsDir, 'code-server.log');

async function cleanup() {
  if (browser) await browser.close().catch(() => {});
  if (codeServer && codeServer.exitCode === null) {
    // code-server runs in its own process group: end it and the extension host it spawned.
    try {
      process.kill(-codeServer.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    const gone = await Promise.race([
      new Promise((r) => codeServer.once('exit', () => r(true))),
      new Promise((r) => setTimeout(() => r(false), 5000)),
    ]);
    if (!gone) {
      try {
        process.kill(-codeServer.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  }
  if (process.env.E2E_KEEP === '1') console.log(`[e2e] kept ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
}

async function finish(code, why) {
  if (finished) return;
  finished = true;
  exitCode = code;
  if (why) log(why);
  await cleanup();
  log(`done: exit code ${exitCode}`);
  // The closing line CI reads: "e2e: N passed, N failed".
  if (result) console.log(`e2e: ${result.passed} passed, ${result.failed} failed${result.skipped ? `, ${result.skipped} skipped` : ''}`);
  else console.log('e2e: 0 passed, 1 failed (the suite did not report)');
  process.exit(exitCode);
}

process.on('SIGINT', () => void finish(130, 'interrupted'));
process.on('SIGTERM', () => void finish(143, 'terminated'));
const overall = setTimeout(() => {
  void (async () => {
    log(`time-out after ${timeoutMs / 1000} s`);
    if (browser) {
      const page = browser.contexts()[0]?.pages()[0];
      await page?.screenshot({ path: path.join(screenshotsDir, 'timeout.png') }).catch(() => {});
    }
    await finish(1);
  })();
}, timeoutMs);
overall.unref();

try {
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  log(`starting code-server on ${host} (workspace ${workspace})`);
  mkdirSync(resultsDir, { recursive: true });
  const csOut = createWriteStream(codeServerLog);
  codeServer = spawn(process.execPath, [codeServerEntry, ...codeServerArgs({ host, userDataDir, extensionsDir }), workspace], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [codeServer.stdout, codeServer.stderr]) {
    stream.pipe(csOut, { end: false });
    if (verbose) stream.on('data', (d) => process.stdout.write(`[code-server] ${d}`));
  }
  codeServer.on('exit', (code, signal) => {
    if (!finished)
      void finish(1, `code-server exited unexpectedly (code ${code}, signal ${signal}); log: ${path.relative(root, codeServerLog)}`);
  });

  await waitForHttp(`http://${host}/healthz`, Date.now() + 60_000, () => codeServer.exitCode === null);
  log('code-server is up; launching chromium');

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [...CHROMIUM_ARGS],
  });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();

  let screenshotQueue = Promise.resolve();
  const screenshot = (name) => {
    const safe = name.replace(/[^\w.-]+/g, '_');
    const file = path.join(screenshotsDir, `${safe}.png`);
    // Written under a temporary name and renamed, so a test polling for the file sees it whole.
    screenshotQueue = screenshotQueue
      .then(() => page.screenshot({ path: `${file}.tmp.png` }))
      .then(() => {
        renameSync(`${file}.tmp.png`, file);
        log(`screenshot ${path.relative(root, file)}`);
      })
      .catch((e) => log(`screenshot ${safe} failed: ${e.message}`));
  };

  // Webviews are iframes inside the workbench: a test logs [[frames:NAME]] to have every frame's state
  // (title, a marker payloads would set, the preview's scroll) written to test-results/frames/NAME.json, and
  // [[preview-click:NAME:SELECTOR]] to click an element of the postmortem preview (result in NAME.json),
  // [[trends-click:NAME:SELECTOR]] the same in the incident trends panel, [[page-click:NAME:SELECTOR]] in the
  // workbench itself (a pane header, for a picture).
  const framesDir = path.join(resultsDir, 'frames');
  mkdirSync(framesDir, { recursive: true });
  const writeResult = (name, data) => {
    const file = path.join(framesDir, `${name}.json`);
    writeFileSync(`${file}.tmp`, JSON.stringify(data, null, 2));
    renameSync(`${file}.tmp`, file);
  };
  /** A frame whose document never got a script context (blocked by a CSP) does not answer: give up on it. */
  const withTimeout = (promise, ms = 3000) =>
    Promise.race([promise, new Promise((resolve) => setTimeout(() => resolve({ error: `no answer in ${ms} ms` }), ms))]);
  const inspectFrames = (name) => {
    screenshotQueue = screenshotQueue
      .then(async () => {
        const frames = [];
        for (const frame of page.frames()) {
          const info = await withTimeout(
            frame
              .evaluate(() => ({
                title: document.title,
                pwned: Boolean(window.__pwned) || /pwned/i.test(document.title),
                isPreview: Boolean(document.getElementById('pm-root')),
                isTrends: Boolean(document.getElementById('tr-root')),
                scrollY: window.scrollY,
                testRaw: Boolean(document.getElementById('pm-test-raw')),
                theme: document.body?.className ?? '',
              }))
              .catch((e) => ({ error: String(e.message ?? e) })),
          );
          frames.push({ url: frame.url().slice(0, 200), ...info });
        }
        writeResult(name, { frames });
      })
      .catch((e) => log(`frames ${name} failed: ${e.message}`));
  };
  const clickInPreview = (name, selector, rootId = 'pm-root') => {
    screenshotQueue = screenshotQueue
      .then(async () => {
        for (const frame of page.frames()) {
          const hasPreview =
            (await withTimeout(frame.evaluate((id) => Boolean(document.getElementById(id)), rootId).catch(() => false))) === true;
          if (!hasPreview) continue;
          const clicked = await frame.click(selector, { timeout: 5000 }).then(
            () => true,
            (e) => String(e.message ?? e),
          );
          // Move the pointer off the preview again, so that no hover is left in later screenshots.
          await page.mouse.move(1, 1).catch(() => {});
          writeResult(name, { clicked });
          return;
        }
        writeResult(name, { clicked: `no frame with #${rootId}` });
      })
      .catch((e) => log(`preview-click ${name} failed: ${e.message}`));
  };

  const clickInPage = (name, selector) => {
    screenshotQueue = screenshotQueue
      .then(async () => {
        const clicked = await page.click(selector, { timeout: 5000 }).then(
          () => true,
          (e) => String(e.message ?? e),
        );
        await page.mouse.move(1, 1).catch(() => {});
        writeResult(name, { clicked });
      })
      .catch((e) => log(`page-click ${name} failed: ${e.message}`));
  };

  await page.exposeFunction('codeAutomationLog', (type, args) => {
    // args are the console call's arguments, format string first ('%s passing (%s)', ...).
    const text = format(...(Array.isArray(args) ? args : [args]));
    for (const line of text.split('\n')) {
      const m = /\[\[screenshot:([^\]]+)\]\]/.exec(line);
      if (m?.[1]) screenshot(m[1]);
      const f = /\[\[frames:([\w.-]+)\]\]/.exec(line);
      if (f?.[1]) inspectFrames(f[1]);
      const c = /\[\[preview-click:([\w.-]+):(.+)\]\]$/.exec(line);
      if (c?.[1] && c[2]) clickInPreview(c[1], c[2]);
      const t = /\[\[trends-click:([\w.-]+):(.+)\]\]$/.exec(line);
      if (t?.[1] && t[2]) clickInPreview(t[1], t[2], 'tr-root');
      const p = /\[\[page-click:([\w.-]+):(.+)\]\]$/.exec(line);
      if (p?.[1] && p[2]) clickInPage(p[1], p[2]);
      const r = /^\[\[result:(\d+),(\d+),(\d+)\]\]$/.exec(line);
      if (r) result = { passed: Number(r[1]), failed: Number(r[2]), skipped: Number(r[3]) };
    }
    if (/^\[\[result:/.test(text)) return;
    if (!verbose && NOISE.some((re) => re.test(text))) return;
    const out = type === 'error' ? process.stderr : process.stdout;
    out.write(`${text}\n`);
  });
  await page.exposeFunction('codeAutomationExit', async (code) => {
    await screenshotQueue;
    void finish(typeof code === 'number' ? code : 1, `suite finished with code ${code}`);
  });
  if (verbose) {
    page.on('console', (msg) => console.log(`[page ${msg.type()}] ${msg.text()}`));
    page.on('pageerror', (err) => console.log(`[page error] ${err.message}`));
  }

  const remote = (p) => `vscode-remote://${host}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(root)],
    ['extensionTestsPath', remote(testsIndex)],
  ];
  const url = `http://${host}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  log('opening the workbench');
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
} catch (e) {
  console.error(e);
  if (existsSync(codeServerLog)) console.error(readFileSync(codeServerLog, 'utf8').split('\n').slice(-40).join('\n'));
  await finish(1, `failed: ${e.message}`);
}
