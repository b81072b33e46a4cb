import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import {
  activateExtension,
  codeActionsAt,
  describeDiagnostics,
  openDocument,
  ruleOf,
  screenshot,
  waitFor,
  waitForDiagnostics,
} from './helpers/vscode';

const FILE = 'incidents/2024-03-04-orders-db-outage.md';
const DECLARED = '5 hours';

interface DocumentInfo {
  isPostmortem: boolean;
  profile: string;
  diagnosticsCount: { error: number; warning: number; info: number };
}

suite('diagnostics, hover and quick fix on a postmortem', () => {
  let document: vscode.TextDocument;
  let repoRoot: string;
  let sendRequest: <R>(method: string, params: unknown) => Promise<R>;
  let statusBar: () => { visible: boolean; text: string };

  suiteSetup(async () => {
    const { extension, api } = await activateExtension();
    repoRoot = extension.extensionPath;
    sendRequest = (method, params) => api.client.sendRequest(method, params);
    statusBar = () => api.statusBar();
    ({ document } = await openDocument(FILE));
  });

  const durationDiagnostic = (ds: vscode.Diagnostic[]): vscode.Diagnostic | undefined =>
    ds.find((d) => ruleOf(d) === 'duration-consistent');

  test('a duration that does not match its own start and end is a warning on the declared duration', async () => {
    const diagnostics = await waitForDiagnostics(
      document.uri,
      (ds) => durationDiagnostic(ds) !== undefined,
      'a duration-consistent diagnostic',
    );
    const d = durationDiagnostic(diagnostics);
    assert.ok(d);
    assert.equal(d.source, 'postmortem');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning, describeDiagnostics([d]));
    const offset = document.getText().indexOf(DECLARED);
    assert.ok(offset >= 0);
    const declared = new vscode.Range(document.positionAt(offset), document.positionAt(offset + DECLARED.length));
    assert.ok(d.range.contains(declared), `range "${document.getText(d.range)}" does not cover "${DECLARED}"`);
  });

  test('hovering a timeline timestamp shows it in UTC', async () => {
    const lineText = 'March 3, 2024, 11:31 PM (WAT)';
    const offset = document.getText().indexOf(lineText);
    assert.ok(offset >= 0);
    const position = document.positionAt(offset + lineText.indexOf('11:31') + 2);
    let text = '';
    // The first hover can race the server's first analysis of the document: ask until it answers.
    await waitFor(async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
      text = hovers
        .flatMap((h) => h.contents)
        .map((c) => (typeof c === 'string' ? c : c.value))
        .join('\n');
      return text.length > 0;
    }, 'a hover on the timestamp').catch(() => undefined);
    assert.match(text, /UTC/, `hover text: ${text || '(no hover)'}`);
    assert.match(text, /22:31 UTC/, 'March 3, 11:31 PM WAT (UTC+1) is 22:31 UTC');
  });

  test('the server describes the document for the status bar', async () => {
    const info = await sendRequest<DocumentInfo | null>('postmortem/documentInfo', { uri: document.uri.toString() });
    assert.ok(info, 'no answer to postmortem/documentInfo');
    assert.equal(info.isPostmortem, true);
    assert.equal(info.profile, 'default');
    assert.ok(info.diagnosticsCount.warning >= 1, JSON.stringify(info.diagnosticsCount));
  });

  test('the status bar shows the profile and the number of problems', async () => {
    await vscode.window.showTextDocument(document, { preview: false });
    const count = (await waitForDiagnostics(document.uri, (ds) => durationDiagnostic(ds) !== undefined, 'diagnostics')).length;
    const expected = `$(checklist) Postmortem: default · ${count} ${count === 1 ? 'problem' : 'problems'}`;
    await waitFor(() => statusBar().visible && statusBar().text === expected, `the status bar to read "${expected}"`).catch(
      (e: unknown) => {
        throw new Error(`${String(e)}; it shows ${JSON.stringify(statusBar())}`);
      },
    );
  });

  /** The screenshot the runner wrote is a PNG with something in it. */
  const assertPng = (file: string): void => {
    const bytes = fs.readFileSync(file);
    assert.ok(bytes.length > 1000, `${file}: ${bytes.length} bytes`);
    assert.deepEqual([...bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], `${file} is not a PNG`);
  };

  test('the editor with the Problems panel open shows the duration warning and the status bar (screenshot)', async () => {
    const editor = await vscode.window.showTextDocument(document, {
      preview: false,
      selection: new vscode.Range(4, 0, 4, 0),
    });
    assert.equal(editor.document.uri.toString(), document.uri.toString());
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    const diagnostics = await waitForDiagnostics(
      document.uri,
      (ds) => durationDiagnostic(ds) !== undefined,
      'the duration-consistent diagnostic',
    );
    assert.ok(
      diagnostics.every((d) => d.source === 'postmortem'),
      describeDiagnostics(diagnostics),
    );
    await waitFor(() => statusBar().visible && statusBar().text.includes('Postmortem: default'), 'the status bar item');
    // Give the panel and the status bar a moment to paint before the picture is taken.
    await new Promise((r) => setTimeout(r, 1000));
    assertPng(await screenshot('editor-problems', repoRoot));
  });

  test('hovering the resolution entry shows it in UTC (screenshot)', async () => {
    const offset = document.getText().indexOf('March 4, 2024, 1:05 AM (WAT)') + 16;
    assert.ok(offset >= 16);
    const position = document.positionAt(offset);
    const editor = await vscode.window.showTextDocument(document, {
      preview: false,
      selection: new vscode.Range(position, position),
    });
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    const text = await waitFor(async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
      const joined = hovers
        .flatMap((h) => h.contents)
        .map((c) => (typeof c === 'string' ? c : c.value))
        .join('\n');
      return joined.length > 0 ? joined : false;
    }, 'a hover on the timestamp');
    assert.match(text, /00:05 UTC/, 'March 4, 1:05 AM WAT (UTC+1) is 00:05 UTC');
    await vscode.commands.executeCommand('editor.action.showHover');
    await new Promise((r) => setTimeout(r, 1000));
    assertPng(await screenshot('hover-timestamp', repoRoot));
    await vscode.commands.executeCommand('workbench.action.closePanel');
  });

  test('the preferred quick fix writes the true duration', async () => {
    const diagnostics = await waitForDiagnostics(
      document.uri,
      (ds) => durationDiagnostic(ds) !== undefined,
      'a duration-consistent diagnostic',
    );
    const d = durationDiagnostic(diagnostics);
    assert.ok(d);
    const quickFixesOf = (actions: vscode.CodeAction[]) => actions.filter((a) => a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind));
    const durationFix = (actions: vscode.CodeAction[]) =>
      quickFixesOf(actions).find((a) => a.isPreferred) ??
      quickFixesOf(actions).find((a) => a.diagnostics?.some((x) => ruleOf(x) === 'duration-consistent'));
    const fix = durationFix(
      await codeActionsAt(document.uri, d.range, (actions) => durationFix(actions) !== undefined, 'a quick fix for duration-consistent'),
    );
    assert.ok(fix);
    if (fix.edit) assert.equal(await vscode.workspace.applyEdit(fix.edit), true, 'applyEdit failed');
    if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));

    const text = document.getText();
    assert.ok(!text.includes(`Duration of outage: ${DECLARED},`), 'the declared duration was not replaced');
    assert.match(text, /4 hours? (and )?27 minutes|4 ?h(ours?)? ?27 ?m(in(utes)?)?/, `summary now: ${text.split('\n')[4]}`);
    await waitForDiagnostics(document.uri, (ds) => durationDiagnostic(ds) === undefined, 'the duration-consistent diagnostic to go away');
    await document.save();
  });
});
