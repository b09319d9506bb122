import type { Mention } from './model.js';

/**
 * The one place that knows how a mention is written in a line of text. Faces turn a platform's
 * mentions into the neutral form `<user:ID|Label>` / `<group:ID|Label>` before the core reads the
 * line; the console's bare `@name` is a mention too. Everything that reads or writes these forms
 * (the tokenizer, the matrix CSV, the Slack and Teams parsers) goes through this module.
 */

const NEUTRAL = /^<(user|group):([^|>\s]+)\|([^>]*)>/;
const NEUTRAL_ANYWHERE = /<(?:user|group):[^|>\s]+\|([^>]*)>/g;
const BARE = /^@([\p{L}\p{N}][\p{L}\p{N}._-]*)/u;
const TYPED_NEUTRAL = /<(?=(?:user|group):)/gi;

/** A label that fits inside the neutral form and a `key:value` option: no `|`, `<`, `>`, no spaces. */
export function safeMentionLabel(label: string): string {
  return label.replace(/[|<>]/g, '').trim().replace(/\s+/g, '_');
}

/** The neutral form of a mention; the label is made safe, and the id stands in for an empty one. */
export function encodeMention(m: Mention): string {
  return `<${m.kind}:${m.id}|${safeMentionLabel(m.label) || m.id}>`;
}

/** The neutral form exactly as stored (labels already safe): how a contact round-trips through CSV. */
export function encodeMentionVerbatim(m: Mention): string {
  return `<${m.kind}:${m.id}|${m.label}>`;
}

/**
 * The mention a line starts with, neutral or bare, and how many characters it takes; null when it
 * starts with none. A bare `@name` must end at a space or the end of the line.
 */
export function decodeMentionAt(rest: string): { mention: Mention; length: number } | null {
  const neutral = NEUTRAL.exec(rest);
  if (neutral) {
    // An empty label shows the id.
    const mention: Mention = { kind: neutral[1] as Mention['kind'], id: neutral[2]!, label: neutral[3] || neutral[2]! };
    return { mention, length: neutral[0].length };
  }
  const bare = BARE.exec(rest);
  if (bare && (bare[0].length === rest.length || /\s/.test(rest[bare[0].length]!))) {
    return { mention: { kind: 'user', id: bare[1]!, label: bare[1]! }, length: bare[0].length };
  }
  return null;
}

/** A whole value that is one mention (a CSV cell, an option), or null. */
export function decodeMention(value: string): Mention | null {
  const found = decodeMentionAt(value);
  return found && found.length === value.length ? found.mention : null;
}

/** Replaces neutral mention forms with `@Label`, for storing or showing free text. */
export function mentionsToPlain(text: string): string {
  return text.replace(NEUTRAL_ANYWHERE, (_m, label: string) => (label.startsWith('@') ? label : `@${label}`));
}

/** The label without a leading `@`: how a person mentioned is named. */
export function mentionLabel(m: Mention): string {
  return m.label.replace(/^@/, '');
}

/**
 * Typed text can never forge a mention: a zero-width space after `<` breaks a typed neutral form.
 * Faces apply this to everything a person typed before adding the mentions the platform reported.
 */
export function breakTypedMentions(text: string): string {
  return text.replace(TYPED_NEUTRAL, '<\u200b');
}
