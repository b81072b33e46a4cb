// Compiles the end-to-end suite (test/e2e/suite/**/*.ts) to out/e2e/ for VS Code's extension host:
// CommonJS, one file per entry, `vscode` and `mocha` left to the host's require.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const suiteDir = path.join(root, 'test/e2e/suite');
const outdir = path.join(root, 'out/e2e');

const entryPoints = readdirSync(suiteDir, { recursive: true, encoding: 'utf8' })
  // helpers/ is bundled into the files that import it, not loaded on its own.
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.split(path.sep).includes('helpers'))
  .map((f) => path.join(suiteDir, f));

rmSync(outdir, { recursive: true, force: true });
await esbuild.build({
  entryPoints,
  outdir,
  outbase: suiteDir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});
console.log(`[e2e build] ${entryPoints.length} files -> ${path.relative(root, outdir)}/`);
