/**
 * The postmortem preview: a webview beside the editor showing the incident's figures, its timeline on a
 * time axis, the problems and the document rendered. The server renders (postmortem/render); this file
 * hosts the webview: a strict CSP with a nonce, resources only from client/media, updates while typing
 * (debounced, only for the previewed document), scroll sync, clicks that reveal lines, a serializer so
 * the preview survives a window reload.
 */
import { vscode } from '../vscode';
import { pageStart } from './page';
import { RENDER_REQUEST, type RenderResult, type RequestClient } from './protocol';

export const PREVIEW_VIEW_TYPE = 'postmortem.preview';
export const OPEN_PREVIEW_COMMAND = 'postmortem.openPreview';
export const OPEN_PREVIEW_TO_SIDE_COMMAND = 'postmortem.openPreviewToSide';
const DEBOUNCE_MS = 300;

/** What the webview keeps across reloads (vscode.setState), read back by the serializer. */
interface PreviewState {
  uri?: string;
}

type FromWebview =
  | { type: 'ready'; width?: number }
  | { type: 'width'; width: number }
  | { type: 'reveal'; line: number; column?: number }
  | { type: 'rendered'; version: number; uri?: string }
  | { type: 'cspViolation'; directive: string; blocked: string };

/** What the preview shows now, for the tests and the export. */
export interface PreviewSnapshot {
  uri: string | undefined;
  visible: boolean;
  viewColumn: vscode.ViewColumn | undefined;
  /** The last render posted to the webview. */
  render: RenderResult | undefined;
  /** The version the webview reported it has applied. */
  appliedVersion: number | undefined;
  /** How many renders were posted. */
  renders: number;
  /** The webview's page (the shell; content arrives by message). */
  shell: string | undefined;
  /** CSP violations the webview reported. */
  cspViolations: { directive: string; blocked: string }[];
}

/** 144 random bits, in hex (Web Crypto: the same in Node's extension host and in a browser's web worker). */
function nonce(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(18)), (b) => b.toString(16).padStart(2, '0')).join('');
}

export class PreviewManager implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private uri: vscode.Uri | undefined;
  private width = 720;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;
  private last: RenderResult | undefined;
  private appliedVersion: number | undefined;
  private renders = 0;
  /** The page's script has started. */
  private ready = false;
  private loadTimer: ReturnType<typeof setTimeout> | undefined;
  /** The editor's first visible line, so that a reloaded webview comes back at the same place. */
  private scrollLine = 1;
  private shell: string | undefined;
  private cspViolations: { directive: string; blocked: string }[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private readonly panelDisposables: vscode.Disposable[] = [];
  private readonly mediaRoot: vscode.Uri;

  constructor(
    private readonly client: RequestClient,
    private readonly context: vscode.ExtensionContext,
  ) {
    this.mediaRoot = vscode.Uri.joinPath(context.extensionUri, 'client', 'media');
    this.disposables.push(
      vscode.commands.registerCommand(OPEN_PREVIEW_COMMAND, (uri?: vscode.Uri) => this.open(uri, false)),
      vscode.commands.registerCommand(OPEN_PREVIEW_TO_SIDE_COMMAND, (uri?: vscode.Uri) => this.open(uri, true)),
      vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state: unknown) => {
          const uri = (state as PreviewState | undefined)?.uri;
          this.adopt(panel, uri ? vscode.Uri.parse(uri) : undefined);
        },
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.panel && this.uri && e.document.uri.toString() === this.uri.toString()) this.schedule();
      }),
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => {
        if (!this.panel || !this.uri || e.textEditor.document.uri.toString() !== this.uri.toString()) return;
        const top = e.visibleRanges[0]?.start.line;
        if (top === undefined) return;
        this.scrollLine = top + 1;
        void this.panel.webview.postMessage({ type: 'scroll', line: this.scrollLine });
      }),
      vscode.languages.onDidChangeDiagnostics((e) => {
        // The server linted again (a config file or a setting changed): the figures may have changed.
        if (this.panel && this.uri && e.uris.some((u) => u.toString() === this.uri?.toString())) this.schedule();
      }),
    );
  }

  /** The document the preview shows. */
  get documentUri(): vscode.Uri | undefined {
    return this.uri;
  }

  snapshot(): PreviewSnapshot {
    return {
      uri: this.uri?.toString(),
      visible: Boolean(this.panel?.visible),
      viewColumn: this.panel?.viewColumn,
      render: this.last,
      appliedVersion: this.appliedVersion,
      renders: this.renders,
      shell: this.shell,
      cspViolations: [...this.cspViolations],
    };
  }

  /** Test mode only: put raw HTML into the webview, past the sanitiser, to show the CSP stops it. */
  async injectRawForTest(html: string): Promise<boolean> {
    if (this.context.extensionMode !== vscode.ExtensionMode.Test || !this.panel) return false;
    return this.panel.webview.postMessage({ type: 'testRaw', html });
  }

  async open(uri: vscode.Uri | undefined, toSide: boolean): Promise<void> {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    if (!target) {
      void vscode.window.showInformationMessage('Open a Markdown postmortem to preview it.');
      return;
    }
    const column = toSide ? vscode.ViewColumn.Beside : (vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.Active);
    if (this.panel) {
      if (this.uri?.toString() !== target.toString()) this.forgetRender();
      this.uri = target;
      this.panel.reveal(toSide ? undefined : column, toSide);
      this.refresh(true);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      PREVIEW_VIEW_TYPE,
      'Postmortem Preview',
      { viewColumn: column, preserveFocus: toSide },
      {
        enableScripts: true,
        enableFindWidget: true,
        localResourceRoots: [this.mediaRoot],
      },
    );
    this.adopt(panel, target, false);
  }

  private adopt(panel: vscode.WebviewPanel, uri: vscode.Uri | undefined, restored = true): void {
    this.disposePanel();
    this.forgetRender();
    this.panel = panel;
    this.uri = uri;
    // A restored panel gets its options again (a new panel was created with them; setting them again reloads it).
    if (restored)
      panel.webview.options = {
        enableScripts: true,
        enableFindWidget: true,
        localResourceRoots: [this.mediaRoot],
      } as vscode.WebviewOptions;
    panel.iconPath = vscode.Uri.joinPath(this.mediaRoot, 'preview-icon.svg');
    this.load(panel, 0);
    this.panelDisposables.push(
      panel.onDidDispose(() => {
        if (this.panel === panel) {
          this.panel = undefined;
          this.disposePanel();
          this.forgetRender();
        }
      }),
      panel.webview.onDidReceiveMessage((message: FromWebview) => this.onMessage(message)),
      panel.onDidChangeViewState(() => {
        if (panel.visible) this.refresh(true);
      }),
    );
    this.refresh(true);
  }

  /** Sets the page; when its script has not said 'ready' after a while, sets it again (a webview can fail to load). */
  private load(panel: vscode.WebviewPanel, attempt: number): void {
    this.ready = false;
    this.shell = this.html(panel.webview);
    panel.webview.html = this.shell;
    if (this.loadTimer) clearTimeout(this.loadTimer);
    this.loadTimer = setTimeout(() => {
      this.loadTimer = undefined;
      if (!this.ready && this.panel === panel && panel.visible && attempt < 3) this.load(panel, attempt + 1);
    }, 4000);
  }

  private onMessage(message: FromWebview): void {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        if (typeof message.width === 'number' && message.width > 0) this.width = message.width;
        this.refresh(true);
        break;
      case 'width':
        if (Math.abs(message.width - this.width) >= 8) {
          this.width = message.width;
          this.schedule();
        }
        break;
      case 'rendered':
        if (this.last && (message.uri === undefined || message.uri === this.last.uri)) this.appliedVersion = message.version;
        break;
      case 'reveal':
        void this.reveal(message.line, message.column);
        break;
      case 'cspViolation':
        this.cspViolations.push({ directive: String(message.directive), blocked: String(message.blocked) });
        break;
    }
  }

  /** Shows the line in the editor that has the document (opening one beside the preview when none does). */
  private async reveal(line: number, column = 1): Promise<void> {
    if (!this.uri || !Number.isFinite(line)) return;
    const uriText = this.uri.toString();
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uriText);
    const document = visible?.document ?? (await vscode.workspace.openTextDocument(this.uri));
    const editor = await vscode.window.showTextDocument(document, {
      viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
      preserveFocus: false,
      preview: false,
    });
    const position = new vscode.Position(Math.max(0, line - 1), Math.max(0, column - 1));
    editor.selection = new vscode.Selection(position, position);
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenter);
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.refresh(false);
    }, DEBOUNCE_MS);
  }

  /** Asks the server for the current version and posts it; a slower answer for an older request is dropped. */
  refresh(immediate: boolean): void {
    if (immediate && this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const panel = this.panel;
    const uri = this.uri;
    if (!panel || !uri) return;
    const generation = ++this.generation;
    void this.ensureOpen(uri)
      .then(() => this.client.sendRequest<RenderResult | null>(RENDER_REQUEST, { uri: uri.toString(), width: this.width }))
      .then(
        (result) => {
          if (generation !== this.generation || panel !== this.panel) return;
          if (!result) {
            void panel.webview.postMessage({ type: 'empty', message: 'The document is not open.' });
            return;
          }
          this.last = result;
          this.renders++;
          panel.title = `Preview: ${result.title}`;
          void panel.webview.postMessage({ type: 'update', ...result, model: undefined, scrollLine: this.scrollLine });
        },
        (error: unknown) => {
          if (generation === this.generation)
            void panel.webview.postMessage({
              type: 'empty',
              message: `The preview could not be rendered: ${String(error)}`,
            });
        },
      );
  }

  /** The server knows only open documents: open it (without showing it) after a reload. */
  private async ensureOpen(uri: vscode.Uri): Promise<void> {
    if (!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) await vscode.workspace.openTextDocument(uri);
  }

  private html(webview: vscode.Webview): string {
    const n = nonce();
    const media = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.mediaRoot, file)).toString();
    const test = this.context.extensionMode === vscode.ExtensionMode.Test ? ' data-test="1"' : '';
    const csp = [
      "default-src 'none'",
      `style-src ${webview.cspSource} 'nonce-${n}'`,
      `script-src 'nonce-${n}'`,
      `img-src ${webview.cspSource} data:`,
      `font-src ${webview.cspSource}`,
    ].join('; ');
    return `${pageStart(csp)}
<link rel="stylesheet" nonce="${n}" href="${media('preview.css')}">
<title>Postmortem Preview</title>
</head>
<body class="pm-body"${test}>
<main id="pm-root" class="pm-page" data-state="loading">
  <header class="pm-header"><div class="pm-eyebrow" id="pm-eyebrow">Postmortem</div><h1 class="pm-title" id="pm-title">Loading…</h1></header>
  <div id="pm-overview"></div>
  <div id="pm-problems"></div>
  <article id="pm-document" class="pm-markdown"></article>
</main>
<div id="pm-tooltip" class="pm-tooltip" role="tooltip" hidden></div>
<script nonce="${n}" src="${media('preview.js')}"></script>
</body>
</html>`;
  }

  private forgetRender(): void {
    this.scrollLine = 1;
    this.last = undefined;
    this.appliedVersion = undefined;
  }

  private disposePanel(): void {
    for (const d of this.panelDisposables.splice(0)) d.dispose();
    if (this.loadTimer) clearTimeout(this.loadTimer);
    this.loadTimer = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    this.disposePanel();
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
