/**
 * Node's setImmediate/clearImmediate for the browser worker, where they do not exist: the server yields "until
 * the messages already queued have been handled" with them (lsp/diagnostics.ts). A MessageChannel message is a
 * task, queued behind the connection's own, which is the same promise; setTimeout(0) would add a clamped delay.
 */
type Callback = (...args: unknown[]) => void;

interface Channel {
  port1: { onmessage: ((event: { data: number }) => void) | null };
  port2: { postMessage(data: number): void };
}
declare const MessageChannel: new () => Channel;

export function installImmediate(scope: Record<string, unknown> = globalThis as unknown as Record<string, unknown>): void {
  if (typeof scope.setImmediate === 'function') return;
  const pending = new Map<number, () => void>();
  let next = 0;
  const channel = new MessageChannel();
  channel.port1.onmessage = ({ data }) => {
    const run = pending.get(data);
    pending.delete(data);
    run?.();
  };
  scope.setImmediate = (callback: Callback, ...args: unknown[]) => {
    const id = ++next;
    pending.set(id, () => callback(...args));
    channel.port2.postMessage(id);
    return id;
  };
  scope.clearImmediate = (id: number) => {
    pending.delete(id);
  };
}
