/**
 * The extension's entry point: starts the postmortem language server and registers the few
 * things that live in the client (status bar, commands). Everything that understands a
 * postmortem lives in the server; the client never imports server code.
 */
import { vscode } from './vscode';
import type { LanguageClientOptions } from 'vscode-languageclient';
import { importPreviewState, type PasteAsTimeline } from './commands/importTimeline';
import { registerRestartServer } from './commands/restartServer';
import { DeferredClient } from './deferredClient';
import { registerIncidentIndex, type IndexViewSnapshot, type TrendsSnapshot } from './index/index';
import { registerWritingAids, type PreviewSnapshot } from './preview/index';
import { PostmortemStatusBar } from './statusBar';

/** What `activate` returns; the end-to-end tests use `ready` to know the server is up. */
export interface PostmortemApi {
  /** The language client (created just after activation: deferredClient.ts). */
  readonly client: DeferredClient;
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
  /** How long loading and activating took. */
  activationTimes(): ActivationTimes;
  /** What the Postmortems view lists now (tests). */
  indexView(): IndexViewSnapshot;
  /** What the trends panel shows now (tests). */
  trends(): TrendsSnapshot;
}

let client: DeferredClient | undefined;

/** Set by the bundle's first line (esbuild.mjs clientBanner): when VS Code began loading dist/client.js. */
declare const __postmortemLoadStart: number | undefined;
/** Set by the bundle's last line (clientFooter). */
declare const __postmortemLoadEnd: number | undefined;
/** Set by the banner: how long VS Code took to hand the bundle its `vscode` module (the first require builds the API). */
declare const __postmortemVscodeMs: number | undefined;

/** How long loading the bundle and activate() took, in ms (the Postmortem output logs it; tests read it). */
export interface ActivationTimes {
  /** From the bundle's first line to its last: evaluating the bundle. Undefined unbundled. */
  loadMs: number | undefined;
  /** Of loadMs, the first require("vscode"): VS Code building this extension's API object. */
  vscodeApiMs: number | undefined;
  /** From the bundle's last line to activate() being called: VS Code's own time. */
  waitMs: number | undefined;
  /** activate() itself, up to its return (the language client is created and the server started after it). */
  activateMs: number;
  /** From activate() being called to the language client being created (vscode-languageclient loaded); undefined until then. */
  clientCreatedMs: number | undefined;
}

export function activate(context: vscode.ExtensionContext): PostmortemApi {
  const activateStart = performance.now();
  const loadStart = typeof __postmortemLoadStart === 'number' ? __postmortemLoadStart : undefined;
  const loadEnd = typeof __postmortemLoadEnd === 'number' ? __postmortemLoadEnd : undefined;
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
    initializationOptions: {
      clientName: 'vscode',
      extensionVersion: String(context.extension.packageJSON.version ?? ''),
    },
  };

  let clientCreatedMs: number | undefined;
  const languageClient = new DeferredClient(async () => {
    // Loaded here, after activation (dist/connect.js, with vscode-languageclient: see connect.ts). Desktop: dist/server.js
    // in a Node process; the web build (esbuild.mjs) swaps in ./connect.browser, a web worker.
    const { connectServer, RevealOutputChannelOn } = await import('./connect');
    const created = connectServer(context, {
      ...clientOptions,
      // Log failures to the channel without a pop-up each (a restart makes some in-flight sends fail
      // harmlessly); crashes and failed restarts are still shown, the library forces those.
      revealOutputChannelOn: RevealOutputChannelOn.Never,
    });
    clientCreatedMs = performance.now() - activateStart;
    return created;
  });
  client = languageClient;

  const statusBar = new PostmortemStatusBar(languageClient);
  // Start without holding up activation: the status bar and commands are ready at once.
  const starting = languageClient.created.then((created) => created.start());
  context.subscriptions.push(
    outputChannel,
    configWatcher,
    statusBar,
    registerRestartServer(languageClient, statusBar, starting),
    new vscode.Disposable(() => languageClient.dispose()),
  );
  const ready = starting.then(
    () => statusBar.onClientStarted(),
    (error: unknown) => {
      outputChannel.error(`Postmortem language server failed to start: ${String(error)}`);
      void vscode.window.showErrorMessage('The Postmortem language server failed to start; see the "Postmortem" output.');
    },
  );
  const aids = registerWritingAids(languageClient, context, ready);
  context.subscriptions.push(...aids.disposables);
  const times: ActivationTimes = {
    loadMs: loadStart === undefined || loadEnd === undefined ? undefined : loadEnd - loadStart,
    vscodeApiMs: typeof __postmortemVscodeMs === 'number' ? __postmortemVscodeMs : undefined,
    waitMs: loadEnd === undefined ? undefined : activateStart - loadEnd,
    activateMs: performance.now() - activateStart,
    clientCreatedMs: undefined,
  };
  outputChannel.info(
    `Activated in ${times.activateMs.toFixed(1)} ms (bundle evaluated in ${times.loadMs?.toFixed(1) ?? '?'} ms, ` +
      `of which ${times.vscodeApiMs?.toFixed(1) ?? '?'} ms for VS Code to provide its API)`,
  );
  const incidents = registerIncidentIndex(languageClient, context, ready);
  context.subscriptions.push(...incidents.disposables);
  return {
    activationTimes: () => ({ ...times, clientCreatedMs }),
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
  client?.dispose();
  const created = client?.current;
  if (created?.needsStop()) await created.stop();
  client = undefined;
}
