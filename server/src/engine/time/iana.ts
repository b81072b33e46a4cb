/**
 * IANA zones through luxon: whether a name is one this runtime knows, and a zone's offset at an instant (both cached,
 * the offsets per quarter hour).
 */
import { IANAZone } from 'luxon';

const ianaValidity = new Map<string, boolean>();
const ianaZones = new Map<string, IANAZone>();

/** Whether `name` is an IANA zone this runtime knows (cached). */
export function isIanaZone(name: string): boolean {
  let ok = ianaValidity.get(name);
  if (ok === undefined) {
    ok = IANAZone.isValidZone(name);
    ianaValidity.set(name, ok);
  }
  return ok;
}

/** Offsets by zone and quarter hour: asking Intl for one costs about 0.1 ms, and a timeline asks thousands of times. */
const QUARTER_HOUR = 15 * 60_000;
const offsetMemo = new Map<string, Map<number, number>>();
const OFFSET_MEMO_MAX = 4096;

function zoneOffset(name: string, epochMs: number): number {
  let z = ianaZones.get(name);
  if (!z) {
    z = IANAZone.create(name);
    ianaZones.set(name, z);
  }
  return z.offset(epochMs);
}

function quarterOffset(name: string, quarter: number): number {
  let memo = offsetMemo.get(name);
  if (!memo) offsetMemo.set(name, (memo = new Map()));
  let off = memo.get(quarter);
  if (off === undefined) {
    if (memo.size >= OFFSET_MEMO_MAX) memo.clear();
    off = zoneOffset(name, quarter * QUARTER_HOUR);
    memo.set(quarter, off);
  }
  return off;
}

/** The offset of an IANA zone at an instant, in minutes, or null when the zone is not known. */
export function ianaOffset(name: string, epochMs: number): number | null {
  if (!isIanaZone(name) || !Number.isFinite(epochMs)) return null;
  // The offset at both ends of the instant's quarter hour: equal, it holds all through it (clocks change at most once
  // in a quarter hour); else this quarter holds a change, and the instant is asked for itself.
  const quarter = Math.floor(epochMs / QUARTER_HOUR);
  const before = quarterOffset(name, quarter);
  const off = before === quarterOffset(name, quarter + 1) ? before : zoneOffset(name, epochMs);
  return Number.isFinite(off) ? off : null;
}
