import { areaKey } from '../normalize.js';

/** Words that carry no meaning in a question ("who owns the …?"): dropped before matching. */
const FILLER = new Set(
  [
    // The question itself: "who is responsible for …?", "which team owns …", "whose is …".
    'who whom whose whos whois s t owns own owner owners owned ownership is are was were be being am the a an our my',
    'your their its this that these those for of with to in on at by from about regarding re and or what which does',
    'do did done doing handle handles handling handled responsible responsibility it please pls plz hey hi hello',
    'tandem can could would will shall should you tell me us we i there any anyone someone somebody anybody know',
    // How people say "who do I call about …": asking, reaching, looking after.
    'call contact ask ping talk speak reach escalate send raise go goes get got has have need needs manage manages',
    'managed managing run runs look looks looking take takes care deal deals dealing cover covers covering charge',
    'fix fixes fixing sort sorts guy guys person people team side org one where how when now today stuff think',
    'currently right these here thanks thx ty cheers msp internal ours theirs them they inhouse',
    // What is wrong with it is not what it is: "the VPN is down", "email not working".
    'down broken working not problem problems issue issues trouble doesn don isn cant wont again still both',
  ]
    .join(' ')
    .split(' '),
);

/** The words of a text: lowercase, no accents or punctuation (the same rule as area identity). */
export function wordsOf(text: string): string[] {
  const key = areaKey(text);
  return key === '' ? [] : key.split(' ');
}

/** A word of the question itself, not of what it asks about. */
export function isFiller(word: string): boolean {
  return FILLER.has(word);
}

/** The meaningful words; a text made only of filler keeps all of them, so it stays findable. */
export function contentWords(words: readonly string[]): string[] {
  const content = words.filter((w) => !FILLER.has(w));
  return content.length > 0 ? content : [...words];
}

/**
 * A light English stem: enough that plurals, "-ing" and "-ed" forms meet (backups, patching,
 * restored, restoring → backup, patch, restor, restor), never so much that words collide often.
 */
export function stem(word: string): string {
  // Short tokens (dr, vpn, aws, sox) are abbreviations: matched exactly as typed.
  if (word.length <= 3) return word;
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (/(?:ss|ch|sh|x)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  const suffix = w.length >= 6 ? (/ing$/.test(w) ? 3 : /[^e]ed$/.test(w) ? 2 : 0) : 0;
  if (suffix > 0) {
    w = w.slice(0, -suffix);
    // scanning → scann → scan, but billing → bill (Porter's rule: l, s and z stay doubled).
    if (/([bcdfghjkmnpqrtvwx])\1$/.test(w)) w = w.slice(0, -1);
  }
  // A final silent e goes, so that restore and restoring, share and shared meet.
  if (w.length >= 5 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}
