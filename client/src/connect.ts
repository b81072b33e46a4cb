/**
 * Desktop: the language server is dist/server.js in a Node process, over IPC. The web build swaps this file
 * for connect.browser.ts (esbuild.mjs), with the same exports.
 *
 * This module and vscode-languageclient are a bundle of their own, dist/connect.js, loaded just after activation
 * (deferredClient.ts): they are nine tenths of the client's code, and parsing and evaluating them at activation
 * took about 60 ms. Values the rest of the client needs from vscode-languageclient are exported from here.
 */
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SERVER_ENV, SERVER_EXEC_ARGV } from './serverEnv';

export { RevealOutputChannelOn, State } from 'vscode-languageclient/node';

export function connectServer(context: vscode.ExtensionContext, clientOptions: LanguageClientOptions): LanguageClient {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  // The server keeps its V8 code cache in the extension's global storage (server/src/loader.ts); the OS temp folder without one.
  const storage = context.globalStorageUri;
  const args = storage.scheme === 'file' ? [`--code-cache-dir=${path.join(storage.fsPath, 'code-cache')}`] : [];
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, args, options: { env: SERVER_ENV, execArgv: [...SERVER_EXEC_ARGV] } },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      args,
      options: { env: SERVER_ENV, execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6009'] },
    },
  };
  return new LanguageClient('postmortem', 'Postmortem', serverOptions, clientOptions);
}
