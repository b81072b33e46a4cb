/**
 * The Postmortems view in the Explorer: every postmortem of the workspace (`postmortem/index`), newest first, by month
 * (or quarter, or status, or none: Group By… in the view's title bar). An item shows the title, the date and duration
 * with the error or warning count and what is missing; its tooltip the figures; a click opens the file. The view asks
 * the server again when IndexChanges fires while it is visible (else when it is next shown). During the first read
 * the view says so; the server reports `$/progress` with a count of files when there are many.
 */
import * as vscode from 'vscode';
import { INDEX_REQUEST, type IndexParams, type IndexResult, type IndexRowInfo, type RequestClient } from '../preview/protocol';
import type { IndexChanges } from './changes';
import { describeRow, formatInstant, formatMinutes, periodLabel } from './format';

export const INDEX_VIEW_ID = 'postmortem.index';
export const REFRESH_INDEX_COMMAND = 'postmortem.refreshIndex';
export const GROUP_INDEX_COMMAND = 'postmortem.groupIndex';
export type IndexGrouping = 'month' | 'quarter' | 'status' | 'none';
const GROUPING_KEY = 'postmortem.index.grouping';

type Node = { kind: 'group'; label: string; rows: IndexRowInfo[] } | { kind: 'row'; row: IndexRowInfo };

/** What the view shows now (tests). */
export interface IndexViewSnapshot {
  /** Answers applied so far. */
  loads: number;
  grouping: IndexGrouping;
  message: string | undefined;
  groups: { label: string; titles: string[] }[];
  rows: { uri: string; label: string; description: string; tooltip: string }[];
}

/** Newest first; undated last, by file. */
export function newestFirst(rows: readonly IndexRowInfo[]): IndexRowInfo[] {
  return [...rows].sort((a, b) => {
    if (a.start !== null && b.start !== null && a.start !== b.start) return b.start - a.start;
    if ((a.start === null) !== (b.start === null)) return a.start === null ? 1 : -1;
    return a.file.localeCompare(b.file);
  });
}

function groupRows(rows: IndexRowInfo[], by: IndexGrouping): Node[] {
  if (by === 'none') return rows.map((row) => ({ kind: 'row', row }));
  const groups = new Map<string, IndexRowInfo[]>();
  const keyOf = (r: IndexRowInfo): string => {
    if (by === 'status') return r.errors ? 'With errors' : r.missing.length ? 'Incomplete' : r.warnings ? 'With warnings' : 'Complete';
    return periodLabel(by === 'month' ? r.month : r.quarter);
  };
  if (by === 'status') for (const k of ['With errors', 'Incomplete', 'With warnings', 'Complete']) groups.set(k, []);
  for (const r of rows) {
    const key = keyOf(r);
    const list = groups.get(key) ?? [];
    list.push(r);
    groups.set(key, list);
  }
  // Months and quarters come in the rows' order (newest first, undated last).
  return [...groups].filter(([, list]) => list.length).map(([label, list]) => ({ kind: 'group', label, rows: list }));
}

export function rowTooltip(row: IndexRowInfo): string {
  const lines = [`**${row.title.replace(/[\\`*_[\]<>]/g, '\\$&')}**`, '', `\`${row.file}\` · ${row.profile} profile`, ''];
  const figure = (name: string, v: number | null): string => `| ${name} | ${formatMinutes(v)} |`;
  lines.push('| | |', '|---|---|');
  lines.push(
    `| Start | ${row.dateKnown ? formatInstant(row.start) : 'undated'} |`,
    `| End | ${row.dateKnown ? formatInstant(row.end) : '—'} |`,
  );
  lines.push(figure('Duration', row.durationMinutes));
  if (row.declaredDurationMinutes !== null) lines.push(figure('Declared', row.declaredDurationMinutes));
  lines.push(
    figure('Time to detect', row.detectMinutes),
    figure('Time to acknowledge', row.acknowledgeMinutes),
    figure('Time to mitigate', row.mitigateMinutes),
    figure('Time to resolve', row.resolveMinutes),
  );
  lines.push(`| Timeline entries | ${row.entries} |`, `| Problems | ${row.errors} error(s), ${row.warnings} warning(s) |`);
  if (row.openActionItems !== null) lines.push(`| Open action items | ${row.openActionItems} |`);
  if (row.missing.length) lines.push('', `Missing: ${row.missing.join(', ')}.`);
  return lines.join('\n');
}

export class IndexView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly view: vscode.TreeView<Node>;
  private result: IndexResult | undefined;
  private error: string | undefined;
  private loading: Promise<void> | undefined;
  private stale = true;
  private generation = 0;
  private loads = 0;
  private grouping: IndexGrouping;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly client: RequestClient,
    private readonly context: vscode.ExtensionContext,
    private readonly changes: IndexChanges,
    ready: Promise<void>,
  ) {
    this.grouping = context.workspaceState.get<IndexGrouping>(GROUPING_KEY) ?? 'month';
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
    const rows = newestFirst(this.result?.rows ?? []);
    return {
      loads: this.loads,
      grouping: this.grouping,
      message: this.view.message,
      groups:
        this.grouping === 'none'
          ? []
          : groupRows(rows, this.grouping).map((n) =>
              n.kind === 'group' ? { label: n.label, titles: n.rows.map((r) => r.title) } : { label: '', titles: [] },
            ),
      rows: rows.map((r) => ({ uri: r.uri, label: r.title, description: describeRow(r), tooltip: rowTooltip(r) })),
    };
  }

  /** Something changed: ask again now if the view is visible, else when it is next shown. */
  private invalidate(): void {
    this.stale = true;
    if (this.view.visible) void this.reload();
  }

  /** Asks the server for the index, with progress in the view; a newer ask wins over an older answer. */
  reload(rescan = false): Promise<void> {
    this.stale = false;
    const generation = ++this.generation;
    const run = async (): Promise<void> => {
      if (!this.client.isRunning()) {
        this.error = 'The Postmortem language server is not running.';
        return;
      }
      try {
        const params: IndexParams = { ...this.changes.take(), ...(rescan ? { rescan: true } : {}) };
        const result = await this.client.sendRequest<IndexResult>(INDEX_REQUEST, params);
        if (generation !== this.generation) return;
        this.result = result;
        this.error = undefined;
      } catch (error) {
        this.changes.lost();
        if (generation !== this.generation) return;
        this.error = `The postmortems could not be listed: ${error instanceof Error ? error.message : String(error)}`;
      }
    };
    // The first read of a large folder: say so in the view (the server's $/progress shows the count of files).
    if (!this.result && !this.error) this.view.message = "Reading the workspace's postmortems…";
    const loading = run().then(() => {
      if (generation !== this.generation) return;
      this.loads++;
      this.view.message = this.error ?? this.result?.note;
      const n = this.result?.rows.length ?? 0;
      this.view.description = n ? String(n) : undefined;
      this.emitter.fire(undefined);
    });
    this.loading = loading;
    return loading;
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
            picked: c.by === this.grouping,
            description: c.by === this.grouping ? 'current' : undefined,
          })),
          { title: 'Group the postmortems by' },
        )
      )?.by;
    if (!chosen || !choices.some((c) => c.by === chosen)) return;
    this.grouping = chosen;
    await this.context.workspaceState.update(GROUPING_KEY, chosen);
    this.emitter.fire(undefined);
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node) return node.kind === 'group' ? node.rows.map((row) => ({ kind: 'row', row })) : [];
    // The first ask: wait for it, so that the welcome ("no postmortems") does not show while the folder is read.
    if (!this.result && !this.error) await (this.loading ?? this.reload());
    return groupRows(newestFirst(this.result?.rows ?? []), this.grouping);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `group:${this.grouping}:${node.label}`;
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
