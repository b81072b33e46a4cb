import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateExtension,
  clickInPreview,
  closeAllEditors,
  inspectFrames,
  repoRoot,
  screenshot,
  waitFor,
  workspaceUri,
} from './helpers/vscode';

interface Figures {
  start: string | null;
  end: string | null;
  duration: string | null;
  declaredDuration: string | null;
  durationMismatch: boolean;
  timeToDetect: string | null;
  timeToResolve: string | null;
  entries: number;
  zone: string | null;
}
interface RenderResult {
  uri: string;
  version: number;
  html: string;
  overviewHtml: string;
  problemsHtml: string;
  figures: Figures;
  diagnostics: { line: number; ruleId: string }[];
}
interface PreviewSnapshot {
  uri?: string;
  visible: boolean;
  viewColumn?: number;
  render?: RenderResult;
  appliedVersion?: number;
  renders: number;
  shell?: string;
  cspViolations: { directive: string; blocked: string }[];
}
interface Api {
  preview(): PreviewSnapshot;
  injectIntoPreviewForTest(html: string): Promise<boolean>;
}

const PAYMENTS = 'incidents/2024-06-08-payments-gateway-postmortem.md';
const XSS = 'incidents/2024-07-19-xss-payloads-postmortem.md';

/** Opens the document in the first column, whichever group has the focus (a click in the preview focuses its group). */
async function openDocument(relative: string): Promise<{ document: vscode.TextDocument; editor: vscode.TextEditor }> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(relative));
  const editor = await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, preview: false });
  return { document, editor };
}

suite('preview', () => {
  let api: Api;

  /** Resolves once the webview has applied the render of the document's current version. */
  const rendered = (document: vscode.TextDocument, what = 'the preview of the current version'): Promise<PreviewSnapshot> =>
    waitFor(
      () => {
        const s = api.preview();
        return s.uri === document.uri.toString() &&
          s.render?.uri === document.uri.toString() &&
          s.render?.version === document.version &&
          s.appliedVersion === document.version
          ? s
          : undefined;
      },
      what,
      20_000,
    ).catch(async (error: unknown) => {
      const s = api.preview();
      const frames = await inspectFrames('stuck').catch(() => []);
      console.log(JSON.stringify(frames));
      await screenshot('preview-stuck', repoRoot()).catch(() => undefined);
      throw new Error(
        `${String(error)}; document ${document.uri.toString()} v${document.version}, preview ${s.uri} render ${s.render?.uri} v${s.render?.version} applied ${s.appliedVersion} renders ${s.renders} visible ${s.visible}`,
      );
    });

  const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

  suiteSetup(async () => {
    const activated = await activateExtension();
    api = activated.api as unknown as Api;
    await closeAllEditors();
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('workbench').update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
    await closeAllEditors();
  });

  test('shows the figures of a postmortem whose numbers are known', async () => {
    const { document } = await openDocument(PAYMENTS);
    await vscode.commands.executeCommand('postmortem.openPreviewToSide');
    const s = await rendered(document);
    const f = s.render?.figures;
    assert.ok(f);
    assert.equal(f.start, 'Sat 8 Jun 2024 10:42');
    assert.equal(f.end, 'Sat 8 Jun 2024 13:05');
    assert.equal(f.duration, '2h 23m');
    assert.equal(f.declaredDuration, '2 hours 23 minutes');
    assert.equal(f.durationMismatch, false);
    assert.equal(f.timeToDetect, '7m');
    assert.equal(f.timeToResolve, '2h 23m');
    assert.equal(f.entries, 7);
    assert.equal(f.zone, 'UTC');
    const overview = s.render?.overviewHtml ?? '';
    assert.match(overview, /class="pm-figure-value">10:42</);
    assert.match(overview, /title="The summary says 2 hours 23 minutes">✓ matches the summary</);
    // Every entry on the axis, coloured by its phase, linked to its line.
    const entries = [...overview.matchAll(/<g class="pm-tl-entry (pm-ph-[a-z]+)" data-line="(\d+)"/g)].map((m) => [m[1], Number(m[2])]);
    assert.deepEqual(entries, [
      ['pm-ph-none', 17],
      ['pm-ph-detected', 18],
      ['pm-ph-acknowledged', 19],
      ['pm-ph-escalated', 20],
      ['pm-ph-mitigated', 21],
      // "Renewed certificate deployed …; handshakes succeed again": the service is restored (docs/phases.md), and a
      // deploy after detection is never the trigger.
      ['pm-ph-resolved', 22],
      ['pm-ph-resolved', 23],
    ]);
    // A true time axis: the gap between 11:30 and 12:40 is wider than the one between 10:49 and 10:55.
    const xs = [...overview.matchAll(/<circle class="pm-tl-dot" cx="([\d.]+)"/g)].map((m) => Number(m[1]));
    assert.equal(xs.length, 7);
    assert.ok(xs[5]! - xs[4]! > 5 * (xs[2]! - xs[1]!), `gaps not to scale: ${xs.join(', ')}`);
    assert.match(s.render?.html ?? '', /<h1 data-line="1">Payments gateway outage<\/h1>/);
    assert.match(s.render?.html ?? '', /<input type="checkbox" disabled>/);
  });

  test('the webview has a strict CSP with a nonce and loads only the extension media', () => {
    const shell = api.preview().shell ?? '';
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(shell)?.[1] ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-[A-Za-z0-9]{16,}'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:\/\/[^ ;]*(?<!vscode-cdn\.net)(;| |$)/);
    const nonce = /'nonce-([A-Za-z0-9]+)'/.exec(csp)?.[1];
    assert.match(shell, new RegExp(`<script nonce="${nonce}" src="[^"]+/client/media/preview\\.js"`));
    for (const m of shell.matchAll(/(?:src|href)="([^"]+)"/g))
      assert.match(m[1] ?? '', /\/client\/media\//, `a resource outside client/media: ${m[1]}`);
  });

  test('clicking a timeline entry in the preview reveals its line in the editor', async () => {
    const { document } = await openDocument(PAYMENTS);
    await rendered(document);
    const clicked = await waitFor(
      async () => {
        const result = await clickInPreview('click-entry', '.pm-tl-entry[data-line="21"] .pm-tl-dot');
        return result === true ? result : undefined;
      },
      'a click on the 11:30 entry',
      20_000,
      500,
    );
    assert.equal(clicked, true);
    await waitFor(() => {
      const editor = vscode.window.activeTextEditor;
      return editor?.document.uri.toString() === document.uri.toString() && editor.selection.active.line === 20;
    }, 'the editor to show line 21');
    const problem = await clickInPreview('click-problem', '.pm-problem');
    assert.equal(problem, true, String(problem));
  });

  test('follows the editor scroll', async () => {
    const { document, editor } = await openDocument(PAYMENTS);
    await rendered(document);
    editor.revealRange(new vscode.Range(38, 0, 38, 0), vscode.TextEditorRevealType.AtTop);
    const frame = await waitFor(
      async () => {
        const preview = (await inspectFrames('scroll')).find((f) => f.isPreview);
        return preview && (preview.scrollY ?? 0) > 100 ? preview : undefined;
      },
      'the preview to scroll down',
      15_000,
      300,
    );
    assert.ok((frame.scrollY ?? 0) > 100);
    editor.revealRange(new vscode.Range(0, 0, 0, 0), vscode.TextEditorRevealType.AtTop);
  });

  test('updates after an edit (debounced), flags a duration that no longer matches', async () => {
    const { document } = await openDocument(PAYMENTS);
    const before = await rendered(document);
    const renders = before.renders;
    const from = '- 13:05 — Failure rate';
    const offset = document.getText().indexOf(from);
    assert.ok(offset > 0);
    const edit = new vscode.WorkspaceEdit();
    const range = new vscode.Range(document.positionAt(offset), document.positionAt(offset + 7));
    edit.replace(document.uri, range, '- 13:35');
    assert.ok(await vscode.workspace.applyEdit(edit));
    try {
      const after = await rendered(document, 'the edited version in the preview');
      assert.ok(after.renders > renders);
      const f = after.render?.figures;
      assert.equal(f?.end, 'Sat 8 Jun 2024 13:05', 'the declared window still ends at 13:05');
      assert.equal(f?.timeToResolve, '2h 53m');
      // Several quick edits make one render, not one per keystroke.
      const quick = api.preview().renders;
      for (const ch of ['.', '.', '.']) {
        const e = new vscode.WorkspaceEdit();
        e.insert(document.uri, document.positionAt(document.getText().indexOf('incident resolved') + 'incident resolved'.length), ch);
        await vscode.workspace.applyEdit(e);
      }
      await rendered(document, 'the quick edits in the preview');
      assert.ok(api.preview().renders - quick <= 2, `rendered ${api.preview().renders - quick} times for 3 quick edits`);
    } finally {
      const text = document.getText().replace('- 13:35', '- 13:05').replace('incident resolved....', 'incident resolved.');
      const undo = new vscode.WorkspaceEdit();
      undo.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), text);
      await vscode.workspace.applyEdit(undo);
      await document.save();
    }
    await rendered(document, 'the restored version');
  });

  for (const [theme, name] of [
    ['Default Light Modern', 'preview-light'],
    ['Default Dark Modern', 'preview-dark'],
    ['Default High Contrast', 'preview-high-contrast'],
  ] as const) {
    test(`screenshot: the editor with the preview beside it, ${theme}`, async () => {
      await closeAllEditors();
      await vscode.workspace.getConfiguration('workbench').update('colorTheme', theme, vscode.ConfigurationTarget.Global);
      const { document } = await openDocument(PAYMENTS);
      await vscode.commands.executeCommand('postmortem.openPreviewToSide');
      await rendered(document);
      const frames = await waitFor(
        async () => {
          const preview = (await inspectFrames(`theme-${name}`)).find((f) => f.isPreview);
          const want = theme.includes('Light') ? 'vscode-light' : theme.includes('Contrast') ? 'vscode-high-contrast' : 'vscode-dark';
          return preview?.theme?.includes(want) ? preview : undefined;
        },
        `the webview in ${theme}`,
        15_000,
        300,
      );
      assert.ok(frames);
      await vscode.commands.executeCommand('notifications.clearAll');
      await settle(600);
      await screenshot(name, repoRoot());
    });
  }

  test('a document full of XSS payloads renders with none of them running', async () => {
    await closeAllEditors();
    const { document } = await openDocument(XSS);
    await vscode.commands.executeCommand('postmortem.openPreviewToSide');
    const s = await rendered(document);
    const html = `${s.render?.html ?? ''}${s.render?.overviewHtml ?? ''}${s.render?.problemsHtml ?? ''}`;
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /<(iframe|meta|object|embed|style|form|math|link|base|frame|frameset)\b/i);
    // Text may mention a payload (escaped); what matters is what sits inside tags.
    const tags = html.match(/<[a-zA-Z][^>]*>/g) ?? [];
    assert.ok(tags.length > 50);
    for (const tag of tags) {
      assert.doesNotMatch(tag, /\son[a-z]+\s*=/i, `an event-handler attribute survived: ${tag}`);
      assert.doesNotMatch(tag, /=\s*"\s*(javascript|vbscript|data):/i, `a script URL survived: ${tag}`);
      assert.doesNotMatch(tag, /(src|href)="https?:/i, `a remote resource survived: ${tag}`);
    }
    assert.match(html, /Hostile document/);

    // Past the sanitiser, straight into the page: the CSP must keep the same payloads inert.
    const raw = document.getText().split('## Timeline')[0] ?? '';
    assert.equal(await api.injectIntoPreviewForTest(raw), true, 'the test hook refused');
    await waitFor(async () => (await inspectFrames('xss-injected')).some((f) => f.testRaw), 'the raw payloads in the page', 15_000, 300);
    await settle(1500);
    const frames = await inspectFrames('xss');
    assert.ok(
      frames.some((f) => f.isPreview),
      `no preview frame among ${frames.length}`,
    );
    const pwned = frames.filter((f) => f.pwned);
    assert.deepEqual(pwned, [], 'a payload ran');
    await waitFor(() => api.preview().cspViolations.some((v) => /script-src/.test(v.directive)), 'the CSP to report the blocked scripts');
    await screenshot('preview-xss', repoRoot());
  });
});
