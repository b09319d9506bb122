import { breakTypedMentions, encodeMention } from '../../src/domain/mention-codec.js';
import { MAIN_SLASH } from '../../src/kernel/registry.js';
import type { Actor, ConversationRef, Inbound } from '../../src/kernel/types.js';

/**
 * Slack payloads → neutral Inbound lines. Slack escapes `&`, `<`, `>` in what people type and
 * writes mentions, channels and links as `<…>` tokens; the core reads mentions as
 * `<user:ID|Label>` / `<group:ID|Label>` and everything else as the literal text typed.
 */

/** Looks up a display label for a user id that came without one; undefined falls back to the id. */
export type LabelOf = (userId: string) => string | undefined;

const TOKEN = /<([^<>]*)>/g;

export const slackUnescape = (s: string): string =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/**
 * Typed text can never forge a mention: a zero-width space breaks `<user:` and `<group:`, and an
 * `@` typed before something shaped like a Slack id (`@U024BE7LH`), which the core would read as
 * the console's bare mention and the renderer would turn into a real ping of that id. Slack writes
 * every real mention as `<@…>`, so nothing typed as `@word` is one.
 */
const literal = (s: string): string =>
  breakTypedMentions(slackUnescape(s)).replace(/(?<=^|[\s:"“”])@(?=[UWS][A-Z0-9]{2,}(?![\p{L}\p{N}._-]))/gu, '@\u200b');

/** Slack message text → the core's neutral text. */
export function slackToNeutral(input: string, labelOf: LabelOf = () => undefined): string {
  let out = '';
  let last = 0;
  for (const m of input.matchAll(TOKEN)) {
    out += literal(input.slice(last, m.index));
    out += tokenToNeutral(m[1]!, labelOf);
    last = m.index + m[0].length;
  }
  return out + literal(input.slice(last));
}

function tokenToNeutral(inner: string, labelOf: LabelOf): string {
  const bar = inner.indexOf('|');
  const target = bar >= 0 ? inner.slice(0, bar) : inner;
  const label = bar >= 0 ? slackUnescape(inner.slice(bar + 1)) : '';
  if (target.startsWith('@')) {
    const id = target.slice(1);
    return encodeMention({ kind: 'user', id, label: label || labelOf(id) || id });
  }
  if (target.startsWith('!subteam^')) {
    const id = target.slice('!subteam^'.length);
    return encodeMention({ kind: 'group', id, label: label || id });
  }
  // @here, @channel, @everyone typed as real mentions: kept as words, so the bot never repeats the ping.
  if (/^!(here|channel|everyone)$/.test(target)) return `@${target.slice(1)}`;
  if (target.startsWith('!')) return literal(label || target.slice(1));
  if (target.startsWith('#')) return `#${literal(label || target.slice(1))}`;
  // A link: the URL itself, since commands take ticket references as URLs.
  return literal(target.replace(/^mailto:/, ''));
}

/** User ids mentioned without a label, for looking up their names before `slackToNeutral`. */
export function unlabelledUserIds(input: string): string[] {
  const ids = new Set<string>();
  for (const m of input.matchAll(/<@([A-Z0-9]+)>/g)) ids.add(m[1]!);
  return [...ids];
}

/** Removes every mention of the bot itself (`<@UBOT>` or `<@UBOT|tandem>`). */
export function stripBotMention(input: string, botUserId: string | undefined): string {
  if (!botUserId) return input.replace(/^\s*<@[A-Z0-9]+(?:\|[^>]*)?>/, '').trim();
  return input
    .replace(new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`, 'g'), ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The command line a slash command stands for: `/tandem x` → `x`, `/whoowns x` → `who owns x`
 * (`shortcuts` from the registry); any other name (the main command renamed) → `x`.
 */
export function slashLine(command: string, text: string, shortcuts: ReadonlyMap<string, string>): string {
  const name = command.replace(/^\//, '').toLowerCase();
  const expansion = name === MAIN_SLASH ? undefined : shortcuts.get(name);
  return expansion ? `${expansion} ${text}`.trim() : text.trim();
}

const conversation = (channelId: string): ConversationRef => ({ platform: 'slack', channelId });
/** The person, with their home workspace (`team_id`) as the organisation the platform reports. */
const actor = (userId: string, name: string | undefined, teamId: string | undefined): Actor => ({
  platform: 'slack',
  userId,
  name: name || userId,
  ...(teamId ? { orgId: teamId } : {}),
});

/** The fields of a slash command payload we read. */
export interface SlashPayload {
  command: string;
  text: string;
  user_id: string;
  user_name?: string;
  channel_id: string;
  /** The workspace the user belongs to. */
  team_id?: string;
}

export function inboundFromSlash(p: SlashPayload, shortcuts: ReadonlyMap<string, string>, labelOf?: LabelOf): Inbound {
  return {
    conversation: conversation(p.channel_id),
    actor: actor(p.user_id, p.user_name, p.team_id),
    text: slashLine(p.command, slackToNeutral(p.text ?? '', labelOf), shortcuts),
  };
}

/** The fields of an app_mention event we read. */
export interface MentionEvent {
  user?: string;
  text: string;
  channel: string;
  /** In a Slack Connect channel: the home workspace of the user who wrote the message. */
  user_team?: string;
  /** The workspace of the message (the user's, when user_team is absent). */
  team?: string;
}

export function inboundFromMention(
  e: MentionEvent & { user: string },
  botUserId: string | undefined,
  actorName: string,
  labelOf?: LabelOf,
): Inbound {
  return {
    conversation: conversation(e.channel),
    actor: actor(e.user, actorName, e.user_team ?? e.team),
    text: slackToNeutral(stripBotMention(e.text, botUserId), labelOf),
  };
}

/** The fields of a block_actions payload we read. */
export interface ActionPayload {
  user: { id: string; username?: string; name?: string; team_id?: string };
  channel?: { id: string };
  container?: { channel_id?: string };
}

/** A button click runs the command line in the button's value, as the person who clicked. */
export function inboundFromAction(p: ActionPayload, commandLine: string): Inbound | null {
  const channelId = p.channel?.id ?? p.container?.channel_id;
  if (!channelId || !commandLine.trim()) return null;
  return {
    conversation: conversation(channelId),
    actor: actor(p.user.id, p.user.username ?? p.user.name, p.user.team_id),
    text: commandLine,
  };
}
