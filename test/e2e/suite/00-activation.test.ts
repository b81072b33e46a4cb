import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID, openDocument, waitFor } from './helpers/vscode';

suite('activation', () => {
  test('the extension is installed from this repository and activates on Markdown', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    assert.equal(extension.packageJSON.main, './dist/client.js');
    await openDocument('README.md'); // onLanguage:markdown
    await waitFor(() => extension.isActive, 'the extension to activate on opening Markdown');
    assert.equal(extension.id, EXTENSION_ID);
    assert.equal(extension.isActive, true);
    // Issue 14 asks for the activation time measured in the real VS Code: reported, not asserted (timing varies with load).
    const api = extension.exports as {
      ready: Promise<void>;
      activationTimes(): { loadMs?: number; vscodeApiMs?: number; waitMs?: number; activateMs: number; clientCreatedMs?: number };
    };
    await api.ready;
    const times = api.activationTimes();
    // The language client is created after activate() has returned (client/src/deferredClient.ts).
    assert.ok(
      times.clientCreatedMs !== undefined && times.clientCreatedMs >= times.activateMs,
      `clientCreatedMs: ${times.clientCreatedMs}`,
    );
    assert.ok(Number.isFinite(times.activateMs) && times.activateMs >= 0, `activateMs: ${times.activateMs}`);
    assert.ok(times.loadMs !== undefined && Number.isFinite(times.loadMs) && times.loadMs >= 0, `loadMs: ${times.loadMs}`);
    console.log(
      `[activation] bundle evaluated in ${times.loadMs.toFixed(1)} ms (of which require("vscode") ${times.vscodeApiMs?.toFixed(1) ?? '?'} ms), then ${times.waitMs?.toFixed(1) ?? '?'} ms until activate(), activate() ${times.activateMs.toFixed(1)} ms; language client created ${times.clientCreatedMs.toFixed(1)} ms after activate() was called`,
    );
  });

  test('"Postmortem: Restart Server" is registered and restarts the server', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('postmortem.restartServer'), 'postmortem.restartServer is not registered');
    // Twice in a row, right after activation: the second waits for the first, neither fails.
    const [first, second] = await Promise.all([
      vscode.commands.executeCommand<boolean>('postmortem.restartServer'),
      vscode.commands.executeCommand<boolean>('postmortem.restartServer'),
    ]);
    assert.deepEqual([first, second], [true, true], 'a restart failed (see the "Postmortem" output channel)');
    const { api } = await activateExtension();
    assert.equal(api.client.isRunning(), true, 'the client is not running after a restart');
  });

  test('the manifest contributes exactly the documented settings', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const properties = Object.keys(extension.packageJSON.contributes.configuration.properties as Record<string, unknown>).sort();
    assert.deepEqual(properties, [
      'postmortem.dateOrder',
      'postmortem.defaultZone',
      'postmortem.detect',
      'postmortem.enable',
      'postmortem.files',
      'postmortem.newFileFolder',
      'postmortem.profile',
      'postmortem.rules',
      'postmortem.run',
      'postmortem.trace.server',
      'postmortem.zoneAliases',
    ]);
    const config = vscode.workspace.getConfiguration('postmortem');
    assert.equal(config.get('profile'), 'default');
    assert.equal(config.get('enable'), true);
  });
});
