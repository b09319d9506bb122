import type { MatrixArea } from './model.js';
import { areaKey } from './normalize.js';

/** The answer to "who owns X?" before it is worded. */
export type OwnershipMatch =
  | { kind: 'match'; area: MatrixArea; via: string /* the name or alias that matched */ }
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
 *    two only from 8 — "dr" must never become "ar"). An area one of whose phrases is wholly present
 *    in the query gets +1 (PHRASE_BONUS): a complete alias inside a sentence ("offboarding a leaver",
 *    "the VPN is down") is the strongest evidence there is.
 * 4. An area counts only with a complete phrase or with at least half of the query's words matched:
 *    one stray word in a long sentence is not evidence.
 * 5. The best score wins; areas tied at the best score make the answer ambiguous ("support" is as
 *    much L1 as L2), listed in matrix order.
 */

const PHRASE_BONUS = 1;
const TYPO_PENALTY = 0.25;
const MIN_TYPO_LENGTH = 4;
const TWO_TYPO_LENGTH = 8;
/** Longer words are not typo-matched: keeps both the index and a lookup bounded. */
const MAX_TYPO_LENGTH = 24;
/** A query longer than this is a paragraph, not a question; its tail is ignored. */
const MAX_QUERY_WORDS = 32;
const MAX_CANDIDATES = 5;
const EPSILON = 1e-9;

const FILLER = new Set(
  (
    'who whom whose whos s t owns own owner owners owned is are was were be being the a an our my your their its ' +
    'this that these those for of with to in on at by from about and or what which does do did handle handles ' +
    'handling handled responsible responsibility it please pls hey hi hello tandem can could would you tell me ' +
    'us we i there any anyone someone somebody know'
  ).split(' '),
);

/** The words of a text: lowercase, no accents or punctuation (the same rule as area identity). */
function wordsOf(text: string): string[] {
  const key = areaKey(text);
  return key === '' ? [] : key.split(' ');
}

/** The meaningful words; a text made only of filler keeps all of them, so it stays findable. */
function contentWords(words: readonly string[]): string[] {
  const content = words.filter((w) => !FILLER.has(w));
  return content.length > 0 ? content : [...words];
}

/** A light English stem: enough that plurals and "-ing" forms meet, never so much that words collide often. */
function stem(word: string): string {
  // Short tokens (dr, vpn, aws, sox) are abbreviations: matched exactly as typed.
  if (word.length <= 3) return word;
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (/(?:ss|ch|sh|x)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.length >= 6 && w.endsWith('ing')) {
    w = w.slice(0, -3);
    // scanning → scann → scan, but billing → bill (Porter's rule: l, s and z stay doubled).
    if (/([bcdfghjkmnpqrtvwx])\1$/.test(w)) w = w.slice(0, -1);
  }
  return w;
}

const WIDTH = MAX_TYPO_LENGTH + 2;
/** Scratch matrix for typoDistance: lookups are synchronous, so one is enough and nothing is allocated per call. */
const cells = new Int32Array(WIDTH * WIDTH);

/** Optimal string alignment distance (a swap of neighbours is one typo), or max + 1 when larger. */
function typoDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max || a.length >= WIDTH || b.length >= WIDTH) return max + 1;
  for (let i = 0; i <= a.length; i++) cells[i * WIDTH] = i;
  for (let j = 0; j <= b.length; j++) cells[j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(cells[(i - 1) * WIDTH + j]! + 1, cells[i * WIDTH + j - 1]! + 1, cells[(i - 1) * WIDTH + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, cells[(i - 2) * WIDTH + j - 2]! + 1);
      cells[i * WIDTH + j] = d;
    }
  }
  return cells[a.length * WIDTH + b.length]!;
}

/** Every string made by deleting one character: the key of the typo index. */
function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Appends to the list under key, skipping an immediate repeat. */
function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else if (list[list.length - 1] !== value) list.push(value);
}

/** The phrases an area is known by: its name (and the parts of an "A / B" name), then its aliases. */
function phraseTexts(area: MatrixArea): { text: string; source: string; isName: boolean }[] {
  const out: { text: string; source: string; isName: boolean }[] = [];
  const add = (text: string, isName: boolean) => {
    out.push({ text, source: text, isName });
    const parts = text.split(/\s+\/\s+/);
    if (parts.length > 1) for (const part of parts) out.push({ text: part, source: text, isName });
  };
  add(area.name, true);
  for (const alias of area.aliases) add(alias, false);
  return out;
}

/**
 * Typo tolerance without scanning the vocabulary (symmetric delete): every known word and stem is
 * stored under each string made by deleting one of its characters. A query word then meets the
 * words within one deletion on either side — one insertion, deletion, substitution or swap, and
 * some pairs of them — in len + 1 map reads, and only those few are measured exactly.
 */
class TypoIndex {
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
      const d = typoDistance(form, this.texts[id]!, budget);
      const stemId = this.stems[id]!;
      if (d <= budget && d < (into.get(stemId) ?? Infinity)) into.set(stemId, d);
    }
  }
}

/** Keeps `list` as the `limit` smallest values seen, ascending: the first tied areas in matrix order, without sorting them all. */
function insertSmallest(list: number[], value: number, limit: number): void {
  if (list.length === limit && value >= list[limit - 1]!) return;
  let at = list.length;
  while (at > 0 && list[at - 1]! > value) at--;
  list.splice(at, 0, value);
  if (list.length > limit) list.pop();
}

/** Lists of ids flattened into one array: list i is items[start[i]] … items[start[i + 1] - 1]. */
interface Csr {
  start: Int32Array;
  items: Int32Array;
}

function toCsr(lists: readonly (readonly number[])[]): Csr {
  const start = new Int32Array(lists.length + 1);
  lists.forEach((list, i) => (start[i + 1] = start[i]! + list.length));
  return { start, items: Int32Array.from(lists.flat()) };
}

/** Everything a lookup reads, built once; the hot parts are flat typed arrays. */
interface Tables {
  stemIds: Map<string, number>;
  /** Per phrase: its area, the name or alias it came from, whether it is a name, its distinct stems. */
  phraseArea: Int32Array;
  phraseSource: string[];
  phraseIsName: Uint8Array;
  phraseStems: Csr;
  /** The phrases of area a, contiguous and name first: phraseStart[a] … phraseStart[a + 1] - 1. */
  phraseStart: Int32Array;
  /** Inverted index: stem → the areas having it in some phrase (each once, in matrix order). */
  stemAreas: Csr;
  /**
   * Stem → the phrases anchored on it: each phrase under its rarest stem only. A phrase can only be
   * complete if its rarest stem was matched, so only those need checking — and a word every area
   * uses ("area", "support") anchors almost nothing, which keeps common words cheap.
   */
  stemAnchors: Csr;
  /** Stems joined by spaces → phrases; the phrase run together and stemmed ("helpdesk", "backups") → phrases. */
  exact: Map<string, number[]>;
  compact: Map<string, number[]>;
  typos: TypoIndex;
}

/** Builds the tables of a matrix: phrases, the inverted index from stems to areas, exact keys and typo index. */
function buildTables(areas: readonly MatrixArea[]): Tables {
  const stemIds = new Map<string, number>();
  const stemAreas: number[][] = [];
  const stemId = (s: string): number => {
    let id = stemIds.get(s);
    if (id === undefined) {
      id = stemIds.size;
      stemIds.set(s, id);
      stemAreas.push([]);
    }
    return id;
  };
  const phraseArea: number[] = [];
  const phraseSource: string[] = [];
  const phraseIsName: number[] = [];
  const phraseStems: number[][] = [];
  const phraseStart: number[] = [];
  const exact = new Map<string, number[]>();
  const compact = new Map<string, number[]>();
  const typos = new TypoIndex();
  areas.forEach((area, index) => {
    phraseStart.push(phraseArea.length);
    for (const p of phraseTexts(area)) {
      const words = contentWords(wordsOf(p.text));
      if (words.length === 0) continue;
      const stems = words.map(stem);
      const ids = [...new Set(stems.map(stemId))];
      const id = phraseArea.length;
      phraseArea.push(index);
      phraseSource.push(p.source);
      phraseIsName.push(p.isName ? 1 : 0);
      phraseStems.push(ids);
      push(exact, stems.join(' '), id);
      push(compact, stem(words.join('')), id);
      for (const s of ids) {
        const list = stemAreas[s]!;
        if (list[list.length - 1] !== index) list.push(index);
      }
      words.forEach((w, i) => {
        const sid = stemIds.get(stems[i]!)!;
        typos.add(w, sid);
        typos.add(stems[i]!, sid);
      });
    }
  });
  phraseStart.push(phraseArea.length);
  return {
    stemIds,
    phraseArea: Int32Array.from(phraseArea),
    phraseSource,
    phraseIsName: Uint8Array.from(phraseIsName),
    phraseStems: toCsr(phraseStems),
    phraseStart: Int32Array.from(phraseStart),
    stemAreas: toCsr(stemAreas),
    stemAnchors: toCsr(anchorLists(phraseStems, stemAreas)),
    exact,
    compact,
    typos,
  };
}

/** Each phrase listed under its rarest stem (fewest areas), the first of them on a tie. */
function anchorLists(phraseStems: readonly number[][], stemAreas: readonly number[][]): number[][] {
  const anchors: number[][] = stemAreas.map(() => []);
  phraseStems.forEach((stems, phrase) => {
    let rarest = stems[0]!;
    for (const s of stems) if (stemAreas[s]!.length < stemAreas[rarest]!.length) rarest = s;
    anchors[rarest]!.push(phrase);
  });
  return anchors;
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
    this.termStamp = new Int32Array(areas.length);
    this.termBest = new Float64Array(areas.length);
    this.touched = new Int32Array(areas.length);
    this.reached = new Int32Array(areas.length);
  }

  /** Who owns what the query names: one area, a short list to choose from, or nothing. */
  lookup(query: string): OwnershipMatch {
    const words = contentWords(wordsOf(query)).slice(0, MAX_QUERY_WORDS);
    if (words.length === 0) return { kind: 'none' };
    return this.exactMatch(words) ?? this.scoredMatch(this.joinSplitWords(words));
  }

  /** Step 2: the query is exactly a name or alias. */
  private exactMatch(words: readonly string[]): OwnershipMatch | null {
    const hits = this.t.exact.get(words.map(stem).join(' ')) ?? this.t.compact.get(stem(words.join('')));
    if (hits === undefined) return null;
    const names = hits.filter((id) => this.t.phraseIsName[id] === 1);
    const byArea = new Map<number, number>();
    for (const id of names.length > 0 ? names : hits) if (!byArea.has(this.t.phraseArea[id]!)) byArea.set(this.t.phraseArea[id]!, id);
    if (byArea.size === 1) {
      const [area, id] = byArea.entries().next().value!;
      return { kind: 'match', area: this.areas[area]!, via: this.t.phraseSource[id]! };
    }
    const candidates = [...byArea.keys()].sort((a, b) => a - b).slice(0, MAX_CANDIDATES);
    return { kind: 'ambiguous', candidates: candidates.map((a) => this.areas[a]!) };
  }

  /** "back ups" → "backups", when the joined word is known and the two halves are not both known. */
  private joinSplitWords(words: readonly string[]): string[] {
    const known = (w: string) => this.t.stemIds.has(stem(w));
    const out: string[] = [];
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!;
      const next = words[i + 1];
      if (next !== undefined && known(word + next) && !(known(word) && known(next))) {
        out.push(word + next);
        i++;
      } else out.push(word);
    }
    return out;
  }

  /** Steps 3–5: score every area a query word reaches, then pick the best or the tied. */
  private scoredMatch(words: readonly string[]): OwnershipMatch {
    this.generation++;
    const distinct = [...new Set(words)];
    const hitsByWord = distinct.map((w) => this.claim(this.resolve(w)));
    this.touchedCount = 0;
    for (const hits of hitsByWord) this.scoreWord(hits);
    for (const hits of hitsByWord) for (const hit of hits) this.markCompletePhrases(hit.stem);
    // Plain loops and no sorting: with a word common to thousands of areas this is the hot path.
    const queryWords = distinct.length;
    let best = -Infinity;
    for (let i = 0; i < this.touchedCount; i++) {
      const a = this.touched[i]!;
      if (this.eligible(a, queryWords)) best = Math.max(best, this.total(a));
    }
    if (best === -Infinity) return { kind: 'none' };
    const first: number[] = [];
    let ties = 0;
    for (let i = 0; i < this.touchedCount; i++) {
      const a = this.touched[i]!;
      if (!this.eligible(a, queryWords) || this.total(a) < best - EPSILON) continue;
      ties++;
      insertSmallest(first, a, MAX_CANDIDATES);
    }
    if (ties === 1) return { kind: 'match', area: this.areas[first[0]!]!, via: this.t.phraseSource[this.bestPhrase(first[0]!)]! };
    return { kind: 'ambiguous', candidates: first.map((a) => this.areas[a]!) };
  }

  /** Step 4: a complete phrase, or at least half of the query's words matched. */
  private eligible(area: number, queryWords: number): boolean {
    return this.areaComplete[area] === 1 || this.areaScore[area]! >= queryWords / 2 - EPSILON;
  }

  private total(area: number): number {
    return this.areaScore[area]! + (this.areaComplete[area] === 1 ? PHRASE_BONUS : 0);
  }

  /** Marks the hits' stems as matched; a stem an earlier word already matched ("backup bakup") is not evidence twice. */
  private claim(hits: TermHit[]): TermHit[] {
    const fresh = hits.filter((h) => this.stemSeen[h.stem] !== this.generation);
    for (const h of fresh) this.stemSeen[h.stem] = this.generation;
    return fresh;
  }

  /** Adds one query word's evidence to every area it reaches: its best match quality there, once. */
  private scoreWord(hits: readonly TermHit[]): void {
    const term = ++this.termGeneration;
    const gen = this.generation;
    const { start, items } = this.t.stemAreas;
    // Locals, not fields, inside the loop: it runs once per area having the word, possibly thousands.
    const { areaStamp, areaScore, areaComplete, termStamp, termBest, touched, reached } = this;
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
          touched[touchedCount++] = area;
        }
        if (termStamp[area] !== term) {
          termStamp[area] = term;
          termBest[area] = hit.quality;
          reached[reachedCount++] = area;
        } else if (hit.quality > termBest[area]!) termBest[area] = hit.quality;
      }
    }
    for (let i = 0; i < reachedCount; i++) areaScore[reached[i]!]! += termBest[reached[i]!]!;
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
