import { areaKey } from '../normalize.js';

/** Words that carry no meaning in a question ("who owns the …?"): dropped before matching. */
const FILLER = new Set(
  (
    'who whom whose whos s t owns own owner owners owned is are was were be being the a an our my your their its ' +
    'this that these those for of with to in on at by from about and or what which does do did handle handles ' +
    'handling handled responsible responsibility it please pls hey hi hello tandem can could would you tell me ' +
    'us we i there any anyone someone somebody know'
  ).split(' '),
);

/** The words of a text: lowercase, no accents or punctuation (the same rule as area identity). */
export function wordsOf(text: string): string[] {
  const key = areaKey(text);
  return key === '' ? [] : key.split(' ');
}

/** The meaningful words; a text made only of filler keeps all of them, so it stays findable. */
export function contentWords(words: readonly string[]): string[] {
  const content = words.filter((w) => !FILLER.has(w));
  return content.length > 0 ? content : [...words];
}

/** A light English stem: enough that plurals and "-ing" forms meet, never so much that words collide often. */
export function stem(word: string): string {
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
