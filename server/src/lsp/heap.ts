/**
 * How far V8 lets the server's heap grow. The server's live data is small (the open documents' results, a few
 * syntax trees), but every full lint of a long document allocates many times its size, much of it surviving a
 * scavenge while the parse runs, and V8 then grows the old generation to up to four times what survived the last
 * full collection, and keeps it: 50 open 55 KB postmortems held 230 MB for 40 MB of live data. Growing it by 30 %
 * instead costs some more full collections while documents are opened and keeps the footprint near what the server
 * holds. While a very long document is being edited that trade goes the other way (its tree alone is tens of MB,
 * and each extra full collection is a pause in the keystroke's lint), so V8's own sizing is back for as long.
 * (The flag is read at every collection, so setting it while the server runs takes effect.)
 */
import { setFlagsFromString } from 'node:v8';

/** A document this long, kept for incremental lints, lets the heap grow as V8 sees fit. */
export const LONG_DOCUMENT = 256 * 1024;
const RESTRAINED = '--heap-growing-percent=30';
const V8_DEFAULT = '--heap-growing-percent=0';

let current: string | null = null;

/** The heap flags set last (null: V8's own), so they can be set again after a moment at V8's defaults. */
export function heapFlags(): string | null {
  return current;
}

/** Called with the length of the longest document the server keeps a parse of (0 for none). */
export function sizeHeapFor(longestKept: number): void {
  const flags = longestKept >= LONG_DOCUMENT ? V8_DEFAULT : RESTRAINED;
  if (flags === current) return;
  current = flags;
  setFlagsFromString(flags);
}
