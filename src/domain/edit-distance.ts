/** Scratch cells, grown to the longest pair measured: lookups are synchronous, so one buffer serves them all. */
let width = 32;
let cells = new Int32Array(width * width);

/**
 * Optimal string alignment distance between two words (an insertion, deletion, substitution or a
 * swap of neighbours is one edit), or `max + 1` as soon as it is known to be larger. The one edit
 * distance Tandem uses: for typos in questions and for "did you mean" suggestions.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a.length + 2 > width || b.length + 2 > width) {
    width = Math.max(a.length, b.length) + 2;
    cells = new Int32Array(width * width);
  }
  for (let i = 0; i <= a.length; i++) cells[i * width] = i;
  for (let j = 0; j <= b.length; j++) cells[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const up = cells[(i - 1) * width + j]! + 1;
      const left = cells[i * width + j - 1]! + 1;
      let d = Math.min(up, left, cells[(i - 1) * width + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, cells[(i - 2) * width + j - 2]! + 1);
      cells[i * width + j] = d;
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
  }
  return Math.min(cells[a.length * width + b.length]!, max + 1);
}

/** The candidate nearest to `word` within `maxDistance` edits, or null. Ties go to the earlier candidate. */
export function closest(word: string, candidates: readonly string[], maxDistance: number): string | null {
  let best: string | null = null;
  let bestDistance = maxDistance + 1;
  for (const c of candidates) {
    const d = editDistance(word, c, maxDistance);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
