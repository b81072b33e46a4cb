/**
 * The suite's entry point, in the form VS Code's test runners load (`extensionTestsPath`):
 * `run()` builds a Mocha instance with the compiled test files beside it and settles when they
 * have run. Works with test/e2e/run.mjs (code-server) and with @vscode/test-electron alike.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    timeout: 60_000,
    // E2E_GREP=pattern runs only the matching tests (the extension host inherits the environment).
    ...(process.env.E2E_GREP ? { grep: process.env.E2E_GREP } : {}),
  });
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        // The runner (test/e2e/run.mjs) reprints this as its closing line.
        const { passes = 0, failures: failed = 0, pending = 0 } = runner.stats ?? {};
        console.log(`[[result:${passes},${failed},${pending}]]`);
        if (failures > 0) reject(new Error(`${failures} end-to-end test(s) failed`));
        else resolve();
      });
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
