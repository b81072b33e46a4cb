/**
 * The Postmortems view in the Explorer: every postmortem of the workspace (`postmortem/index`), newest first, by month
 * (or quarter, or status, or none: Group By… in the view's title bar). An item shows the title, the date and duration
 * with the error or warning count and what is missing; its tooltip the figures; a click opens the file. The view asks
 * the server again when IndexChanges fires while it is visible (else when it is next shown). During the first read
 * the view says so; the server reports `$/progress` with a count of files when there are many.
 */
import { vscode } from '../vscode';
import { INDEX_REQUEST, type IndexParams, type IndexResult, type RequestClient } from '../preview/protocol';
import type { IndexChanges } from './changes';
import { describeRow, rowTooltip } from './format';
import { IndexModel, type IndexGrouping, type IndexNode, type Refresh } from './model';

export const INDEX_VIEW_ID = 'postmortem.index';
export const REFRESH_INDEX_COMMAND = 'postmortem.refreshIndex';
export const GROUP_INDEX_COMMAND = 'postmortem.groupIndex';
export type { IndexGrouping };
const GROUPING_KEY = 'postmortem.index.grouping';

/** What the view shows now (tests). */
export interface IndexViewSnapshot {
  /** Answers applied so far. */
  loads: number;
  grouping: IndexGrouping;
  message: string | undefined;
  groups: { label: string; titles: string[] }[];
  rows: { uri: string; label: string; description: string; tooltip: string }[];
}

export class IndexView implements vscode.TreeDataProvider<IndexNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<IndexNode | IndexNode[] | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly view: vscode.TreeView<IndexNode>;
  private readonly model: IndexModel;
  /** An answer was applied (the first read is over). */
  private loaded = false;
  private note: string | undefined;
  private error: string | undefined;
  private loading: Promise<void> | undefined;
  private stale = true;
  private generation = 0;
  private loads = 0;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly client: RequestClient,
    private readonly context: vscode.ExtensionContext,
    private readonly changes: IndexChanges,
    ready: Promise<void>,
  ) {
    this.model = new IndexModel(context.workspaceState.get<IndexGrouping>(GROUPING_KEY) ?? 'month');
    this.view = vscode.window.createTreeView(INDEX_VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.view,
      this.emitter,
      changes.onDidChange(() => this.invalidate()),
      this.view.onDidChangeVisibility((e) => {
        if (e.visible && this.stale) void this.reload();
      }),
      vscode.commands.registerCommand(REFRESH_INDEX_COMMAND, () => this.reload(true)),
      vscode.commands.registerCommand(GROUP_INDEX_COMMAND, (by?: IndexGrouping) => this.chooseGrouping(by)),
    );
    void ready.then(() => {
      if (this.view.visible) void this.reload();
    });
  }

  snapshot(): IndexViewSnapshot {
    const grouping = this.model.groupedBy;
    return {
      loads: this.loads,
      grouping,
      message: this.view.message,
      groups:
        grouping === 'none'
          ? []
          : this.model
              .children()
              .map((n) => (n.kind === 'group' ? { label: n.label, titles: n.rows.map((r) => r.row.title) } : { label: '', titles: [] })),
      rows: this.model.rows().map((r) => ({ uri: r.uri, label: r.title, description: describeRow(r), tooltip: rowTooltip(r) })),
    };
  }

  /** Something changed: ask again now if the view is visible, else when it is next shown. */
  private invalidate(): void {
    this.stale = true;
    if (this.view.visible) void this.reload();
  }

  /**
   * Asks the server for the index, with progress in the view; a newer ask wins over an older answer. With an answer
   * held, the server sends only what changed since (a delta), and only the nodes it touched are refreshed.
   */
  reload(rescan = false): Promise<void> {
    this.stale = false;
    const generation = ++this.generation;
    let refresh: Refresh = { all: true };
    const run = async (): Promise<void> => {
      if (!this.client.isRunning()) {
        this.error = 'The Postmortem language server is not running.';
        return;
      }
      try {
        const since = !rescan && this.model.version !== undefined ? { since: this.model.version } : {};
        const params: IndexParams = { ...this.changes.take(), ...(rescan ? { rescan: true } : {}), ...since };
        const result = await this.client.sendRequest<IndexResult>(INDEX_REQUEST, params);
        if (generation !== this.generation) return;
        const applied = this.model.apply(result);
        // A delta the model could not apply (it held nothing): ask again for the whole index.
        if (!applied) return await this.reload();
        refresh = this.error !== undefined ? { all: true } : applied;
        this.loaded = true;
        this.note = result.note;
        this.error = undefined;
      } catch (error) {
        this.changes.lost();
        if (generation !== this.generation) return;
        this.error = `The postmortems could not be listed: ${error instanceof Error ? error.message : String(error)}`;
      }
    };
    // The first read of a large folder: say so in the view (the server's $/progress shows the count of files).
    if (!this.loaded && !this.error) this.view.message = "Reading the workspace's postmortems…";
    const loading = run().then(() => {
      if (generation !== this.generation) return;
      this.loads++;
      if (this.view.message !== (this.error ?? this.note)) this.view.message = this.error ?? this.note;
      const n = this.model.size;
      const description = n ? String(n) : undefined;
      if (this.view.description !== description) this.view.description = description;
      this.emit(refresh);
    });
    this.loading = loading;
    return loading;
  }

  private emit(refresh: Refresh): void {
    if (refresh.all) this.emitter.fire(undefined);
    else if (refresh.nodes.length) this.emitter.fire(refresh.nodes);
  }

  private async chooseGrouping(by?: IndexGrouping): Promise<void> {
    const choices: { label: string; by: IndexGrouping }[] = [
      { label: 'Month', by: 'month' },
      { label: 'Quarter', by: 'quarter' },
      { label: 'Status (errors, incomplete, warnings, complete)', by: 'status' },
      { label: 'None', by: 'none' },
    ];
    const chosen =
      by ??
      (
        await vscode.window.showQuickPick(
          choices.map((c) => ({
            ...c,
            picked: c.by === this.model.groupedBy,
            description: c.by === this.model.groupedBy ? 'current' : undefined,
          })),
          { title: 'Group the postmortems by' },
        )
      )?.by;
    if (!chosen || !choices.some((c) => c.by === chosen)) return;
    this.model.regroup(chosen);
    await this.context.workspaceState.update(GROUPING_KEY, chosen);
    this.emitter.fire(undefined);
  }

  async getChildren(node?: IndexNode): Promise<IndexNode[]> {
    if (node) return this.model.children(node);
    // The first ask: wait for it, so that the welcome ("no postmortems") does not show while the folder is read.
    if (!this.loaded && !this.error) await (this.loading ?? this.reload());
    return this.model.children();
  }

  getTreeItem(node: IndexNode): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `group:${this.model.groupedBy}:${node.label}`;
      item.description = String(node.rows.length);
      item.contextValue = 'postmortemGroup';
      return item;
    }
    const row = node.row;
    const item = new vscode.TreeItem(row.title || row.file, vscode.TreeItemCollapsibleState.None);
    item.id = row.uri;
    item.description = describeRow(row);
    const tooltip = new vscode.MarkdownString(rowTooltip(row));
    tooltip.supportHtml = false;
    item.tooltip = tooltip;
    item.iconPath = row.errors
      ? new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'))
      : row.missing.length || row.warnings
        ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
        : new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    item.contextValue = 'postmortem';
    const uri = vscode.Uri.parse(row.uri);
    item.resourceUri = uri;
    item.command = { command: 'vscode.open', title: 'Open', arguments: [uri] };
    return item;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
