/** The server's collection in a pause (server/src/lsp/idleGc.ts): it empties the young generation and leaves V8's flags as they were. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { getHeapSpaceStatistics } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { idleYoungCollector } from '../../server/src/lsp/idleGc';

function youngInUse(): number {
  return getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_used_size ?? 0;
}

describe('idle young-generation collection', () => {
  it('collects what the young generation holds once more than a megabyte is in use', () => {
    const collect = idleYoungCollector();
    // Short-lived garbage until over 2 MB are in use (a scavenge on the way starts the count again).
    let sink: unknown = null;
    for (let i = 0; i < 1_000_000 && youngInUse() < 2 * 1024 * 1024; i++) sink = { i, text: `entry ${i}` };
    const before = youngInUse();
    assert.ok(before >= 2 * 1024 * 1024, `young generation in use: ${before}`);
    collect();
    const after = youngInUse();
    assert.ok(after < before / 2, `in use before ${before}, after ${after}`);
    assert.ok(sink);
  });

  it('leaves --expose-gc unset, so the code cache made later is accepted by a fresh process', () => {
    const collect = idleYoungCollector();
    for (let i = 0; i < 1_000_000 && youngInUse() < 2 * 1024 * 1024; i++) void { i };
    collect();
    assert.equal(runInNewContext('typeof gc'), 'undefined');
  });
});
