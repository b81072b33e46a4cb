/**
 * When the incident index may have changed, debounced: a Markdown file created, changed or deleted on disk (a file
 * watcher; the server re-reads a closed file whose time or size changed), an open Markdown document edited or saved,
 * a document opened or closed (an open postmortem outside the folders is listed while it is open), a `postmortem.*`
 * setting changed. The view and the trends panel listen and ask `postmortem/index` again when they are visible.
 */
import * as vscode from 'vscode';

/** A file event or a save: soon. An edit while typing: after a pause, so that typing does not re-read the index. */
const FILE_DELAY_MS = 200;
const EDIT_DELAY_MS = 800;

export class IndexChanges implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{md,markdown,MD,Markdown}');
    const markdown = (d: vscode.TextDocument): boolean => d.languageId === 'markdown';
    this.disposables.push(
      this.emitter,
      watcher,
      watcher.onDidCreate(() => this.schedule(FILE_DELAY_MS)),
      watcher.onDidChange(() => this.schedule(FILE_DELAY_MS)),
      watcher.onDidDelete(() => this.schedule(FILE_DELAY_MS)),
      vscode.workspace.onDidSaveTextDocument((d) => markdown(d) && this.schedule(FILE_DELAY_MS)),
      vscode.workspace.onDidChangeTextDocument((e) => markdown(e.document) && e.contentChanges.length > 0 && this.schedule(EDIT_DELAY_MS)),
      vscode.workspace.onDidOpenTextDocument((d) => markdown(d) && this.schedule(EDIT_DELAY_MS)),
      vscode.workspace.onDidCloseTextDocument((d) => markdown(d) && this.schedule(EDIT_DELAY_MS)),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('postmortem') && this.schedule(EDIT_DELAY_MS)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.schedule(FILE_DELAY_MS)),
    );
  }

  /** Fires `delay` ms after the last request (debounced: a burst of changes asks once). */
  schedule(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.emitter.fire();
    }, delay);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
