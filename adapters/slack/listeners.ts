import type { AckFn, App, BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import type { Logger } from '../../src/kernel/logger.js';
import type { Reply } from '../../src/kernel/reply.js';
import type { Inbound } from '../../src/kernel/types.js';
import type { SlackChat } from './chat.js';
import { inboundFromAction, inboundFromMention, inboundFromSlash, slashLine, stripBotMention } from './parse.js';
import { ACTION_PREFIX, renderMessages } from './render.js';
import { postToResponseUrl } from './response-url.js';
import type { UserDirectory } from './users.js';

/** What the Slack face needs of the core: the one error boundary that turns a line into a reply. */
export interface CommandHandler {
  handle(inbound: Inbound): Promise<Reply>;
  /** Runs a delivery Slack may send again only the first time; null for a repeat (see Bot.handleOnce). */
  handleOnce?(inbound: Inbound, deliveryKey: string): Promise<Reply | null>;
}

export interface ListenerDeps {
  bot: CommandHandler;
  chat: SlackChat;
  users: UserDirectory;
  log: Logger;
  botUserId: string | undefined;
  /** Slash-command shortcuts and the words each stands for (the registry's). */
  shortcuts: ReadonlyMap<string, string>;
  /** Whether a line's command needs to know if the person administers the workspace (the registry's). */
  wantsPlatformRole?: (line: string) => boolean;
  /** Whether a line is a lookup or a mistake, answered without a durable write (the registry's). */
  readsOnly?: (line: string) => boolean;
}

/** Lines longer than this are acked before they run, unread; a shorter lookup may answer in the ack. */
export const ANSWER_IN_ACK_MAX_CHARS = 2_000;

/**
 * Slash commands, mentions and button clicks; nothing here throws into Bolt, whose default handler
 * would only log it. A lookup's reply of one message that only its asker sees rides on the slash
 * command's ack when it is ready before the event loop turns (it waited on nothing); otherwise the
 * ack goes at once, within Slack's 3 seconds whatever the command does, and the reply follows through
 * the response_url. Mentions and clicks ack first and answer after (in a thread; the response_url).
 */
export function registerListeners(app: App, deps: ListenerDeps): void {
  const { bot, chat, users, log } = deps;
  // Slack delivers again what it thinks was missed (an event with X-Slack-Retry-Num, the same
  // event_id), and a proxy may repeat a request (the same trigger_id): each takes effect once.
  const run = async (inbound: Inbound, deliveryKey: string | undefined): Promise<Reply | null> => {
    // Asked of Slack before dispatch (never inside the command's transaction), and only for commands that need it.
    if (deps.wantsPlatformRole?.(inbound.text)) {
      const admin = await users.isWorkspaceAdmin(inbound.actor.userId);
      if (admin !== undefined) inbound.actor.platformAdmin = admin;
    }
    return deliveryKey && bot.handleOnce ? await bot.handleOnce(inbound, deliveryKey) : await bot.handle(inbound);
  };

  app.command(/^\/.+/, async ({ command, ack, respond }) => {
    const answer = answerer(command.response_url, respond);
    const text = command.text ?? '';
    // Only a lookup (or a mistake) may wait for its answer: a change acks first, so that neither its
    // commit nor a wait for another process's lock holds the ack. A long line is not even read here.
    const lookup =
      text.length <= ANSWER_IN_ACK_MAX_CHARS && deps.readsOnly?.(slashLine(command.command, text, deps.shortcuts));
    const reply = guard(log, 'slash command', async () => {
      const inbound = inboundFromSlash(command, deps.shortcuts, await users.labelsFor(text));
      return run(inbound, command.trigger_id ? `slack:trigger:${command.trigger_id}` : undefined);
    });
    const early = lookup ? await ifSettledThisTurn(reply) : NOT_YET;
    if (early !== NOT_YET) {
      // Ready before the event loop turns (it waited on nothing): one message for the asker alone rides
      // on the ack, one exchange instead of two. An answer in the channel goes through the response_url
      // (in an immediate in_channel response Slack shares the typed command too), and so do several
      // messages, whose order only one path keeps.
      const messages = early ? responses(early) : [];
      const rides = early?.visibility !== 'channel' && messages.length === 1;
      const inAck = (await acked(log, ack, rides ? messages[0] : undefined)) && rides;
      await guard(log, 'slash command', () => sendAll(answer, inAck ? [] : messages));
      return;
    }
    await acked(log, ack);
    // The command runs whether or not the ack went out (Socket Mode reconnecting): its answer still goes.
    const late = await reply;
    if (late) await guard(log, 'slash command', () => sendAll(answer, responses(late)));
  });

  app.event('app_mention', async ({ event, body }) => {
    await guard(log, 'app_mention', async () => {
      // Another bot mentioning Tandem could start a reply loop.
      if (!event.user || 'bot_id' in event) return;
      const eventId = (body as { event_id?: string }).event_id;
      const user = event.user;
      const [name, labelOf] = await Promise.all([
        users.nameOf(user),
        users.labelsFor(stripBotMention(event.text, deps.botUserId)),
      ]);
      const { user_team, team } = event as { user_team?: string; team?: string };
      const inbound = inboundFromMention(
        {
          user,
          text: event.text,
          channel: event.channel,
          ...(user_team ? { user_team } : {}),
          ...(team ? { team } : {}),
        },
        deps.botUserId,
        name ?? user,
        labelOf,
      );
      const reply = await run(inbound, eventId ? `slack:event:${eventId}` : undefined);
      if (!reply) return;
      // Answered in a thread under the question, so the answer stays with it and the channel stays readable.
      await chat.postInThread(inbound.conversation, event.thread_ts ?? event.ts, reply);
    });
  });

  app.action<BlockAction>(
    { type: 'block_actions', action_id: new RegExp(`^${ACTION_PREFIX.replace(/\./g, '\\.')}`) },
    async ({ ack, body, action, respond }) => {
      await ack();
      await guard(log, 'button click', async () => {
        const value = action.type === 'button' ? ((action as ButtonAction).value ?? '') : '';
        const inbound = inboundFromAction(body, value);
        if (!inbound) return;
        // Each click has its own trigger_id: a double click runs twice, and the second is refused by the
        // escalation's state ("already acknowledged"); only a repeated delivery of one click is dropped.
        const reply = await run(inbound, body.trigger_id ? `slack:trigger:${body.trigger_id}` : undefined);
        // The card itself is updated by the core through the outbox (chat.update); this answers the clicker.
        if (reply) await sendAll(answerer(body.response_url, respond), responses(reply));
      });
    },
  );

  app.error(async (err) => {
    log.error({ err }, 'Slack listener failed');
  });
}

/** A message answering a slash command or a click, in an ack or posted to a response_url. */
type ResponseMessage = Parameters<RespondFn>[0] & object;
/** How a reply reaches the response_url: posted by Tandem when the payload names one, else Bolt's `respond`. */
type Answer = (message: ResponseMessage) => Promise<unknown>;

function answerer(responseUrl: string | undefined, respond: RespondFn): Answer {
  return responseUrl ? (message) => postToResponseUrl(responseUrl, message) : respond;
}

/** A reply as Slack's message responses (to an ack or a response_url): ephemeral or in the channel, as it says. */
function responses(reply: Reply): ResponseMessage[] {
  const response_type = reply.visibility === 'channel' ? 'in_channel' : 'ephemeral';
  return renderMessages(reply).map((m) => ({
    response_type,
    text: m.text,
    ...(m.blocks.length ? { blocks: m.blocks } : {}),
  }));
}

/** Posts the messages through the response_url, one after another, in order, each a new message. */
async function sendAll(answer: Answer, messages: readonly ResponseMessage[]): Promise<void> {
  for (const m of messages) await answer({ ...m, replace_original: false });
}

/** What a promise settled to if it settled before the event loop's next turn (it waited on nothing), else NOT_YET. */
const NOT_YET = Symbol('not yet');
function ifSettledThisTurn<T>(work: Promise<T>): Promise<T | typeof NOT_YET> {
  let turn: NodeJS.Immediate | undefined;
  const nextTurn = new Promise<typeof NOT_YET>((resolve) => {
    turn = setImmediate(resolve, NOT_YET);
  });
  return Promise.race([work, nextTurn]).finally(() => clearImmediate(turn));
}

/** Acknowledges, with a message or none; false (logged) when the ack could not be sent. */
async function acked(log: Logger, ack: AckFn<ResponseMessage>, message?: ResponseMessage): Promise<boolean> {
  try {
    await ack(message);
    return true;
  } catch (err) {
    log.warn({ err }, 'Slack slash command could not be acknowledged');
    return false;
  }
}

/** Runs `work`, logging what it throws instead of passing it to Bolt (whose handler would only log it). */
async function guard<T>(log: Logger, what: string, work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (err) {
    log.error({ err }, `Slack ${what} could not be answered`);
    return undefined;
  }
}
