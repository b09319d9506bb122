import type { Tables } from './tables.js';
import { isFiller, stem, wordsOf } from './text.js';

/** A query longer than this is a paragraph, not a question; its tail is ignored. */
export const MAX_QUERY_WORDS = 32;

/** A word of the query that says what it is about, and where it stood among all the query's words. */
export interface QueryWord {
  word: string;
  at: number;
}

/**
 * The words of a query that carry meaning, with their positions: filler dropped (a query made only
 * of filler keeps all of it), a phrase of the matrix made only of filler kept as one word ("on
 * call"), and a word split in two joined again ("back ups").
 */
export function queryWords(query: string, t: Tables): { words: QueryWord[]; raw: string[] } {
  const raw = joinFillerPhrases(wordsOf(query), t.fillerPhrases);
  const all = raw.map((word, at) => ({ word, at }));
  const content = all.filter((w) => !isFiller(w.word));
  return { words: joinSplitWords(content.length > 0 ? content : all, t).slice(0, MAX_QUERY_WORDS), raw };
}

/** "who is on call tonight": the words of a filler-only phrase, in order, become that phrase's one word ("oncall"). */
function joinFillerPhrases(words: readonly string[], phrases: readonly (readonly string[])[]): string[] {
  if (phrases.length === 0) return [...words];
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const phrase = phrases.find((p) => p.every((w, k) => words[i + k] === w));
    if (phrase) {
      out.push(phrase.join(''));
      i += phrase.length - 1;
    } else out.push(words[i]!);
  }
  return out;
}

/** "back ups" → "backups", when the joined word is known and the two halves are not both known. */
function joinSplitWords(words: readonly QueryWord[], t: Tables): QueryWord[] {
  const known = (w: string) => t.stemIds.has(stem(w));
  const out: QueryWord[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const next = words[i + 1];
    if (next !== undefined && known(word.word + next.word) && !(known(word.word) && known(next.word))) {
      out.push({ word: word.word + next.word, at: word.at });
      i++;
    } else out.push(word);
  }
  return out;
}

/** An area tied at the best score: where the query first reached it, and whether by a word of its name. */
export interface TiedArea {
  area: number;
  at: number;
  inName: boolean;
}

const COORDINATION = new Set(['and', 'or', 'plus', 'both', 'also', 'nor']);

/**
 * Step 5's choice among areas tied at the best score. The area the question names first wins
 * ("malware on a laptop" is about malware), unless the next one is named right after it, as the head
 * of a compound ("server backups" are backups), or joined to it by "and"/"or" ("printer and VPN
 * down": both, so ask). Among areas first reached by the same word, those with the word in their
 * name go before those with it in an alias ("security" is the two security areas, not "security
 * groups"); what is left tied is a real ambiguity, returned in matrix order.
 */
export function chooseAmongTied(tied: readonly TiedArea[], raw: readonly string[]): number[] {
  const positions = [...new Set(tied.map((t) => t.at))].sort((a, b) => a - b);
  const at = (p: number) => tied.filter((t) => t.at === p);
  let group = at(positions[0]!);
  if (group.length === 1 && positions.length > 1) {
    const [p0, p1] = [positions[0]!, positions[1]!];
    const next = at(p1);
    if (raw.slice(p0 + 1, p1).some((w) => COORDINATION.has(w))) return tied.map((t) => t.area).sort((a, b) => a - b);
    if (p1 === p0 + 1 && next.length === 1) group = next;
  }
  const named = group.filter((t) => t.inName);
  return (named.length > 0 ? named : group).map((t) => t.area).sort((a, b) => a - b);
}
