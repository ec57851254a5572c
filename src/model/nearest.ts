/** Suggestions for mistyped names: the known names closest by edit distance. */

/** Levenshtein distance (insertions, deletions, substitutions all cost 1). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** The `k` names of `known` closest to `name` by edit distance (ties in the order of `known`). */
export function nearest(name: string, known: readonly string[], k = 3): string[] {
  return known
    .map((n, i) => ({ n, i, d: editDistance(name, n) }))
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .slice(0, k)
    .map((x) => x.n);
}
