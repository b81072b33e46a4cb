/**
 * timeline-order: the timeline's entries, in each timeline section, read as one sequence of instants. The entries
 * outside the longest run already in order are the ones reported, each with the neighbour it contradicts and where
 * its time puts it. The fix sorts the entry's region (see `../sort/regions.ts` for what a region is and why entries
 * never cross text that gives them their meaning); a region that cannot be sorted says why instead.
 */
import type { Fix, TimelineEntry } from '../types';
import { longestOrderedRun } from '../sort/order';
import { planRegion, type RegionPlan } from '../sort/plan';
import { timelineRegions, type Region } from '../sort/regions';
import { defineRule } from './util';

function clock(e: TimelineEntry): string {
  return e.timestamp?.text ?? `line ${e.line}`;
}

/** Whether the entries that have an instant and a timestamp, in the timeline's order, never go back in time. */
function timedInOrder(timeline: readonly TimelineEntry[]): boolean {
  let last = Number.NEGATIVE_INFINITY;
  for (const e of timeline) {
    if (e.instant === null || !e.timestamp) continue;
    if (!(e.instant >= last)) return false;
    last = e.instant;
  }
  return true;
}

export default defineRule(
  {
    id: 'timeline-order',
    description: 'Timeline entries are in chronological order.',
    defaultSeverity: 'error',
    fixable: true,
  },
  (ctx, _options, report) => {
    // Each section's timed entries are a subsequence, in the same order, of all the timed entries: when those never
    // go back, no section has an entry out of order (the usual case, and the one checked on every keystroke).
    if (timedInOrder(ctx.model.timeline)) return;
    const regions = timelineRegions(ctx);
    const regionOf = new Map<number, Region>();
    for (const r of regions) for (const s of r.slots) regionOf.set(s.index, r);
    const plans = new Map<Region, RegionPlan>();
    const planOf = (r: Region): RegionPlan => {
      let plan = plans.get(r);
      if (!plan) {
        plan = planRegion(ctx, r);
        plans.set(r, plan);
      }
      return plan;
    };

    // Each timeline section is one sequence: the entries outside its longest ordered run are the ones out of order.
    const bySection = new Map<number, number[]>();
    for (const r of regions) {
      const timed = r.slots.filter((s) => s.entry.instant !== null && s.entry.timestamp).map((s) => s.index);
      const list = bySection.get(r.section);
      if (list) list.push(...timed);
      else bySection.set(r.section, timed);
    }
    const timeline = ctx.model.timeline;
    for (const indices of bySection.values()) {
      const instants = indices.map((i) => timeline[i]!.instant as number);
      // Newest first (a status page's updates pasted as posted): one finding for the whole timeline, not one per entry.
      const n = instants.length;
      if (n >= 3 && instants[0]! > instants[n - 1]! && instants.every((t, k) => k === 0 || t <= instants[k - 1]!)) {
        const first = timeline[indices[0]!]!;
        const region = regionOf.get(indices[0]!);
        const whole = region !== undefined && indices.every((i) => regionOf.get(i) === region);
        const plan = whole ? planOf(region) : null;
        let message = `The timeline runs newest first (${clock(first)} down to ${clock(timeline[indices[n - 1]!]!)}); readers expect the oldest entry first.`;
        if (plan && !plan.edit && plan.reason) message += ` It is not sorted automatically: ${plan.reason}.`;
        const ts = first.timestamp!;
        report({
          message,
          start: ts.start,
          end: ts.end,
          ...(plan?.edit ? { fix: { title: 'Sort the timeline chronologically', edits: [plan.edit] } } : {}),
        });
        continue;
      }
      const run = longestOrderedRun(instants);
      if (run.length === indices.length) continue;
      const kept = new Set(run);
      // The nearest kept entry before and after each position.
      const before = new Array<number>(indices.length).fill(-1);
      const after = new Array<number>(indices.length).fill(-1);
      for (let k = 0, last = -1; k < indices.length; k++) {
        before[k] = last;
        if (kept.has(k)) last = k;
      }
      for (let k = indices.length - 1, next = -1; k >= 0; k--) {
        after[k] = next;
        if (kept.has(k)) next = k;
      }
      // The run's instants do not decrease: where an instant would go in it is a binary search.
      const firstAbove = (at: number): number => {
        let lo = 0;
        let hi = run.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (instants[run[mid]!]! > at) hi = mid;
          else lo = mid + 1;
        }
        return lo;
      };
      indices.forEach((index, k) => {
        if (kept.has(k)) return;
        const entry = timeline[index]!;
        const at = entry.instant as number;
        const earlier = before[k]! >= 0 && at < instants[before[k]!]!;
        const otherAt = earlier ? before[k]! : after[k]!;
        if (otherAt < 0) return;
        const otherIndex = indices[otherAt]!;
        const other = timeline[otherIndex]!;
        // Where its time puts it among the ordered entries.
        const slot = firstAbove(at);
        const goesAt = earlier ? run[slot] : run[slot - 1];
        const goes = goesAt === undefined ? null : timeline[indices[goesAt]!]!;
        const place =
          goes && goes !== other ? `; by its time it belongs ${earlier ? 'before' : 'after'} ${clock(goes)} (line ${goes.line})` : '';
        const relation = earlier ? 'earlier than the entry before it' : 'later than the entry after it';
        let message = `This entry (${clock(entry)}) is out of order: it is ${relation} (${clock(other)}, line ${other.line})${place}.`;
        const region = regionOf.get(index);
        let fix: Fix | null = null;
        if (region && region === regionOf.get(otherIndex)) {
          const plan = planOf(region);
          if (plan.edit) fix = { title: 'Sort the timeline chronologically', edits: [plan.edit] };
          else if (plan.reason) message += ` It is not sorted automatically: ${plan.reason}.`;
        } else {
          message += ` It is not sorted automatically: text that is not an entry (a date line, a label, a note) stands between it and line ${other.line}, and entries are not moved across it.`;
        }
        const ts = entry.timestamp!;
        report({ message, start: ts.start, end: ts.end, ...(fix ? { fix } : {}) });
      });
    }
  },
);
