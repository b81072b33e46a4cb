import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateExtension,
  closeAllEditors,
  openDocument,
  repoRoot,
  ruleOf,
  screenshot,
  waitFor,
  waitForDiagnostics,
  workspaceUri,
} from './helpers/vscode';

interface ImportOutcome {
  inserted: number;
  offered: number;
  message: string;
  unreadable: { ref: string; reason: string }[];
}

interface PasteApi {
  pasteAsTimeline?: { provider: vscode.DocumentPasteEditProvider; kind: vscode.DocumentDropOrPasteEditKind };
  importPreview?(): { title: string; items: string[]; picked: string[] } | undefined;
}

const CHAT = [
  '[11:31 PM] Ada Okafor: paging is loud, checking the API',
  '[11:58 PM] Rui Tanaka: rollback half done',
  '[12:07 AM] Ada Okafor: all green',
  '',
].join('\n');

suite('import timeline', () => {
  let api: PasteApi;
  let sendRequest: <R>(method: string, params: unknown) => Promise<R>;
  suiteSetup(async () => {
    const activated = (await activateExtension()).api;
    api = activated as unknown as PasteApi;
    sendRequest = (method, params) => activated.client.sendRequest(method, params);
  });
  suiteTeardown(closeAllEditors);

  test('Import Timeline… reads a Slack export folder and inserts its entries in order; a second import adds nothing', async () => {
    const { document } = await openDocument('import/2024-03-09-api-latency-postmortem.md');
    const before = document.getText();
    const args = { uri: document.uri.toString(), sources: [workspaceUri('import/slack-export')], acceptAll: true };
    const outcome = await vscode.commands.executeCommand<ImportOutcome>('postmortem.importTimeline', args);
    assert.ok(outcome, 'the command returned nothing');
    assert.equal(outcome.inserted, 7, outcome.message);
    assert.deepEqual(outcome.unreadable, []);
    const text = document.getText();
    const lines = text.split('\n');
    const at = (needle: string): number => lines.findIndex((l) => l.includes(needle));
    assert.equal(lines[at('Latency alert fired') + 1], '- 11:31 PM - Alert Bot: FIRING api p99 latency over 3s on the API dashboard');
    assert.ok(
      at('Rollback of deploy 8812 started') < at('March 10, 2024, 12:05 AM - Ada Okafor: Rollback done'),
      'crossing midnight, the date is written',
    );
    assert.ok(at('3:12 AM - Rui Tanaka: Incident closed') > at('1:58 AM'), 'after the DST change, in EDT');
    assert.doesNotMatch(text, /has joined|set the channel topic/);
    for (const line of before.split('\n')) assert.ok(lines.includes(line), `lost: ${line}`);

    // Once the server has linted this version, its diagnostics hold no timeline finding.
    await waitFor(async () => {
      const info = await sendRequest<{ version: number } | null>('postmortem/documentInfo', {
        uri: document.uri.toString(),
      });
      return info?.version === document.version || undefined;
    }, 'the lint of the imported document');
    await waitForDiagnostics(
      document.uri,
      (d) => !d.some((x) => ['timeline-order', 'timezone-missing', 'timezone-consistent', 'timeline-timestamp'].includes(ruleOf(x) ?? '')),
      'no timeline-order, timezone-missing or timezone-consistent finding',
    );

    const again = await vscode.commands.executeCommand<ImportOutcome>('postmortem.importTimeline', args);
    assert.equal(again.inserted, 0);
    assert.match(again.message, /Nothing new to import; 7 records already in the timeline/);
    assert.equal(document.getText(), text, 'the second import changed the document');
  });

  test('the preview lists every entry picked, and accepting it inserts them (screenshot)', async () => {
    const { document } = await openDocument('import/2024-03-09-api-preview-postmortem.md');
    const before = document.getText();
    const running = vscode.commands.executeCommand<ImportOutcome>('postmortem.importTimeline', {
      uri: document.uri.toString(),
      sources: [workspaceUri('import/slack-export/inc-api')],
    });
    const shown = await waitFor(
      () => {
        const p = api.importPreview?.();
        return p && p.items.length ? p : undefined;
      },
      'the import preview',
      20_000,
    );
    assert.equal(shown.title, 'Import Timeline: 7 entries to insert');
    assert.equal(shown.items.length, 7);
    assert.deepEqual(shown.picked, shown.items, 'every entry is picked at first');
    assert.equal(shown.items[0], '- 11:31 PM - Alert Bot: FIRING api p99 latency over 3s on the API dashboard');
    assert.equal(document.getText(), before, 'nothing is written before the preview is accepted');
    await vscode.commands.executeCommand('notifications.clearAll');
    await screenshot('import-preview', repoRoot());
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const outcome = await running;
    assert.equal(outcome.offered, 7);
    assert.equal(outcome.inserted, 7, outcome.message);
    assert.match(
      document.getText(),
      /- 11:36 PM - Ada Okafor: I'm on it, looking at #inc-api graphs & the deploy log/,
      'users.json beside the channel folder names the authors',
    );
  });

  test('pasting chat lines into the Timeline offers "Paste as timeline entries"; elsewhere it does not', async () => {
    const paste = api.pasteAsTimeline;
    assert.ok(paste, 'the paste provider is not registered (VS Code has the API since 1.97)');
    const { document } = await openDocument('import/2024-03-09-api-paste-postmortem.md');
    const text = document.getText();
    const token = new vscode.CancellationTokenSource().token;
    const context = { only: undefined, triggerKind: vscode.DocumentPasteTriggerKind.Automatic };
    const transfer = new vscode.DataTransfer();
    transfer.set('text/plain', new vscode.DataTransferItem(CHAT));
    const endOfTimeline = document.positionAt(text.indexOf('## Root Cause'));
    const inTimeline = new vscode.Range(endOfTimeline, endOfTimeline);
    const edits = await paste.provider.provideDocumentPasteEdits!(document, [inTimeline], transfer, context, token);
    assert.ok(edits && edits.length === 1, 'no paste edit offered in the timeline');
    const edit = edits[0]!;
    assert.equal(edit.title, 'Paste as timeline entries (3)');
    assert.equal(edit.kind.value, 'markdown.postmortem.timelineEntries');
    assert.ok(edit.additionalEdit);
    assert.ok(await vscode.workspace.applyEdit(edit.additionalEdit));
    const after = document.getText();
    assert.match(
      after,
      /- 11:30 PM - Latency alert fired\.\n- 11:31 PM - Ada Okafor: paging is loud, checking the API\n- 11:58 PM - Rui Tanaka: rollback half done\n- March 10, 2024, 12:07 AM - Ada Okafor: all green\n/,
    );

    const inSummary = document.positionAt(after.indexOf('API requests'));
    const none = await paste.provider.provideDocumentPasteEdits!(
      document,
      [new vscode.Range(inSummary, inSummary)],
      transfer,
      context,
      token,
    );
    assert.ok(!none || none.length === 0, 'offered outside the timeline');
    const prose = new vscode.DataTransfer();
    prose.set('text/plain', new vscode.DataTransferItem('We should add a canary stage.\nAnd alert on p99.'));
    const notChat = await paste.provider.provideDocumentPasteEdits!(document, [inTimeline], prose, context, token);
    assert.ok(!notChat || notChat.length === 0, 'offered for prose');
  });

  test('the command is contributed under Postmortem', async () => {
    assert.ok((await vscode.commands.getCommands(true)).includes('postmortem.importTimeline'));
    const manifest = vscode.extensions.getExtension('postmortem-tools.postmortem-lint')?.packageJSON as {
      contributes: { commands: { command: string; title: string; category: string }[] };
    };
    assert.deepEqual(
      manifest.contributes.commands.find((c) => c.command === 'postmortem.importTimeline'),
      { command: 'postmortem.importTimeline', title: 'Import Timeline…', category: 'Postmortem' },
    );
  });
});
