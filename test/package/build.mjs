// Compiles the smoke suite (test/package/suite/smoke.ts) to out/package/smoke.js for VS Code's
// extension host: CommonJS, `vscode` left to the host's require. Imported by test/package/run.mjs
// and scripts/start.mjs (--check); `node test/package/build.mjs` builds it alone.
import * as esbuild from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SMOKE_SUITE = path.join(root, 'out/package/smoke.js');

export async function buildSmokeSuite() {
  await esbuild.build({
    entryPoints: [path.join(root, 'test/package/suite/smoke.ts')],
    outfile: SMOKE_SUITE,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode'],
    logLevel: 'warning',
  });
  return SMOKE_SUITE;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildSmokeSuite();
  console.log(`[package build] ${path.relative(root, SMOKE_SUITE)}`);
}
