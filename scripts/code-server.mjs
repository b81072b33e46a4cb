/* global fetch, AbortSignal */
// What `npm start`, the e2e runner and the packaged-extension smoke test share about running the
// real VS Code: code-server (VS Code 1.100.3's server and web workbench, installed into
// .cache/vscode by scripts/setup-vscode.sh) on a loopback port with throwaway state, and
// headless Chromium (Debian's, through playwright-core) to drive a test suite inside it.
// See ../shared/docs/real-vscode-tests.md and test/e2e/README.md.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Same override as scripts/setup-vscode.sh. */
export const VSCODE_CACHE = process.env.POSTMORTEM_VSCODE_CACHE ?? path.join(ROOT, '.cache/vscode');
export const CODE_SERVER_ENTRY = path.join(VSCODE_CACHE, 'node_modules/code-server/out/node/entry.js');
export const CHROMIUM = '/usr/bin/chromium';
/** Headless Chromium flags for driving the workbench: no sandbox (containers), no GPU, nothing fetched in the background. */
export const CHROMIUM_ARGS = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
]);
export const EXTENSION_ID = 'postmortem-tools.postmortem-lint';

/** Workbench chatter that says nothing about a test run: the offline gallery, the missing vsda file, start-up noise. */
export const NOISE = [
  /open-vsx\.org/,
  /vsda/,
  /^Creating a socket/,
  /^\[Service Worker\]/,
  /^ChatSessionStore:/,
  /^Updating additional builtin extensions cache/,
  /^Resolv(ing|ed) connection token/,
];

/** User settings for a quiet workbench: no welcome page, tips, telemetry, update checks or trust prompt. */
export const QUIET_SETTINGS = Object.freeze({
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'files.autoSave': 'off',
  'editor.minimap.enabled': false,
  'window.commandCenter': false,
  'chat.commandCenter.enabled': false,
  'workbench.colorTheme': 'Default Dark Modern',
});

/** Writes `settings` (default: the quiet ones) as the user settings of a user-data dir. */
export function writeUserSettings(userDataDir, settings = QUIET_SETTINGS) {
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  writeFileSync(path.join(userDataDir, 'User/settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
}

/** A port the OS says is free right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Whether something already listens on host:port. */
export function portInUse(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Polls `url` until it answers 2xx; throws at `deadline` (ms since the epoch) or when `isAlive()` turns false. */
export async function waitForHttp(url, deadline, isAlive = () => true) {
  let lastError;
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error('code-server exited before it was ready');
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return res;
      lastError = new Error(`HTTP ${res.status}`);
    } catch (e) {
      lastError = e;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer ${url} in time: ${lastError?.message ?? lastError}`);
}

/** The arguments every code-server start here shares: loopback, no auth, no telemetry or update checks, throwaway state. */
export function codeServerArgs({ host, userDataDir, extensionsDir }) {
  return [
    '--auth',
    'none',
    '--bind-addr',
    host,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
  ];
}

/**
 * Starts code-server in its own process group (so stopCodeServer ends the extension host too),
 * its output to `logFile` (and to the terminal when `verbose`). Returns the child process.
 */
export function startCodeServer({ host, userDataDir, extensionsDir, folder, logFile, verbose = false, env }) {
  if (!existsSync(CODE_SERVER_ENTRY))
    throw new Error(`code-server is not installed at ${path.relative(ROOT, CODE_SERVER_ENTRY)} (run: npm run setup:vscode)`);
  mkdirSync(path.dirname(logFile), { recursive: true });
  const out = createWriteStream(logFile);
  const child = spawn(
    process.execPath,
    [CODE_SERVER_ENTRY, ...codeServerArgs({ host, userDataDir, extensionsDir }), ...(folder ? [folder] : [])],
    {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    },
  );
  for (const stream of [child.stdout, child.stderr]) {
    stream.pipe(out, { end: false });
    if (verbose) stream.on('data', (d) => process.stdout.write(`[code-server] ${d}`));
  }
  return child;
}

/** Ends code-server's process group: SIGTERM, then SIGKILL after `graceMs`. Resolves once it is gone. */
export async function stopCodeServer(child, graceMs = 5000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', () => r(true)));
  const signal = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      /* already gone */
    }
  };
  signal('SIGTERM');
  const gone = await Promise.race([exited, new Promise((r) => setTimeout(() => r(false), graceMs))]);
  if (!gone) {
    signal('SIGKILL');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
  }
}

/**
 * The workbench URL opening `folder`, with VS Code's development options (`extensionDevelopmentPath`,
 * `extensionTestsPath`: absolute paths on this machine) passed through the `payload` parameter.
 */
export function workbenchUrl(host, folder, { developmentPath, testsPath } = {}) {
  const remote = (p) => `vscode-remote://${host}${p}`;
  const payload = [];
  if (developmentPath) payload.push(['extensionDevelopmentPath', remote(developmentPath)]);
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  let url = `http://${host}/?folder=${encodeURIComponent(folder)}`;
  if (payload.length) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

/**
 * Installs a .vsix into `extensionsDir` with code-server's own `--install-extension` (what a user's
 * "Install from VSIX…" does). Throws with code-server's output when it fails.
 */
export function installExtension({ vsix, extensionsDir, userDataDir }) {
  const res = spawnSync(
    process.execPath,
    [CODE_SERVER_ENTRY, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'],
    {
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  const output = `${res.stdout ?? ''}${res.stderr ?? ''}`.trim();
  if (res.status !== 0 || /failed|error/i.test(output)) {
    throw new Error(`code-server --install-extension ${path.basename(vsix)} failed (exit ${res.status ?? res.signal}):\n${output}`);
  }
  return output;
}

/** The extensions code-server lists as installed in `extensionsDir`, as `id@version`. */
export function listExtensions({ extensionsDir, userDataDir }) {
  const res = spawnSync(
    process.execPath,
    [CODE_SERVER_ENTRY, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--list-extensions', '--show-versions'],
    {
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return (res.stdout ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

/**
 * Opens `url` (a workbench URL with an `extensionTestsPath`) in headless Chromium and resolves with the
 * suite's exit code once the extension host reports it through `codeAutomationExit`. The extension
 * host's console goes to `onLog(text, type)`. Rejects after `timeoutMs`.
 */
export async function runSuiteInBrowser({ url, timeoutMs = 120_000, onLog = (text) => console.log(text), verbose = false }) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [...CHROMIUM_ARGS],
  });
  let timer;
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    let reportExit;
    const exited = new Promise((resolve) => {
      reportExit = resolve;
    });
    await page.exposeFunction('codeAutomationExit', (code) => reportExit(typeof code === 'number' ? code : 1));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      if (!verbose && NOISE.some((re) => re.test(text))) return;
      onLog(text, type);
    });
    if (verbose) {
      page.on('console', (msg) => console.log(`[page ${msg.type()}] ${msg.text()}`));
      page.on('pageerror', (err) => console.log(`[page error] ${err.message}`));
    }
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the suite did not finish within ${timeoutMs / 1000} s`)), timeoutMs);
    });
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    return await Promise.race([exited, timeout]);
  } finally {
    clearTimeout(timer);
    await browser.close().catch(() => {});
  }
}
