import { distance } from 'fastest-levenshtein';

/** The candidate nearest to `word` within `maxDistance` edits, or null. Ties go to the earlier candidate. */
export function closest(word: string, candidates: readonly string[], maxDistance: number): string | null {
  let best: string | null = null;
  let bestDistance = maxDistance + 1;
  for (const c of candidates) {
    const d = distance(word, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
