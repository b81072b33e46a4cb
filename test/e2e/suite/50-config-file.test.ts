import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { activateExtension, openDocument, ruleOf, waitFor, waitForDiagnostics, workspaceUri } from './helpers/vscode';

suite('.postmortemrc.json', () => {
  const relative = 'scratch/.postmortemrc.json';

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(workspaceUri('scratch').fsPath, { recursive: true, force: true });
  });

  test('is validated against the contributed JSON schema', async () => {
    await activateExtension();
    const uri = workspaceUri(relative);
    fs.mkdirSync(workspaceUri('scratch').fsPath, { recursive: true });
    fs.writeFileSync(uri.fsPath, '{\n  "dateOrder": "ymd",\n  "profle": "default"\n}\n');
    await openDocument(relative);
    // VS Code's JSON language service reports schema violations once it has fetched ./schemas/postmortemrc.schema.json.
    const problems = await waitFor(
      () => {
        const ds = vscode.languages.getDiagnostics(uri);
        return ds.length >= 2 ? ds : undefined;
      },
      'schema diagnostics on .postmortemrc.json',
      20_000,
    );
    const messages = problems.map((d) => d.message).join('\n');
    assert.match(messages, /mdy|dmy/, messages);
    assert.match(messages, /profle/, messages);
  });

  test('changes on disk take effect without reopening the postmortem', async function () {
    // The file watcher's events come late on a loaded machine (a CI run once waited over 20 s for a delete).
    this.timeout(150_000);
    await activateExtension();
    const { document } = await openDocument('incidents/2024-09-18-search-settings-postmortem.md');
    const hasDuration = (ds: vscode.Diagnostic[]): boolean => ds.some((d) => ruleOf(d) === 'duration-consistent');
    await waitForDiagnostics(document.uri, hasDuration, 'a duration-consistent diagnostic');
    const rc = workspaceUri('incidents/.postmortemrc.json').fsPath;
    try {
      // Written behind VS Code's back: the file watcher (synchronize.fileEvents) tells the server.
      fs.writeFileSync(rc, JSON.stringify({ rules: { 'duration-consistent': 'off' } }, null, 2));
      await waitForDiagnostics(
        document.uri,
        (ds) => !hasDuration(ds),
        'duration-consistent to be turned off by the new config file',
        60_000,
      );
    } finally {
      fs.rmSync(rc, { force: true });
    }
    await waitForDiagnostics(document.uri, hasDuration, 'duration-consistent to come back once the file is gone', 60_000);
  });
});
