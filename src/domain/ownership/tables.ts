import type { MatrixArea } from '../model.js';
import { contentWords, isFiller, stem, wordsOf } from './text.js';
import { push, TypoIndex } from './typo-index.js';

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

/** Lists of ids flattened into one array: list i is items[start[i]] … items[start[i + 1] - 1]. */
export interface Csr {
  start: Int32Array;
  items: Int32Array;
}

function toCsr(lists: readonly (readonly number[])[]): Csr {
  const start = new Int32Array(lists.length + 1);
  lists.forEach((list, i) => {
    start[i + 1] = start[i]! + list.length;
  });
  return { start, items: Int32Array.from(lists.flat()) };
}

/**
 * What a word of an area's note is worth against one of its names or aliases: a note describes the
 * area ("NetSuite and Salesforce admins"), so its words are evidence, but weaker than a name.
 */
export const NOTE_WEIGHT = 0.75;

/** Everything a lookup reads, built once; the hot parts are flat typed arrays. */
export interface Tables {
  stemIds: Map<string, number>;
  /** Per phrase: its area, the name or alias it came from, whether it is a name, its distinct stems. */
  phraseArea: Int32Array;
  phraseSource: string[];
  phraseIsName: Uint8Array;
  phraseStems: Csr;
  /** The phrases of area a, contiguous and name first: phraseStart[a] … phraseStart[a + 1] - 1. */
  phraseStart: Int32Array;
  /** Inverted index: stem → the areas having it in some phrase or note (each once, in matrix order). */
  stemAreas: Csr;
  /** Parallel to stemAreas.items: 1 where the area has the stem in a name or alias, NOTE_WEIGHT if in its note only. */
  stemAreaWeight: Float32Array;
  /** Parallel to stemAreas.items: 1 where the stem is in the area's name. */
  stemAreaInName: Uint8Array;
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
  /** Phrases of two or more words made only of filler ("on call"): each is matched as its words joined ("oncall"). */
  fillerPhrases: string[][];
}

/** Builds the tables of a matrix: phrases, the inverted index from stems to areas, exact keys and typo index. */
export function buildTables(areas: readonly MatrixArea[]): Tables {
  const stemIds = new Map<string, number>();
  const stemAreas: number[][] = [];
  const stemWeights: number[][] = [];
  const stemInName: number[][] = [];
  const stemId = (s: string): number => {
    let id = stemIds.get(s);
    if (id === undefined) {
      id = stemIds.size;
      stemIds.set(s, id);
      stemAreas.push([]);
      stemWeights.push([]);
      stemInName.push([]);
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
  const fillerPhrases = new Map<string, string[]>();
  areas.forEach((area, index) => {
    phraseStart.push(phraseArea.length);
    for (const p of phraseTexts(area)) {
      const all = wordsOf(p.text);
      let words = contentWords(all);
      if (words.length === 0) continue;
      if (all.length > 1 && all.every(isFiller)) {
        fillerPhrases.set(all.join(' '), all);
        words = [all.join('')];
      }
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
        if (list[list.length - 1] !== index) {
          list.push(index);
          stemWeights[s]!.push(1);
          stemInName[s]!.push(p.isName ? 1 : 0);
        }
      }
      words.forEach((w, i) => {
        const sid = stemIds.get(stems[i]!)!;
        typos.add(w, sid);
        typos.add(stems[i]!, sid);
      });
    }
    // The note's words, after the phrases: a stem already there keeps its full weight.
    for (const w of new Set(noteWords(area.note))) {
      const sid = stemId(stem(w));
      const list = stemAreas[sid]!;
      if (list[list.length - 1] !== index) {
        list.push(index);
        stemWeights[sid]!.push(NOTE_WEIGHT);
        stemInName[sid]!.push(0);
      }
      typos.add(w, sid);
      typos.add(stem(w), sid);
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
    stemAreaWeight: Float32Array.from(stemWeights.flat()),
    stemAreaInName: Uint8Array.from(stemInName.flat()),
    stemAnchors: toCsr(anchorLists(phraseStems, stemAreas)),
    exact,
    compact,
    typos,
    fillerPhrases: [...fillerPhrases.values()],
  };
}

/** The words of a note worth matching: no filler, and none shorter than three letters ("a", "of", "it"). */
function noteWords(note: string): string[] {
  return wordsOf(note).filter((w) => w.length >= 3 && !isFiller(w));
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
