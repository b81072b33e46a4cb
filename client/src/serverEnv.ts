/**
 * The environment the language server process is started with: the extension host's, without what only slows the
 * server's start. NODE_EXTRA_CA_CERTS makes Node read and parse a certificate bundle before any code runs (60–70 ms
 * on a 2-core machine with Debian's bundle, more than the rest of Node's start); the server opens no network
 * connection, so it has no use for it. No `vscode` import: the protocol tests and the benchmark start the server the
 * same way.
 */

/** Merged over the extension host's environment by vscode-languageclient; an undefined value leaves the variable out. */
export const SERVER_ENV: NodeJS.ProcessEnv = { NODE_EXTRA_CA_CERTS: undefined };

/**
 * Node's flags for the server process. `--max-semi-space-size=8` (MB) caps V8's young generation: opening documents
 * allocates fast enough that V8 grows it to its 16 MB default cap (32 MB committed, two halves) and never gives it
 * back, though almost all of it is empty between lints. With 50 open 55 KB postmortems the server's RSS was 142–153 MB
 * with the default and 124–127 MB with the cap, opening them as fast (10.5–14.6 s against 11.5–12.9 s for all 50), and
 * a keystroke's lint on 650 KB the same in process (23.8 and 25.2 ms against 23.9 and 25.3, 200 lints, alternating).
 * V8 reads it only when the process starts, so it is a flag and not a setting (lsp/heap.ts sets what can change later).
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=8'];

/** The whole environment the server gets, for starting it without vscode-languageclient. */
export function serverEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env };
  for (const [name, value] of Object.entries(SERVER_ENV)) {
    if (value === undefined) delete out[name];
    else out[name] = value;
  }
  return out;
}
