// Compiles the web suite (test/web/suite/index.ts) to out/web/index.js for the browser's web-worker
// extension host: one CommonJS file, `vscode` left to the host, no Node built-ins (platform browser).
import * as esbuild from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
await esbuild.build({
  entryPoints: { index: path.join(root, 'test/web/suite/index.ts') },
  outdir: path.join(root, 'out/web'),
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  format: 'cjs',
  sourcemap: 'inline',
  external: ['vscode'],
  logLevel: 'warning',
});
console.log('[web build] test/web/suite -> out/web/index.js');
