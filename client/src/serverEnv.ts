/**
 * The environment the language server process is started with: the extension host's, without what only slows the
 * server's start. NODE_EXTRA_CA_CERTS makes Node read and parse a certificate bundle before any code runs (60–70 ms
 * on a 2-core machine with Debian's bundle, more than the rest of Node's start); the server opens no network
 * connection, so it has no use for it. No `vscode` import: the protocol tests and the benchmark start the server the
 * same way.
 */

/** Merged over the extension host's environment by vscode-languageclient; an undefined value leaves the variable out. */
export const SERVER_ENV: NodeJS.ProcessEnv = { NODE_EXTRA_CA_CERTS: undefined };

/** The whole environment the server gets, for starting it without vscode-languageclient. */
export function serverEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env };
  for (const [name, value] of Object.entries(SERVER_ENV)) {
    if (value === undefined) delete out[name];
    else out[name] = value;
  }
  return out;
}
