/**
 * Adaptive Cards read TextBlock and Fact text as a CommonMark subset (bold, italic, lists, links),
 * and Teams turns `<at>…</at>` into mentions. Words from users must stay words: these helpers
 * backslash-escape what could become markup, and nothing else, so the text still reads well.
 */

/** Characters that start or end inline markup anywhere in a line. */
const INLINE = /[\\`*_~[\]<>]/g;
/** An entity reference (`&amp;`, `&#91;`) would be decoded into another character. */
const ENTITY = /&(?=#|[A-Za-z][A-Za-z0-9]*;)/g;
/** `{{DATE(…)}}` and `{{TIME(…)}}` are substituted by Teams' card renderer. */
const TEMPLATE = /\{\{/g;
/** Markers that mean a heading, list, quote, rule or table when they open a line. */
const LINE_START = /^([#>+=|-]|\d+(?=[.)]))/;

export interface EscapeOptions {
  /** False when the text continues a line that earlier text (bold, a mention) started. */
  atLineStart?: boolean;
}

/** User or bot words as Adaptive Card markdown that renders exactly those words. */
export function escapeMarkdown(text: string, options: EscapeOptions = {}): string {
  const lines = normalizeNewlines(text).split('\n');
  return lines
    .map((line, i) => {
      const out = line.replace(INLINE, '\\$&').replace(ENTITY, '\\&').replace(TEMPLATE, '\\{\\{');
      return i > 0 || options.atLineStart !== false ? escapeLineStart(out) : out;
    })
    .join('\n');
}

function escapeLineStart(line: string): string {
  // Four spaces of indent make a code block, where escapes show as backslashes: keep the indent as no-break spaces.
  const indent = /^[ \t]*/.exec(line)![0];
  const rest = line.slice(indent.length);
  const kept = indent.replace(/\t/g, '    ').replace(/ /g, '\u00a0');
  const m = LINE_START.exec(rest);
  if (!m) return kept + rest;
  const marker = m[1]!;
  // A numbered list needs `1.` or `1)`: escaping the dot or parenthesis is enough.
  if (/^\d/.test(marker)) return `${kept}${marker}\\${rest.slice(marker.length)}`;
  return `${kept}\\${rest}`;
}

/** Card text treats `\r` as a list line break; the reply model only uses `\n`. */
export function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/**
 * A single `\n` is not a visible break in a TextBlock outside lists; a blank line is. Applied to
 * already escaped text, so the inserted newlines are the only structure added.
 */
export function visibleBreaks(markdown: string): string {
  return markdown.replace(/\n/g, '\n\n');
}

/** Wraps escaped text in an emphasis marker, keeping surrounding spaces outside (CommonMark flanking rules). */
export function emphasize(escaped: string, marker: '**' | '_'): string {
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(escaped)!;
  const [, lead, core, trail] = m as unknown as [string, string, string, string];
  return core ? `${lead}${marker}${core}${marker}${trail}` : escaped;
}

/** A link target that cannot break out of `(…)` or run a script; null when it is not http(s) or mailto. */
export function safeUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (!['http:', 'https:', 'mailto:'].includes(parsed.protocol)) return null;
  return parsed.href.replace(/[()<>\s\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
