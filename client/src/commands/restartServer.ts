/** "Postmortem: Restart Server": stops the language server, if running, and starts it again. */
import * as vscode from 'vscode';
import { State, type BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import type { PostmortemStatusBar } from '../statusBar';

export const RESTART_SERVER_COMMAND = 'postmortem.restartServer';

/** Resolves once the client is not in the middle of starting (it can be neither stopped nor restarted then). */
function settled(client: LanguageClient): Promise<void> {
  if (client.state !== State.Starting) return Promise.resolve();
  return new Promise((resolve) => {
    const subscription = client.onDidChangeState((e) => {
      if (e.newState === State.Starting) return;
      subscription.dispose();
      resolve();
    });
  });
}

export function registerRestartServer(client: LanguageClient, statusBar: PostmortemStatusBar): vscode.Disposable {
  // Restarts run one after the other: a second click waits for the first.
  let queue: Promise<boolean> = Promise.resolve(true);
  const restart = async (): Promise<boolean> => {
    statusBar.hide();
    try {
      await settled(client);
      if (client.needsStop()) await client.stop();
      await client.start();
      statusBar.onClientStarted();
      return true;
    } catch (error) {
      client.error('Restarting the Postmortem language server failed', error, 'force');
      return false;
    }
  };
  return vscode.commands.registerCommand(RESTART_SERVER_COMMAND, () => (queue = queue.then(restart, restart)));
}
