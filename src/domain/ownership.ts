import type { MatrixArea } from './model.js';
import { chooseAmongTied, type QueryWord, queryWords } from './ownership/query.js';
import { buildTables, type Tables } from './ownership/tables.js';
import { contentWords, isFiller, stem, wordsOf } from './ownership/text.js';

/** What a question asks about, as its words without the question's own ("who is responsible for the VPN?" → "vpn"). */
export function subjectOf(query: string): string {
  return contentWords(wordsOf(query)).join(' ');
}

/** True when a question names nothing to look up ("who owns it?", "who?"). */
export function namesNothing(query: string): boolean {
  return wordsOf(query).every(isFiller);
}

/** The answer to "who owns X?" before it is worded. */
export type OwnershipMatch =
  | {
      kind: 'match';
      area: MatrixArea;
      /** The name or alias that matched; the area's name when only its note did (`fromNote`). */
      via: string;
      fromNote?: true;
    }
  | { kind: 'ambiguous'; candidates: MatrixArea[] /* best first, at most 5 */ }
  | { kind: 'none' };

/*
 * How a query is scored — the whole rule, so that an answer can be explained:
 *
 * 1. Words. Query, names and aliases are lowercased, stripped of accents and punctuation, and
 *    filler ("who owns the …?") is dropped. Each word is reduced to a light stem (plurals and
 *    "-ing": backups → backup, patches/patching → patch) so grammar never decides an answer.
 *    A name written "A / B" counts as two alternative phrases besides the whole.
 * 2. Exact phrase. If what is left equals a name or alias (spaced or run together: "helpdesk" =
 *    "help desk", "back ups" = "backups"), that area is the answer. A name beats an alias; if it is
 *    still shared by several areas, the answer is ambiguous.
 * 3. Otherwise words are scored. Every query word earns an area the quality of its best match
 *    there: 1 for the same stem, 0.75 for one typo, 0.5 for two (typos only on words of 4+ letters,
 *    two only from 8 — "dr" must never become "ar"; below 5 letters no changed letter, "fail" is no
 *    "mail"), times NOTE_WEIGHT (0.75) when the word is only in the area's note ("netsuite" finds the
 *    area whose note names NetSuite). An area one of whose phrases is wholly present
 *    in the query gets +1 (PHRASE_BONUS): a complete alias inside a sentence ("offboarding a leaver",
 *    "the VPN is down") is the strongest evidence there is.
 * 4. An area counts only with a complete phrase, or with more than half of the query's words
 *    reaching it and a score of at least half of them: one stray word in a long sentence, or one
 *    word of two ("coffee machine" is no "virtual machine"), is not evidence.
 * 5. The best score wins. Among areas tied at it, the one the question names first wins ("malware
 *    on a laptop"), or the head of a compound ("server backups"); areas joined by "and" ("printer
 *    and VPN") or reached by the same word make the answer ambiguous, those with the word in their
 *    name first ("support" is as much L1 as L2). See chooseAmongTied in ownership/query.ts.
 */

const PHRASE_BONUS = 1;
const TYPO_PENALTY = 0.25;
const MAX_CANDIDATES = 5;
/** Tied areas weighed against each other: a word every area has ties them all, and only the first few are listed. */
const MAX_TIED = 64;
const EPSILON = 1e-9;

/**
 * Keeps `list` as the `limit` smallest values seen, ascending: the first tied areas in matrix order, without sorting
 * them all.
 */
function insertSmallest(list: number[], value: number, limit: number): void {
  if (list.length === limit && value >= list[limit - 1]!) return;
  let at = list.length;
  while (at > 0 && list[at - 1]! > value) at--;
  list.splice(at, 0, value);
  if (list.length > limit) list.pop();
}

interface TermHit {
  stem: number;
  quality: number;
}

/** Matches free text against a matrix; build once per matrix, look up many times. */
export class OwnershipIndex {
  private readonly areas: readonly MatrixArea[];
  private readonly t: Tables;

  // Scratch space reused by every lookup, stamped with the lookup's generation instead of cleared,
  // so a lookup costs what it touches, not the size of the matrix.
  private generation = 0;
  private termGeneration = 0;
  private readonly stemSeen: Int32Array;
  private readonly areaStamp: Int32Array;
  private readonly areaScore: Float64Array;
  private readonly areaComplete: Uint8Array;
  /** How many query words reached the area, the position of the first of them, and whether one hit its name. */
  private readonly areaWords: Int32Array;
  private readonly areaFirst: Int32Array;
  private readonly areaInName: Uint8Array;
  private readonly termStamp: Int32Array;
  private readonly termBest: Float64Array;
  /** Areas this lookup reached, and those the current word reached: each area at most once, so sized by the matrix. */
  private readonly touched: Int32Array;
  private touchedCount = 0;
  private readonly reached: Int32Array;

  constructor(areas: readonly MatrixArea[]) {
    this.areas = areas;
    this.t = buildTables(areas);
    this.stemSeen = new Int32Array(this.t.stemIds.size);
    this.areaStamp = new Int32Array(areas.length);
    this.areaScore = new Float64Array(areas.length);
    this.areaComplete = new Uint8Array(areas.length);
    this.areaWords = new Int32Array(areas.length);
    this.areaFirst = new Int32Array(areas.length);
    this.areaInName = new Uint8Array(areas.length);
    this.termStamp = new Int32Array(areas.length);
    this.termBest = new Float64Array(areas.length);
    this.touched = new Int32Array(areas.length);
    this.reached = new Int32Array(areas.length);
  }

  /** Who owns what the query names: one area, a short list to choose from, or nothing. */
  lookup(query: string): OwnershipMatch {
    const { words, raw } = queryWords(query, this.t);
    if (words.length === 0) return { kind: 'none' };
    return this.exactMatch(words.map((w) => w.word)) ?? this.scoredMatch(words, raw);
  }

  /** Step 2: the query is exactly a name or alias. */
  private exactMatch(words: readonly string[]): OwnershipMatch | null {
    const hits = this.t.exact.get(words.map(stem).join(' ')) ?? this.t.compact.get(stem(words.join('')));
    if (hits === undefined) return null;
    const names = hits.filter((id) => this.t.phraseIsName[id] === 1);
    const byArea = new Map<number, number>();
    for (const id of names.length > 0 ? names : hits)
      if (!byArea.has(this.t.phraseArea[id]!)) byArea.set(this.t.phraseArea[id]!, id);
    if (byArea.size === 1) {
      const [area, id] = byArea.entries().next().value!;
      return { kind: 'match', area: this.areas[area]!, via: this.t.phraseSource[id]! };
    }
    const candidates = [...byArea.keys()].sort((a, b) => a - b).slice(0, MAX_CANDIDATES);
    return { kind: 'ambiguous', candidates: candidates.map((a) => this.areas[a]!) };
  }

  /** Steps 3–5: score every area a query word reaches, then pick the best or the tied. */
  private scoredMatch(words: readonly QueryWord[], raw: readonly string[]): OwnershipMatch {
    this.generation++;
    const firstAt = new Map<string, number>();
    for (const w of words) if (!firstAt.has(w.word)) firstAt.set(w.word, w.at);
    const hitsByWord = [...firstAt].map(([w, at]) => ({ hits: this.claim(this.resolve(w)), at }));
    this.touchedCount = 0;
    for (const { hits, at } of hitsByWord) this.scoreWord(hits, at);
    for (const { hits } of hitsByWord) for (const hit of hits) this.markCompletePhrases(hit.stem);
    // Plain loops and no sorting: with a word common to thousands of areas this is the hot path.
    const wordCount = firstAt.size;
    let best = -Infinity;
    for (let i = 0; i < this.touchedCount; i++) {
      const a = this.touched[i]!;
      if (this.eligible(a, wordCount)) best = Math.max(best, this.total(a));
    }
    if (best === -Infinity) return { kind: 'none' };
    // The tied areas, at most MAX_TIED (the first in matrix order) to choose among.
    const tied: number[] = [];
    for (let i = 0; i < this.touchedCount; i++) {
      const a = this.touched[i]!;
      if (this.eligible(a, wordCount) && this.total(a) >= best - EPSILON) insertSmallest(tied, a, MAX_TIED);
    }
    const chosen = chooseAmongTied(
      tied.map((area) => ({ area, at: this.areaFirst[area]!, inName: this.areaInName[area] === 1 })),
      raw,
    );
    if (chosen.length === 1) {
      const area = this.areas[chosen[0]!]!;
      const phrase = this.bestPhrase(chosen[0]!);
      if (this.matchedIn(phrase) === 0) return { kind: 'match', area, via: area.name, fromNote: true };
      return { kind: 'match', area, via: this.t.phraseSource[phrase]! };
    }
    return { kind: 'ambiguous', candidates: chosen.slice(0, MAX_CANDIDATES).map((a) => this.areas[a]!) };
  }

  /** Step 4: a complete phrase, or more than half of the query's words reaching it with a score of half of them. */
  private eligible(area: number, queryWords: number): boolean {
    if (this.areaComplete[area] === 1) return true;
    return this.areaWords[area]! > queryWords / 2 && this.areaScore[area]! >= queryWords / 2 - EPSILON;
  }

  private total(area: number): number {
    return this.areaScore[area]! + (this.areaComplete[area] === 1 ? PHRASE_BONUS : 0);
  }

  /**
   * Marks the hits' stems as matched; a stem an earlier word already matched ("backup bakup") is not evidence twice.
   */
  private claim(hits: TermHit[]): TermHit[] {
    const fresh = hits.filter((h) => this.stemSeen[h.stem] !== this.generation);
    for (const h of fresh) this.stemSeen[h.stem] = this.generation;
    return fresh;
  }

  /** Adds one query word's evidence to every area it reaches: its best match quality there, once. */
  private scoreWord(hits: readonly TermHit[], position: number): void {
    const term = ++this.termGeneration;
    const gen = this.generation;
    const { start, items } = this.t.stemAreas;
    const weight = this.t.stemAreaWeight;
    const inName = this.t.stemAreaInName;
    // Locals, not fields, inside the loop: it runs once per area having the word, possibly thousands.
    const {
      areaStamp,
      areaScore,
      areaComplete,
      areaWords,
      areaFirst,
      areaInName,
      termStamp,
      termBest,
      touched,
      reached,
    } = this;
    let touchedCount = this.touchedCount;
    let reachedCount = 0;
    for (const hit of hits) {
      const end = start[hit.stem + 1]!;
      for (let k = start[hit.stem]!; k < end; k++) {
        const area = items[k]!;
        if (areaStamp[area] !== gen) {
          areaStamp[area] = gen;
          areaScore[area] = 0;
          areaComplete[area] = 0;
          areaWords[area] = 0;
          areaFirst[area] = position;
          areaInName[area] = 0;
          touched[touchedCount++] = area;
        }
        const quality = hit.quality * weight[k]!;
        if (inName[k] === 1) areaInName[area] = 1;
        if (termStamp[area] !== term) {
          termStamp[area] = term;
          termBest[area] = quality;
          reached[reachedCount++] = area;
        } else if (quality > termBest[area]!) termBest[area] = quality;
      }
    }
    for (let i = 0; i < reachedCount; i++) {
      areaScore[reached[i]!]! += termBest[reached[i]!]!;
      areaWords[reached[i]!]!++;
    }
    this.touchedCount = touchedCount;
  }

  /** Flags the areas of phrases anchored on this stem whose every stem the query matched. */
  private markCompletePhrases(stemId: number): void {
    const { start, items } = this.t.stemAnchors;
    for (let k = start[stemId]!; k < start[stemId + 1]!; k++) {
      const phrase = items[k]!;
      if (this.matchedIn(phrase) === this.phraseSize(phrase)) this.areaComplete[this.t.phraseArea[phrase]!] = 1;
    }
  }

  /** The stems a query word stands for: its own, or failing that the nearest known words within the typo budget. */
  private resolve(word: string): TermHit[] {
    const own = this.t.stemIds.get(stem(word));
    if (own !== undefined) return [{ stem: own, quality: 1 }];
    const distances = new Map<number, number>();
    this.t.typos.nearby(word, distances);
    const stemmed = stem(word);
    if (stemmed !== word) this.t.typos.nearby(stemmed, distances);
    let nearest = Infinity;
    for (const d of distances.values()) nearest = Math.min(nearest, d);
    const hits: TermHit[] = [];
    for (const [s, d] of distances) if (d === nearest) hits.push({ stem: s, quality: 1 - TYPO_PENALTY * d });
    return hits;
  }

  private phraseSize(phrase: number): number {
    return this.t.phraseStems.start[phrase + 1]! - this.t.phraseStems.start[phrase]!;
  }

  /** How many of the phrase's stems this lookup matched. */
  private matchedIn(phrase: number): number {
    const { start, items } = this.t.phraseStems;
    let n = 0;
    for (let k = start[phrase]!; k < start[phrase + 1]!; k++) if (this.stemSeen[items[k]!] === this.generation) n++;
    return n;
  }

  /** The phrase to give as the reason: a complete one (the longest), else the most matched; names first. */
  private bestPhrase(area: number): number {
    let best = -1;
    let bestRank = -1;
    for (let id = this.t.phraseStart[area]!; id < this.t.phraseStart[area + 1]!; id++) {
      const matched = this.matchedIn(id);
      const rank = (matched === this.phraseSize(id) ? 1000 : 0) + matched;
      if (rank > bestRank) {
        best = id;
        bestRank = rank;
      }
    }
    return best;
  }
}
