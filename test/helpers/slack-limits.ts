/**
 * Block Kit's limits (STACK.md), checked on a message as it would be sent. Returns what is wrong;
 * an empty list means Slack would accept it. Written independently of the renderer's constants.
 */
export interface SentMessage {
  text?: unknown;
  blocks?: unknown;
}

/** Block Kit JSON as a check walks it: any field may be read, and the check says what is missing. */
// biome-ignore lint/suspicious/noExplicitAny: the checks read arbitrary, possibly malformed, JSON field by field
export type Json = Record<string, any>;

/** `<…>` tokens Slack acts on that only the renderer may write: user and group mentions, http(s) links. */
const ALLOWED_TOKEN = /^<(@[UW][A-Z0-9]+|!subteam\^S[A-Z0-9]+|https?:\/\/[^\s<>|]+(\|[^<>]+)?)>$/;

export function mrkdwnProblems(text: string, where: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/<[^>]*>?/g)) {
    if (!ALLOWED_TOKEN.test(m[0])) out.push(`${where}: control sequence ${m[0].slice(0, 40)}`);
  }
  for (const m of text.matchAll(/&(?!amp;|lt;|gt;)/g)) out.push(`${where}: bare & at ${m.index}`);
  return out;
}

export function limitProblems(message: SentMessage): string[] {
  const out: string[] = [];
  const blocks = (message.blocks ?? []) as Json[];
  if (typeof message.text === 'string') out.push(...mrkdwnProblems(message.text, 'fallback text'));
  if (blocks.length === 0 && !message.text) out.push('neither text nor blocks');
  if (blocks.length > 50) out.push(`${blocks.length} blocks (max 50)`);
  const size = JSON.stringify(blocks).length;
  if (size > 12000) out.push(`blocks are ${size} characters in all (Slack fails near 13k)`);
  const actionIds = new Set<string>();
  blocks.forEach((b, i) => {
    const at = `block ${i} (${b.type})`;
    if (b.block_id !== undefined && String(b.block_id).length > 255) out.push(`${at}: block_id over 255`);
    const textObject = (t: Json | undefined, max: number, what: string) => {
      if (!t || typeof t.text !== 'string') return out.push(`${at}: ${what} missing`);
      if (t.text.length < 1 || !t.text.trim()) out.push(`${at}: ${what} empty`);
      if (t.text.length > max) out.push(`${at}: ${what} is ${t.text.length} (max ${max})`);
      if (t.type === 'mrkdwn') out.push(...mrkdwnProblems(t.text, `${at} ${what}`));
    };
    switch (b.type) {
      case 'section':
        if (!b.text && !b.fields) out.push(`${at}: neither text nor fields`);
        if (b.text) textObject(b.text, 3000, 'text');
        if (b.fields) {
          if (b.fields.length > 10) out.push(`${at}: ${b.fields.length} fields (max 10)`);
          for (const [j, f] of (b.fields as Json[]).entries()) textObject(f, 2000, `field ${j}`);
        }
        break;
      case 'header':
        textObject(b.text, 150, 'header');
        if (b.text?.type !== 'plain_text') out.push(`${at}: header must be plain_text`);
        break;
      case 'context':
        if (!b.elements?.length || b.elements.length > 10) out.push(`${at}: ${b.elements?.length} elements (1 to 10)`);
        for (const [j, e] of (b.elements as Json[]).entries()) textObject(e, 3000, `element ${j}`);
        break;
      case 'actions':
        if (!b.elements?.length || b.elements.length > 25) out.push(`${at}: ${b.elements?.length} elements (1 to 25)`);
        for (const e of b.elements as Json[]) {
          textObject(e.text, 75, 'button text');
          if (typeof e.value === 'string' && e.value.length > 2000)
            out.push(`${at}: button value ${e.value.length} (max 2000)`);
          if (!e.action_id || e.action_id.length > 255) out.push(`${at}: action_id missing or over 255`);
          if (actionIds.has(e.action_id)) out.push(`${at}: action_id ${e.action_id} repeated`);
          actionIds.add(e.action_id);
        }
        break;
      case 'divider':
        break;
      default:
        out.push(`${at}: unexpected block type`);
    }
  });
  return out;
}

/** Every mrkdwn and plain text of a message, joined: for asserting what a person would read. */
export function visibleText(message: SentMessage): string {
  const parts: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Json;
      if ((o.type === 'mrkdwn' || o.type === 'plain_text') && typeof o.text === 'string') parts.push(o.text);
      else Object.values(o).forEach(walk);
    }
  };
  walk(message.blocks);
  return parts.join('\n');
}
