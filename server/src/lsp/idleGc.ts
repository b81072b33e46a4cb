/**
 * A young-generation collection while the server waits for the next keystroke (Node only; main.ts passes it to the
 * scheduler, lsp/diagnostics.ts calls it once no lint is pending or running).
 *
 * Each lint of a long document allocates megabytes, nearly all of it dead by the lint's end (13 MB per keystroke on
 * a 650 KB postmortem, 2 MB on a 55 KB one). V8 collects its young generation when it fills, which is then in the
 * middle of a later lint: a scavenge of 5–12 ms that copies everything that lint holds at that moment. Collected in
 * the pause after a publish instead, the scavenge copies only what the published result keeps, and the next lint
 * starts with an empty young generation, so usually runs without one. (In process, 650 KB: the 90th percentile of a
 * lint from 47–62 ms to 37–43; 55 KB: from 8–10 ms to 5–6.)
 */
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Gc = (options: { type: 'minor' }) => void;

/** Less than this in use in the young generation is not worth a collection, short as it is. */
const WORTH_COLLECTING = 1024 * 1024;

/**
 * V8's `gc` function, taken from a new context created while --expose-gc is set. The flag is set back at once: V8
 * accepts a code cache only under the flags it was made with (server/src/loader.ts writes one after the first lint).
 */
function gcFunction(): Gc | null {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as Gc) : null;
  } catch {
    return null;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}

function youngGenerationInUse(): number {
  for (const space of getHeapSpaceStatistics()) if (space.space_name === 'new_space') return space.space_used_size;
  return 0;
}

/** A function that collects the young generation when enough of it is in use; a no-op where V8 will not say how. */
export function idleYoungCollector(): () => void {
  let gc: Gc | null | undefined;
  return () => {
    if (youngGenerationInUse() < WORTH_COLLECTING) return;
    gc ??= gcFunction();
    gc?.({ type: 'minor' });
  };
}
