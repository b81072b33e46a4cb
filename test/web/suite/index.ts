/**
 * The web suite: runs in the browser's web-worker extension host (no Node: no `process`, no `fs`), in the
 * `run()` form VS Code's test runners load as `extensionTestsPath` (test/web/run.mjs here, through
 * code-server; @vscode/test-web where it can download VS Code). A small runner of its own, since mocha's
 * Node build cannot load in a worker: each test runs in order with a deadline, and the counts go out as a
 * `[[result:passed,failed,skipped]]` line the runner reads.
 */
import * as vscode from 'vscode';

const EXTENSION_ID = 'postmortem-tools.postmortem-lint';
const TEST_TIMEOUT_MS = 30_000;

interface PostmortemApi {
  ready: Promise<void>;
  client: { isRunning(): boolean; sendRequest<R>(method: string, params: unknown): Promise<R> };
  preview(): {
    uri: string | undefined;
    visible: boolean;
    render: { isPostmortem: boolean; figures: { duration: string | null } } | undefined;
    appliedVersion: number | undefined;
  };
  indexView(): {
    loads: number;
    message: string | undefined;
    rows: { uri: string; label: string; description: string }[];
  };
  trends(): {
    generation: number;
    result: { rows: unknown[]; note?: string } | undefined;
    rendered: { generation: number; rows: number; points: number } | undefined;
  };
}

// ---- assertions and waiting (no node:assert in a worker) -----------------------------------------------

function fail(message: string): never {
  throw new Error(message);
}

function ok(value: unknown, message: string): asserts value {
  if (!value) fail(message);
}

function equal<T>(actual: T, expected: T, what: string): void {
  if (actual !== expected) fail(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

/** Resolves once `probe` returns something, checked now and on each of `events` (and every 250 ms as a fallback); rejects at the deadline. */
function waitFor<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  what: string,
  events: vscode.Event<unknown>[] = [],
  timeoutMs = 20_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    let done = false;
    const subscriptions: vscode.Disposable[] = [];
    const finish = (error: Error | null, value?: T) => {
      if (done) return;
      done = true;
      clearTimeout(deadline);
      clearInterval(poll);
      for (const s of subscriptions) s.dispose();
      if (error) reject(error);
      else resolve(value as T);
    };
    const check = async () => {
      try {
        const value = await probe();
        if (value !== undefined && value !== false) finish(null, value);
      } catch (error) {
        finish(error instanceof Error ? error : new Error(String(error)));
      }
    };
    const deadline = setTimeout(() => finish(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
    const poll = setInterval(() => void check(), 250);
    for (const event of events) subscriptions.push(event(() => void check()));
    void check();
  });
}

function workspaceUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  ok(folder, 'the web suite needs a workspace folder open');
  return vscode.Uri.joinPath(folder.uri, relative);
}

function ruleOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'postmortem');
}

function describe(ds: readonly vscode.Diagnostic[]): string {
  return ds.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${ruleOf(d)} ${d.message}`).join('\n  ') || '(none)';
}

function waitForDiagnostics(uri: vscode.Uri, predicate: (ds: vscode.Diagnostic[]) => boolean, what: string): Promise<vscode.Diagnostic[]> {
  return waitFor(() => (predicate(ours(uri)) ? ours(uri) : undefined), what, [
    vscode.languages.onDidChangeDiagnostics as vscode.Event<unknown>,
  ]).catch((error: Error) => {
    throw new Error(`${error.message}; diagnostics now:\n  ${describe(ours(uri))}`);
  });
}

async function open(relative: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(relative));
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

async function activate(): Promise<PostmortemApi> {
  const extension = vscode.extensions.getExtension<PostmortemApi>(EXTENSION_ID);
  ok(extension, `${EXTENSION_ID} is not loaded`);
  const api = await extension.activate();
  await api.ready;
  ok(api.client.isRunning(), 'the language server (web worker) is not running: see the "Postmortem" output channel');
  return api;
}

// ---- the tests --------------------------------------------------------------------------------------

const DURATION = 'incidents/2024-09-18-search-settings-postmortem.md';
const hasDuration = (ds: vscode.Diagnostic[]) => ds.some((d) => ruleOf(d) === 'duration-consistent');

const tests: [string, () => Promise<void>][] = [
  [
    'runs in the web-worker extension host, with its language server in a worker',
    async () => {
      equal(typeof process, 'undefined', 'typeof process in the extension host');
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      ok(extension, `${EXTENSION_ID} is not loaded`);
      equal(extension.extensionKind, vscode.ExtensionKind.UI, 'the extension kind (UI: the web worker host in a browser)');
      await activate();
    },
  ],

  [
    'diagnostics on a postmortem',
    async () => {
      await activate();
      const document = await open(DURATION);
      const ds = await waitForDiagnostics(document.uri, hasDuration, 'a duration-consistent diagnostic');
      const duration = ds.find((d) => ruleOf(d) === 'duration-consistent')!;
      ok(/3 hours/.test(duration.message) && /2 hours 25 minutes/.test(duration.message), `the duration message: ${duration.message}`);
      equal(duration.range.start.line, 4, 'the line of the duration diagnostic (0-based)');
      console.log('[[screenshot:web-diagnostics]]');
    },
  ],

  [
    '.postmortemrc.json is read through vscode.workspace.fs, and its changes take effect',
    async () => {
      await activate();
      const document = await open(DURATION);
      await waitForDiagnostics(document.uri, hasDuration, 'a duration-consistent diagnostic');
      const rc = workspaceUri('incidents/.postmortemrc.json');
      await vscode.workspace.fs.writeFile(rc, new TextEncoder().encode(JSON.stringify({ rules: { 'duration-consistent': 'off' } })));
      try {
        await waitForDiagnostics(
          document.uri,
          (ds) => !hasDuration(ds),
          'duration-consistent to be turned off by incidents/.postmortemrc.json',
        );
        await vscode.workspace.fs.writeFile(rc, new TextEncoder().encode(JSON.stringify({ rules: { 'duration-consistent': 'error' } })));
        const ds = await waitForDiagnostics(
          document.uri,
          (d) => d.some((x) => ruleOf(x) === 'duration-consistent' && x.severity === vscode.DiagnosticSeverity.Error),
          'duration-consistent as an error after the file changed',
        );
        ok(ds.length > 0, 'diagnostics');
        // A broken file is reported on the file itself, at the URI the browser knows it by.
        await vscode.workspace.fs.writeFile(rc, new TextEncoder().encode('{ "rules": { "duration-consistent": "loud" } }'));
        await waitFor(() => ours(rc).find((d) => /loud|severity/i.test(d.message)), 'a problem reported on incidents/.postmortemrc.json', [
          vscode.languages.onDidChangeDiagnostics as vscode.Event<unknown>,
        ]);
      } finally {
        await vscode.workspace.fs.delete(rc);
      }
      await waitForDiagnostics(
        document.uri,
        (ds) => hasDuration(ds) && ds.every((d) => d.severity !== vscode.DiagnosticSeverity.Error),
        'duration-consistent back as a warning once the file is gone',
      );
    },
  ],

  [
    'a quick fix corrects the declared duration',
    async () => {
      await activate();
      const document = await open(DURATION);
      const ds = await waitForDiagnostics(document.uri, hasDuration, 'a duration-consistent diagnostic');
      const duration = ds.find((d) => ruleOf(d) === 'duration-consistent')!;
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        document.uri,
        duration.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const fix = actions.find((a) => a.edit && /2 hours 25 minutes/.test(a.title));
      ok(fix?.edit, `no quick fix for duration-consistent among: ${actions.map((a) => a.title).join(' | ')}`);
      ok(await vscode.workspace.applyEdit(fix.edit), 'the quick fix did not apply');
      ok(/2 hours 25 minutes/.test(document.lineAt(4).text), `line 5 after the fix: ${document.lineAt(4).text}`);
      await waitForDiagnostics(document.uri, (d) => !hasDuration(d), 'duration-consistent to go after the fix');
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await waitForDiagnostics(document.uri, hasDuration, 'duration-consistent back after reverting');
    },
  ],

  [
    'Sort Timeline puts the entries in order',
    async () => {
      await activate();
      const document = await open('commands/sort-postmortem.md');
      await waitForDiagnostics(document.uri, (ds) => ds.some((d) => ruleOf(d) === 'timeline-order'), 'a timeline-order error');
      await vscode.commands.executeCommand('postmortem.sortTimeline');
      const text = await waitFor(
        () => (document.getText().indexOf('09:00 UTC') < document.getText().indexOf('09:40 UTC') ? document.getText() : undefined),
        'the sorted timeline',
        [vscode.workspace.onDidChangeTextDocument as vscode.Event<unknown>],
      );
      const stamps = [...text.matchAll(/^- (2024-05-14 \d\d:\d\d UTC)/gm)].map((m) => m[1]).join(', ');
      equal(stamps, '2024-05-14 09:00 UTC, 2024-05-14 09:12 UTC, 2024-05-14 09:40 UTC, 2024-05-14 10:10 UTC', 'the timeline after sorting');
      await waitForDiagnostics(document.uri, (ds) => !ds.some((d) => ruleOf(d) === 'timeline-order'), 'the timeline-order error to go');
      await vscode.commands.executeCommand('workbench.action.files.revert');
    },
  ],

  [
    'hover reads a timestamp back in UTC',
    async () => {
      await activate();
      const document = await open(DURATION);
      const line = document.lineAt(13).text;
      const position = new vscode.Position(13, line.indexOf('9:26') + 1);
      const text = await waitFor(async () => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
        const joined = hovers
          .flatMap((h) => h.contents)
          .map((c) => (typeof c === 'string' ? c : c.value))
          .join('\n');
        return joined || undefined;
      }, 'a hover on 9:26 AM (UTC)');
      ok(/09:26 UTC/.test(text) && /11m|\+11/.test(text), `the hover: ${text}`);
    },
  ],

  [
    'New Postmortem… writes the file through vscode.workspace.fs and opens it',
    async () => {
      await activate();
      const created = await vscode.commands.executeCommand<vscode.Uri>('postmortem.new', {
        profile: 'default',
        title: 'Web worker check',
        date: '2024-06-08',
        zone: 'UTC',
      });
      ok(created, 'no file created');
      equal(vscode.workspace.asRelativePath(created), 'postmortems/2024-06-08-web-worker-check.md', 'the new file');
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(created));
      ok(/^# Web worker check\n/.test(text) && text.includes('## Timeline'), `the new file's text starts: ${text.slice(0, 80)}`);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    },
  ],

  [
    'Convert Timeline to Zone… rewrites the times and back',
    async () => {
      await activate();
      const document = await open('commands/convert-postmortem.md');
      const original = document.getText();
      await vscode.commands.executeCommand('postmortem.convertZone', { zone: 'PST' });
      await waitFor(() => (document.getText().includes('01:00 PST') ? true : undefined), 'times in PST', [
        vscode.workspace.onDidChangeTextDocument as vscode.Event<unknown>,
      ]);
      await vscode.commands.executeCommand('postmortem.convertZone', { zone: 'UTC' });
      await waitFor(() => (document.getText() === original ? true : undefined), 'the original text back', [
        vscode.workspace.onDidChangeTextDocument as vscode.Event<unknown>,
      ]);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    },
  ],

  [
    'Export as HTML writes one file beside the postmortem through vscode.workspace.fs',
    async () => {
      await activate();
      const document = await open(DURATION);
      const target = await vscode.commands.executeCommand<vscode.Uri>('postmortem.exportHtml', {
        uri: document.uri.toString(),
        beside: true,
      });
      ok(target, 'nothing exported');
      equal(vscode.workspace.asRelativePath(target), 'incidents/2024-09-18-search-settings-postmortem.html', 'the exported file');
      const html = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
      ok(
        html.includes('<h1 class="pm-title">Search latency incident</h1>') && html.includes('2h 25m'),
        'the export holds the title and the figures',
      );
      await vscode.workspace.fs.delete(target);
    },
  ],

  [
    'the Postmortems view lists the open postmortems and says why; the trends panel renders them',
    async () => {
      const api = await activate();
      const document = await open(DURATION);
      await vscode.commands.executeCommand('postmortem.index.focus');
      await vscode.commands.executeCommand('postmortem.refreshIndex');
      const view = await waitFor(() => {
        const s = api.indexView();
        return s.rows.some((r) => r.uri === document.uri.toString()) ? s : undefined;
      }, 'the open postmortem in the Postmortems view');
      ok(/only the postmortems open in the editor/.test(view.message ?? ''), `the view's message: ${view.message}`);
      ok(
        view.rows.find((r) => r.uri === document.uri.toString())?.description.startsWith('2024-09-18 · 2 h 25 min'),
        `the row: ${JSON.stringify(view.rows)}`,
      );
      await vscode.commands.executeCommand('postmortem.showTrends');
      const trends = await waitFor(() => {
        const t = api.trends();
        return t.result && t.rendered?.generation === t.generation && t.rendered.rows === t.result.rows.length && t.rendered.points > 0
          ? t
          : undefined;
      }, 'the trends panel to render');
      ok(trends.result?.note, 'the trends panel says the list is partial');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    },
  ],

  [
    'the preview opens beside the postmortem',
    async () => {
      const api = await activate();
      const document = await open(DURATION);
      await vscode.commands.executeCommand('postmortem.openPreviewToSide');
      const snapshot = await waitFor(() => {
        const s = api.preview();
        return s.visible && s.uri === document.uri.toString() && s.render && s.appliedVersion === document.version ? s : undefined;
      }, 'the preview to show the postmortem');
      equal(snapshot.render?.isPostmortem, true, 'the preview says it is a postmortem');
      equal(snapshot.render?.figures.duration, '2h 25m', "the preview's duration figure");
      await waitForDiagnostics(document.uri, hasDuration, 'the duration-consistent diagnostic beside the preview');
      console.log('[[screenshot:web-preview]]');
    },
  ],
];

export async function run(): Promise<void> {
  let passed = 0;
  let failed = 0;
  for (const [name, test] of tests) {
    const started = Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await Promise.race([
        test(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`timed out after ${TEST_TIMEOUT_MS} ms`)), TEST_TIMEOUT_MS);
        }),
      ]);
      passed++;
      console.log(`  ✔ ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      failed++;
      console.error(`  ✖ ${name}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      clearTimeout(timer);
    }
  }
  // The editors stay open: the runner's closing screenshot shows the last test's workbench (the preview).
  console.log(`[[result:${passed},${failed},0]]`);
  if (failed) throw new Error(`${failed} web test(s) failed`);
}
