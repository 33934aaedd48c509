/**
 * The known name closest to a mistyped one (`networkEvnts` -> `networkEvents`, `idleTimeout` ->
 * `idleTimeoutMs`), or `undefined` when none is close: case is ignored, a known name that contains
 * the typed one counts as close, otherwise the edit distance must be small for the name's length.
 */
export function nearest(name: string, known: readonly string[]): string | undefined {
  const typed = name.toLowerCase();
  let best: string | undefined;
  let bestScore = Math.max(1, typed.length / 3);
  for (const candidate of known) {
    const lower = candidate.toLowerCase();
    const score = typed.length > 3 && lower.includes(typed) ? 1 : distance(typed, lower);
    if (score <= bestScore && (best === undefined || score < bestScore)) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/** Levenshtein distance: insertions, deletions and substitutions, one row at a time. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}
