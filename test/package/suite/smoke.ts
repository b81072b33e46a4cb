/**
 * The packaged-extension smoke test, run inside the real VS Code as an `extensionTestsPath` module
 * (test/package/run.mjs for the installed .vsix; scripts/start.mjs --check for the development folder).
 *
 * It checks what a user gets from the package: the extension is there under its id, everything its
 * manifest points at is in the package, it activates on a postmortem, the diagnostics appear and a
 * quick fix is offered. No Mocha: the module's `run()` settles and the extension host reports the
 * exit code to the runner.
 *
 * Environment (the extension host inherits code-server's):
 * - POSTMORTEM_SMOKE_EXTENSION_ROOT: the folder the extension must be loaded from (the installed
 *   copy under the extensions dir, not this repository); unset: not checked.
 * - POSTMORTEM_SMOKE_FILE: the postmortem to open, relative to the workspace folder.
 * - POSTMORTEM_SMOKE_RULES: comma-separated rule ids that must all be reported on it (test/package/run.mjs
 *   passes the rules the every-rule example lists in its opening comment).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'postmortem-tools.postmortem-lint';
const SOURCE = 'postmortem';

function log(message: string): void {
  console.log(`[smoke] ${message}`);
}

function ruleOf(d: vscode.Diagnostic): string {
  const code = d.code;
  return typeof code === 'object' && code !== null ? String(code.value) : String(code);
}

function waitForDiagnostics(uri: vscode.Uri, timeoutMs: number): Promise<vscode.Diagnostic[]> {
  const ours = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
  return new Promise((resolve, reject) => {
    const done = (): void => {
      clearTimeout(timer);
      subscription.dispose();
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const found = ours();
      if (found.length) {
        done();
        resolve(found);
      }
    });
    const timer = setTimeout(() => {
      done();
      reject(new Error(`no ${SOURCE} diagnostics on ${uri.fsPath} within ${timeoutMs} ms`));
    }, timeoutMs);
    const now = ours();
    if (now.length) {
      done();
      resolve(now);
    }
  });
}

/**
 * The quick fixes VS Code offers on `range`, asked again until there is one or the deadline passes:
 * the workbench drops a code-action answer that was still in flight when it cancelled the request
 * (about one run in eight, right after the document opened), and the next request gets the fixes.
 */
function isCanceled(error: unknown): boolean {
  return error instanceof Error && (error.name === 'Canceled' || error.message === 'Canceled');
}

async function quickFixesAt(uri: vscode.Uri, range: vscode.Range, timeoutMs: number): Promise<vscode.CodeAction[]> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    let actions: (vscode.CodeAction | vscode.Command)[] | undefined;
    try {
      actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
        'vscode.executeCodeActionProvider',
        uri,
        range,
      );
    } catch (error) {
      // The workbench cancels a request in flight when the document's diagnostics change (a publish right after the
      // first one): asked again, like an empty answer. Any other error fails the test.
      if (!isCanceled(error) || Date.now() > deadline) throw error;
      actions = [];
    }
    const fixes = (actions ?? []).filter(
      (a): a is vscode.CodeAction => 'kind' in a && a.kind?.contains(vscode.CodeActionKind.QuickFix) === true,
    );
    if (fixes.length > 0 || Date.now() > deadline) {
      if (attempt > 1) log(`code actions asked ${attempt} times`);
      return fixes;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every file the manifest points at, relative to the extension's folder. */
function manifestFiles(pkg: Record<string, unknown>): string[] {
  const files: string[] = [];
  const add = (p: unknown): void => {
    if (typeof p === 'string' && !/^https?:/.test(p)) files.push(p);
  };
  add(pkg.main);
  add(pkg.icon);
  const contributes = (pkg.contributes ?? {}) as Record<string, unknown>;
  for (const key of ['snippets', 'grammars', 'jsonValidation']) {
    const list = contributes[key];
    if (!Array.isArray(list)) continue;
    for (const item of list as Record<string, unknown>[]) add(item.path ?? item.url);
  }
  return files;
}

async function smoke(): Promise<void> {
  const started = Date.now();
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(
    extension,
    `extension ${EXTENSION_ID} is not installed; installed: ${vscode.extensions.all
      .filter((e) => !e.id.startsWith('vscode.'))
      .map((e) => e.id)
      .join(', ')}`,
  );
  const pkg = extension.packageJSON as Record<string, unknown>;
  log(`found ${extension.id} ${String(pkg.version)} at ${extension.extensionPath}`);

  const expectedRoot = process.env.POSTMORTEM_SMOKE_EXTENSION_ROOT;
  if (expectedRoot) {
    const rel = path.relative(fs.realpathSync(expectedRoot), fs.realpathSync(extension.extensionPath));
    assert.ok(
      !rel.startsWith('..') && !path.isAbsolute(rel),
      `the extension was loaded from ${extension.extensionPath}, not from ${expectedRoot}`,
    );
    log('loaded from the expected folder');
  }

  for (const file of manifestFiles(pkg)) {
    assert.ok(fs.existsSync(path.join(extension.extensionPath, file)), `the manifest points at ${file}, which the package lacks`);
  }
  log(`the ${manifestFiles(pkg).length} files the manifest points at are all there`);

  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the smoke test needs a workspace folder');
  const relative = process.env.POSTMORTEM_SMOKE_FILE ?? '2024-10-02-search-every-rule-postmortem.md';
  const uri = vscode.Uri.joinPath(folder.uri, relative);
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document, { preview: false });
  assert.equal(document.languageId, 'markdown');

  // The extension's API says when its language server is up: fail at once when it cannot start
  // (a bundle missing from the package, say) rather than at the diagnostics' deadline.
  const api = (await extension.activate()) as { ready?: Promise<void>; client?: { isRunning(): boolean } } | undefined;
  if (api?.ready && api.client) {
    await api.ready;
    assert.ok(api.client.isRunning(), 'the Postmortem language server did not start (is dist/server.js in the package?)');
    log('activated; the language server is running');
  }

  const diagnostics = await waitForDiagnostics(uri, 30_000);
  assert.ok(extension.isActive, 'diagnostics appeared but the extension is not active');
  const rules = [...new Set(diagnostics.map(ruleOf))].sort();
  log(`${diagnostics.length} diagnostics on ${relative} from ${rules.length} rules: ${rules.join(', ')}`);
  const expected = (process.env.POSTMORTEM_SMOKE_RULES ?? 'required-sections,timeline-order').split(',').filter(Boolean);
  const missing = expected.filter((r) => !rules.includes(r));
  assert.deepEqual(missing, [], `${relative} should show every rule; not reported: ${missing.join(', ')} (add a line that trips each)`);

  const order = diagnostics.find((d) => ruleOf(d) === 'timeline-order');
  assert.ok(order);
  const fixes = await quickFixesAt(uri, order.range, 10_000);
  assert.ok(fixes.length > 0, 'no quick fix offered for timeline-order');
  log(`quick fixes offered: ${fixes.map((f) => f.title).join('; ')}`);
  log(`passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

export async function run(): Promise<void> {
  try {
    await smoke();
    console.log('[[smoke:passed]]');
  } catch (error) {
    console.error(`[smoke] FAILED: ${error instanceof Error ? error.message : String(error)}`);
    console.log('[[smoke:failed]]');
    throw error;
  }
}
