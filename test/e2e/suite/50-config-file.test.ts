import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { activateExtension, openDocument, waitFor, workspaceUri } from './helpers/vscode';

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
    const problems = await waitFor(() => {
      const ds = vscode.languages.getDiagnostics(uri);
      return ds.length >= 2 ? ds : undefined;
    }, 'schema diagnostics on .postmortemrc.json', 20_000);
    const messages = problems.map((d) => d.message).join('\n');
    assert.match(messages, /mdy|dmy/, messages);
    assert.match(messages, /profle/, messages);
  });
});
