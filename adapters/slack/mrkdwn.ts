import type { Mention } from '../../src/domain/model.js';
import { type Span, spansToPlain } from '../../src/kernel/reply.js';

/**
 * Slack mrkdwn from neutral spans. Only `&`, `<` and `>` are control characters in mrkdwn, so
 * escaping them in every word we did not build ourselves means a typed `<!channel>`, `<@U…>` or
 * `<url|label>` shows as text and never pings or links.
 */
export function escapeMrkdwn(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const USER_ID = /^[UW][A-Z0-9]{2,}$/;
const GROUP_ID = /^S[A-Z0-9]{2,}$/;

/** A real Slack mention for a Slack id; anything else (a console name, a bare @word) stays text. */
export function mentionMrkdwn(m: Mention): string {
  if (m.kind === 'user' && USER_ID.test(m.id)) return `<@${m.id}>`;
  if (m.kind === 'group' && GROUP_ID.test(m.id)) return `<!subteam^${m.id}>`;
  return escapeMrkdwn(m.label.startsWith('@') ? m.label : `@${m.label}`);
}

/** The URL as Slack may link it, or null when it is not a plain http(s) URL. */
export function linkableUrl(url: string): string | null {
  let href: string;
  try {
    const u = new URL(url.trim());
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    href = u.href;
  } catch {
    return null;
  }
  if (/[\s<>|]/.test(href)) return null;
  return href.replace(/&/g, '&amp;');
}

const MARKS = { bold: '*', italic: '_', code: '`' } as const;

/** Styled text; markers go around each line's words, since Slack styles neither across lines nor around spaces. */
function styled(text: string, style: keyof typeof MARKS | undefined): string {
  const esc = escapeMrkdwn(text);
  if (!style) return esc;
  const mark = MARKS[style];
  return esc
    .split('\n')
    .map((line) => {
      const m = /^(\s*)(.*?)(\s*)$/s.exec(line)!;
      return m[2] ? `${m[1]}${mark}${m[2]}${mark}${m[3]}` : line;
    })
    .join('\n');
}

/** One span as mrkdwn. A link label is cut to `maxLabel` so that one link always fits a text object. */
export function spanMrkdwn(span: Span, maxLabel = 1000): string {
  switch (span.kind) {
    case 'text':
      return styled(span.text, span.style);
    case 'mention':
      return mentionMrkdwn(span.mention);
    case 'link': {
      const href = linkableUrl(span.url);
      const label = cut(span.label.replace(/\s+/g, ' ').trim(), maxLabel);
      if (!href || href.length > maxLabel * 2)
        return escapeMrkdwn(span.label === span.url ? span.url : `${label} (${span.url})`);
      return label && label !== span.url ? `<${href}|${escapeMrkdwn(label)}>` : `<${href}>`;
    }
  }
}

export const spansMrkdwn = (spans: Span[]): string => spans.map((s) => spanMrkdwn(s)).join('');

/** Cuts plain text to at most `max` UTF-16 units, ending in `…`, never inside a surrogate pair. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end--;
  return `${text.slice(0, end)}…`;
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;

/**
 * Splits spans into mrkdwn chunks of at most `limit` characters each: whole when they fit, else at
 * whitespace, never inside an escape, a mention or a link. A word longer than `limit` is cut.
 */
export function chunkSpans(spans: Span[], limit: number): string[] {
  const whole = spansMrkdwn(spans);
  if (whole.length <= limit) return whole.trim() ? [whole] : [];
  const atoms: string[] = [];
  for (const span of spans) {
    if (span.kind !== 'text') {
      const atom = spanMrkdwn(span, Math.floor(limit / 6));
      if (atom.length <= limit) {
        atoms.push(atom);
        continue;
      }
    } else if (span.style) {
      // A styled phrase that fits stays whole: `*Label 17*`, not `*Label* *17*`.
      const phrase = spanMrkdwn(span);
      if (phrase.length <= limit) {
        atoms.push(phrase);
        continue;
      }
    }
    const words = span.kind === 'text' ? span.text : spansToPlain([span]);
    const style = span.kind === 'text' ? span.style : undefined;
    for (const word of words.match(/\s+|\S+/g) ?? []) {
      if (/^\s/.test(word)) atoms.push(word);
      else atoms.push(...cutWord(word, style, limit));
    }
  }
  return pack(atoms, limit, '');
}

/** Text rendered with its style, cut anywhere (not only at spaces) into pieces that each fit `limit`. */
export function cutWord(word: string, style: keyof typeof MARKS | undefined, limit: number): string[] {
  const room = limit - (style ? 2 : 0);
  const out: string[] = [];
  let start = 0;
  let size = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word[i]!;
    const w = c === '&' ? 5 : c === '<' || c === '>' ? 4 : 1;
    const pairStart = isHighSurrogate(word.charCodeAt(i)) && i + 1 < word.length;
    if (size + w + (pairStart ? 1 : 0) > room && i > start) {
      out.push(styled(word.slice(start, i), style));
      start = i;
      size = 0;
    }
    size += w;
  }
  if (start < word.length) out.push(styled(word.slice(start), style));
  return out;
}

/** Greedily joins atoms with `sep` into chunks of at most `limit`; blank chunks are dropped. */
export function pack(atoms: string[], limit: number, sep: string, trim = true): string[] {
  const chunks: string[] = [];
  const start = (a: string) => (trim ? a.trimStart() : a);
  const end = (a: string) => (trim ? a.trimEnd() : a);
  let current: string | null = null;
  for (const atom of atoms) {
    const next: string = current !== null ? current + sep + atom : start(atom);
    if (next.length <= limit) {
      current = next;
      continue;
    }
    if (current?.trim()) chunks.push(end(current));
    current = start(atom);
  }
  if (current?.trim()) chunks.push(end(current));
  return chunks;
}
