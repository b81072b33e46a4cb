/** Helpers for the end-to-end tests: waiting on VS Code with deadlines, never fixed sleeps. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'postmortem-tools.postmortem-lint';
export const SOURCE = 'postmortem';

interface PostmortemApi {
  ready: Promise<void>;
  statusBar(): { visible: boolean; text: string };
  client: { sendRequest<R>(method: string, params: unknown): Promise<R>; isRunning(): boolean };
}

/** Activates the extension (if needed) and waits until its language server has started. */
export async function activateExtension(): Promise<{ extension: vscode.Extension<PostmortemApi>; api: PostmortemApi }> {
  const extension = vscode.extensions.getExtension<PostmortemApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not installed`);
  const api = await extension.activate();
  await api.ready;
  // Fail at once, not at each test's deadline, when there is no server to talk to.
  assert.ok(api.client.isRunning(), 'the Postmortem language server is not running (see the "Postmortem" output channel)');
  return { extension, api };
}

export function workspaceUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need a workspace folder open');
  return vscode.Uri.joinPath(folder.uri, relative);
}

export async function openDocument(relative: string): Promise<{ document: vscode.TextDocument; editor: vscode.TextEditor }> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(relative));
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  return { document, editor };
}

export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function ruleOf(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function describeDiagnostics(diagnostics: readonly vscode.Diagnostic[]): string {
  if (diagnostics.length === 0) return '(none)';
  return diagnostics
    .map(
      (d) =>
        `  ${d.range.start.line + 1}:${d.range.start.character + 1} ${ruleOf(d) ?? '?'} [${vscode.DiagnosticSeverity[d.severity]}] ${d.message}`,
    )
    .join('\n');
}

/**
 * Resolves with the document's postmortem diagnostics once `predicate` holds for them; checks
 * at once and then on every `onDidChangeDiagnostics` for that URI. Rejects at the deadline.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const diagnostics = ourDiagnostics(uri);
      if (!predicate(diagnostics)) return false;
      cleanup();
      resolve(diagnostics);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      reject(
        new Error(
          `timed out after ${timeoutMs} ms waiting for ${what} on ${vscode.workspace.asRelativePath(uri)}; diagnostics now:\n${describeDiagnostics(ourDiagnostics(uri))}`,
        ),
      );
    }, timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      subscription.dispose();
    };
    check();
  });
}

/** Polls `condition` until it returns a value other than undefined/false, or the deadline passes. */
export async function waitFor<T>(
  condition: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  timeoutMs = 10_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * The code actions VS Code offers on `range` once `predicate` holds for them, asked again until the
 * deadline: the workbench drops an answer still in flight when it cancels a request (seen right
 * after a document opens), and the next request gets it.
 */
export async function codeActionsAt(
  uri: vscode.Uri,
  range: vscode.Range,
  predicate: (actions: vscode.CodeAction[]) => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<vscode.CodeAction[]> {
  let last: vscode.CodeAction[] = [];
  try {
    return await waitFor(
      async () => {
        try {
          last =
            (await vscode.commands.executeCommand<vscode.CodeAction[] | undefined>('vscode.executeCodeActionProvider', uri, range)) ?? [];
        } catch (error) {
          // A request the workbench canceled (the diagnostics changed meanwhile) is asked again; any other error fails.
          if (!(error instanceof Error && (error.name === 'Canceled' || error.message === 'Canceled'))) throw error;
          return undefined;
        }
        return predicate(last) ? last : undefined;
      },
      what,
      timeoutMs,
    );
  } catch (error) {
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}; actions now: ${last.map((a) => `${a.title} (${a.kind?.value})`).join(', ') || '(none)'}`,
      { cause: error },
    );
  }
}

/** Resolves with the next change of `document`'s text (or the current text if `predicate` holds already). */
export function waitForText(
  document: vscode.TextDocument,
  predicate: (text: string) => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    if (predicate(document.getText())) {
      resolve(document.getText());
      return;
    }
    const subscription = vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document !== document || !predicate(document.getText())) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(document.getText());
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; text now:\n${document.getText()}`));
    }, timeoutMs);
  });
}

/**
 * Asks the runner (test/e2e/run.mjs) for a screenshot of the whole workbench by logging the agreed
 * marker, then waits until the PNG exists (the runner renames it into place when complete).
 */
export async function screenshot(name: string, repoRoot: string, timeoutMs = 15_000): Promise<string> {
  const file = path.join(repoRoot, 'test-results', 'screenshots', `${name}.png`);
  fs.rmSync(file, { force: true });
  console.log(`[[screenshot:${name}]]`);
  await waitFor(() => fs.existsSync(file), `screenshot ${name}.png`, timeoutMs);
  return file;
}

/** Sets a `postmortem.*` setting in the workspace and returns a function that restores it. */
export async function setPostmortemSetting(key: string, value: unknown): Promise<() => Promise<void>> {
  const config = vscode.workspace.getConfiguration('postmortem');
  const previous = config.inspect(key)?.workspaceValue;
  await config.update(key, value, vscode.ConfigurationTarget.Workspace);
  return async () => {
    await vscode.workspace.getConfiguration('postmortem').update(key, previous, vscode.ConfigurationTarget.Workspace);
  };
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** The repository root (the extension under test). */
export function repoRoot(): string {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not installed`);
  return extension.extensionPath;
}

/** One frame of the workbench page as the runner saw it (see inspectFrames in test/e2e/run.mjs). */
export interface FrameInfo {
  url: string;
  title?: string;
  pwned?: boolean;
  isPreview?: boolean;
  isTrends?: boolean;
  scrollY?: number;
  testRaw?: boolean;
  theme?: string;
  error?: string;
}

async function runnerResult<T>(marker: string, name: string, timeoutMs: number): Promise<T> {
  const file = path.join(repoRoot(), 'test-results', 'frames', `${name}.json`);
  fs.rmSync(file, { force: true });
  console.log(marker);
  await waitFor(() => fs.existsSync(file), `the runner's ${name}.json`, timeoutMs);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

/** Asks the runner for the state of every frame of the page (webviews included). */
export async function inspectFrames(name: string, timeoutMs = 15_000): Promise<FrameInfo[]> {
  return (await runnerResult<{ frames: FrameInfo[] }>(`[[frames:${name}]]`, name, timeoutMs)).frames;
}

/** Asks the runner to click an element of the postmortem preview, in the real Chromium. */
export async function clickInPreview(name: string, selector: string, timeoutMs = 15_000): Promise<true | string> {
  return (await runnerResult<{ clicked: true | string }>(`[[preview-click:${name}:${selector}]]`, name, timeoutMs)).clicked;
}

/** Asks the runner to click an element of the incident trends panel, in the real Chromium. */
export async function clickInTrends(name: string, selector: string, timeoutMs = 15_000): Promise<true | string> {
  return (await runnerResult<{ clicked: true | string }>(`[[trends-click:${name}:${selector}]]`, name, timeoutMs)).clicked;
}

/** Asks the runner to click an element of the workbench page itself (a pane header, say), in the real Chromium. */
export async function clickInPage(name: string, selector: string, timeoutMs = 15_000): Promise<true | string> {
  return (await runnerResult<{ clicked: true | string }>(`[[page-click:${name}:${selector}]]`, name, timeoutMs)).clicked;
}
