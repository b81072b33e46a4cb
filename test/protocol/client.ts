/**
 * A minimal LSP client for the protocol tests: starts the BUILT server (dist/server.js --stdio),
 * answers workspace/configuration from a settings object the test can change, records every
 * publishDiagnostics and waits for them with a deadline (never a fixed sleep).
 */
import { SERVER_EXEC_ARGV, serverEnvironment } from '../../client/src/serverEnv';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import {
  CodeActionRequest,
  CompletionRequest,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
  type ClientCapabilities,
  type CodeAction,
  type Command,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type FileEvent,
  type Hover,
  type InitializeResult,
  type Position,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

export const ROOT = resolve(__dirname, '..', '..');
export const SERVER = resolve(ROOT, 'dist', 'server.js');
export const FIXTURES = resolve(ROOT, 'test', 'fixtures', 'protocol');

export interface Published extends PublishDiagnosticsParams {
  /** Order of arrival across all documents. */
  seq: number;
  at: number;
}

export interface StartOptions {
  /** The `postmortem` settings section returned for workspace/configuration (null: the client has none). */
  settings?: Record<string, unknown> | null;
  /** Advertise workspace.configuration (default true). */
  configuration?: boolean;
  initializationOptions?: unknown;
  snippetSupport?: boolean;
  documentChanges?: boolean;
  /** Workspace folder URIs. */
  workspaceFolders?: string[];
  /** Advertise window.workDoneProgress: the server may then report `$/progress` (collected in `progress`). */
  workDoneProgress?: boolean;
  /** The server bundle to start (default dist/server.js); the benchmark compares builds with it. */
  serverPath?: string;
  /** Extra arguments for node before the bundle (e.g. --cpu-prof), after the client's own (SERVER_EXEC_ARGV). */
  execArgv?: string[];
}

export class TestClient {
  readonly published: Published[] = [];
  readonly logs: string[] = [];
  readonly notifications: { method: string; params: unknown }[] = [];
  readonly registrations: unknown[] = [];
  /** `window/workDoneProgress/create` tokens and `$/progress` values, in order of arrival. */
  readonly progress: (
    { create: string | number } | { token: string | number; value: { kind: string; title?: string; message?: string; percentage?: number } }
  )[] = [];
  /** Answers workspace/configuration for `postmortem`; tests may replace it. */
  settingsFor: (scopeUri: string | undefined) => Record<string, unknown> | null = () => this.settings;
  settings: Record<string, unknown> | null;
  initializeResult!: InitializeResult;
  private seq = 0;
  private listeners: (() => void)[] = [];
  private stderr = '';
  /** What the server wrote to stderr so far. */
  get serverStderr(): string {
    return this.stderr;
  }

  private constructor(
    readonly child: ChildProcessWithoutNullStreams,
    readonly connection: ProtocolConnection,
    options: StartOptions,
  ) {
    this.settings = options.settings === undefined ? {} : options.settings;
  }

  static async start(options: StartOptions = {}): Promise<TestClient> {
    const server = options.serverPath ?? SERVER;
    if (!existsSync(server)) throw new Error(`${server} is missing: run \`npm run build\` first`);
    // The flags and the environment the VS Code client gives the server (client/src/serverEnv.ts).
    const execArgv = [...SERVER_EXEC_ARGV, ...(options.execArgv ?? [])];
    const child = spawn(process.execPath, [...execArgv, server, '--stdio'], { stdio: 'pipe', env: serverEnvironment() });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new TestClient(child, connection, options);
    child.stderr.on('data', (chunk: Buffer) => {
      client.stderr += chunk.toString();
    });

    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      client.published.push({ ...params, seq: client.seq++, at: performance.now() });
      client.notify();
    });
    connection.onNotification(LogMessageNotification.type, (params) => {
      client.logs.push(params.message);
      client.notify();
    });
    connection.onNotification('postmortem/didValidate', (params: unknown) => {
      client.notifications.push({ method: 'postmortem/didValidate', params });
      client.notify();
    });
    connection.onRequest(ConfigurationRequest.type, (params) =>
      params.items.map((item) => (item.section === 'postmortem' ? client.settingsFor(item.scopeUri) : null)),
    );
    connection.onRequest('window/workDoneProgress/create', (params: { token: string | number }) => {
      client.progress.push({ create: params.token });
      client.notify();
      return null;
    });
    connection.onNotification('$/progress', (params: { token: string | number; value: never }) => {
      client.progress.push(params);
      client.notify();
    });
    connection.onRequest(RegistrationRequest.type, (params) => {
      client.registrations.push(...params.registrations);
      client.notify();
    });
    connection.listen();

    const capabilities: ClientCapabilities = {
      ...(options.workDoneProgress ? { window: { workDoneProgress: true } } : {}),
      workspace: {
        configuration: options.configuration ?? true,
        workspaceFolders: Boolean(options.workspaceFolders),
        didChangeConfiguration: { dynamicRegistration: true },
        didChangeWatchedFiles: { dynamicRegistration: true },
        workspaceEdit: { documentChanges: options.documentChanges ?? true },
      },
      textDocument: {
        synchronization: { didSave: true, dynamicRegistration: false },
        publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
        codeAction: {
          isPreferredSupport: true,
          dataSupport: true,
          codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
        },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        completion: { completionItem: { snippetSupport: options.snippetSupport ?? false } },
      },
    };
    client.initializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities,
      initializationOptions: options.initializationOptions,
      workspaceFolders: options.workspaceFolders?.map((uri, i) => ({ uri, name: `folder-${i}` })) ?? null,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  /** Resolves with the first value `probe` returns that is not undefined; rejects after `timeoutMs`. */
  waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
    return new Promise<T>((resolvePromise, reject) => {
      const check = () => {
        let value: T | undefined;
        try {
          value = probe();
        } catch (error) {
          done();
          reject(error);
          return;
        }
        if (value !== undefined) {
          done();
          resolvePromise(value);
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(
          new Error(
            `Timed out after ${timeoutMs} ms waiting for ${what}.\nServer stderr:\n${this.stderr.slice(-2000)}\nLogs:\n${this.logs.slice(-20).join('\n')}`,
          ),
        );
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.listeners = this.listeners.filter((l) => l !== check);
      };
      this.listeners.push(check);
      check();
    });
  }

  /** The first publish for `uri` (at `version`, if given) after publish number `afterSeq`. */
  diagnostics(uri: string, version?: number, options: { afterSeq?: number; timeoutMs?: number } = {}): Promise<Diagnostic[]> {
    const after = options.afterSeq ?? -1;
    return this.waitFor(
      `publishDiagnostics for ${uri}${version === undefined ? '' : ` version ${version}`}`,
      () => this.published.find((p) => p.seq > after && p.uri === uri && (version === undefined || p.version === version))?.diagnostics,
      options.timeoutMs,
    );
  }

  /** The sequence number a later wait can start after. */
  get lastSeq(): number {
    return this.seq - 1;
  }

  open(uri: string, text: string, version = 1, languageId = 'markdown'): Promise<void> {
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version, text },
    });
  }

  change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges,
    });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  changeConfiguration(settings: unknown = null): Promise<void> {
    return this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
  }

  changeWatchedFiles(changes: FileEvent[]): Promise<void> {
    return this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  async codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[], triggerKind?: 1 | 2): Promise<CodeAction[]> {
    const result = await this.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range,
      context: { diagnostics, ...(only ? { only } : {}), ...(triggerKind ? { triggerKind } : {}) },
    });
    return (result ?? []).filter((a): a is CodeAction => !isCommand(a));
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  }

  async completion(uri: string, position: Position, triggerCharacter?: string): Promise<CompletionItem[]> {
    const result: CompletionItem[] | CompletionList | null = await this.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position,
      context: triggerCharacter ? { triggerKind: 2, triggerCharacter } : { triggerKind: 1 },
    });
    if (!result) return [];
    return Array.isArray(result) ? result : result.items;
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params);
  }

  async dispose(): Promise<void> {
    const exited = new Promise<void>((resolvePromise) => {
      if (this.child.exitCode !== null) resolvePromise();
      else this.child.once('exit', () => resolvePromise());
    });
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // The server is already gone.
    }
    const killer = setTimeout(() => this.child.kill(), 2000);
    await exited;
    clearTimeout(killer);
    this.connection.dispose();
  }
}

function isCommand(value: CodeAction | Command): value is Command {
  return typeof (value as Command).command === 'string' && !('kind' in value) && !('edit' in value);
}

export function fixturePath(name: string): string {
  return resolve(FIXTURES, name);
}

export function fixtureUri(name: string): string {
  return pathToFileURL(fixturePath(name)).href;
}

export function readFixture(name: string): string {
  return readFileSync(fixturePath(name), 'utf8');
}

/** The `code` of each diagnostic, sorted. */
export function codes(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => String(d.code)).sort();
}

/** A diagnostic's message as text (LSP 3.18 allows MarkupContent). */
export function messageOf(diagnostic: Diagnostic | undefined): string {
  const message = diagnostic?.message ?? '';
  return typeof message === 'string' ? message : message.value;
}
