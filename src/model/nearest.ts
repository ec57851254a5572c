/** Suggestions for mistyped names: the known names closest by edit distance. */

/** Levenshtein distance (insertions, deletions, substitutions all cost 1). */
export function editDistance(a: string, b: string): number {
  if (a.length < b.length) [a, b] = [b, a]; // the shorter one across: rows of |b| + 1
  let prev = Int32Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/**
 * Longest part of a name compared: a "name" of 100,000 characters (a damaged file) would
 * otherwise take seconds against a few hundred names; its first 64 characters suggest as well.
 */
const MAX_COMPARED = 64;

/** The `k` names of `known` closest to `name` by edit distance (ties in the order of `known`). */
export function nearest(name: string, known: readonly string[], k = 3): string[] {
  const probe = name.length > MAX_COMPARED ? name.slice(0, MAX_COMPARED) : name;
  return known
    .map((n, i) => ({ n, i, d: editDistance(probe, n) }))
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .slice(0, k)
    .map((x) => x.n);
}
