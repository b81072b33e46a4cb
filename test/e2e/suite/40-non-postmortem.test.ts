import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, describeDiagnostics, openDocument, ourDiagnostics, waitForDiagnostics } from './helpers/vscode';

suite('plain Markdown', () => {
  test('a README with no postmortem sections gets no diagnostics', async () => {
    const { api } = await activateExtension();
    // A postmortem's diagnostics first, so we know the server is up and linting.
    const { document: postmortem } = await openDocument('incidents/2024-09-18-search-settings-postmortem.md');
    await waitForDiagnostics(postmortem.uri, (ds) => ds.length > 0, 'diagnostics on a postmortem');

    const { document: readme } = await openDocument('README.md');
    // The server says what it made of the document: not a postmortem.
    const info = await api.client.sendRequest<{ isPostmortem: boolean } | null>('postmortem/documentInfo', { uri: readme.uri.toString() });
    assert.equal(info?.isPostmortem, false);
    // And nothing is published for it over a bounded period.
    const deadline = Date.now() + 3000;
    while (Date.now() < deadline) {
      assert.equal(ourDiagnostics(readme.uri).length, 0, describeDiagnostics(ourDiagnostics(readme.uri)));
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.deepEqual(vscode.languages.getDiagnostics(readme.uri).filter((d) => d.source === 'postmortem'), []);
  });
});
