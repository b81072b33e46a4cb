/** What "in order" means for a timeline: instants that never go back; the longest run of them that already is. */

/** Whether the instants never go back (entries without one are skipped). */
export function ordered(instants: (number | null)[]): boolean {
  let last = Number.NEGATIVE_INFINITY;
  for (const t of instants) {
    if (t === null) continue;
    if (t < last) return false;
    last = t;
  }
  return true;
}

/**
 * The indices (into `values`) of a longest non-decreasing subsequence, the one that keeps the earliest written entries
 * where several are as long.
 */
export function longestOrderedRun(values: number[]): number[] {
  const n = values.length;
  if (!n) return [];
  const ranks = [...new Set(values)].sort((a, b) => a - b);
  const rankOf = new Map(ranks.map((v, i) => [v, i]));
  // Fenwick tree over reversed ranks: the longest run starting at a value >= v, among the entries after the current one.
  const tree = new Array<number>(ranks.length + 1).fill(0);
  const query = (i: number): number => {
    let best = 0;
    for (let k = i; k > 0; k -= k & -k) best = Math.max(best, tree[k]!);
    return best;
  };
  const update = (i: number, v: number): void => {
    for (let k = i; k <= ranks.length; k += k & -k) tree[k] = Math.max(tree[k]!, v);
  };
  const best = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    const reversed = ranks.length - (rankOf.get(values[i]!) as number);
    best[i] = 1 + query(reversed);
    update(reversed, best[i]!);
  }
  let need = Math.max(...best);
  let last = Number.NEGATIVE_INFINITY;
  const run: number[] = [];
  for (let i = 0; i < n && need > 0; i++) {
    if (best[i] === need && values[i]! >= last) {
      run.push(i);
      last = values[i]!;
      need--;
    }
  }
  return run;
}
