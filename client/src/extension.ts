/**
 * The extension's entry point: starts the postmortem language server and registers the few
 * things that live in the client (status bar, commands). Everything that understands a
 * postmortem lives in the server; the client never imports server code.
 */
import * as vscode from 'vscode';
import { RevealOutputChannelOn, type BaseLanguageClient, type LanguageClientOptions } from 'vscode-languageclient';
import { importPreviewState, type PasteAsTimeline } from './commands/importTimeline';
import { registerRestartServer } from './commands/restartServer';
// Desktop: dist/server.js in a Node process. The web build (esbuild.mjs) swaps in ./connect.browser: a web worker.
import { connectServer } from './connect';
import { registerIncidentIndex, type IndexViewSnapshot, type TrendsSnapshot } from './index/index';
import { registerWritingAids, type PreviewSnapshot } from './preview/index';
import { PostmortemStatusBar } from './statusBar';

/** What `activate` returns; the end-to-end tests use `ready` to know the server is up. */
export interface PostmortemApi {
  readonly client: BaseLanguageClient;
  /** Settles once the language server has started (or failed to). */
  readonly ready: Promise<void>;
  /** What the status bar item shows now. */
  statusBar(): { visible: boolean; text: string };
  /** What the preview shows now (tests). */
  preview(): PreviewSnapshot;
  /** Test mode only: raw HTML into the preview's webview, past the sanitiser, to check the CSP. */
  injectIntoPreviewForTest(html: string): Promise<boolean>;
  /** "Paste as timeline entries" (tests call it as VS Code would on a paste); undefined without the paste edit API. */
  readonly pasteAsTimeline: PasteAsTimeline | undefined;
  /** What the Import Timeline preview shows now (tests); undefined when it is not open. */
  importPreview(): { title: string; items: string[]; picked: string[] } | undefined;
  /** What the Postmortems view lists now (tests). */
  indexView(): IndexViewSnapshot;
  /** What the trends panel shows now (tests). */
  trends(): TrendsSnapshot;
}

let client: BaseLanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): PostmortemApi {
  const outputChannel = vscode.window.createOutputChannel('Postmortem', { log: true });
  const configWatcher = vscode.workspace.createFileSystemWatcher('**/.postmortemrc.json');
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'markdown', scheme: 'file' },
      { language: 'markdown', scheme: 'untitled' },
    ],
    synchronize: {
      configurationSection: 'postmortem',
      fileEvents: configWatcher,
    },
    outputChannel,
    // Log failures to the channel without a pop-up each (a restart makes some in-flight sends fail
    // harmlessly); crashes and failed restarts are still shown, the library forces those.
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    initializationOptions: { clientName: 'vscode', extensionVersion: String(context.extension.packageJSON.version ?? '') },
  };

  const languageClient = connectServer(context, clientOptions);
  client = languageClient;

  const statusBar = new PostmortemStatusBar(languageClient);
  // Start without holding up activation: the status bar and commands are ready at once.
  const starting = languageClient.start();
  context.subscriptions.push(outputChannel, configWatcher, statusBar, registerRestartServer(languageClient, statusBar, starting));
  const ready = starting.then(
    () => statusBar.onClientStarted(),
    (error: unknown) => {
      outputChannel.error(`Postmortem language server failed to start: ${String(error)}`);
      void vscode.window.showErrorMessage('The Postmortem language server failed to start; see the "Postmortem" output.');
    },
  );
  const aids = registerWritingAids(languageClient, context, ready);
  context.subscriptions.push(...aids.disposables);
  const incidents = registerIncidentIndex(languageClient, context, ready);
  context.subscriptions.push(...incidents.disposables);
  return {
    client: languageClient,
    ready,
    statusBar: () => statusBar.state,
    preview: () => aids.preview.snapshot(),
    injectIntoPreviewForTest: (html) => aids.preview.injectRawForTest(html),
    pasteAsTimeline: aids.paste,
    importPreview: importPreviewState,
    indexView: () => incidents.view.snapshot(),
    trends: () => incidents.trends.snapshot(),
  };
}

export async function deactivate(): Promise<void> {
  if (client?.needsStop()) await client.stop();
  client = undefined;
}
