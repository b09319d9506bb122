import { decodeMentionAt } from '../domain/mention-codec.js';
import type { Mention } from '../domain/model.js';
import { UserError } from './errors.js';

/**
 * One word of a command line. A mention (neutral or bare, see domain/mention-codec.ts) is one token.
 */
export interface Token {
  /** The word as typed, quotes removed. */
  text: string;
  /** Offset just past the token in the line. */
  end: number;
  start: number;
  quoted: boolean;
  mention?: Mention;
  /** For `key:value` tokens: the lowercased key and the value (quotes removed). */
  option?: { key: string; value: string };
}

const OPTION_KEY = /^([a-z][a-z-]*\+?):/i;

/** Splits a command line into tokens; a quote that opens a word or value and never closes is the user's error. */
export function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = line.length;
  const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);
  // Where each closing quote next occurs, remembered: searching the rest of the line at every
  // quote made a long line of unclosed quotes quadratic (seconds of blocked event loop at 100 KB).
  // Correct because the tokenizer only moves forward: `from` never decreases between calls.
  const next = new Map<string, number>();
  const nextIndex = (quote: string, from: number): number => {
    const known = next.get(quote);
    if (known !== undefined && (known === -1 || known >= from)) return known;
    const found = line.indexOf(quote, from);
    next.set(quote, found);
    return found;
  };
  while (i < n) {
    while (i < n && isSpace(line[i])) i++;
    if (i >= n) break;
    const start = i;
    const rest = line.slice(i);

    const found = decodeMentionAt(rest);
    if (found) {
      i += found.length;
      tokens.push({ text: rest.slice(0, found.length), start, end: i, quoted: false, mention: found.mention });
      continue;
    }

    const key = OPTION_KEY.exec(rest);
    let optionKey: string | undefined;
    if (key) {
      optionKey = key[1]!.toLowerCase();
      i += key[0].length;
    }
    let text = '';
    let quoted = false;
    while (i < n && !isSpace(line[i])) {
      const c = line[i]!;
      if (c === '"' || c === '“' || c === '”') {
        const close = c === '“' ? '”' : c;
        const endQuote = nextIndex(close, i + 1);
        const j = endQuote >= 0 || close === '”' ? endQuote : nextIndex('”', i + 1);
        if (j < 0) {
          // A quote inside a word (`27" screens`) is an inch mark; one that opens a value must close.
          if (text !== '') {
            text += c;
            i++;
            continue;
          }
          throw new UserError(
            `There is an unclosed quote in: ${line.slice(start, start + 60)}\nClose it with a matching ".`,
          );
        }
        text += line.slice(i + 1, j);
        quoted = true;
        i = j + 1;
      } else {
        text += c;
        i++;
      }
    }
    const token: Token = { text: optionKey !== undefined ? line.slice(start, i) : text, start, end: i, quoted };
    if (optionKey !== undefined) token.option = { key: optionKey, value: text };
    tokens.push(token);
  }
  return tokens;
}
