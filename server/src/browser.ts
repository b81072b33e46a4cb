/**
 * The language server in a browser worker (vscode.dev, github.dev; dist/web/server.js): the same server as
 * main.ts, over postMessage instead of stdio or IPC. What is Node's alone stays in main.ts and loader.ts (the
 * V8 code cache, heap sizing, process-wide error guards); `.postmortemrc.json` comes from the client
 * (lsp/browserConfig.ts), since a worker has no file system.
 */
import {
  BrowserMessageReader,
  BrowserMessageWriter,
  createConnection,
  NotificationType,
  ProposedFeatures,
} from 'vscode-languageserver/browser';
import type { ConfigFilesParams, NotificationMethod } from '../../shared/protocol';
import { ConfigFileStore, uriPath } from './lsp/browserConfig';
import { startServer } from './lsp/server';
import { installImmediate } from './web-shims/immediate';

installImmediate();

const ConfigFilesNotification = new NotificationType<ConfigFilesParams>('postmortem/configFiles' satisfies NotificationMethod);

/** The worker's global scope, as far as this file uses it. */
interface WorkerScope {
  addEventListener(
    type: 'error' | 'unhandledrejection',
    listener: (event: { error?: unknown; reason?: unknown; message?: string; preventDefault(): void }) => void,
  ): void;
}
const scope = globalThis as unknown as WorkerScope;

const connection = createConnection(
  ProposedFeatures.all,
  new BrowserMessageReader(scope as never),
  new BrowserMessageWriter(scope as never),
);
const log = (text: string) => connection.console.error(text);

// The worker's counterpart of processGuards.ts: logged, and the server keeps serving.
const describe = (error: unknown) => (error instanceof Error ? (error.stack ?? error.message) : String(error));
scope.addEventListener('error', (event) => {
  log(`postmortem: uncaught exception: ${describe(event.error ?? event.message)}`);
  event.preventDefault();
});
scope.addEventListener('unhandledrejection', (event) => {
  log(`postmortem: unhandled rejection: ${describe(event.reason)}`);
  event.preventDefault();
});

const configs = new ConfigFileStore();
const server = startServer(connection, {
  engine: {
    configPath: uriPath,
    resolveConfig: (path) => configs.resolve(path),
    // V8's heap flags are Node's (lsp/heap.ts); the browser sizes its own heap.
    sizeHeapFor: undefined,
  },
  configFileUri: (file) => configs.uriOf(file),
  readsFiles: false,
  initialize: (params) => {
    const options = params.initializationOptions as { configFiles?: ConfigFilesParams['files'] } | undefined;
    configs.update(options?.configFiles);
  },
});

connection.onNotification(ConfigFilesNotification, (params) => {
  server.configFilesChanged(configs.update(params?.files));
});
