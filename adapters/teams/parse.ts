import { type Activity, TurnContext } from 'botbuilder';
import { breakTypedMentions, encodeMentionVerbatim } from '../../src/domain/mention-codec.js';
import type { ConversationRef, Inbound } from '../../src/kernel/types.js';
import { type MentionedAccount, mentionFromTeams } from './mentions.js';

/**
 * A Teams channel thread has the conversation id `19:…@thread.tacv2;messageid=…`; the channel is
 * what comes before `;messageid=`. Commands in any thread belong to the channel, and posts to the
 * channel start new threads.
 */
export function baseConversationId(conversationId: string): string {
  const at = conversationId.indexOf(';messageid=');
  return at >= 0 ? conversationId.slice(0, at) : conversationId;
}

/** The core's address of the conversation an activity came from. */
export function conversationOf(activity: Pick<Activity, 'conversation'>): ConversationRef {
  return { platform: 'teams', channelId: baseConversationId(activity.conversation.id) };
}

/** What an Action.Submit button sends: the command line it runs (see render's submitAction). */
export function submittedCommand(activity: Pick<Activity, 'value'>): string | null {
  const value: unknown = activity.value;
  if (!value || typeof value !== 'object') return null;
  const command = (value as { command?: unknown }).command;
  return typeof command === 'string' && command.trim() ? command.trim() : null;
}

/**
 * A message activity as a line for the core: the bot's mention removed, other mentions in the
 * neutral `<user:ID|Label>` form, or the command a card button submits, run as the person who clicked.
 * Null for activities that carry no command.
 */
export function toInbound(activity: Activity): Inbound | null {
  if (activity.type !== 'message' || !activity.from?.id || !activity.conversation?.id) return null;
  const submitted = submittedCommand(activity);
  // A card's data is whatever the client sent, not only the buttons Tandem drew: the same guard as typed text.
  const text = submitted !== null ? typedOnly(submitted) : neutralText(activity);
  // However long, the line goes to the core: its limits answer with what fits, where dropping it would leave the
  // sender unanswered.
  if (!text) return null;
  return {
    conversation: conversationOf(activity),
    actor: {
      platform: 'teams',
      userId: activity.from.aadObjectId ?? activity.from.id,
      name: activity.from.name?.trim() || 'someone',
    },
    text,
  };
}

function neutralText(activity: Activity): string {
  if (!activity.text) return '';
  // removeRecipientMention changes the activity it is given: give it a copy.
  let text = typedOnly(
    activity.recipient?.id ? (TurnContext.removeRecipientMention({ ...activity }) ?? '') : activity.text,
  );
  for (const entity of activity.entities ?? []) {
    if (entity.type !== 'mention') continue;
    const at = typeof entity.text === 'string' ? entity.text : null;
    const mentioned = entity.mentioned as MentionedAccount | undefined;
    if (!at || !mentioned || mentioned.id === activity.recipient?.id) continue;
    const m = mentionFromTeams(mentioned);
    if (m) text = replaceMention(text, at, encodeMentionVerbatim(m));
  }
  // Teams puts no-break spaces around mentions.
  return text.replace(/\u00a0/g, ' ').trim();
}

/**
 * What was typed can never forge a mention; only the activity's mention entities make one. A
 * zero-width space breaks a typed neutral form (`<user:…|…>`, `<group:tag:…|…>`) and an `@` typed
 * before an Entra object id, which the core would read as the console's bare mention and the card
 * would turn into a real mention of that id.
 */
function typedOnly(text: string): string {
  return breakTypedMentions(text).replace(
    /(?<=^|[\s:"“”])@(?=[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![\p{L}\p{N}._-]))/giu,
    '@\u200b',
  );
}

/**
 * Teams names have spaces, and an option value ends at a space: a mention given as a value
 * (`internal:<at>IT Team</at>`) is quoted so that the whole mention stays the value.
 */
function replaceMention(text: string, at: string, neutral: string): string {
  let out = '';
  let from = 0;
  for (let i = text.indexOf(at); i >= 0; i = text.indexOf(at, from)) {
    out += text.slice(from, i) + (text[i - 1] === ':' ? `"${neutral}"` : neutral);
    from = i + at.length;
  }
  return out + text.slice(from);
}
