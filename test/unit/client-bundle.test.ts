/**
 * What VS Code evaluates at activation (dist/client.js, dist/web/client.js): small, with vscode-languageclient left to
 * dist/connect.js on the desktop (loaded just after activation), and VS Code's API wrapped once, not once per module
 * (client/src/vscode.ts). Reads the bundles `npm run build` wrote.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const DIST = join(__dirname, '..', '..', 'dist');

function occurrences(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

test('the desktop client bundle leaves the language client to dist/connect.js', () => {
  const client = readFileSync(join(DIST, 'client.js'), 'utf8');
  const connect = readFileSync(join(DIST, 'connect.js'), 'utf8');
  assert.ok(client.length < 120 * 1024, `dist/client.js is ${Math.round(client.length / 1024)} KB`);
  assert.ok(!client.includes('node_modules/vscode-languageclient'), 'vscode-languageclient is bundled into dist/client.js');
  assert.match(client, /require\("\.\/connect\.js"\)/);
  assert.ok(connect.includes('node_modules/vscode-languageclient'), 'dist/connect.js does not hold vscode-languageclient');
});

test("each client bundle wraps VS Code's API once", () => {
  for (const name of ['client.js', join('web', 'client.js')]) {
    const text = readFileSync(join(DIST, name), 'utf8');
    // The banner's timing require is a plain require; the bundle's imports go through esbuild's __toESM.
    assert.equal(occurrences(text, '__toESM(require("vscode"))'), 1, name);
  }
});
