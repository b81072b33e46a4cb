/**
 * Desktop: the language server is dist/server.js in a Node process, over IPC. The web build swaps this file
 * for connect.browser.ts (esbuild.mjs), with the same export.
 */
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

export function connectServer(context: vscode.ExtensionContext, clientOptions: LanguageClientOptions): LanguageClient {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  // The server keeps its V8 code cache in the extension's global storage (server/src/loader.ts); the OS temp folder without one.
  const storage = context.globalStorageUri;
  const args = storage.scheme === 'file' ? [`--code-cache-dir=${path.join(storage.fsPath, 'code-cache')}`] : [];
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, args },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      args,
      options: { execArgv: ['--nolazy', '--inspect=6009'] },
    },
  };
  return new LanguageClient('postmortem', 'Postmortem', serverOptions, clientOptions);
}
