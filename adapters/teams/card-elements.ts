import type { Block, Button, Span } from '../../src/kernel/reply.js';
import { emphasize, escapeMarkdown, normalizeNewlines, safeUrl, visibleBreaks } from './markdown.js';
import { entityFor, type MentionEntity } from './mentions.js';

/** One Adaptive Card element, as JSON. */
export type CardElement = { type: string } & Record<string, unknown>;

/** An element and the mentions its text uses: the unit that cards are packed from. */
export interface Unit {
  element: CardElement;
  mentions: MentionEntity[];
}

/** Text longer than this is cut into several elements, so that any one element fits in a card. */
export const CHUNK_CHARS = 2000;
const BUTTONS_PER_ROW = 5;
const MAX_BUTTON_TITLE = 40;
const MAX_HEADER = 200;

/** The reply's blocks as card elements, in order. */
export function blocksToUnits(blocks: readonly Block[]): Unit[] {
  const units: Unit[] = [];
  let separator = false;
  for (const block of blocks) {
    if (block.kind === 'divider') {
      separator = units.length > 0;
      continue;
    }
    const made = blockUnits(block);
    if (separator && made[0]) made[0].element.separator = true;
    separator = false;
    units.push(...made);
  }
  return units;
}

function blockUnits(block: Exclude<Block, { kind: 'divider' }>): Unit[] {
  switch (block.kind) {
    case 'header':
      return [
        plain({
          type: 'TextBlock',
          text: escapeMarkdown(cut(block.text, MAX_HEADER)),
          size: 'Large',
          weight: 'Bolder',
          style: 'heading',
          wrap: true,
        }),
      ];
    case 'paragraph':
      if (block.spans.length === 1 && block.spans[0]!.kind === 'text' && block.spans[0]!.style === 'code')
        return codeUnits(block.spans[0]!.text);
      return chunkSpans(block.spans).map((spans) => textUnit(spans, {}));
    case 'context':
      return chunkSpans(block.spans).map((spans) => textUnit(spans, { isSubtle: true, size: 'Small' }));
    case 'fields':
      return fieldUnits(block.fields);
    case 'list':
      return block.items.flatMap((item) => chunkSpans(item).map((spans, i) => listItemUnit(spans, i === 0)));
    case 'code':
      return codeUnits(block.text);
    case 'buttons':
      return rows(block.buttons, BUTTONS_PER_ROW).map((row) =>
        plain({ type: 'ActionSet', actions: row.map(submitAction) }),
      );
    case 'image': {
      // Teams fetches the picture from Tandem's public address; the figures are in the text too.
      const url = safeUrl(block.url);
      return url ? [plain({ type: 'Image', url, altText: block.alt, size: 'Stretch' })] : [];
    }
  }
}

/** Spans as card markdown, collecting the mentions it uses. */
export function spansToMarkdown(spans: readonly Span[], mentions: MentionEntity[]): string {
  let out = '';
  for (const s of spans) {
    const atLineStart = out === '' || out.endsWith('\n');
    if (s.kind === 'text') {
      const escaped = escapeMarkdown(s.text, { atLineStart: atLineStart && s.style !== 'code' });
      if (s.style === 'bold') out += emphasize(escaped, '**');
      else if (s.style === 'italic') out += emphasize(escaped, '_');
      // Teams has no inline code in cards: show the backticks people type commands between.
      else if (s.style === 'code') out += `\\\`${escaped}\\\``;
      else out += escaped;
    } else if (s.kind === 'mention') {
      const entity = entityFor(s.mention);
      if (entity) {
        out += entity.text;
        if (!mentions.some((m) => m.text === entity.text && m.mentioned.id === entity.mentioned.id))
          mentions.push(entity);
      } else {
        out += emphasize(
          escapeMarkdown(s.mention.label.startsWith('@') ? s.mention.label : `@${s.mention.label}`, { atLineStart }),
          '**',
        );
      }
    } else {
      const url = safeUrl(s.url);
      out += url
        ? `[${escapeMarkdown(s.label, { atLineStart: false }) || url}](${url})`
        : escapeMarkdown(s.label === s.url ? s.url : `${s.label} (${s.url})`, { atLineStart });
    }
  }
  return visibleBreaks(out);
}

function textUnit(spans: readonly Span[], style: Record<string, unknown>): Unit {
  const mentions: MentionEntity[] = [];
  const text = spansToMarkdown(spans, mentions) || ' ';
  return { element: { type: 'TextBlock', text, wrap: true, ...style }, mentions };
}

function listItemUnit(spans: readonly Span[], first: boolean): Unit {
  const { element, mentions } = textUnit(spans, {});
  const bullet = { type: 'TextBlock', text: first ? '•' : ' ', wrap: false };
  return {
    element: {
      type: 'ColumnSet',
      spacing: 'Small',
      columns: [
        { type: 'Column', width: 'auto', items: [bullet] },
        { type: 'Column', width: 'stretch', items: [element] },
      ],
    },
    mentions,
  };
}

function fieldUnits(fields: readonly { label: string; value: Span[] }[]): Unit[] {
  const units: Unit[] = [];
  let facts: { title: string; value: string }[] = [];
  let mentions: MentionEntity[] = [];
  let size = 0;
  const flush = () => {
    if (facts.length) units.push({ element: { type: 'FactSet', facts }, mentions });
    facts = [];
    mentions = [];
    size = 0;
  };
  for (const f of fields) {
    // A field is a line or two; one that would not fit is cut, with a marker.
    const [first = [], ...more] = chunkSpans(f.value);
    const value = spansToMarkdown(more.length ? [...first, { kind: 'text', text: ' …' }] : first, mentions) || '—';
    const title = escapeMarkdown(cut(f.label, 100));
    if (size + value.length + title.length > CHUNK_CHARS) flush();
    facts.push({ title, value });
    size += value.length + title.length;
  }
  flush();
  return units;
}

/** Code keeps its lines: one monospace line per TextBlock, in a shaded container. */
function codeUnits(code: string): Unit[] {
  const lines = normalizeNewlines(code)
    .split('\n')
    .flatMap((line) => (line.length > CHUNK_CHARS ? splitText(line, CHUNK_CHARS) : [line]));
  const units: Unit[] = [];
  let chunk: string[] = [];
  let size = 0;
  const flush = () => {
    if (!chunk.length) return;
    const items = chunk.map((line) => ({
      type: 'TextBlock',
      // An empty TextBlock is dropped; a no-break space keeps the blank line.
      text: line.trim() ? escapeMarkdown(line) : '\u00a0',
      fontType: 'Monospace',
      spacing: 'None',
      wrap: true,
    }));
    units.push(plain({ type: 'Container', style: 'emphasis', items }));
    chunk = [];
    size = 0;
  };
  for (const line of lines) {
    if (size + line.length > CHUNK_CHARS) flush();
    chunk.push(line);
    size += line.length + 1;
  }
  flush();
  return units;
}

function submitAction(b: Button): CardElement {
  const action: CardElement = {
    type: 'Action.Submit',
    title: cut(b.label, MAX_BUTTON_TITLE),
    data: { command: b.command },
  };
  if (b.style) action.style = b.style === 'primary' ? 'positive' : 'destructive';
  return action;
}

/** Splits spans so that each group's text stays under CHUNK_CHARS; long text spans are cut at a space. */
export function chunkSpans(spans: readonly Span[]): Span[][] {
  const groups: Span[][] = [[]];
  let size = 0;
  for (const s of spans) {
    const pieces: Span[] =
      s.kind === 'text' && s.text.length > CHUNK_CHARS
        ? splitText(s.text, CHUNK_CHARS).map((t) => ({ ...s, text: t }))
        : [s];
    for (const p of pieces) {
      const len =
        p.kind === 'text' ? p.text.length : p.kind === 'link' ? p.label.length + p.url.length : p.mention.label.length;
      if (size + len > CHUNK_CHARS && groups[groups.length - 1]!.length) {
        groups.push([]);
        size = 0;
      }
      groups[groups.length - 1]!.push(p);
      size += len;
    }
  }
  return groups.filter((g) => g.length);
}

/** Cuts text into pieces of at most `max` characters, at the last space when there is one. */
function splitText(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let at = rest.lastIndexOf(' ', max);
    if (at < max / 2) at = max;
    // Never cut a surrogate pair in two.
    if (/[\uD800-\uDBFF]/.test(rest[at - 1] ?? '')) at--;
    out.push(rest.slice(0, at));
    rest = rest.slice(at);
  }
  out.push(rest);
  return out;
}

function rows<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function plain(element: CardElement): Unit {
  return { element, mentions: [] };
}
