/**
 * "Insert Timeline Entry (Now)", "Sort Timeline" and "Convert Timeline to Zone…": the server computes the
 * edits with the engine (postmortem/edit) for a document version; they are applied only to that version.
 */
import { vscode } from '../vscode';
import { EDIT_REQUEST, toRange, type EditParams, type EditResult, type RequestClient } from '../preview/protocol';

export const INSERT_ENTRY_COMMAND = 'postmortem.insertEntry';
export const SORT_TIMELINE_COMMAND = 'postmortem.sortTimeline';
export const CONVERT_ZONE_COMMAND = 'postmortem.convertZone';

/** Zones offered first; any zone can be typed. */
const COMMON_ZONES: [string, string][] = [
  ['UTC', 'Coordinated Universal Time'],
  ['GMT', 'Greenwich Mean Time'],
  ['WAT', 'West Africa Time (UTC+1)'],
  ['CAT', 'Central Africa Time (UTC+2)'],
  ['EAT', 'East Africa Time (UTC+3)'],
  ['SAST', 'South Africa Standard Time (UTC+2)'],
  ['CET', 'Central European Time (UTC+1)'],
  ['CEST', 'Central European Summer Time (UTC+2)'],
  ['EET', 'Eastern European Time (UTC+2)'],
  ['BST', 'British Summer Time (UTC+1)'],
  ['EST', 'Eastern Standard Time (UTC−5)'],
  ['EDT', 'Eastern Daylight Time (UTC−4)'],
  ['CST', 'Central Standard Time (UTC−6)'],
  ['PST', 'Pacific Standard Time (UTC−8)'],
  ['PDT', 'Pacific Daylight Time (UTC−7)'],
  ['JST', 'Japan Standard Time (UTC+9)'],
  ['AEST', 'Australian Eastern Standard Time (UTC+10)'],
];

interface EditArgs {
  /** The document (default: the active editor's). */
  uri?: string;
  /** insertEntry: the instant to stamp, ms since epoch (tests). */
  now?: number;
  /** convertZone: the zone, without asking. */
  zone?: string;
}

function targetEditor(args: EditArgs | undefined): { document: vscode.TextDocument; editor?: vscode.TextEditor } | undefined {
  const active = vscode.window.activeTextEditor;
  if (args?.uri) {
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === args.uri);
    const document = editor?.document ?? vscode.workspace.textDocuments.find((d) => d.uri.toString() === args.uri);
    return document ? { document, ...(editor ? { editor } : {}) } : undefined;
  }
  if (!active || active.document.languageId !== 'markdown') return undefined;
  return { document: active.document, editor: active };
}

/** Asks the server for the edits and applies them to the version they were computed for (retrying after a race). */
async function runEdit(
  client: RequestClient,
  params: Omit<EditParams, 'uri'>,
  args: EditArgs | undefined,
): Promise<EditResult | undefined> {
  const target = targetEditor(args);
  if (!target) {
    void vscode.window.showInformationMessage('Open a Markdown postmortem first.');
    return undefined;
  }
  const { document } = target;
  for (let attempt = 0; attempt < 3; attempt++) {
    const result = await client.sendRequest<EditResult | null>(EDIT_REQUEST, {
      ...params,
      uri: document.uri.toString(),
    });
    if (!result) return undefined;
    if (result.error) {
      void vscode.window.showWarningMessage(result.message);
      return result;
    }
    if (result.version !== document.version) continue;
    if (result.edits.length) {
      const edit = new vscode.WorkspaceEdit();
      for (const e of result.edits) edit.replace(document.uri, toRange(e.range), e.newText);
      if (!(await vscode.workspace.applyEdit(edit))) continue;
    }
    if (result.selection) {
      const editor = target.editor ?? (await vscode.window.showTextDocument(document));
      const range = toRange(result.selection);
      editor.selection = new vscode.Selection(range.start, range.end);
      editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }
    vscode.window.setStatusBarMessage(result.message, 4000);
    return result;
  }
  void vscode.window.showWarningMessage('The document kept changing; try the command again.');
  return undefined;
}

/** Any zone can be typed; the known ones are listed, the document's own first. */
async function pickZone(current: string | null | undefined): Promise<string | undefined> {
  const quickPick = vscode.window.createQuickPick<vscode.QuickPickItem>();
  quickPick.title = 'Convert Timeline to Zone';
  quickPick.placeholder = 'A zone: an abbreviation (PST), an offset (UTC+5:30) or an IANA name (Europe/Berlin)';
  const items: vscode.QuickPickItem[] = [];
  if (current) items.push({ label: current, description: "the document's zone" });
  for (const [label, description] of COMMON_ZONES) if (label !== current) items.push({ label, description });
  items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
  for (const name of Intl.supportedValuesOf('timeZone')) items.push({ label: name });
  quickPick.items = items;
  return new Promise((resolve) => {
    let done = false;
    quickPick.onDidAccept(() => {
      done = true;
      const picked = quickPick.selectedItems[0]?.label ?? quickPick.value.trim();
      resolve(picked || undefined);
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      if (!done) resolve(undefined);
      quickPick.dispose();
    });
    quickPick.show();
  });
}

export function registerEditCommands(client: RequestClient): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(INSERT_ENTRY_COMMAND, (args?: EditArgs) =>
      runEdit(client, { command: 'insertEntry', ...(typeof args?.now === 'number' ? { now: args.now } : {}) }, args),
    ),
    vscode.commands.registerCommand(SORT_TIMELINE_COMMAND, (args?: EditArgs) => runEdit(client, { command: 'sortTimeline' }, args)),
    vscode.commands.registerCommand(CONVERT_ZONE_COMMAND, async (args?: EditArgs) => {
      let zone = args?.zone;
      if (!zone) {
        const target = targetEditor(args);
        if (!target) {
          void vscode.window.showInformationMessage('Open a Markdown postmortem first.');
          return undefined;
        }
        // The document's zone, for the picker's first item: asking with no zone changes nothing.
        const probe = await client.sendRequest<EditResult | null>(EDIT_REQUEST, {
          uri: target.document.uri.toString(),
          command: 'convertZone',
        });
        if (probe?.error) {
          void vscode.window.showWarningMessage(probe.message);
          return probe;
        }
        zone = await pickZone(probe?.zone);
        if (!zone) return undefined;
      }
      return runEdit(client, { command: 'convertZone', zone }, args);
    }),
  ];
}
