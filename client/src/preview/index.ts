/**
 * Registers the writing commands and the preview. Nothing here does work at activation: the preview
 * panel and the requests start when a command runs or a preview is restored.
 */
import { vscode } from '../vscode';
import { registerEditCommands } from '../commands/editTimeline';
import { registerImportTimeline, type PasteAsTimeline } from '../commands/importTimeline';
import { registerNewPostmortem } from '../commands/newPostmortem';
import { registerExportHtml } from './export';
import { PreviewManager, type PreviewSnapshot } from './panel';
import type { RequestClient } from './protocol';

/** `postmortem.isPostmortem`: the active editor holds a postmortem (for the editor title buttons). */
const CONTEXT_KEY = 'postmortem.isPostmortem';

function trackContext(client: RequestClient): vscode.Disposable[] {
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const update = (): void => {
    const document = vscode.window.activeTextEditor?.document;
    const mine = ++generation;
    if (!document || document.languageId !== 'markdown' || !client.isRunning()) {
      void vscode.commands.executeCommand('setContext', CONTEXT_KEY, false);
      return;
    }
    client.sendRequest<{ isPostmortem: boolean } | null>('postmortem/documentInfo', { uri: document.uri.toString() }).then(
      (info) => {
        if (mine === generation) void vscode.commands.executeCommand('setContext', CONTEXT_KEY, Boolean(info?.isPostmortem));
      },
      () => undefined,
    );
  };
  const later = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(update, 250);
  };
  return [
    vscode.window.onDidChangeActiveTextEditor(later),
    // A lint was published for the active document: whether it reads as a postmortem may have changed.
    vscode.languages.onDidChangeDiagnostics((e) => {
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      if (active && e.uris.some((u) => u.toString() === active)) later();
    }),
    { dispose: () => timer && clearTimeout(timer) },
  ];
}

export interface WritingAids {
  preview: PreviewManager;
  disposables: vscode.Disposable[];
  /** "Paste as timeline entries", when the editor has the paste edit API. */
  paste: PasteAsTimeline | undefined;
}

export function registerWritingAids(client: RequestClient, context: vscode.ExtensionContext, ready: Promise<void>): WritingAids {
  const preview = new PreviewManager(client, context);
  const importTimeline = registerImportTimeline(client);
  const disposables: vscode.Disposable[] = [
    preview,
    registerNewPostmortem(client, context),
    ...registerEditCommands(client),
    registerExportHtml(client, context.extensionUri, () => preview.documentUri),
    ...trackContext(client),
    ...importTimeline.disposables,
  ];
  void ready
    .then(() => void vscode.commands.executeCommand('setContext', CONTEXT_KEY, false))
    .then(() => {
      const document = vscode.window.activeTextEditor?.document;
      if (document?.languageId === 'markdown')
        void client.sendRequest<{ isPostmortem: boolean } | null>('postmortem/documentInfo', { uri: document.uri.toString() }).then(
          (info) => vscode.commands.executeCommand('setContext', CONTEXT_KEY, Boolean(info?.isPostmortem)),
          () => undefined,
        );
    });
  return { preview, disposables, paste: importTimeline.paste };
}

export type { PreviewSnapshot };
