/**
 * Postmortem: Show Incident Trends — a webview with, over time, each incident's duration, time to detect and time to
 * resolve (the server draws the chart: engine/report/chart.ts through `postmortem/index` with `chart`), per month or
 * quarter the count, median and 90th percentile, and every postmortem in a table that sorts by any column. A click on
 * a point or a title opens the file (only a URI the index listed). Same safety as the preview: a CSP with a nonce,
 * scripts and styles only from client/media, the server's SVG escaped, the rows written as text by the page script.
 * Colours are the theme's (--vscode-*), so it reads in light, dark and high contrast.
 */
import { vscode } from '../vscode';
import { INDEX_REQUEST, type IndexParams, type IndexResult, type RequestClient } from '../preview/protocol';
import type { IndexChanges } from './changes';

export const TRENDS_VIEW_TYPE = 'postmortem.trends';
export const SHOW_TRENDS_COMMAND = 'postmortem.showTrends';

type FromWebview =
  | { type: 'ready'; width?: number }
  | { type: 'width'; width: number }
  | { type: 'group'; group: 'month' | 'quarter' }
  | { type: 'open'; uri: string }
  | { type: 'rendered'; generation: number; rows: number; groups: number; points: number }
  | { type: 'cspViolation'; directive: string; blocked: string };

/** What the panel shows now (tests). */
export interface TrendsSnapshot {
  visible: boolean;
  group: 'month' | 'quarter';
  result: IndexResult | undefined;
  /** What the page reported it drew for the last answer: table rows, group rows, points on the chart. */
  rendered: { generation: number; rows: number; groups: number; points: number } | undefined;
  generation: number;
  shell: string | undefined;
  cspViolations: { directive: string; blocked: string }[];
}

function nonce(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(18)), (b) => b.toString(16).padStart(2, '0')).join('');
}

export class TrendsPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private width = 900;
  private group: 'month' | 'quarter' = 'month';
  private generation = 0;
  private result: IndexResult | undefined;
  private rendered: TrendsSnapshot['rendered'];
  private shell: string | undefined;
  private stale = false;
  private cspViolations: { directive: string; blocked: string }[] = [];
  private readonly mediaRoot: vscode.Uri;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly panelDisposables: vscode.Disposable[] = [];

  constructor(
    private readonly client: RequestClient,
    context: vscode.ExtensionContext,
    private readonly changes: IndexChanges,
  ) {
    this.mediaRoot = vscode.Uri.joinPath(context.extensionUri, 'client', 'media');
    this.disposables.push(
      vscode.commands.registerCommand(SHOW_TRENDS_COMMAND, () => this.show()),
      changes.onDidChange(() => {
        if (!this.panel) return;
        if (this.panel.visible) this.refresh();
        else this.stale = true;
      }),
      vscode.window.registerWebviewPanelSerializer(TRENDS_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel) => this.adopt(panel, true),
      }),
    );
  }

  snapshot(): TrendsSnapshot {
    return {
      visible: Boolean(this.panel?.visible),
      group: this.group,
      result: this.result,
      rendered: this.rendered,
      generation: this.generation,
      shell: this.shell,
      cspViolations: [...this.cspViolations],
    };
  }

  show(): void {
    if (this.panel) {
      this.panel.reveal();
      this.refresh();
      return;
    }
    const panel = vscode.window.createWebviewPanel(TRENDS_VIEW_TYPE, 'Incident Trends', vscode.ViewColumn.Active, this.options());
    this.adopt(panel, false);
  }

  private options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableFindWidget: true,
      retainContextWhenHidden: false,
      localResourceRoots: [this.mediaRoot],
    };
  }

  private adopt(panel: vscode.WebviewPanel, restored: boolean): void {
    for (const d of this.panelDisposables.splice(0)) d.dispose();
    this.panel = panel;
    this.rendered = undefined;
    if (restored) panel.webview.options = this.options();
    panel.iconPath = vscode.Uri.joinPath(this.mediaRoot, 'trends-icon.svg');
    this.shell = this.html(panel.webview);
    panel.webview.html = this.shell;
    this.panelDisposables.push(
      panel.onDidDispose(() => {
        if (this.panel !== panel) return;
        this.panel = undefined;
        for (const d of this.panelDisposables.splice(0)) d.dispose();
      }),
      panel.webview.onDidReceiveMessage((m: FromWebview) => this.onMessage(m)),
      panel.onDidChangeViewState(() => {
        if (panel.visible && this.stale) this.refresh();
      }),
    );
  }

  private onMessage(m: FromWebview): void {
    switch (m.type) {
      case 'ready':
        if (typeof m.width === 'number' && m.width > 0) this.width = m.width;
        this.refresh();
        break;
      case 'width':
        if (typeof m.width === 'number' && Math.abs(m.width - this.width) >= 24) {
          this.width = m.width;
          this.refresh();
        }
        break;
      case 'group':
        if (m.group === 'month' || m.group === 'quarter') {
          this.group = m.group;
          this.refresh();
        }
        break;
      case 'open': {
        // Only a postmortem the index listed: the page cannot make the extension open anything else.
        const row = this.result?.rows.find((r) => r.uri === m.uri);
        if (row)
          void vscode.window.showTextDocument(vscode.Uri.parse(row.uri), {
            preview: false,
            viewColumn: vscode.ViewColumn.Beside,
          });
        break;
      }
      case 'rendered':
        if (m.generation === this.generation)
          this.rendered = { generation: m.generation, rows: m.rows, groups: m.groups, points: m.points };
        break;
      case 'cspViolation':
        this.cspViolations.push({ directive: String(m.directive), blocked: String(m.blocked) });
        break;
    }
  }

  /** Asks the server for the index and its chart at the page's width, and posts it; an older answer is dropped. */
  refresh(): void {
    const panel = this.panel;
    if (!panel) return;
    this.stale = false;
    const generation = ++this.generation;
    if (!this.client.isRunning()) {
      void panel.webview.postMessage({ type: 'empty', message: 'The Postmortem language server is not running.' });
      return;
    }
    const params: IndexParams = { ...this.changes.take(), group: this.group, chart: { width: Math.round(this.width) } };
    this.client.sendRequest<IndexResult>(INDEX_REQUEST, params).then(
      (result) => {
        if (generation !== this.generation || panel !== this.panel) return;
        this.result = result;
        void panel.webview.postMessage({ type: 'update', generation, group: this.group, ...result });
      },
      (error: unknown) => {
        this.changes.lost();
        if (generation !== this.generation || panel !== this.panel) return;
        void panel.webview.postMessage({
          type: 'empty',
          message: `The trends could not be computed: ${error instanceof Error ? error.message : String(error)}`,
        });
      },
    );
  }

  private html(webview: vscode.Webview): string {
    const n = nonce();
    const media = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.mediaRoot, file)).toString();
    const csp = [
      "default-src 'none'",
      `style-src ${webview.cspSource} 'nonce-${n}'`,
      `script-src 'nonce-${n}'`,
      `img-src ${webview.cspSource} data:`,
      `font-src ${webview.cspSource}`,
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" nonce="${n}" href="${media('trends.css')}">
<title>Incident Trends</title>
</head>
<body class="tr-body">
<main id="tr-root" class="tr-page" data-state="loading">
  <header class="tr-header">
    <div class="tr-eyebrow">Postmortems</div>
    <h1 class="tr-title">Incident trends</h1>
    <p class="tr-summary" id="tr-summary">Reading the workspace's postmortems…</p>
    <div class="tr-switch" role="group" aria-label="Group by">
      <button type="button" data-group="month" aria-pressed="true">By month</button><button type="button" data-group="quarter" aria-pressed="false">By quarter</button>
    </div>
  </header>
  <p class="tr-note" id="tr-note" hidden></p>
  <section><h2>Over time</h2><div id="tr-chart" class="tr-chart"></div>
    <p class="tr-legend"><span class="tr-key tr-key-duration"></span>Duration <span class="tr-key tr-key-detect"></span>Time to detect <span class="tr-key tr-key-resolve"></span>Time to resolve — a point per incident at its start, a line at each period's median; square-root scale; UTC.</p></section>
  <section><h2 id="tr-groups-title">By month</h2><p class="tr-muted">Median and 90th percentile. A figure a postmortem does not give is left out, never counted as zero.</p><div class="tr-wide"><table id="tr-groups" class="tr-table"></table></div></section>
  <section><h2>Postmortems</h2><p class="tr-muted">Click a column to sort it, a title to open the postmortem.</p><div class="tr-wide"><table id="tr-rows" class="tr-table"></table></div></section>
</main>
<script nonce="${n}" src="${media('trends.js')}"></script>
</body>
</html>`;
  }

  dispose(): void {
    for (const d of this.panelDisposables.splice(0)) d.dispose();
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
