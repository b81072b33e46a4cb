import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import {
  activateExtension,
  closeAllEditors,
  openDocument,
  ruleOf,
  setPostmortemSetting,
  waitFor,
  waitForDiagnostics,
  waitForText,
  workspaceUri,
} from './helpers/vscode';

interface TimelineModel {
  timeline: { instant: number | null; line: number; text: string }[];
  zone: { text: string } | null;
}
interface DocumentInfo {
  isPostmortem: boolean;
  version: number;
  model: TimelineModel | null;
}

suite('commands', () => {
  let sendRequest: <R>(method: string, params: unknown) => Promise<R>;

  const info = (document: vscode.TextDocument): Promise<DocumentInfo> =>
    waitFor(async () => {
      const i = await sendRequest<DocumentInfo | null>('postmortem/documentInfo', { uri: document.uri.toString() });
      return i && i.version === document.version ? i : undefined;
    }, 'documentInfo for the current version');

  suiteSetup(async () => {
    const { api } = await activateExtension();
    sendRequest = (method, params) => api.client.sendRequest(method, params);
  });

  suiteTeardown(closeAllEditors);

  test('the commands are contributed under "Postmortem"', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const id of [
      'postmortem.new',
      'postmortem.insertEntry',
      'postmortem.sortTimeline',
      'postmortem.convertZone',
      'postmortem.openPreview',
      'postmortem.openPreviewToSide',
      'postmortem.exportHtml',
      'postmortem.importTimeline',
      'postmortem.showTrends',
      'postmortem.refreshIndex',
      'postmortem.groupIndex',
    ]) {
      assert.ok(all.includes(id), `${id} is not registered`);
    }
    const manifest = vscode.extensions.getExtension('postmortem-tools.postmortem-lint')?.packageJSON as {
      contributes: { commands: { command: string; category?: string }[] };
    };
    for (const c of manifest.contributes.commands) assert.equal(c.category, 'Postmortem', c.command);
  });

  test('the server lists the profiles for the picker', async () => {
    const profiles = await sendRequest<{ id: string; name: string; description: string }[]>('postmortem/profiles', {});
    assert.ok(
      profiles.some((p) => p.id === 'default' && p.name && p.description),
      JSON.stringify(profiles),
    );
  });

  test('New Postmortem… creates YYYY-MM-DD-<slug>.md in postmortems/ from the profile and opens it; never overwrites', async () => {
    const args = { profile: 'default', title: 'Payments API: 502s after the deploy!', date: '2024-06-08', zone: 'WAT' };
    const first = await vscode.commands.executeCommand<vscode.Uri>('postmortem.new', args);
    assert.ok(first, 'no file created');
    assert.equal(vscode.workspace.asRelativePath(first), 'postmortems/2024-06-08-payments-api-502s-after-the-deploy.md');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), first.toString(), 'the new file is not the active editor');
    const text = fs.readFileSync(first.fsPath, 'utf8');
    assert.match(text, /^# Payments API: 502s after the deploy!\n/);
    assert.match(text, /WAT/);
    assert.doesNotMatch(text, /\$\{\w+\}/, 'a template slot was left unfilled');
    const document = vscode.window.activeTextEditor.document;
    const i = await info(document);
    assert.equal(i.isPostmortem, true);

    const second = await vscode.commands.executeCommand<vscode.Uri>('postmortem.new', args);
    assert.equal(vscode.workspace.asRelativePath(second), 'postmortems/2024-06-08-payments-api-502s-after-the-deploy-2.md');
    assert.equal(fs.readFileSync(first.fsPath, 'utf8'), text, 'the first file was overwritten');
    const third = await vscode.commands.executeCommand<vscode.Uri>('postmortem.new', args);
    assert.equal(vscode.workspace.asRelativePath(third), 'postmortems/2024-06-08-payments-api-502s-after-the-deploy-3.md');
  });

  test("New Postmortem… with the google-sre profile writes that profile's template, which the document then follows", async () => {
    const extension = vscode.extensions.getExtension('postmortem-tools.postmortem-lint');
    assert.ok(extension);
    const profile = JSON.parse(
      fs.readFileSync(vscode.Uri.joinPath(extension.extensionUri, 'server', 'src', 'engine', 'profiles', 'google-sre.json').fsPath, 'utf8'),
    ) as {
      template: string;
      sections: { title: string; required: boolean }[];
    };
    const args = {
      profile: 'google-sre',
      title: 'Search: empty results after the index push',
      date: '2024-11-05',
      zone: 'CET',
    };
    const uri = await vscode.commands.executeCommand<vscode.Uri>('postmortem.new', args);
    assert.ok(uri, 'no file created');
    assert.equal(vscode.workspace.asRelativePath(uri), 'postmortems/2024-11-05-search-empty-results-after-the-index-push.md');
    const text = fs.readFileSync(uri.fsPath, 'utf8');
    const filled = profile.template
      .replace(/\$\{title\}/g, args.title)
      .replace(/\$\{date\}/g, args.date)
      .replace(/\$\{zone\}/g, args.zone);
    assert.equal(text, filled.replace(/\s*$/, '\n'), 'the google-sre template, filled in');
    assert.match(text, /^---\nprofile: google-sre\n/);
    assert.match(text, /^## Trigger$/m);
    assert.match(text, /^All times CET\.$/m);
    const document = vscode.window.activeTextEditor?.document;
    assert.equal(document?.uri.toString(), uri.toString(), 'the new file is not the active editor');
    const i = await waitFor(async () => {
      const next = await sendRequest<(DocumentInfo & { profile: string }) | null>('postmortem/documentInfo', {
        uri: uri.toString(),
      });
      return next?.isPostmortem ? next : undefined;
    }, 'documentInfo of the new file');
    assert.equal(i.profile, 'google-sre');
    // Every section the profile asks for is there, in its order: nothing structural to say about the sections.
    const diagnostics = await waitForDiagnostics(uri, (ds) => ds.length > 0, 'the diagnostics of the new file');
    const structural = diagnostics.filter((d) => ['required-sections', 'section-order', 'duplicate-section'].includes(ruleOf(d) ?? ''));
    assert.deepEqual(
      structural.map((d) => `${d.range.start.line + 1} ${ruleOf(d)} ${d.message}`),
      [],
    );
  });

  test('New Postmortem… follows postmortem.newFileFolder', async () => {
    const restore = await setPostmortemSetting('newFileFolder', 'incidents/2024');
    try {
      const uri = await vscode.commands.executeCommand<vscode.Uri>('postmortem.new', {
        profile: 'default',
        title: 'Élan vital — DNS',
        date: '2024-02-29',
        zone: 'UTC',
      });
      assert.equal(vscode.workspace.asRelativePath(uri), 'incidents/2024/2024-02-29-elan-vital-dns.md');
    } finally {
      await restore();
    }
  });

  test('Sort Timeline puts the entries in chronological order', async () => {
    const { document } = await openDocument('commands/sort-postmortem.md');
    await waitForDiagnostics(document.uri, (ds) => ds.some((d) => ruleOf(d) === 'timeline-order'), 'the timeline-order error');
    await vscode.commands.executeCommand('postmortem.sortTimeline');
    const text = await waitForText(document, (t) => t.indexOf('09:00 UTC') < t.indexOf('09:40 UTC'), 'the sorted timeline');
    const stamps = [...text.matchAll(/^- (2024-05-14 \d\d:\d\d UTC)/gm)].map((m) => m[1]);
    assert.deepEqual(stamps, ['2024-05-14 09:00 UTC', '2024-05-14 09:12 UTC', '2024-05-14 09:40 UTC', '2024-05-14 10:10 UTC']);
    await waitForDiagnostics(document.uri, (ds) => !ds.some((d) => ruleOf(d) === 'timeline-order'), 'the timeline-order error to go');
  });

  test('Convert Timeline to Zone… rewrites the times in PST, keeping every instant; and back', async () => {
    const { document } = await openDocument('commands/convert-postmortem.md');
    const original = document.getText();
    const before = (await info(document)).model?.timeline.map((e) => e.instant);
    assert.equal(before?.length, 4);
    await vscode.commands.executeCommand('postmortem.convertZone', { zone: 'PST' });
    const text = await waitForText(document, (t) => t.includes('01:00 PST'), 'times in PST');
    assert.match(text, /- 2024-05-14 01:00 PST — Queue depth alert/);
    assert.match(text, /from 01:00 PST to 02:10 PST on May 14, 2024/);
    assert.doesNotMatch(text.split('## Timeline')[1] ?? '', /UTC/);
    const after = await info(document);
    assert.deepEqual(
      after.model?.timeline.map((e) => e.instant),
      before,
    );
    assert.equal(after.model?.zone?.text, 'PST');

    await vscode.commands.executeCommand('postmortem.convertZone', { zone: 'UTC' });
    await waitForText(document, (t) => t === original, 'the original text back');
  });

  test('Convert Timeline to Zone… asks with a picker that offers the document zone first', async () => {
    const { document } = await openDocument('commands/convert-postmortem.md');
    const original = document.getText();
    let settled = false;
    const running = Promise.resolve(vscode.commands.executeCommand<{ message: string } | undefined>('postmortem.convertZone')).finally(
      () => (settled = true),
    );
    // Accept the first item (the document's own zone) once the picker is up.
    await waitFor(
      async () => {
        if (settled) return true;
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        return settled;
      },
      'the zone picker to be accepted',
      10_000,
      300,
    );
    const result = await running;
    assert.match(result?.message ?? '', /already in UTC/);
    assert.equal(document.getText(), original);
  });

  test('Insert Timeline Entry (Now) adds an entry at its chronological place, in the document style, with the text selected', async () => {
    const { document, editor } = await openDocument('commands/insert-postmortem.md');
    await info(document);
    const now = Date.UTC(2024, 4, 14, 9, 30);
    await vscode.commands.executeCommand('postmortem.insertEntry', { now });
    const text = await waitForText(document, (t) => t.includes('09:30 UTC'), 'the new entry');
    const lines = text.split('\n');
    const at = lines.indexOf('- 2024-05-14 09:30 UTC — What happened');
    assert.ok(at > 0, text);
    assert.match(lines[at - 1] ?? '', /09:12 UTC/);
    assert.match(lines[at + 1] ?? '', /09:40 UTC/);
    assert.equal(editor.document.getText(editor.selection), 'What happened');
    assert.equal(editor.selection.start.line, at);
    const i = await info(document);
    assert.ok(
      i.model?.timeline.some((e) => e.instant === now),
      'the new entry does not read as 09:30 UTC',
    );
  });

  test('Insert Timeline Entry (Now) without a time given stamps the current time in the document zone', async () => {
    const { document } = await openDocument('commands/insert-postmortem.md');
    const count = (await info(document)).model?.timeline.length ?? 0;
    const started = Date.now();
    await vscode.commands.executeCommand('postmortem.insertEntry');
    const i = await waitFor(async () => {
      const next = await info(document);
      return (next.model?.timeline.length ?? 0) > count ? next : undefined;
    }, 'one more entry');
    const added = i.model?.timeline.find((e) => e.instant !== null && e.instant >= started - 60_000);
    assert.ok(added, 'no entry stamped now');
    assert.match(added.text, /\d{4}-\d\d-\d\d \d\d:\d\d UTC — What happened/);
  });

  test('Open Preview to the Side opens the preview beside the editor, which keeps the focus', async () => {
    const { api } = await activateExtension();
    const preview = (api as unknown as { preview(): { visible: boolean; viewColumn?: number; uri?: string; appliedVersion?: number } })
      .preview;
    const { document } = await openDocument('incidents/2024-03-04-orders-db-outage.md');
    await vscode.commands.executeCommand('postmortem.openPreviewToSide');
    // Shown, and its page loaded (a webview closed while it loads can leave the next one blank in code-server).
    const shown = await waitFor(
      () =>
        preview().visible &&
        preview().viewColumn &&
        preview().uri === document.uri.toString() &&
        preview().appliedVersion === document.version
          ? preview()
          : undefined,
      'the preview to be visible',
      20_000,
    );
    assert.equal(shown.viewColumn, vscode.ViewColumn.Two);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), document.uri.toString());
    await closeAllEditors();
    const again = (await openDocument('incidents/2024-03-04-orders-db-outage.md')).document;
    await vscode.commands.executeCommand('postmortem.openPreview');
    const inPlace = await waitFor(
      () => (preview().visible && preview().viewColumn && preview().appliedVersion === again.version ? preview() : undefined),
      'the preview in the same column',
      20_000,
    );
    assert.equal(inPlace.viewColumn, vscode.ViewColumn.One);
    await closeAllEditors();
  });

  test('Export as HTML writes one self-contained file beside the document', async () => {
    const { document } = await openDocument('incidents/2024-06-08-payments-gateway-postmortem.md');
    const uri = await vscode.commands.executeCommand<vscode.Uri>('postmortem.exportHtml', {
      uri: document.uri.toString(),
      beside: true,
    });
    assert.equal(uri?.toString(), workspaceUri('incidents/2024-06-08-payments-gateway-postmortem.html').toString());
    const html = fs.readFileSync(uri.fsPath, 'utf8');
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /<style>[\s\S]*\.pm-card/);
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /<link\b|src="http|href="http/i, 'the export refers to an outside resource');
    assert.match(html, /<title>Payments gateway outage<\/title>/);
    assert.match(html, /class="pm-figure-value">10:42</);
    assert.match(html, /class="pm-figure-value">7m</);
    assert.match(html, /✓ matches the summary/);
    assert.equal((html.match(/class="pm-tl-entry/g) ?? []).length, 7);
    assert.match(html, /<h2 data-line="25">Root Cause and Resolution<\/h2>/);
  });
});
