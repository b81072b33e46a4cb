/** "Postmortem: Restart Server": stops the language server, if running, and starts it again. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { PostmortemStatusBar } from '../statusBar';

export const RESTART_SERVER_COMMAND = 'postmortem.restartServer';

export function registerRestartServer(client: LanguageClient, statusBar: PostmortemStatusBar): vscode.Disposable {
  return vscode.commands.registerCommand(RESTART_SERVER_COMMAND, async () => {
    statusBar.hide();
    try {
      if (client.needsStop()) await client.stop();
      await client.start();
      statusBar.onClientStarted();
    } catch (error) {
      client.error('Restarting the Postmortem language server failed', error, 'force');
    }
  });
}
