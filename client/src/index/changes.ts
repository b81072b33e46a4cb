/**
 * When the incident index may have changed, debounced: a Markdown file created, changed or deleted on disk (a file
 * watcher; the server re-reads a closed file whose time or size changed), an open Markdown document edited or saved,
 * a document opened or closed (an open postmortem outside the folders is listed while it is open), a `postmortem.*`
 * setting changed. The view and the trends panel listen and ask `postmortem/index` again when they are visible, and
 * hand the server the file events seen since the last ask (`take`), so that the answer includes them whatever the
 * order in which the server's own watched-file events arrive.
 */
import { vscode } from '../vscode';

/** A file event or a save: at once (a burst of them, a save with its file event, asks once). An edit while typing: after a pause, so that typing does not re-read the index. */
const FILE_DELAY_MS = 20;
const EDIT_DELAY_MS = 800;
/** More file events than this since the last ask (a checkout, say): ask the server to walk the folders instead. */
const MAX_PENDING = 500;

export interface PendingChanges {
  changes?: { uri: string; type: 1 | 2 | 3 }[];
  rescan?: boolean;
}

export class IndexChanges implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private pending = new Map<string, 1 | 2 | 3>();
  private overflow = false;

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{md,markdown,MD,Markdown}');
    const markdown = (d: vscode.TextDocument): boolean => d.languageId === 'markdown';
    this.disposables.push(
      this.emitter,
      watcher,
      watcher.onDidCreate((uri) => this.file(uri, 1)),
      watcher.onDidChange((uri) => this.file(uri, 2)),
      watcher.onDidDelete((uri) => this.file(uri, 3)),
      vscode.workspace.onDidSaveTextDocument((d) => markdown(d) && this.file(d.uri, 2)),
      vscode.workspace.onDidChangeTextDocument((e) => markdown(e.document) && e.contentChanges.length > 0 && this.schedule(EDIT_DELAY_MS)),
      vscode.workspace.onDidOpenTextDocument((d) => markdown(d) && this.schedule(EDIT_DELAY_MS)),
      vscode.workspace.onDidCloseTextDocument((d) => markdown(d) && this.schedule(EDIT_DELAY_MS)),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('postmortem') && this.schedule(EDIT_DELAY_MS)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.schedule(FILE_DELAY_MS)),
    );
  }

  private file(uri: vscode.Uri, type: 1 | 2 | 3): void {
    const key = uri.toString();
    // A creation or deletion stays one (the server walks the folders for it); a change adds nothing to them.
    const before = this.pending.get(key);
    this.pending.set(key, before === undefined || type !== 2 ? type : before);
    if (this.pending.size > MAX_PENDING) {
      this.overflow = true;
      this.pending.clear();
    }
    this.schedule(FILE_DELAY_MS);
  }

  /** The file events since the last call, for the next `postmortem/index` request. */
  take(): PendingChanges {
    const out: PendingChanges = this.overflow
      ? { rescan: true }
      : this.pending.size
        ? { changes: [...this.pending].map(([uri, type]) => ({ uri, type })) }
        : {};
    this.pending.clear();
    this.overflow = false;
    return out;
  }

  /** A request that carried the events failed: the next one asks for a walk of the folders instead. */
  lost(): void {
    this.overflow = true;
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
