import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateExtension,
  describeDiagnostics,
  openDocument,
  ourDiagnostics,
  ruleOf,
  waitFor,
  waitForDiagnostics,
} from './helpers/vscode';

suite('plain Markdown', () => {
  test('a README with no postmortem sections gets no diagnostics', async () => {
    const { api } = await activateExtension();
    // A postmortem's diagnostics first, so we know the server is up and linting.
    const { document: postmortem } = await openDocument('incidents/2024-09-18-search-settings-postmortem.md');
    await waitForDiagnostics(postmortem.uri, (ds) => ds.length > 0, 'diagnostics on a postmortem');

    const { document: readme } = await openDocument('README.md');
    // The server says what it made of the document: not a postmortem.
    const info = await api.client.sendRequest<{ isPostmortem: boolean } | null>('postmortem/documentInfo', {
      uri: readme.uri.toString(),
    });
    assert.equal(info?.isPostmortem, false);
    await waitFor(() => !api.statusBar().visible, 'the status bar item to hide on a README');
    // And nothing is published for it over a bounded period.
    const deadline = Date.now() + 3000;
    while (Date.now() < deadline) {
      assert.equal(ourDiagnostics(readme.uri).length, 0, describeDiagnostics(ourDiagnostics(readme.uri)));
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.deepEqual(
      vscode.languages.getDiagnostics(readme.uri).filter((d) => d.source === 'postmortem'),
      [],
    );
  });

  test('an untitled Markdown document that reads as a postmortem is linted too', async () => {
    await activateExtension();
    const text = [
      '# Payment webhook delays',
      '',
      '## Issue Summary',
      '',
      'Duration of outage: 2 hours, from 08:00 UTC to 09:30 UTC on May 6, 2024.',
      '',
      'Impact: payment confirmations reached merchants up to 40 minutes late.',
      '',
      'Root cause: a webhook worker pool was scaled to zero by a faulty autoscaling rule.',
      '',
      '## Timeline',
      '',
      '- 08:00 UTC — Webhook queue depth alert fires.',
      '- 08:20 UTC — Worker pool found at zero replicas; scaled up by hand.',
      '- 09:30 UTC — Queue drained; incident resolved.',
      '',
      '## Root cause and resolution',
      '',
      'The autoscaling rule read a metric that stopped being exported, and scaled the pool to zero.',
      '',
      '## Corrective and preventative measures',
      '',
      '- Give the webhook worker pool a minimum of two replicas.',
      '',
    ].join('\n');
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
    await vscode.window.showTextDocument(document);
    assert.equal(document.uri.scheme, 'untitled');
    const diagnostics = await waitForDiagnostics(
      document.uri,
      (ds) => ds.some((d) => ruleOf(d) === 'duration-consistent'),
      'duration-consistent on the untitled document',
    );
    assert.ok(diagnostics.length > 0);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
