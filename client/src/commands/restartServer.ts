/** "Postmortem: Restart Server": stops the language server, if running, and starts it again. */
import { vscode } from '../vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import type { DeferredClient } from '../deferredClient';
import type { PostmortemStatusBar } from '../statusBar';

export const RESTART_SERVER_COMMAND = 'postmortem.restartServer';

/** Resolves once the client is not in the middle of starting (it can be neither stopped nor restarted then). */
async function settled(client: LanguageClient): Promise<void> {
  // Loaded with the client already (connect.ts): a static import would load vscode-languageclient at activation.
  const { State } = await import('../connect');
  if (client.state !== State.Starting) return;
  return new Promise((resolve) => {
    const subscription = client.onDidChangeState((e) => {
      if (e.newState === State.Starting) return;
      subscription.dispose();
      resolve();
    });
  });
}

/**
 * `started`: the activation's `client.start()`. The client says Running before its features are set up (it still
 * sends `initialized` and registers the server's commands); a stop in that window leaves the commands registered and
 * the next start fails with "command … already exists". So a restart first waits for that start to finish.
 */
export function registerRestartServer(
  deferred: DeferredClient,
  statusBar: PostmortemStatusBar,
  started: Promise<unknown> = Promise.resolve(),
): vscode.Disposable {
  // Restarts run one after the other: a second click waits for the first.
  let queue: Promise<boolean> = started.then(
    () => true,
    () => true,
  );
  const restart = async (): Promise<boolean> => {
    statusBar.hide();
    let client: LanguageClient | undefined;
    try {
      client = await deferred.created;
      await settled(client);
      if (client.needsStop()) await client.stop();
      await client.start();
      statusBar.onClientStarted();
      return true;
    } catch (error) {
      if (client) client.error('Restarting the Postmortem language server failed', error, 'force');
      else void vscode.window.showErrorMessage(`Restarting the Postmortem language server failed: ${String(error)}`);
      return false;
    }
  };
  return vscode.commands.registerCommand(RESTART_SERVER_COMMAND, () => (queue = queue.then(restart, restart)));
}
