/**
 * A status bar item on postmortems: "$(checklist) Postmortem: <profile> · N problems".
 * It shows only when the active editor is Markdown and the server says the document is a
 * postmortem; what it shows comes from the server (`postmortem/documentInfo`), refreshed when
 * the server reports a validation (`postmortem/didValidate`). Clicking opens the Problems panel.
 */
import { vscode } from './vscode';
import type { DeferredClient } from './deferredClient';
import type { DidValidateParams, DocumentInfo, DocumentInfoParams, NotificationMethod, RequestMethod } from '../../shared/protocol';

export const DOCUMENT_INFO_REQUEST = 'postmortem/documentInfo' satisfies RequestMethod;
export const DID_VALIDATE_NOTIFICATION = 'postmortem/didValidate' satisfies NotificationMethod;

export class PostmortemStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  /** Bumped on every refresh so that a slow answer for an old editor is dropped. */
  private generation = 0;
  private visible = false;

  constructor(private readonly client: Pick<DeferredClient, 'isRunning' | 'sendRequest' | 'onNotification'>) {
    this.item = vscode.window.createStatusBarItem('postmortem.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Postmortem';
    this.item.command = 'workbench.actions.view.problems';
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      // Handlers registered on the client survive a restart of the server.
      client.onNotification(DID_VALIDATE_NOTIFICATION, (params: DidValidateParams) => {
        if (params.uri === vscode.window.activeTextEditor?.document.uri.toString()) this.refresh();
      }),
    );
  }

  /** What the item shows now (for tests and diagnostics). */
  get state(): { visible: boolean; text: string } {
    return { visible: this.visible, text: this.item.text };
  }

  onClientStarted(): void {
    this.refresh();
  }

  hide(): void {
    this.generation++;
    this.setVisible(false);
  }

  private setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible) this.item.show();
    else this.item.hide();
  }

  refresh(): void {
    const generation = ++this.generation;
    const document = vscode.window.activeTextEditor?.document;
    if (!document || document.languageId !== 'markdown' || !this.client.isRunning()) {
      this.setVisible(false);
      return;
    }
    const params: DocumentInfoParams = { uri: document.uri.toString() };
    this.client.sendRequest<DocumentInfo | null>(DOCUMENT_INFO_REQUEST, params).then(
      (info) => {
        if (generation !== this.generation) return;
        if (!info?.isPostmortem) {
          this.setVisible(false);
          return;
        }
        this.show(info);
      },
      () => {
        if (generation === this.generation) this.setVisible(false);
      },
    );
  }

  private show(info: DocumentInfo): void {
    const { error, warning, info: infos } = info.diagnosticsCount;
    const total = error + warning + infos;
    this.item.text = `$(checklist) Postmortem: ${info.profile} · ${total} ${total === 1 ? 'problem' : 'problems'}`;
    const tooltip = new vscode.MarkdownString(
      `**Postmortem** (profile \`${info.profile}\`)\n\n` +
        `${error} errors, ${warning} warnings, ${infos} infos\n\nClick to open the Problems panel.`,
    );
    this.item.tooltip = tooltip;
    this.item.backgroundColor = error > 0 ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.setVisible(true);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
