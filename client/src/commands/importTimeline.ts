/**
 * "Postmortem: Import Timeline…": reads chat, pager and status page records (files, folders, a Slack export's zip,
 * the clipboard or the selection) and sends them, as texts, to the server (postmortem/import), which writes the
 * entries like the document's timeline. A preview lists the entries (all picked) before anything is written.
 * And "Paste as timeline entries": a paste into the Timeline section that reads as such records is offered as entries.
 */
import { vscode } from '../vscode';
import type { ImportParams, ImportResult, ImportSource } from '../../../shared/protocol';
import { toRange, type RequestClient } from '../preview/protocol';

export const IMPORT_TIMELINE_COMMAND = 'postmortem.importTimeline';
export const IMPORT_REQUEST = 'postmortem/import';
/** The paste edit's kind ("Paste as timeline entries" in the paste widget; `editor.action.pasteAs` with this kind). */
export const PASTE_KIND_ID = 'markdown.postmortem.timelineEntries';

/** Base64 without Node's Buffer (the web extension host has none). */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** More than this much source text is refused here: the command line imports big exports. */
const MAX_SOURCE_BYTES = 20 * 1024 * 1024;
const SOURCE_FILE = /\.(json|txt|log|text|csv|md)$/i;

/** Arguments for scripts and tests; the palette passes none and asks. */
export interface ImportArgs {
  /** The postmortem (default: the active Markdown editor's). */
  uri?: string | vscode.Uri;
  /** Files, folders or zips to read, without the open dialog. */
  sources?: (string | vscode.Uri)[];
  /** Read the clipboard, without asking. */
  clipboard?: boolean;
  /** Insert every entry without the preview. */
  acceptAll?: boolean;
  from?: ImportParams['from'];
  zone?: string;
  date?: string;
}

export interface ImportOutcome {
  /** The entries inserted. */
  inserted: number;
  /** The entries the preview offered. */
  offered: number;
  message: string;
  unreadable: { ref: string; reason: string }[];
}

const toUri = (u: string | vscode.Uri): vscode.Uri =>
  typeof u === 'string' ? (/^[a-z][a-z0-9+.-]+:/i.test(u) ? vscode.Uri.parse(u) : vscode.Uri.file(u)) : u;

async function targetDocument(args: ImportArgs | undefined): Promise<vscode.TextDocument | undefined> {
  if (args?.uri) {
    const uri = toUri(args.uri);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    return open ?? vscode.workspace.openTextDocument(uri).then(undefined, () => undefined);
  }
  const active = vscode.window.activeTextEditor?.document;
  return active?.languageId === 'markdown' ? active : undefined;
}

class SourceReader {
  readonly sources: ImportSource[] = [];
  readonly problems: { ref: string; reason: string }[] = [];
  private bytes = 0;

  private add(source: ImportSource, size: number): void {
    this.bytes += size;
    if (this.bytes > MAX_SOURCE_BYTES)
      this.problems.push({
        ref: source.name,
        reason: 'over the 20 MB an import reads in the editor; use postmortem-lint import',
      });
    else this.sources.push(source);
  }

  private async readFile(uri: vscode.Uri, name: string): Promise<void> {
    try {
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (/\.zip$/i.test(name)) this.add({ name, zipBase64: toBase64(bytes) }, bytes.length);
      else this.add({ name, content: new TextDecoder('utf-8').decode(bytes) }, bytes.length);
    } catch (e) {
      this.problems.push({ ref: name, reason: `cannot read it (${e instanceof Error ? e.message : String(e)})` });
    }
  }

  private async walk(dir: vscode.Uri, name: string, depth: number): Promise<string[]> {
    const found: string[] = [];
    if (depth > 6) return found;
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(dir);
    } catch (e) {
      this.problems.push({
        ref: name,
        reason: `cannot read the folder (${e instanceof Error ? e.message : String(e)})`,
      });
      return found;
    }
    for (const [child, type] of entries.sort((a, b) => a[0].localeCompare(b[0]))) {
      if (child.startsWith('.') || child === '__MACOSX') continue;
      const uri = vscode.Uri.joinPath(dir, child);
      if (type & vscode.FileType.Directory) found.push(...(await this.walk(uri, `${name}/${child}`, depth + 1)));
      else if (SOURCE_FILE.test(child)) {
        await this.readFile(uri, `${name}/${child}`);
        found.push(`${name}/${child}`);
      }
    }
    return found;
  }

  /** A file, a folder (a Slack export, or one channel of it: its users.json beside it names the authors), or a zip. */
  async read(uri: vscode.Uri): Promise<void> {
    const base = uri.path.split('/').filter(Boolean).pop() ?? uri.toString();
    let stat: vscode.FileStat;
    try {
      stat = await vscode.workspace.fs.stat(uri);
    } catch {
      this.problems.push({ ref: base, reason: 'no such file or folder' });
      return;
    }
    if (!(stat.type & vscode.FileType.Directory)) return this.readFile(uri, base);
    const found = await this.walk(uri, base, 0);
    if (!found.length) this.problems.push({ ref: base, reason: 'no .json or text file in this folder' });
    if (found.some((f) => /\/\d{4}-\d{2}-\d{2}\.json$/.test(f)) && !found.some((f) => /(^|\/)users\.json$/.test(f))) {
      const users = vscode.Uri.joinPath(uri, '..', 'users.json');
      try {
        await vscode.workspace.fs.stat(users);
        await this.readFile(users, 'users.json');
      } catch {
        // No users.json beside the channel: the messages' own profiles name the authors.
      }
    }
  }
}

type Choice = 'files' | 'clipboard' | 'selection';

async function askSource(editor: vscode.TextEditor | undefined): Promise<Choice | undefined> {
  const items: (vscode.QuickPickItem & { choice: Choice })[] = [
    {
      label: '$(folder-opened) Files or Folders…',
      description: 'a Slack export (folder or .zip), a PagerDuty log, a Statuspage incident, a text file',
      choice: 'files',
    },
    {
      label: '$(clippy) Clipboard',
      description: 'chat lines, a log, or a JSON record copied from anywhere',
      choice: 'clipboard',
    },
  ];
  if (editor && !editor.selection.isEmpty)
    items.push({ label: '$(selection) Selection', description: 'the selected text', choice: 'selection' });
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Import Timeline',
    placeHolder: 'Where are the records?',
  });
  return picked?.choice;
}

/** Applies the server's edits to the version they were computed for. */
async function applyResult(document: vscode.TextDocument, result: ImportResult): Promise<boolean> {
  if (result.version !== document.version) return false;
  const edit = new vscode.WorkspaceEdit();
  for (const e of result.edits) edit.replace(document.uri, toRange(e.range), e.newText);
  return vscode.workspace.applyEdit(edit);
}

function describeUnreadable(result: ImportResult): string {
  const list = result.unreadable
    .slice(0, 3)
    .map((u) => `${u.ref}: ${u.reason}`)
    .join('; ');
  return `${result.unreadable.length === 1 ? 'One record or file' : `${result.unreadable.length} records or files`} could not be read and ${result.unreadable.length === 1 ? 'was' : 'were'} left out (${list}${result.unreadable.length > 3 ? '; …' : ''}).`;
}

type PreviewItem = vscode.QuickPickItem & { entry: ImportResult['entries'][number] };

/** The preview while it is open (tests read it through the extension's API). */
let openPreview: vscode.QuickPick<PreviewItem> | undefined;

/** What the preview shows now: its entries and the ones picked; undefined when it is not open. */
export function importPreviewState(): { title: string; items: string[]; picked: string[] } | undefined {
  const qp = openPreview;
  return qp ? { title: qp.title ?? '', items: qp.items.map((i) => i.label), picked: qp.selectedItems.map((i) => i.label) } : undefined;
}

/** A multi-select list of the entries, every one picked; resolves with the ones kept, or undefined when dismissed. */
function showPreview(items: PreviewItem[], result: ImportResult): Promise<PreviewItem[] | undefined> {
  const qp = vscode.window.createQuickPick<PreviewItem>();
  qp.title = `Import Timeline: ${items.length} ${items.length === 1 ? 'entry' : 'entries'} to insert`;
  qp.placeholder = `Uncheck the entries to leave out${result.skipped.length ? ` (${result.skipped.length} already in the timeline)` : ''}, then press Enter`;
  qp.canSelectMany = true;
  qp.matchOnDescription = true;
  qp.ignoreFocusOut = true;
  qp.items = items;
  qp.selectedItems = items;
  return new Promise((resolve) => {
    let accepted = false;
    qp.onDidAccept(() => {
      accepted = true;
      resolve([...qp.selectedItems]);
      qp.hide();
    });
    qp.onDidHide(() => {
      if (!accepted) resolve(undefined);
      if (openPreview === qp) openPreview = undefined;
      qp.dispose();
    });
    openPreview = qp;
    qp.show();
  });
}

async function runImport(client: RequestClient, args: ImportArgs | undefined): Promise<ImportOutcome | undefined> {
  const document = await targetDocument(args);
  if (!document) {
    void vscode.window.showInformationMessage('Open the Markdown postmortem to import the timeline into first.');
    return undefined;
  }
  const editor = vscode.window.visibleTextEditors.find((e) => e.document === document);
  const reader = new SourceReader();
  let inputs: vscode.Uri[] | undefined = args?.sources?.map(toUri);
  let pasted: string | undefined;
  if (!inputs) {
    const choice = args?.clipboard ? 'clipboard' : await askSource(editor);
    if (!choice) return undefined;
    if (choice === 'files') {
      inputs = await vscode.window.showOpenDialog({
        title: 'Import Timeline: the records to read',
        canSelectFiles: true,
        canSelectFolders: true,
        canSelectMany: true,
        openLabel: 'Read',
        filters: { 'Incident records': ['json', 'zip', 'txt', 'log', 'csv'], 'All files': ['*'] },
      });
      if (!inputs?.length) return undefined;
    } else {
      pasted = choice === 'clipboard' ? await vscode.env.clipboard.readText() : editor?.document.getText(editor.selection);
      if (!pasted?.trim()) {
        void vscode.window.showInformationMessage(
          choice === 'clipboard' ? 'The clipboard holds no text to import.' : 'The selection is empty.',
        );
        return undefined;
      }
    }
  }

  const params: Omit<ImportParams, 'uri'> = {};
  if (args?.from) params.from = args.from;
  if (args?.zone) params.zone = args.zone;
  if (args?.date) params.date = args.date;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Import Timeline', cancellable: false },
    async (progress) => {
      if (inputs) {
        for (const [i, uri] of inputs.entries()) {
          progress.report({ message: `reading ${uri.path.split('/').pop() ?? ''} (${i + 1}/${inputs.length})` });
          await reader.read(uri);
        }
      } else {
        reader.sources.push({ name: 'clipboard', content: pasted as string });
      }
      progress.report({ message: 'reading the records…' });
      if (!reader.sources.length) return null;
      return client.sendRequest<ImportResult | null>(IMPORT_REQUEST, {
        ...params,
        uri: document.uri.toString(),
        sources: reader.sources,
      } satisfies ImportParams);
    },
  );
  if (!result) {
    const why = reader.problems.map((p) => `${p.ref}: ${p.reason}`).join('; ');
    void vscode.window.showWarningMessage(why ? `Nothing to import: ${why}.` : 'Nothing to import: the language server did not answer.');
    return undefined;
  }
  result.unreadable.unshift(...reader.problems);
  const outcome: ImportOutcome = {
    inserted: 0,
    offered: result.entries.length,
    message: result.message,
    unreadable: result.unreadable,
  };
  if (result.unreadable.length) void vscode.window.showWarningMessage(describeUnreadable(result));
  if (result.error || !result.entries.length) {
    if (!result.unreadable.length || result.entries.length) void vscode.window.showInformationMessage(result.message);
    return outcome;
  }

  // The preview: every entry, picked; the writer has placed them, so their order is the timeline's.
  let chosen = result.entries;
  if (!args?.acceptAll) {
    const items: PreviewItem[] = result.entries.map((e) => ({
      label: e.line.trim(),
      description: e.record.ref,
      entry: e,
    }));
    const picked = await showPreview(items, result);
    if (!picked?.length) return outcome;
    chosen = picked.map((p) => p.entry);
  }

  // All of them as read: the edits already computed. Some, or the document changed meanwhile: ask again for those.
  let applied = chosen.length === result.entries.length && (await applyResult(document, result));
  for (let attempt = 0; !applied && attempt < 3; attempt++) {
    const again = await client.sendRequest<ImportResult | null>(IMPORT_REQUEST, {
      ...params,
      uri: document.uri.toString(),
      records: chosen.map((e) => e.record),
    } satisfies ImportParams);
    if (!again) break;
    applied = await applyResult(document, again);
  }
  if (!applied) {
    void vscode.window.showWarningMessage('The document kept changing; try Import Timeline again.');
    return outcome;
  }
  outcome.inserted = chosen.length;
  outcome.message = `Imported ${chosen.length} timeline ${chosen.length === 1 ? 'entry' : 'entries'}${result.skipped.length ? ` (${result.skipped.length} already in the timeline)` : ''}.`;
  vscode.window.setStatusBarMessage(outcome.message, 5000);
  return outcome;
}

/** The paste edit provider; undefined where the editor has no paste edit API. */
export interface PasteAsTimeline {
  provider: vscode.DocumentPasteEditProvider;
  kind: vscode.DocumentDropOrPasteEditKind;
}

function createPasteProvider(client: RequestClient): PasteAsTimeline | undefined {
  const Kind = (vscode as { DocumentDropOrPasteEditKind?: typeof vscode.DocumentDropOrPasteEditKind }).DocumentDropOrPasteEditKind;
  const Edit = (vscode as { DocumentPasteEdit?: typeof vscode.DocumentPasteEdit }).DocumentPasteEdit;
  if (!Kind || !Edit) return undefined;
  const kind = Kind.Empty.append(...PASTE_KIND_ID.split('.'));
  const provider: vscode.DocumentPasteEditProvider = {
    async provideDocumentPasteEdits(document, ranges, dataTransfer, _context, token) {
      if (ranges.length !== 1 || !client.isRunning()) return undefined;
      const range = ranges[0] as vscode.Range;
      const text = await dataTransfer.get('text/plain')?.asString();
      if (!text?.trim() || text.length > 1024 * 1024 || token.isCancellationRequested) return undefined;
      const version = document.version;
      const result = await client
        .sendRequest<ImportResult | null>(IMPORT_REQUEST, {
          uri: document.uri.toString(),
          sources: [{ name: 'clipboard', content: text }],
          at: { line: range.start.line, character: range.start.character },
        } satisfies ImportParams)
        .then(undefined, () => null);
      if (!result || result.error || !result.entries.length || result.version !== version || token.isCancellationRequested)
        return undefined;
      // What the paste covers stays as it is (an empty range: nothing); the entries go where they belong in time.
      const edit = new Edit(document.getText(range), `Paste as timeline entries (${result.entries.length})`, kind);
      const additional = new vscode.WorkspaceEdit();
      for (const e of result.edits) additional.replace(document.uri, toRange(e.range), e.newText);
      edit.additionalEdit = additional;
      // Plain text stays the default paste; this one is offered beside it.
      edit.yieldTo = [Kind.Text];
      return [edit];
    },
  };
  return { provider, kind };
}

export function registerImportTimeline(client: RequestClient): {
  disposables: vscode.Disposable[];
  paste: PasteAsTimeline | undefined;
} {
  const disposables: vscode.Disposable[] = [
    vscode.commands.registerCommand(IMPORT_TIMELINE_COMMAND, (args?: ImportArgs) => runImport(client, args)),
  ];
  const paste = createPasteProvider(client);
  const register = (
    vscode.languages as {
      registerDocumentPasteEditProvider?: typeof vscode.languages.registerDocumentPasteEditProvider;
    }
  ).registerDocumentPasteEditProvider;
  if (paste && typeof register === 'function') {
    disposables.push(
      register(
        [
          { language: 'markdown', scheme: 'file' },
          { language: 'markdown', scheme: 'untitled' },
        ],
        paste.provider,
        { providedPasteEditKinds: [paste.kind], pasteMimeTypes: ['text/plain'] },
      ),
    );
  }
  return { disposables, paste: paste && typeof register === 'function' ? paste : undefined };
}
