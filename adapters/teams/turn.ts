import { type Activity, ActivityTypes, type TurnContext } from 'botbuilder';
import type { Bot } from '../../src/kernel/bot.js';
import type { Clock } from '../../src/kernel/clock.js';
import type { Logger } from '../../src/kernel/logger.js';
import type { Store } from '../../src/kernel/ports/store.js';
import { context, ephemeral, header, paragraph, prose, type Reply } from '../../src/kernel/reply.js';
import { conversationOf, submittedCommand, toInbound } from './parse.js';
import { referenceOf } from './reference.js';
import { renderCards, toActivity } from './render.js';

export interface TurnDeps {
  bot: Bot;
  store: Store;
  clock: Clock;
  log: Logger;
  /** Who belongs to which tenant, asked of the connector before dispatch. */
  members?: { orgOf(ctx: TurnContext): Promise<string | undefined> };
}

/** What Tandem does with each activity Teams sends: keep the conversation reference, then answer. */
export function createTurnHandler(deps: TurnDeps): (ctx: TurnContext) => Promise<void> {
  return async (ctx) => {
    const activity = ctx.activity;
    if (!activity.conversation?.id) return;
    if (botLeft(activity)) {
      await forget(deps, activity);
      return;
    }
    await remember(deps, activity);
    if (activity.type === ActivityTypes.ConversationUpdate && botJoined(activity)) {
      await send(ctx, await welcome(deps, activity));
      return;
    }
    const inbound = toInbound(activity);
    if (!inbound) return;
    const orgId = await deps.members?.orgOf(ctx);
    if (orgId) inbound.actor.orgId = orgId;
    // Teams delivers an activity again when it thinks the first delivery failed (the same id): it takes effect once.
    const reply = activity.id
      ? await deps.bot.handleOnce(inbound, `teams:${activity.conversation.id}:${activity.id}`)
      : await deps.bot.handle(inbound);
    if (!reply) return;
    // A button's public answer is the card's new state: it replaces the card that was clicked.
    if (submittedCommand(activity) !== null && reply.visibility === 'channel' && activity.replyToId) {
      const [card] = renderCards(reply, { single: true });
      await ctx.updateActivity({ ...toActivity(card!), id: activity.replyToId });
      return;
    }
    await send(ctx, reply);
  };
}

async function send(ctx: TurnContext, reply: Reply): Promise<void> {
  for (const card of renderCards(reply)) await ctx.sendActivity(toActivity(card));
}

function botJoined(a: Activity): boolean {
  return !!a.membersAdded?.some((m) => m.id === a.recipient?.id);
}

function botLeft(a: Activity): boolean {
  if (a.type === ActivityTypes.ConversationUpdate) return !!a.membersRemoved?.some((m) => m.id === a.recipient?.id);
  return a.type === ActivityTypes.InstallationUpdate && typeof a.action === 'string' && a.action.startsWith('remove');
}

/** Every activity refreshes the reference: the serviceUrl of a conversation can change. */
async function remember({ store, clock, log }: TurnDeps, activity: Activity): Promise<void> {
  const reference = referenceOf(activity);
  if (!reference) return;
  const conversation = conversationOf(activity);
  try {
    if (await store.conversations.save(conversation, reference, clock.now()))
      log.info({ conversation: conversation.channelId }, 'stored the Teams conversation reference');
  } catch (err) {
    // Answering matters more than the refresh; the next activity tries again.
    log.warn(
      { err: describeError(err), conversation: conversation.channelId },
      'could not store the Teams conversation reference',
    );
  }
}

async function forget({ store, log }: TurnDeps, activity: Activity): Promise<void> {
  const conversation = conversationOf(activity);
  try {
    if (await store.conversations.remove(conversation))
      log.info({ conversation: conversation.channelId }, 'Tandem was removed; forgot the Teams conversation reference');
  } catch (err) {
    log.warn(
      { err: describeError(err), conversation: conversation.channelId },
      'could not forget the Teams conversation reference',
    );
  }
}

async function welcome({ store }: TurnDeps, activity: Activity): Promise<Reply> {
  const channel = await store.channels.find(conversationOf(activity));
  const start = channel
    ? `This conversation is already set up for ${channel.orgName} and ${channel.mspName}.`
    : 'A manager starts with `@Tandem setup org:<your organisation> msp:<your MSP> tz:<IANA zone>`, for example ' +
      '`@Tandem setup org:Acme msp:Northwind tz:America/New_York`.';
  return ephemeral(
    header('Tandem is here'),
    paragraph(
      ...prose(
        'I keep the internal IT team and the MSP in step: who owns what, escalation handoffs, the morning handoff ' +
          'and sync reminders.',
      ),
    ),
    paragraph(...prose(start)),
    context(...prose('`@Tandem help` lists every command.')),
  );
}

/** An error as safe log fields: connector errors carry the request, and with it the bot's token. */
export function describeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err).slice(0, 300) };
  const statusCode = (err as { statusCode?: unknown }).statusCode;
  const code = (err as { code?: unknown }).code;
  return {
    name: err.name,
    message: err.message.slice(0, 300),
    ...(typeof statusCode === 'number' ? { statusCode } : {}),
    ...(typeof code === 'string' ? { code } : {}),
    ...(err.stack ? { stack: err.stack.split('\n').slice(0, 6).join('\n') } : {}),
  };
}
