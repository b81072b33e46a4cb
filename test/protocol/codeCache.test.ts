/**
 * The server's V8 code cache (server/src/loader.ts): written once the first diagnostics are out, accepted by the next
 * start, and a new one clears the caches other versions of the bundle left behind (a day old or more) and temporary
 * files a stopped write left (an hour old or more), keeping everything more recent.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureUri, readFixture, TestClient } from './client';

const HOUR = 60 * 60;

function plant(dir: string, name: string, ageSeconds: number): string {
  const path = join(dir, name);
  writeFileSync(path, 'not a cache');
  const when = Date.now() / 1000 - ageSeconds;
  utimesSync(path, when, when);
  return path;
}

async function waitFor(what: string, done: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('the code cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'postmortem-code-cache-test-'));
  const saved = { dir: process.env.POSTMORTEM_CODE_CACHE_DIR, debug: process.env.POSTMORTEM_CODE_CACHE_DEBUG };
  after(() => {
    for (const [name, value] of [
      ['POSTMORTEM_CODE_CACHE_DIR', saved.dir],
      ['POSTMORTEM_CODE_CACHE_DEBUG', saved.debug],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('is written after the first diagnostics, clears stale files, and is accepted by the next start', async () => {
    const oldVersion = plant(dir, `server-${'0'.repeat(24)}.cache`, 2 * 24 * HOUR);
    const recentVersion = plant(dir, `server-${'a'.repeat(24)}.cache`, HOUR);
    const oldTemporary = plant(dir, `server-${'0'.repeat(24)}.cache.4242.tmp`, 2 * HOUR);
    const recentTemporary = plant(dir, `server-${'a'.repeat(24)}.cache.4243.tmp`, 60);
    const unrelated = plant(dir, 'notes.txt', 30 * 24 * HOUR);
    process.env.POSTMORTEM_CODE_CACHE_DIR = dir;
    process.env.POSTMORTEM_CODE_CACHE_DEBUG = '1';
    const planted = new Set(readdirSync(dir));
    const written = () => readdirSync(dir).filter((f) => /^server-[0-9a-f]{24}\.cache$/.test(f) && !planted.has(f));

    const first = await TestClient.start();
    try {
      await waitFor('the loader to report the cache', () => /code cache (accepted|rejected|none)/.test(first.serverStderr));
      assert.match(first.serverStderr, /code cache none/);
      const uri = fixtureUri('checkout-postmortem.md');
      await first.open(uri, readFixture('checkout-postmortem.md'));
      await first.diagnostics(uri, 1);
      await waitFor('the new cache', () => written().length === 1 && !existsSync(oldVersion));
    } finally {
      await first.dispose();
    }
    assert.equal(existsSync(oldVersion), false, 'the cache of another version, two days old');
    assert.equal(existsSync(oldTemporary), false, 'a temporary file two hours old');
    assert.equal(existsSync(recentVersion), true, 'the cache of another version, an hour old');
    assert.equal(existsSync(recentTemporary), true, 'a temporary file a minute old');
    assert.equal(existsSync(unrelated), true, 'a file that is not a cache');

    const second = await TestClient.start();
    try {
      await waitFor('the loader to report the cache', () => /code cache (accepted|rejected|none)/.test(second.serverStderr));
      assert.match(second.serverStderr, /code cache accepted/);
    } finally {
      await second.dispose();
    }
  });
});
