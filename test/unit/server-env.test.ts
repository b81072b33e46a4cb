/**
 * The language server is started without NODE_EXTRA_CA_CERTS (client/src/serverEnv.ts): Node would read a certificate
 * bundle before the server's first line runs, and the server opens no network connection. Everything else is passed on.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVER_ENV, serverEnvironment } from '../../client/src/serverEnv';

test('the server environment leaves out NODE_EXTRA_CA_CERTS and keeps the rest', () => {
  const env = serverEnvironment({ PATH: '/usr/bin', NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca-certificates.crt', LANG: 'C.UTF-8' });
  assert.deepEqual(env, { PATH: '/usr/bin', LANG: 'C.UTF-8' });
  // vscode-languageclient merges SERVER_ENV over the extension host's environment: the key must be there, undefined.
  assert.ok('NODE_EXTRA_CA_CERTS' in SERVER_ENV);
  assert.equal(SERVER_ENV.NODE_EXTRA_CA_CERTS, undefined);
});

test('a child started with an undefined variable, as vscode-languageclient merges it, does not have it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'postmortem-server-env-'));
  const certs = join(dir, 'extra.pem');
  writeFileSync(certs, '');
  const merged = { ...process.env, NODE_EXTRA_CA_CERTS: certs, ...SERVER_ENV };
  const out = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.env.NODE_EXTRA_CA_CERTS))'], {
    env: merged,
    encoding: 'utf8',
  });
  assert.equal(out.status, 0, out.stderr);
  assert.equal(out.stdout, 'undefined');
});
