import type { MatrixAreaInput, Owner } from '../../src/domain/model.js';

/** A small deterministic PRNG (mulberry32), so every run measures the same matrix and queries. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;

/** Words many areas share, as in a real matrix ("support", "network"): the expensive case for scoring. */
const COMMON = (
  'support network server cloud access backup security email printer laptop desktop phone vpn firewall ' +
  'storage database identity account license device mobile wifi patch monitoring compliance audit ' +
  'onboarding offboarding migration office site application portal ticket incident'
).split(' ');

const SYLLABLES =
  'ka lo mi nu pe ra si to vu xe zo ba de fi go hu ja ke li mo ne po qu ri sa te ul vo wi ya zu an el is on ur'.split(
    ' ',
  );

/** Invented words (3 syllables, 6–9 letters): a vocabulary large enough for 10,000 distinct areas. */
function vocabulary(r: () => number, size: number): string[] {
  const words = new Set<string>();
  while (words.size < size)
    words.add(pick(r, SYLLABLES) + pick(r, SYLLABLES) + pick(r, SYLLABLES) + (r() < 0.3 ? pick(r, SYLLABLES) : ''));
  return [...words];
}

export interface GeneratedMatrix {
  areas: MatrixAreaInput[];
  /** Query sets by kind, for a mixed load and per-kind figures. */
  queries: { kind: QueryKind; text: string }[];
}

export type QueryKind = 'exact' | 'alias' | 'typo' | 'sentence' | 'common' | 'none';

const OWNERS: Owner[] = ['internal', 'msp', 'shared'];

/**
 * `count` areas named by one or two invented words and often a common one ("kalomi network"), each
 * with `aliases` aliases of one to three words; and `queries` lookups mixing exact names, aliases,
 * one-typo words, sentences, bare common words and things the matrix does not have.
 */
export function generateMatrix(count: number, aliases = 5, queryCount = 6000, seed = 42): GeneratedMatrix {
  const r = rng(seed);
  const vocab = vocabulary(r, Math.max(2000, Math.ceil(count / 2)));
  const names = new Set<string>();
  const areas: MatrixAreaInput[] = [];
  while (areas.length < count) {
    const parts = [pick(r, vocab)];
    if (r() < 0.5) parts.push(pick(r, vocab));
    if (r() < 0.6) parts.push(pick(r, COMMON));
    const name = parts.join(' ');
    if (names.has(name)) continue;
    names.add(name);
    const list: string[] = [];
    for (let i = 0; i < aliases; i++) {
      const n = 1 + Math.floor(r() * 3);
      const words = Array.from({ length: n }, (_, k) =>
        k === n - 1 && n > 1 && r() < 0.5 ? pick(r, COMMON) : pick(r, vocab),
      );
      list.push(words.join(' '));
    }
    areas.push({
      name,
      businessOwner: pick(r, OWNERS),
      afterHoursOwner: pick(r, OWNERS),
      contact: null,
      aliases: list,
      note: '',
    });
  }

  const typo = (word: string): string => {
    if (word.length < 5) return word;
    const at = 1 + Math.floor(r() * (word.length - 2));
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    let c = pick(r, [...letters]);
    while (c === word[at]) c = pick(r, [...letters]);
    return word.slice(0, at) + c + word.slice(at + 1);
  };
  const kinds: QueryKind[] = ['exact', 'alias', 'typo', 'sentence', 'common', 'none'];
  const queries: { kind: QueryKind; text: string }[] = [];
  for (let i = 0; i < queryCount; i++) {
    const kind = kinds[i % kinds.length]!;
    const area = pick(r, areas);
    const alias = pick(r, area.aliases);
    switch (kind) {
      case 'exact':
        queries.push({ kind, text: area.name });
        break;
      case 'alias':
        queries.push({ kind, text: alias });
        break;
      case 'typo':
        queries.push({
          kind,
          text: alias
            .split(' ')
            .map((w, k) => (k === 0 ? typo(w) : w))
            .join(' '),
        });
        break;
      case 'sentence':
        queries.push({
          kind,
          text: `who owns the ${alias} for the new ${pick(r, COMMON)} at the ${pick(r, vocab)} office?`,
        });
        break;
      case 'common':
        queries.push({ kind, text: r() < 0.5 ? pick(r, COMMON) : `${pick(r, COMMON)} ${pick(r, COMMON)}` });
        break;
      case 'none':
        queries.push({ kind, text: `zyx${Math.floor(r() * 1e6)} qwv${Math.floor(r() * 1e6)}` });
        break;
    }
  }
  return { areas, queries };
}
