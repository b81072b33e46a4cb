/**
 * The language client, created just after activation rather than during it. vscode-languageclient is nine tenths
 * of the client bundle and evaluating it takes most of the extension's load time (70–100 ms on a 2-core machine);
 * activate() returns without it, and the next turn of the event loop loads it, creates the client and starts the
 * server. Until then the client answers as a client that is not running yet: requests wait for it, notification
 * handlers are registered on it once it exists.
 */
import type * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import type { RequestClient } from './preview/protocol';

type Handler = (params: unknown) => void;

const DEACTIVATED = 'the extension was deactivated before its language client was created';

export class DeferredClient implements RequestClient {
  private real: BaseLanguageClient | undefined;
  private disposed = false;
  /** Handlers registered before the client existed: each is handed over once it does. */
  private readonly waiting = new Set<{ method: string; handler: Handler; registration?: vscode.Disposable }>();
  /** Settles with the created client (rejects if creating it threw, or the extension was deactivated first). */
  readonly created: Promise<BaseLanguageClient>;

  constructor(create: () => Promise<BaseLanguageClient>) {
    this.created = new Promise<void>((resolve) => setTimeout(resolve, 0)).then(async () => {
      if (this.disposed) throw new Error(DEACTIVATED);
      const real = await create();
      if (this.disposed) throw new Error(DEACTIVATED);
      this.real = real;
      for (const w of this.waiting) w.registration = real.onNotification(w.method, w.handler);
      return real;
    });
    // A failure is reported where `created` is awaited (activation's start); no unhandled rejection here.
    this.created.catch(() => undefined);
  }

  /** The client, once created. */
  get current(): BaseLanguageClient | undefined {
    return this.real;
  }

  isRunning(): boolean {
    return this.real?.isRunning() ?? false;
  }

  async sendRequest<R>(method: string, params: unknown): Promise<R> {
    const client = this.real ?? (await this.created);
    return client.sendRequest<R>(method, params);
  }

  /** Like the client's own: the handler stays registered across restarts of the server. */
  onNotification<P>(method: string, handler: (params: P) => void): vscode.Disposable {
    if (this.real) return this.real.onNotification(method, handler);
    const entry: { method: string; handler: Handler; registration?: vscode.Disposable } = { method, handler: handler as Handler };
    this.waiting.add(entry);
    return {
      dispose: () => {
        this.waiting.delete(entry);
        entry.registration?.dispose();
      },
    };
  }

  /** Deactivation: a client not created yet never will be. */
  dispose(): void {
    this.disposed = true;
  }
}
