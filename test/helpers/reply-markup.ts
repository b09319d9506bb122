import type { Block, Reply, Span } from '../../src/kernel/reply.js';

/** Every span in a reply, in order (paragraphs, contexts, fields, lists). */
export function spansOf(reply: Reply): Span[] {
  return reply.blocks.flatMap((b: Block): Span[] => {
    switch (b.kind) {
      case 'paragraph':
      case 'context':
        return b.spans;
      case 'fields':
        return b.fields.flatMap((f) => f.value);
      case 'list':
        return b.items.flat();
      default:
        return [];
    }
  });
}

/** Every string in a JSON value whose key is `key` (e.g. every `text` of a Block Kit message). */
export function stringsAt(value: unknown, key: string, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) stringsAt(v, key, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === key && typeof v === 'string') out.push(v);
      else stringsAt(v, key, out);
    }
  }
  return out;
}

/** The mrkdwn texts of Slack messages, and their fallback texts: everything Slack parses for mentions and links. */
export function slackMrkdwnTexts(messages: readonly { text: string; blocks: unknown[] }[]): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === 'mrkdwn' && typeof o.text === 'string') out.push(o.text);
      else Object.values(o).forEach(walk);
    }
  };
  for (const m of messages) {
    out.push(m.text);
    walk(m.blocks);
  }
  return out;
}

/** The `<…>` control sequences Slack would act on in mrkdwn: mentions, broadcasts, channels, links. */
export function slackControlSequences(mrkdwn: string): string[] {
  return [...mrkdwn.matchAll(/<[^<>]*>/g)].map((m) => m[0]);
}

/**
 * Adaptive Card text split into what a reader sees: backslash escapes removed. Returns the
 * unescaped `<at>…</at>` spans and `[label](url)` links, which Teams would turn into mentions and links.
 */
export function teamsLiveMarkup(markdown: string): { mentions: string[]; links: string[] } {
  const mentions: string[] = [];
  const links: string[] = [];
  // Walk the text, skipping escaped characters, and note where unescaped markup starts.
  let plain = '';
  const live: number[] = [];
  for (let i = 0; i < markdown.length; i++) {
    const c = markdown[i]!;
    if (c === '\\' && i + 1 < markdown.length) {
      plain += '\u0001';
      i++;
      continue;
    }
    if (c === '<' || c === '[') live.push(plain.length);
    plain += c;
  }
  for (const at of live) {
    const rest = plain.slice(at);
    const mention = /^<at>[^<]*<\/at>/.exec(rest);
    if (mention) mentions.push(mention[0]);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: \u0001 is the placeholder for an escaped character
    const link = /^\[[^\]\u0001]*\]\([^)\s\u0001]*\)/.exec(rest);
    if (link) links.push(link[0]);
  }
  return { mentions, links };
}

/** The text of every TextBlock, FactSet fact and button of an Adaptive Card. */
export function cardTexts(card: unknown): string[] {
  return [...stringsAt(card, 'text'), ...stringsAt(card, 'value'), ...stringsAt(card, 'title')];
}
