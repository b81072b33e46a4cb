/**
 * vscode-languageserver, imported once for the whole server. Each module that imported it directly got its own copy
 * of its exports (esbuild's CommonJS interop defines a getter per export, some six hundred), fourteen copies at
 * every start; the server's modules import it from here instead.
 */
export * from 'vscode-languageserver';
