import { editDistance } from '../edit-distance.js';

/** Words shorter than this are not typo-matched ("dr" must never become "ar"); from TWO_TYPO_LENGTH two typos count. */
export const MIN_TYPO_LENGTH = 4;
export const TWO_TYPO_LENGTH = 8;
/** Longer words are not typo-matched: keeps both the index and a lookup bounded. */
export const MAX_TYPO_LENGTH = 24;

/** Every string made by deleting one character: the key of the typo index. */
function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Appends to the list under key, skipping an immediate repeat. */
export function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else if (list[list.length - 1] !== value) list.push(value);
}

/**
 * One letter changed in a word shorter than SUBSTITUTION_LENGTH makes another word more often than
 * a typo ("fail" is not "mail", "sets" is not "seta"): such words meet by a letter dropped, added
 * or swapped only.
 */
export const SUBSTITUTION_LENGTH = 5;

function isShortSubstitution(a: string, b: string): boolean {
  if (a.length !== b.length || a.length >= SUBSTITUTION_LENGTH) return false;
  let differ = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) differ++;
  return differ === 1;
}

/**
 * Typo tolerance without scanning the vocabulary (symmetric delete): every known word and stem is
 * stored under each string made by deleting one of its characters. A query word then meets the
 * words within one deletion on either side — one insertion, deletion, substitution or swap, and
 * some pairs of them — in len + 1 map reads, and only those few are measured exactly.
 */
export class TypoIndex {
  private readonly texts: string[] = [];
  private readonly stems: number[] = [];
  private readonly byText = new Map<string, number[]>();
  private readonly byDeletion = new Map<string, number[]>();

  add(text: string, stemId: number): void {
    if (text.length < MIN_TYPO_LENGTH || text.length > MAX_TYPO_LENGTH) return;
    const known = this.byText.get(text);
    if (known?.some((i) => this.stems[i] === stemId)) return;
    const id = this.texts.length;
    this.texts.push(text);
    this.stems.push(stemId);
    push(this.byText, text, id);
    for (const d of deletions(text)) push(this.byDeletion, d, id);
  }

  /** Stem id → distance, for known words within the typo budget of `form`. */
  nearby(form: string, into: Map<number, number>): void {
    if (form.length < MIN_TYPO_LENGTH || form.length > MAX_TYPO_LENGTH) return;
    const budget = form.length >= TWO_TYPO_LENGTH ? 2 : 1;
    this.measure(form, budget, this.byDeletion.get(form), into);
    for (const d of deletions(form)) {
      this.measure(form, budget, this.byText.get(d), into);
      this.measure(form, budget, this.byDeletion.get(d), into);
    }
  }

  private measure(form: string, budget: number, ids: readonly number[] | undefined, into: Map<number, number>): void {
    if (ids === undefined) return;
    for (const id of ids) {
      const text = this.texts[id]!;
      if (isShortSubstitution(form, text)) continue;
      const d = editDistance(form, text, budget);
      const stemId = this.stems[id]!;
      if (d <= budget && d < (into.get(stemId) ?? Infinity)) into.set(stemId, d);
    }
  }
}
