/**
 * The web extension's bundles (dist/web/client.js, dist/web/server.js) run in a browser's web workers, where
 * there is no Node: they are built here from esbuild.mjs's own options, in memory, and must not load a Node
 * built-in. The client may load `vscode` and nothing else.
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

interface Bundle {
  name: string;
  text: string;
}

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const REQUIRE = /\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g;
/** The bundles are CommonJS and an IIFE: a module is loaded by require() or a dynamic import(). */
const IMPORT = /\bimport\(\s*["'`]([^"'`]+)["'`]\s*\)/g;

function loaded(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(REQUIRE)) names.push(m[1] as string);
  for (const m of text.matchAll(IMPORT)) names.push(m[1] as string);
  return names;
}

describe('web bundles', { timeout: 120_000 }, () => {
  const bundles: Bundle[] = [];

  before(async () => {
    const buildScript = pathToFileURL(path.join(__dirname, '..', '..', 'esbuild.mjs')).href;
    const { webBuilds } = (await import(buildScript)) as { webBuilds: esbuild.BuildOptions[] };
    assert.equal(webBuilds.length, 2, 'esbuild.mjs has a web client and a web server build');
    for (const options of webBuilds) {
      const result = await esbuild.build({
        ...options,
        write: false,
        sourcemap: false,
        logLevel: 'silent',
        metafile: true,
      });
      for (const file of result.outputFiles ?? []) {
        bundles.push({ name: file.path.replace(/.*[\\/]dist[\\/]/, 'dist/'), text: file.text });
      }
      // What went in: no module from node_modules that is Node's alone (the resolution used the browser conditions).
      const inputs = Object.keys(result.metafile?.inputs ?? {});
      const nodeOnly = inputs.filter((i) => /[\\/]lib[\\/]node[\\/]/.test(i) && /vscode-(languageclient|languageserver|jsonrpc)/.test(i));
      assert.deepEqual(nodeOnly, [], `the web build pulled in a Node-only module: ${nodeOnly.join(', ')}`);
    }
    assert.deepEqual(bundles.map((b) => b.name).sort(), ['dist/web/client.js', 'dist/web/server.js']);
  });

  it('load no Node built-in module', () => {
    for (const bundle of bundles) {
      const builtins = loaded(bundle.text).filter((name) => NODE_BUILTINS.has(name));
      assert.deepEqual(builtins, [], `${bundle.name} loads Node built-ins: ${[...new Set(builtins)].join(', ')}`);
    }
  });

  it('the client loads only vscode; the server, which VS Code does not host, loads nothing', () => {
    const client = bundles.find((b) => b.name === 'dist/web/client.js')!;
    const server = bundles.find((b) => b.name === 'dist/web/server.js')!;
    assert.deepEqual([...new Set(loaded(client.text))], ['vscode']);
    assert.deepEqual(loaded(server.text), []);
  });

  it('the client starts the server in a web worker, the server talks over postMessage', () => {
    const client = bundles.find((b) => b.name === 'dist/web/client.js')!.text;
    const server = bundles.find((b) => b.name === 'dist/web/server.js')!.text;
    assert.match(client, /new Worker\(/);
    assert.match(client, /dist.*web.*server\.js/s);
    assert.doesNotMatch(client, /child_process|TransportKind\.ipc|--code-cache-dir/);
    assert.match(server, /postMessage/);
    // A worker has no DOM: no package's DOM build (one that reads `document` or `window` as it loads).
    assert.doesNotMatch(server, /(?<![.\w$"'])(document|window)\.(createElement|body|addEventListener|location)/);
    assert.match(server, /postmortem\/configFiles/);
  });

  it('the checker catches a Node built-in', () => {
    assert.deepEqual(
      loaded('var a=require("fs"),b=require( "node:path" ),c=require("vscode");').filter((n) => NODE_BUILTINS.has(n)),
      ['fs', 'node:path'],
    );
  });
});
