/**
 * The incident index in the editor: the Postmortems view (view.ts) and the trends panel (trends.ts), both asking the
 * server's `postmortem/index` again when IndexChanges (changes.ts) says a postmortem may have changed.
 */
import type * as vscode from 'vscode';
import type { RequestClient } from '../preview/protocol';
import { IndexChanges } from './changes';
import { TrendsPanel, type TrendsSnapshot } from './trends';
import { IndexView, type IndexViewSnapshot } from './view';

export interface IncidentIndex {
  view: IndexView;
  trends: TrendsPanel;
  disposables: vscode.Disposable[];
}

export function registerIncidentIndex(client: RequestClient, context: vscode.ExtensionContext, ready: Promise<void>): IncidentIndex {
  const changes = new IndexChanges();
  const view = new IndexView(client, context, changes, ready);
  const trends = new TrendsPanel(client, context, changes);
  return { view, trends, disposables: [changes, view, trends] };
}

export type { IndexViewSnapshot, TrendsSnapshot };
