/**
 * In a browser (vscode.dev, github.dev, any web-worker extension host): the language server runs in a web
 * worker of its own (dist/web/server.js, built from server/src/browser.ts). esbuild.mjs builds this file in
 * place of connect.ts for dist/web/client.js; the export is the same.
 *
 * A worker has no file system, so the workspace's `.postmortemrc.json` files are read here through
 * `vscode.workspace.fs`: all of them before the server starts (handed over in `initializationOptions`), then
 * each change the watcher sees (`postmortem/configFiles`, shared/protocol.ts).
 */
import { vscode } from './vscode';
import {
  BrowserMessageReader,
  BrowserMessageWriter,
  LanguageClient,
  type LanguageClientOptions,
  type MessageTransports,
} from 'vscode-languageclient/browser';
import type { ConfigFileContent, ConfigFilesParams, NotificationMethod } from '../../shared/protocol';

export { RevealOutputChannelOn, State } from 'vscode-languageclient/browser';

/**
 * The part of a browser's Worker used here (the project's TypeScript has no DOM library). VS Code's web-worker
 * extension host replaces `Worker` with one whose constructor returns a MessagePort (the worker is created by
 * the page): hence `terminate` or `close`, and the transports built here rather than from an `instanceof Worker`.
 */
interface ServerWorker {
  terminate?(): void;
  close?(): void;
}
declare const Worker: new (url: string, options?: { name?: string }) => ServerWorker;

const CONFIG_GLOB = '**/.postmortemrc.json';
const MAX_CONFIG_FILES = 500;
const CONFIG_FILES = 'postmortem/configFiles' satisfies NotificationMethod;
/** Schemes a browser workspace's files come in (GitHub and Azure Repos, code-server, @vscode/test-web), besides the workspace's own. */
const SCHEMES = ['file', 'untitled', 'vscode-vfs', 'vscode-remote', 'vscode-test-web'];

/** What the browser cannot do that the desktop does, said once in the output channel when the server starts. */
export const BROWSER_LIMITS =
  'Postmortem Lint runs in the browser: the language server runs in a web worker. A .postmortemrc.json is read only from ' +
  'the workspace (not from folders above it), and the postmortem-lint command line needs a terminal on a machine with Node.';

async function readConfig(uri: vscode.Uri): Promise<ConfigFileContent> {
  try {
    return { uri: uri.toString(), text: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)) };
  } catch {
    return { uri: uri.toString(), text: null };
  }
}

export function connectServer(context: vscode.ExtensionContext, clientOptions: LanguageClientOptions): LanguageClient {
  const output = clientOptions.outputChannel as vscode.LogOutputChannel | undefined;

  const schemes = new Set([...SCHEMES, ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.scheme)]);
  clientOptions.documentSelector = [...schemes].map((scheme) => ({ language: 'markdown', scheme }));

  // .postmortemrc.json: read here, not watched by the server (it could not read what changed).
  const configs = new Map<string, string>();
  const loaded = (async () => {
    try {
      const uris = await vscode.workspace.findFiles(CONFIG_GLOB, '**/node_modules/**', MAX_CONFIG_FILES);
      for (const file of await Promise.all(uris.map(readConfig))) if (file.text !== null) configs.set(file.uri, file.text);
    } catch (error) {
      output?.warn(`Could not look for .postmortemrc.json files in the workspace: ${String(error)}`);
    }
  })();
  clientOptions.synchronize = { configurationSection: 'postmortem' };
  const base = (clientOptions.initializationOptions ?? {}) as Record<string, unknown>;
  clientOptions.initializationOptions = () => ({
    ...base,
    configFiles: [...configs].map(([uri, text]) => ({ uri, text })),
  });

  let worker: ServerWorker | undefined;
  let workerUrl: string | undefined;
  const stopWorker = () => {
    if (typeof worker?.terminate === 'function') worker.terminate();
    else worker?.close?.();
    if (workerUrl) URL.revokeObjectURL(workerUrl);
    worker = workerUrl = undefined;
  };
  const startWorker = async (): Promise<MessageTransports> => {
    await loaded;
    // A worker cannot be created from an extension's own URI when the extension is served from elsewhere
    // ("Creating workers from remote extensions is currently not supported"); from a blob: URL it can.
    const source = vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js').toString(true);
    const response = await fetch(source);
    if (!response.ok) throw new Error(`could not load the language server from ${source} (HTTP ${response.status})`);
    const script = await response.text();
    stopWorker();
    workerUrl = URL.createObjectURL(new Blob([script], { type: 'text/javascript' }));
    worker = new Worker(workerUrl, { name: 'Postmortem language server' });
    output?.info(BROWSER_LIMITS);
    return { reader: new BrowserMessageReader(worker as never), writer: new BrowserMessageWriter(worker as never) };
  };

  const client = new LanguageClient('postmortem', 'Postmortem', startWorker, clientOptions);

  const send = (files: ConfigFileContent[]) => {
    if (client.isRunning()) void client.sendNotification(CONFIG_FILES, { files } satisfies ConfigFilesParams).catch(() => undefined);
  };
  const changed = async (uri: vscode.Uri) => {
    const file = await readConfig(uri);
    if (file.text === null) configs.delete(file.uri);
    else configs.set(file.uri, file.text);
    send([file]);
  };
  const watcher = vscode.workspace.createFileSystemWatcher(CONFIG_GLOB);
  context.subscriptions.push(
    watcher,
    watcher.onDidCreate(changed),
    watcher.onDidChange(changed),
    watcher.onDidDelete((uri) => {
      configs.delete(uri.toString());
      send([{ uri: uri.toString(), text: null }]);
    }),
    { dispose: stopWorker },
  );
  return client;
}
