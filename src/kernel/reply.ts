import type { Mention } from '../domain/model.js';

/**
 * The platform-neutral reply model. Commands and scheduled posts build these; each face renders
 * them (Block Kit, Adaptive Cards, plain text). Text in spans is the user's or the bot's words,
 * never markup: renderers escape it.
 */
export type Span =
  | { kind: 'text'; text: string; style?: 'bold' | 'italic' | 'code' }
  | { kind: 'mention'; mention: Mention }
  | { kind: 'link'; url: string; label: string };

export interface Field {
  label: string;
  value: Span[];
}

export interface Button {
  label: string;
  /** The command line the click runs, e.g. `ack ESC-4`. */
  command: string;
  style?: 'primary' | 'danger';
}

export type Block =
  | { kind: 'header'; text: string }
  | { kind: 'paragraph'; spans: Span[] }
  | { kind: 'fields'; fields: Field[] }
  | { kind: 'list'; items: Span[][] }
  | { kind: 'code'; text: string }
  | { kind: 'context'; spans: Span[] }
  | { kind: 'buttons'; buttons: Button[] }
  | { kind: 'divider' }
  | ImageBlock;

/**
 * A chart as a picture: `url` is where Tandem serves it as PNG (signed, for the platform to fetch),
 * `chart` its Vega-Lite specification (a face without a public address renders it itself), `alt`
 * the words for screen readers. The figures it shows are always in the post's text as well.
 */
export interface ImageBlock {
  kind: 'image';
  title: string;
  alt: string;
  url: string;
  chart: Record<string, unknown>;
}

export interface Reply {
  /** `ephemeral`: only the asker sees it where the platform allows; `channel`: everyone does. */
  visibility: 'ephemeral' | 'channel';
  blocks: Block[];
  /** Where to see all of it when a face must cut the reply short, e.g. ``see `matrix export` ``. */
  overflow?: string;
}

// ---- builders: small helpers so commands read as prose --------------------------------------

export const text = (t: string, style?: 'bold' | 'italic' | 'code'): Span =>
  style ? { kind: 'text', text: t, style } : { kind: 'text', text: t };
export const bold = (t: string): Span => text(t, 'bold');
export const code = (t: string): Span => text(t, 'code');
export const mention = (m: Mention): Span => ({ kind: 'mention', mention: m });
export const link = (url: string, label: string): Span => ({ kind: 'link', url, label });

export const header = (t: string): Block => ({ kind: 'header', text: t });
export const paragraph = (...spans: (Span | string)[]): Block => ({
  kind: 'paragraph',
  spans: spans.map((s) => (typeof s === 'string' ? text(s) : s)),
});
export const context = (...spans: (Span | string)[]): Block => ({
  kind: 'context',
  spans: spans.map((s) => (typeof s === 'string' ? text(s) : s)),
});
export const fields = (...fs: Field[]): Block => ({ kind: 'fields', fields: fs });
export const field = (label: string, ...value: (Span | string)[]): Field => ({
  label,
  value: value.map((s) => (typeof s === 'string' ? text(s) : s)),
});
export const list = (items: (Span | string)[][]): Block => ({
  kind: 'list',
  items: items.map((item) => item.map((s) => (typeof s === 'string' ? text(s) : s))),
});
export const codeBlock = (t: string): Block => ({ kind: 'code', text: t });
export const buttons = (...bs: Button[]): Block => ({ kind: 'buttons', buttons: bs });
export const divider = (): Block => ({ kind: 'divider' });

export const ephemeral = (...blocks: Block[]): Reply => ({ visibility: 'ephemeral', blocks });
export const inChannel = (...blocks: Block[]): Reply => ({ visibility: 'channel', blocks });

/** The reply's words without markup: notification fallback text and the plain-text faces. */
export function spansToPlain(spans: Span[]): string {
  return spans.map(spanToPlain).join('');
}

function spanToPlain(s: Span): string {
  switch (s.kind) {
    case 'text':
      return s.style === 'code' ? `\`${s.text}\`` : s.text;
    case 'mention':
      return s.mention.label.startsWith('@') ? s.mention.label : `@${s.mention.label}`;
    case 'link':
      return s.label === s.url ? s.url : `${s.label} (${s.url})`;
  }
}

/** A one-line summary of a reply, used as notification text and in logs of what was posted. */
export function replySummary(reply: Reply, max = 150): string {
  for (const b of reply.blocks) {
    let line = '';
    if (b.kind === 'header') line = b.text;
    else if (b.kind === 'paragraph' || b.kind === 'context') line = spansToPlain(b.spans);
    if (line.trim()) {
      // Count code points, so a cut never splits an emoji or other surrogate pair.
      const first = [...line.split('\n')[0]!.trim()];
      return first.length > max ? `${first.slice(0, max - 1).join('')}…` : first.join('');
    }
  }
  return 'Tandem';
}

/** Words with `backticked` parts as code spans: how the core writes help and error text. */
export function prose(message: string): Span[] {
  const parts = message.split('`');
  return parts
    .map((part, i): Span | null => (part === '' ? null : i % 2 === 1 ? code(part) : text(part)))
    .filter((s): s is Span => s !== null);
}
