// `npm run package`: the .vsix for the Marketplace and Open VSX.
//
// Builds production bundles (minified, no source maps), packages them with @vscode/vsce
// (--no-dependencies: the bundles are self-contained; .vscodeignore is an allow-list), then reads
// the archive back and checks it: what it holds, nothing it must not hold, and its size (< 1 MB).
//
// The archive is read back with the engine's zip reader (engine/import/zip.ts, the one the import command uses), so
// this script runs under tsx: npm run package, or node --import tsx scripts/package.mjs.
//
// Usage: node --import tsx scripts/package.mjs [--no-build] [--out FILE]   (default: postmortem-lint-VERSION.vsix)
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readZip } from '../server/src/engine/import/zip.ts';
import { ROOT } from './code-server.mjs';

export const MAX_VSIX_BYTES = 1024 * 1024;
/** Files the extension needs at run time; the package must hold each. */
const REQUIRED = [
  'extension/package.json',
  'extension/dist/client.js',
  'extension/dist/connect.js',
  'extension/dist/server.js',
  'extension/dist/server-bundle.js',
  'extension/dist/web/client.js',
  'extension/dist/web/server.js',
  'extension/readme.md',
  'extension/changelog.md',
  'extension/LICENSE.txt',
  'extension/media/icon.png',
];
/** What may be in the package at all (vsce adds the manifest files at the top and lower-cases readme.md and changelog.md). */
const ALLOWED = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/(package\.json|readme\.md|changelog\.md|LICENSE\.txt)$/,
  /^extension\/dist\/(client|connect|server|server-bundle)\.js$/,
  /^extension\/dist\/web\/(client|server)\.js$/,
  /^extension\/snippets\/[^/]+\.code-snippets$/,
  /^extension\/syntaxes\/[^/]+\.tmLanguage\.json$/,
  /^extension\/schemas\/[^/]+\.json$/,
  /^extension\/client\/media\//,
  /^extension\/media\/icon\.png$/,
];

function run(cmd, args, what) {
  const res = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (res.status !== 0) throw new Error(`${what} failed (exit ${res.status ?? res.signal})`);
}

/** Builds and checks the .vsix; returns its path, size and entries. Throws on any problem. */
export function packageExtension({ build = true, out } = {}) {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const vsix = path.resolve(ROOT, out ?? `${manifest.name}-${manifest.version}.vsix`);
  if (build) run(process.execPath, ['esbuild.mjs', '--production'], 'the production build (node esbuild.mjs --production)');
  run(
    process.execPath,
    [path.join(ROOT, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--no-update-package-json', '--out', vsix],
    'vsce package',
  );

  const zip = readZip(readFileSync(vsix));
  if ('error' in zip) throw new Error(`${path.basename(vsix)}: ${zip.error}`);
  const entries = zip.entries.map((e) => ({ name: e.name, size: 'data' in e ? e.data.length : -1 }));
  const content = (name) => zip.entries.find((e) => e.name === name && 'data' in e)?.data;
  const names = entries.map((e) => e.name);
  const problems = [];
  for (const e of zip.entries) if ('error' in e) problems.push(`${e.name}: ${e.error}`);
  for (const r of REQUIRED) if (!names.includes(r)) problems.push(`missing ${r}`);
  for (const n of names) if (!ALLOWED.some((re) => re.test(n))) problems.push(`should not be packaged: ${n}`);
  const packaged = JSON.parse(content('extension/package.json')?.toString('utf8') ?? '{}');
  for (const key of [
    'displayName',
    'description',
    'categories',
    'keywords',
    'icon',
    'repository',
    'license',
    'publisher',
    'galleryBanner',
  ]) {
    if (packaged[key] === undefined) problems.push(`package.json has no "${key}" (the Marketplace and Open VSX show it)`);
  }
  const client = content('extension/dist/client.js')?.toString('utf8') ?? '';
  if (/sourceMappingURL/.test(client.slice(-400))) problems.push('dist/client.js still points at a source map: build with --production');
  const { size } = statSync(vsix);
  if (size >= MAX_VSIX_BYTES) problems.push(`${path.basename(vsix)} is ${(size / 1024).toFixed(0)} KB; the budget is under 1 MB`);
  if (problems.length) throw new Error(`${path.basename(vsix)}:\n  ${problems.join('\n  ')}`);
  return { vsix, size, entries };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  try {
    const { vsix, size, entries } = packageExtension({
      build: !args.includes('--no-build'),
      out: outIndex >= 0 ? args[outIndex + 1] : undefined,
    });
    console.log(`\n[package] ${path.relative(ROOT, vsix)}: ${(size / 1024).toFixed(0)} KB, ${entries.length} files`);
    for (const e of entries) console.log(`  ${String(e.size).padStart(9)}  ${e.name}`);
  } catch (e) {
    console.error(`[package] ERROR: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
