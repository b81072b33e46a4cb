// Bundles the extension client, the language server and the CLI.
// unified/remark are ESM-only; bundling them into CommonJS is how they reach
// VS Code's extension host and a plain `node dist/cli.js`.
import * as esbuild from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { asciiOnly } from './scripts/asciiOnly.mjs';

/** What dist/server-bundle.js opens and closes with (server/src/loader.ts checks for the opening). */
const SERVER_WRAPPER_OPEN = '(function (exports, require, module, __filename, __dirname) {';
const SERVER_WRAPPER_CLOSE = '})';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
  legalComments: 'none',
};

// What VS Code loads at activation and at every server start: whitespace and syntax minified always (less to
// read and parse), names kept so stack traces stay readable (the source maps hold the rest).
const lean = production ? {} : { minifyWhitespace: true, minifySyntax: true };

// The client's first statement notes when VS Code began loading it (extension.ts reports load and activate times), and
// times the first require("vscode"): VS Code builds the extension's API object then, which is its time, not the bundle's.
export const clientBanner = {
  js:
    '"use strict";var __postmortemLoadStart = typeof performance === "object" ? performance.now() : undefined, __postmortemLoadEnd, __postmortemVscodeMs;' +
    'try { require("vscode"); __postmortemVscodeMs = performance.now() - __postmortemLoadStart; } catch (e) {}',
};
// ... and its last, when the bundle has been evaluated (what VS Code does between that and activate() is not ours).
export const clientFooter = {
  js: '__postmortemLoadEnd = typeof performance === "object" ? performance.now() : undefined;',
};

// The CLI and its report workers compile the engine's regular expressions at once rather than after a first run in
// V8's regexp interpreter: a quicker first file (server/src/loader.ts does the same for the language server).
const regexpAtOnce = { js: 'require("node:v8").setFlagsFromString("--no-regexp-tier-up");' };

// dist/client.js leaves ./connect to dist/connect.js, required when the client is created (client/src/deferredClient.ts).
const connectApart = {
  name: 'connect-apart',
  setup(build) {
    build.onResolve({ filter: /^(\.\.?\/)+connect$/ }, () => ({ path: './connect.js', external: true }));
  },
};

const builds = [
  {
    ...common,
    ...lean,
    entryPoints: { client: 'client/src/extension.ts' },
    outdir: 'dist',
    external: ['vscode'],
    plugins: [connectApart],
    // import('./connect') as require(): VS Code's extension host provides `vscode` to modules loaded through require.
    supported: { 'dynamic-import': false },
    banner: clientBanner,
    footer: clientFooter,
  },
  // The language client and vscode-languageclient, loaded just after activation (client/src/connect.ts).
  { ...common, ...lean, entryPoints: { connect: 'client/src/connect.ts' }, outdir: 'dist', external: ['vscode'] },
  // dist/server.js is a small loader that compiles dist/server-bundle.js through a V8 code cache (server/src/loader.ts).
  { ...common, ...lean, entryPoints: { server: 'server/src/loader.ts' }, outdir: 'dist' },
  // The bundle is written as the function the loader compiles, and in ASCII (scripts/asciiOnly.mjs): the loader reads
  // it into a one-byte string and compiles that string as it is, with no copy made at each start.
  {
    ...common,
    ...lean,
    entryPoints: { 'server-bundle': 'server/src/main.ts' },
    outdir: 'dist',
    banner: { js: SERVER_WRAPPER_OPEN },
    footer: { js: SERVER_WRAPPER_CLOSE },
    plugins: [asciiOnly],
  },
  { ...common, entryPoints: { cli: 'server/src/cli/main.ts' }, outdir: 'dist', banner: regexpAtOnce },
  // The worker threads of `postmortem-lint report` (server/src/cli/report.ts starts them from dist/).
  { ...common, entryPoints: { 'cli-report-worker': 'server/src/cli/reportWorker.ts' }, outdir: 'dist', banner: regexpAtOnce },
  // The rules as a remark-lint preset for remark-cli / unified-engine (`postmortem-lint/remark-preset`); not in the .vsix.
  { ...common, entryPoints: { 'remark-preset-postmortem': 'server/src/remark-preset.ts' }, outdir: 'dist' },
];

// The web extension (vscode.dev, github.dev): the same client and server for a browser's web workers, no Node.
// The client is extension.ts with ./connect swapped for ./connect.browser (the server in a web worker); the
// server is server/src/browser.ts, the shared server over postMessage. The few Node built-ins the shared code
// imports get the stand-ins in server/src/web-shims/; test/unit/web-bundle.test.ts checks none is left.
const webClient = {
  name: 'web-client',
  setup(build) {
    build.onResolve({ filter: /^(\.\.?\/)+connect$/ }, (args) => ({
      path: path.join(args.resolveDir, `${args.path}.browser.ts`),
    }));
  },
};
const webShims = {
  name: 'web-shims',
  setup(build) {
    build.onResolve({ filter: /^(node:)?(fs|path|url|v8|zlib)$/ }, (args) => ({
      path: path.resolve('server/src/web-shims', `${args.path.replace(/^node:/, '')}.ts`),
    }));
  },
};
export const web = {
  ...common,
  ...lean,
  platform: 'browser',
  target: 'es2022',
  outdir: 'dist/web',
  define: { 'process.env.NODE_ENV': '"production"' },
};
export const webBuilds = [
  {
    ...web,
    format: 'cjs',
    entryPoints: { client: 'client/src/extension.ts' },
    external: ['vscode'],
    plugins: [webClient],
    banner: clientBanner,
    footer: clientFooter,
  },
  // A worker has no `document`: the 'worker' condition picks packages' worker builds (decode-named-character-reference's DOM one needs it).
  {
    ...web,
    format: 'iife',
    conditions: ['worker'],
    entryPoints: { server: 'server/src/browser.ts' },
    plugins: [webShims],
  },
];
builds.push(...webBuilds);
// Imported (test/unit/web-bundle.test.ts reads the web builds' options): build nothing.
const isMain = Boolean(process.argv[1]) && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);

const existing = [];
for (const b of builds) {
  const entries = Object.values(b.entryPoints);
  const fs = await import('node:fs');
  if (entries.every((e) => fs.existsSync(e))) existing.push(b);
}

if (!isMain) {
  // nothing
} else if (watch) {
  for (const b of existing) {
    const ctx = await esbuild.context(b);
    await ctx.watch();
  }
} else {
  await Promise.all(existing.map((b) => esbuild.build(b)));
}
