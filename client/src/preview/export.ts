/**
 * "Export as HTML": one self-contained file that looks like the preview (the same server rendering, the
 * preview's stylesheet inlined, no script), to attach to an incident ticket. Saved beside the document,
 * or where a save dialog says.
 */
import { vscode } from '../vscode';
import { pageStart } from './page';
import { RENDER_REQUEST, type RenderResult, type RequestClient } from './protocol';

export const EXPORT_HTML_COMMAND = 'postmortem.exportHtml';

export interface ExportArgs {
  /** The document (default: the previewed one, else the active editor's). */
  uri?: string;
  /** Save as `<name>.html` beside the document without asking. */
  beside?: boolean;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function exportDocument(result: RenderResult, css: string, generatedAt = new Date()): string {
  const eyebrow = result.isPostmortem ? `Postmortem · ${escapeHtml(result.profile)} profile` : 'Markdown';
  const csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
  return `${pageStart(csp)}
<meta name="generator" content="postmortem-lint">
<title>${escapeHtml(result.title)}</title>
<style>
${css.replace(/<\/style/gi, '<\\/style')}
.pm-export-footer { margin-top: 40px; padding-top: 12px; border-top: 1px solid var(--pm-border); font-size: 12px; color: var(--pm-muted); }
</style>
</head>
<body class="pm-body pm-export">
<main id="pm-root" class="pm-page" data-state="${result.isPostmortem ? 'postmortem' : 'markdown'}">
<header class="pm-header"><div class="pm-eyebrow">${eyebrow}</div><h1 class="pm-title">${escapeHtml(result.title)}</h1></header>
<div id="pm-overview">${result.overviewHtml}</div>
<article id="pm-document" class="pm-markdown">${result.html}</article>
<footer class="pm-export-footer">Exported ${escapeHtml(generatedAt.toISOString().slice(0, 16).replace('T', ' '))} UTC from ${escapeHtml(decodeURIComponent(result.uri.split('/').pop() ?? ''))}.</footer>
</main>
</body>
</html>
`;
}

export function registerExportHtml(
  client: RequestClient,
  extensionUri: vscode.Uri,
  previewed: () => vscode.Uri | undefined,
): vscode.Disposable {
  return vscode.commands.registerCommand(EXPORT_HTML_COMMAND, async (args?: ExportArgs | vscode.Uri): Promise<vscode.Uri | undefined> => {
    const given = args instanceof vscode.Uri ? args : args?.uri ? vscode.Uri.parse(args.uri) : undefined;
    const beside = !(args instanceof vscode.Uri) && args?.beside === true;
    const active = vscode.window.activeTextEditor?.document;
    const uri = given ?? (active?.languageId === 'markdown' ? active.uri : previewed());
    if (!uri) {
      void vscode.window.showInformationMessage('Open a Markdown postmortem to export it.');
      return undefined;
    }
    if (!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) await vscode.workspace.openTextDocument(uri);
    const result = await client.sendRequest<RenderResult | null>(RENDER_REQUEST, { uri: uri.toString(), width: 924 });
    if (!result) return undefined;
    const css = new TextDecoder().decode(
      await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'client', 'media', 'preview.css')),
    );
    const html = exportDocument(result, css);
    const defaultUri = uri.with({ path: uri.path.replace(/\.(md|markdown)$/i, '') + '.html' });
    const target =
      beside && uri.scheme !== 'untitled'
        ? defaultUri
        : await vscode.window.showSaveDialog({
            defaultUri,
            filters: { HTML: ['html'] },
            title: 'Export Postmortem as HTML',
          });
    if (!target) return undefined;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(html));
    const open = 'Open in Browser';
    void vscode.window.showInformationMessage(`Exported ${vscode.workspace.asRelativePath(target)}.`, open).then((choice) => {
      if (choice === open) void vscode.env.openExternal(target);
    });
    return target;
  });
}
