import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { activateExtension, describeDiagnostics, ruleOf, waitFor, waitForDiagnostics, workspaceUri } from './helpers/vscode';

/** The language server: the extension host's child process running dist/server.js (Linux /proc). */
function serverPid(): number | undefined {
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      const cmdline = fs.readFileSync(`/proc/${name}/cmdline`, 'utf8');
      if (/dist[\\/]server\.js/.test(cmdline)) return Number(name);
    } catch {
      // The process ended while we looked.
    }
  }
  return undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

suite('reliability in the real VS Code', () => {
  let isRunning: () => boolean;
  let sendRequest: <R>(method: string, params: unknown) => Promise<R>;

  suiteSetup(async function () {
    if (process.platform !== 'linux') this.skip();
    const { api } = await activateExtension();
    isRunning = () => api.client.isRunning();
    sendRequest = (method, params) => api.client.sendRequest(method, params);
  });

  test('the server killed mid-session is restarted by the client and diagnostics come back', async () => {
    const original = Buffer.from(
      await vscode.workspace.fs.readFile(workspaceUri('incidents/2024-06-08-payments-gateway-postmortem.md')),
    ).toString('utf8');
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: original });
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    try {
      // The server has read the document before it dies.
      await waitFor(
        async () =>
          (
            await sendRequest<{ isPostmortem: boolean } | null>('postmortem/documentInfo', {
              uri: document.uri.toString(),
            })
          )?.isPostmortem,
        'the first analysis',
      );
      const before = await waitFor(() => serverPid(), 'the language server process');
      process.kill(before, 'SIGKILL');
      await waitFor(() => !alive(before) || undefined, 'the killed server to be gone');

      const after = await waitFor(
        () => {
          const pid = serverPid();
          return pid !== undefined && pid !== before && isRunning() ? pid : undefined;
        },
        'a new language server started by the client',
        30_000,
      );
      assert.notEqual(after, before);

      // Diagnostics come back from the new server: an edit that breaks the declared duration is flagged.
      const declared = '2 hours 23 minutes';
      const at = document.getText().indexOf(declared);
      assert.ok(at >= 0);
      await editor.edit((e) => e.replace(new vscode.Range(document.positionAt(at), document.positionAt(at + declared.length)), '9 hours'));
      const diagnostics = await waitForDiagnostics(
        document.uri,
        (ds) => ds.some((d) => ruleOf(d) === 'duration-consistent'),
        'duration-consistent from the restarted server',
        30_000,
      );
      assert.ok(diagnostics.length > 0, describeDiagnostics(diagnostics));
      assert.equal(serverPid(), after, 'the new server is still the one running');
    } finally {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });
});
