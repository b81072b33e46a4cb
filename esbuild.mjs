// Bundles the extension client, the language server and the CLI.
// unified/remark are ESM-only; bundling them into CommonJS is how they reach
// VS Code's extension host and a plain `node dist/cli.js`.
import * as esbuild from 'esbuild';

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

const builds = [
  { ...common, ...lean, entryPoints: { client: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  // dist/server.js is a small loader that compiles dist/server-bundle.js through a V8 code cache (server/src/loader.ts).
  { ...common, ...lean, entryPoints: { server: 'server/src/loader.ts', 'server-bundle': 'server/src/main.ts' }, outdir: 'dist' },
  { ...common, entryPoints: { cli: 'server/src/cli/main.ts' }, outdir: 'dist' },
  // The worker threads of `postmortem-lint report` (server/src/cli/report.ts starts them from dist/).
  { ...common, entryPoints: { 'cli-report-worker': 'server/src/cli/reportWorker.ts' }, outdir: 'dist' },
  // The rules as a remark-lint preset for remark-cli / unified-engine (`postmortem-lint/remark-preset`); not in the .vsix.
  { ...common, entryPoints: { 'remark-preset-postmortem': 'server/src/remark-preset.ts' }, outdir: 'dist' },
];

const existing = [];
for (const b of builds) {
  const entries = Object.values(b.entryPoints);
  const fs = await import('node:fs');
  if (entries.every((e) => fs.existsSync(e))) existing.push(b);
}

if (watch) {
  for (const b of existing) {
    const ctx = await esbuild.context(b);
    await ctx.watch();
  }
} else {
  await Promise.all(existing.map((b) => esbuild.build(b)));
}
