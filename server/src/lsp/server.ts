/** Wires the features to a connection. Each feature lives in its own file; this one only connects them. */
import {
  CodeActionTriggerKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from './languageServer';
import { clearConfigCache } from '../engine/config';
import { Analyzer, ENGINE, type Engine } from './analysis';
import { CODE_ACTION_KINDS, provideCodeActions } from './codeActions';
import { mayComplete, provideCompletion } from './completion';
import { ConfigProblemsReporter } from './configProblems';
import { DiagnosticsScheduler } from './diagnostics';
import { createDocuments, EditedLines } from './documents';
import { registerEditCommands } from './editCommands';
import { provideHover } from './hover';
import { IMPORT_COMMAND, registerImport } from './importRequest';
import { notifyValidated, registerRequests } from './requests';
import { SettingsStore } from './settings';
import type { IndexHelpers } from './indexFiles';
import { registerWorkspaceIndex } from './workspaceIndex';

const CONFIG_FILE = /(^|[\\/])\.postmortemrc\.json$/;

/**
 * What differs between the Node server (main.ts) and the one in a browser worker (browser.ts) beyond the
 * connection: where .postmortemrc.json comes from. Node reads the file system (the defaults); the browser
 * has none, and reads what the client sends (browserConfig.ts).
 */
export interface ServerPlatform {
  /** Replaces parts of the analyzer's engine (config resolution, heap sizing). */
  engine?: Partial<Engine>;
  /** The URI a config file named in a ConfigProblem is published on (default: its file: URI). */
  configFileUri?: (file: string) => string;
  /** Called first in `initialize`, before any document is opened. */
  initialize?: (params: InitializeParams) => void;
  /** False in a browser worker: no file system, so the incident index lists open documents only. */
  readsFiles?: boolean;
  /** Threads that read files alongside the server's for the incident index's first read (Node's worker_threads). */
  indexHelpers?: IndexHelpers;
  /** Run in the pause after the last lint published, nothing else pending (Node: a young-generation collection). */
  whenIdle?: () => void;
}

export interface RunningServer {
  /** Config files changed (`deleted`: the URIs of those that are gone): every open document is linted again. */
  configFilesChanged(deleted: readonly string[]): void;
}

export function startServer(connection: Connection, platform: ServerPlatform = {}): RunningServer {
  const log = (text: string) => connection.console.error(text);

  const edited = new EditedLines();
  const documents = createDocuments(edited);
  const settings = new SettingsStore(connection);
  const analyzer = new Analyzer(settings, log, { ...ENGINE, ...platform.engine });
  const configProblems = new ConfigProblemsReporter(connection, documents, platform.configFileUri);
  const scheduler = new DiagnosticsScheduler(
    connection,
    documents,
    analyzer,
    configProblems,
    (a) => notifyValidated(connection, a),
    edited,
    platform.whenIdle,
  );
  const workspaceIndex = registerWorkspaceIndex(connection, documents, analyzer, platform.readsFiles !== false, platform.indexHelpers);
  let capabilities: ClientCapabilities = {};
  /** The version each document was opened at: its open already asked for its first lint. */
  const openedAt = new Map<string, number>();

  connection.onInitialize((params): InitializeResult => {
    platform.initialize?.(params);
    capabilities = params.capabilities;
    analyzer.workspaceFolders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    settings.init(Boolean(capabilities.workspace?.configuration), params.initializationOptions);
    // The import command is for editors without our client. The VS Code client has its own Import Timeline
    // command, and vscode-languageclient registers a server's commands again on a restart before the old
    // registration is gone ("command 'postmortem.server.importTimeline' already exists": the restart fails).
    const ownClient = (params.initializationOptions as { clientName?: unknown } | undefined)?.clientName === 'vscode';
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS, resolveProvider: false },
        hoverProvider: true,
        completionProvider: { triggerCharacters: [' ', '#'], resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        ...(ownClient ? {} : { executeCommandProvider: { commands: [IMPORT_COMMAND] } }),
      },
      serverInfo: { name: 'postmortem-lint' },
    };
  });

  connection.onInitialized(() => {
    if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'postmortem' });
    }
    if (capabilities.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(({ added, removed }) => {
        const gone = new Set(removed.map((f) => f.uri));
        analyzer.workspaceFolders = [...analyzer.workspaceFolders.filter((f) => !gone.has(f)), ...added.map((f) => f.uri)];
        analyzer.invalidateAll();
        scheduler.validateAll();
      });
    }
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/.postmortemrc.json' }],
      });
      // Markdown files for the incident index: an ask then re-reads only what changed instead of walking the folders.
      if (platform.readsFiles !== false) {
        connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{md,markdown}' }] }).then(
          () => workspaceIndex.watchFiles(),
          () => undefined,
        );
      }
    }
  });

  documents.onDidOpen(({ document }) => {
    openedAt.set(document.uri, document.version);
    scheduler.schedule(document);
  });
  documents.onDidChangeContent(({ document }) => {
    if (openedAt.get(document.uri) === document.version) return;
    void settings.get(document.uri).then((s) => {
      if (s.run === 'onType' && documents.get(document.uri)) scheduler.schedule(document);
    });
  });
  documents.onDidSave(({ document }) => {
    void settings.get(document.uri).then((s) => {
      if (s.run === 'onSave' && documents.get(document.uri)) scheduler.schedule(document);
    });
  });
  documents.onDidClose(({ document }) => {
    openedAt.delete(document.uri);
    scheduler.close(document.uri);
  });

  connection.onDidChangeConfiguration((params) => {
    settings.didChangeConfiguration(params);
    analyzer.invalidateAll();
    scheduler.validateAll();
  });

  const configFilesChanged = (deleted: readonly string[]) => {
    clearConfigCache();
    analyzer.invalidateAll();
    configProblems.clear(deleted);
    scheduler.validateAll();
  };
  connection.onDidChangeWatchedFiles(({ changes }) => {
    workspaceIndex.filesChanged(changes.filter((c) => !CONFIG_FILE.test(c.uri)));
    const configChanges = changes.filter((c) => CONFIG_FILE.test(c.uri));
    if (!configChanges.length) return;
    configFilesChanged(configChanges.filter((c) => c.type === FileChangeType.Deleted).map((c) => c.uri));
  });

  connection.onCodeAction(async (params, token) => {
    // The lightbulb asks on every cursor move: let it wait for the pending lint rather than lint per keystroke.
    if (params.context.triggerKind === CodeActionTriggerKind.Automatic) await scheduler.idle(params.textDocument.uri);
    const document = documents.get(params.textDocument.uri);
    if (!document || token.isCancellationRequested) return [];
    const analysis = await analyzer.analyze(document);
    return provideCodeActions(params, analysis, {
      documentChanges: Boolean(capabilities.workspace?.workspaceEdit?.documentChanges),
      log,
    });
  });

  connection.onHover(async (params) => {
    const document = documents.get(params.textDocument.uri);
    return document ? provideHover(await analyzer.analyze(document), params.position) : null;
  });

  connection.onCompletion(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (document && !mayComplete(document, params)) return [];
    return document
      ? provideCompletion(await analyzer.analyze(document), params, {
          snippets: Boolean(capabilities.textDocument?.completion?.completionItem?.snippetSupport),
        })
      : [];
  });

  registerRequests(connection, documents, analyzer);
  registerEditCommands(connection, documents, analyzer);
  registerImport(connection, documents, analyzer);

  connection.onShutdown(() => scheduler.dispose());
  connection.onExit(() => scheduler.dispose());

  documents.listen(connection);
  connection.listen();
  return { configFilesChanged };
}
