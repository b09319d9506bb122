import type { ActionsBlock, ContextBlock, KnownBlock, SectionBlock, Button as SlackButton } from '@slack/types';
import {
  type Block,
  type Button,
  bold,
  type Field,
  type Reply,
  replySummary,
  type Span,
  text,
} from '../../src/kernel/reply.js';
import { chunkSpans, cut, cutWord, escapeMrkdwn, pack, spansMrkdwn } from './mrkdwn.js';

/** Block Kit's limits (STACK.md), and our own budget for the total size of one message. */
export const LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  fieldsPerSection: 10,
  fieldText: 2000,
  headerText: 150,
  contextText: 2000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  /** Slack rejects a message near 13k characters of blocks (`msg_blocks_too_long`); stay well under. */
  messageBudget: 9000,
  /** One section of fields stays under a section's text limit in total, so no single block nears the budget. */
  fieldsBudget: 3000,
  /** response_url accepts five responses; a longer reply is cut there. */
  messagesPerReply: 5,
} as const;

export interface SlackMessage {
  /** Notification and accessibility fallback; escaped like everything else. */
  text: string;
  blocks: KnownBlock[];
}

/** Every button's action_id starts with this; the listener matches it. */
export const ACTION_PREFIX = 'tandem.cmd.';

const mrkdwn = (t: string) => ({ type: 'mrkdwn' as const, text: t, verbatim: true });
const section = (t: string): SectionBlock => ({ type: 'section', text: mrkdwn(t) });
const contextBlock = (t: string): ContextBlock => ({ type: 'context', elements: [mrkdwn(t)] });

/**
 * A reply as one or more Slack messages, each within every Block Kit limit. Long content is split
 * into more blocks and messages; past `maxMessages` the rest is dropped with a visible marker.
 */
export function renderMessages(reply: Reply, maxMessages: number = LIMITS.messagesPerReply): SlackMessage[] {
  let buttonCount = 0;
  const nextActionId = () => `${ACTION_PREFIX}${buttonCount++}`;
  const blocks = reply.blocks.flatMap((b) => renderBlock(b, nextActionId));
  const groups = packMessages(blocks, Math.max(1, maxMessages), reply.overflow);
  const summary = escapeMrkdwn(replySummary(reply));
  if (groups.length === 0) return [{ text: summary, blocks: [] }];
  return groups.map((g, i) => ({
    text: i === 0 ? summary : `${summary} (continued, ${i + 1}/${groups.length})`,
    blocks: g,
  }));
}

/** One neutral block as Block Kit blocks: several when it is too long for one. */
export function renderBlock(block: Block, nextActionId: () => string = counter()): KnownBlock[] {
  switch (block.kind) {
    case 'header': {
      const t = cut(block.text.replace(/\s+/g, ' ').trim(), LIMITS.headerText);
      return t ? [{ type: 'header', text: { type: 'plain_text', text: t, emoji: true } }] : [];
    }
    case 'paragraph':
      return chunkSpans(block.spans, LIMITS.sectionText).map(section);
    case 'context':
      return chunkSpans(block.spans, LIMITS.contextText).map(contextBlock);
    case 'list':
      return renderList(block.items);
    case 'code':
      return renderCode(block.text);
    case 'fields':
      return renderFields(block.fields);
    case 'buttons':
      return renderButtons(block.buttons, nextActionId);
    case 'divider':
      return [{ type: 'divider' }];
    case 'image':
      // Slack fetches the picture from Tandem's public address; the figures are in the text too.
      return [
        {
          type: 'image',
          image_url: block.url,
          alt_text: cut(block.alt, 2000),
          title: { type: 'plain_text', text: cut(block.title, 2000) },
        },
      ];
  }
}

function counter(): () => string {
  let n = 0;
  return () => `${ACTION_PREFIX}${n++}`;
}

function renderList(items: Span[][]): KnownBlock[] {
  const lines = items.flatMap((item) => {
    const chunks = chunkSpans(item, LIMITS.sectionText - 2);
    return chunks.map((c, i) => (i === 0 ? `• ${c}` : `  ${c}`));
  });
  return pack(lines, LIMITS.sectionText, '\n').map(section);
}

function renderCode(raw: string): KnownBlock[] {
  const fence = '```';
  const room = LIMITS.sectionText - 2 * fence.length - 2;
  // A fence inside the code would end the block early; zero-width spaces keep it literal.
  const lines = raw
    .replace(/```/g, '`\u200b`\u200b`')
    .split('\n')
    .flatMap((line) => (line ? cutWord(line, undefined, room) : ['']));
  return pack(lines, room, '\n', false).map((c) => section(`${fence}\n${c}\n${fence}`));
}

/** Fields two by two, at most ten and `fieldsBudget` characters a section; a long field gets its own sections. */
function renderFields(fs: Field[]): KnownBlock[] {
  const out: KnownBlock[] = [];
  let group: string[] = [];
  const flush = () => {
    if (group.length) out.push({ type: 'section', fields: group.map(mrkdwn) });
    group = [];
  };
  for (const f of fs) {
    const value = spansMrkdwn(f.value).trim() || '—';
    const label = escapeMrkdwn(f.label.trim());
    const rendered = label ? `*${label}*\n${value}` : value;
    if (rendered.length > LIMITS.fieldText) {
      flush();
      const spans: Span[] = label ? [bold(f.label.trim()), text('\n'), ...f.value] : f.value;
      out.push(...chunkSpans(spans, LIMITS.sectionText).map(section));
      continue;
    }
    const size = group.reduce((n, g) => n + g.length, 0);
    if (group.length >= LIMITS.fieldsPerSection || size + rendered.length > LIMITS.fieldsBudget) flush();
    group.push(rendered);
  }
  flush();
  return out;
}

function renderButtons(bs: Button[], nextActionId: () => string): KnownBlock[] {
  const elements: SlackButton[] = [];
  let dropped = 0;
  for (const b of bs) {
    if (!b.command.trim() || b.command.length > LIMITS.buttonValue) {
      dropped++;
      continue;
    }
    const label = cut(b.label.replace(/\s+/g, ' ').trim() || b.command.trim(), LIMITS.buttonText);
    const el: SlackButton = {
      type: 'button',
      text: { type: 'plain_text', text: label, emoji: true },
      value: b.command,
      action_id: nextActionId(),
    };
    if (b.style) el.style = b.style;
    elements.push(el);
  }
  const out: KnownBlock[] = [];
  for (let i = 0; i < elements.length; i += LIMITS.actionsElements) {
    out.push({ type: 'actions', elements: elements.slice(i, i + LIMITS.actionsElements) } satisfies ActionsBlock);
  }
  if (dropped)
    out.push(
      contextBlock(
        `(${dropped} button${dropped === 1 ? '' : 's'} left out: the command is too long for a Slack button)`,
      ),
    );
  return out;
}

const sizeOf = (b: KnownBlock) => JSON.stringify(b).length;

/** Packs blocks into messages under the block count and size budget; the last allowed one says what was cut. */
function packMessages(blocks: KnownBlock[], maxMessages: number, overflow?: string): KnownBlock[][] {
  const messages: KnownBlock[][] = [];
  let current: KnownBlock[] = [];
  let size = 0;
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    const s = sizeOf(block);
    if (current.length > 0 && (current.length >= LIMITS.blocksPerMessage || size + s > LIMITS.messageBudget)) {
      if (messages.length + 1 >= maxMessages) {
        // No room for another message: the marker replaces blocks at the end of this one until it fits.
        const where = overflow ? ` — ${escapeMrkdwn(overflow)}` : '';
        const marker = (n: number) =>
          contextBlock(`… (truncated, ${n} more section${n === 1 ? '' : 's'} not shown)${where}`);
        let dropped = blocks.length - i;
        while (
          current.length > 0 &&
          (current.length + 1 > LIMITS.blocksPerMessage || size + sizeOf(marker(dropped)) > LIMITS.messageBudget)
        ) {
          size -= sizeOf(current.pop()!);
          dropped++;
        }
        current.push(marker(dropped));
        messages.push(current);
        return messages;
      }
      messages.push(current);
      current = [];
      size = 0;
    }
    current.push(block);
    size += s;
  }
  if (current.length) messages.push(current);
  return messages;
}
