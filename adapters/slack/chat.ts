import { createHash } from 'node:crypto';
import { type ChatPostMessageArguments, ErrorCode, type WebClient } from '@slack/web-api';
import { PermanentDeliveryError, RateLimited } from '../../src/kernel/errors.js';
import type { Logger } from '../../src/kernel/logger.js';
import type { ChatAdapter, PostedMessage, ThreadTarget } from '../../src/kernel/ports/chat.js';
import type { Reply } from '../../src/kernel/reply.js';
import type { ConversationRef } from '../../src/kernel/types.js';
import { renderMessages, type SlackMessage } from './render.js';

/** Slack errors that a later retry may get past; every other `ok: false` is permanent. */
const TRANSIENT = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'timeout']);

const HINTS: Record<string, string> = {
  not_in_channel: ' Invite the app to the channel (/invite @Tandem).',
  channel_not_found: ' The channel is gone, or it is private and the app was not invited (/invite @Tandem).',
  invalid_auth: ' SLACK_BOT_TOKEN is wrong or was revoked.',
  token_revoked: ' SLACK_BOT_TOKEN was revoked; reinstall the app.',
  missing_scope: ' The app lacks a scope; recreate it from manifest.json and reinstall.',
  is_archived: ' The channel is archived.',
};

/** A Slack Web API failure as the outbox understands it: RateLimited, permanent, or (as is) transient. */
export function toDeliveryError(err: unknown, method: string): unknown {
  const e = err as {
    code?: string;
    retryAfter?: number;
    data?: { error?: string };
    statusCode?: number;
    headers?: Record<string, string>;
  };
  if (e?.code === ErrorCode.RateLimitedError)
    return new RateLimited(Math.max(1, e.retryAfter ?? 1) * 1000, { cause: err });
  if (e?.code === ErrorCode.PlatformError) {
    const code = e.data?.error ?? 'unknown_error';
    if (code === 'ratelimited') return new RateLimited(1000, { cause: err });
    if (TRANSIENT.has(code)) return err;
    return new PermanentDeliveryError(`Slack refused ${method}: ${code}.${HINTS[code] ?? ''}`, { cause: err });
  }
  if (e?.code === ErrorCode.HTTPError) {
    const status = e.statusCode ?? 0;
    if (status === 429)
      return new RateLimited(Math.max(1, Number(e.headers?.['retry-after']) || 1) * 1000, { cause: err });
    if (status >= 500 || status === 408) return err;
    return new PermanentDeliveryError(`Slack answered ${method} with HTTP ${status}.`, { cause: err });
  }
  return err;
}

/** How a message is posted: plain text never re-parsed into mentions or links. */
const postArgs = (channel: string, m: SlackMessage) => ({
  channel,
  text: m.text,
  ...(m.blocks.length ? { blocks: m.blocks } : {}),
  unfurl_links: false,
  unfurl_media: false,
  link_names: false,
  parse: 'none' as const,
});

/**
 * The Slack face's outgoing messages. A reply too long for one message posts as several, in order;
 * their timestamps, comma-separated, are the platform message id that `update` later edits.
 */
export class SlackChat implements ChatAdapter {
  readonly platform = 'slack' as const;
  /** Slack allows about one message a second to a channel. */
  readonly pacingMs = 1_000;
  /** Parts already posted of a multi-message post that failed midway, so a retry resumes instead of doubling. */
  readonly #partial = new Map<string, string[]>();

  constructor(
    private readonly client: WebClient,
    private readonly log: Logger,
  ) {}

  /** A new message, or a reply in the thread of one posted before (its first part's ts is the thread's). */
  async post(conversation: ConversationRef, reply: Reply, thread?: ThreadTarget): Promise<PostedMessage> {
    const threadTs = thread?.platformMessageId.split(',')[0] || undefined;
    const ts = await this.#postAll(this.#channel(conversation), renderMessages(reply), threadTs, thread?.broadcast);
    return { platformMessageId: ts.join(',') };
  }

  /** Posts in a thread (the answer to a mention); not part of the ChatAdapter port. */
  async postInThread(conversation: ConversationRef, threadTs: string, reply: Reply): Promise<PostedMessage> {
    const ts = await this.#postAll(this.#channel(conversation), renderMessages(reply), threadTs);
    return { platformMessageId: ts.join(',') };
  }

  async update(conversation: ConversationRef, platformMessageId: string, reply: Reply): Promise<void> {
    const channel = this.#channel(conversation);
    const parts = platformMessageId.split(',').filter(Boolean);
    if (parts.length === 0) throw new PermanentDeliveryError(`no Slack message to update (id "${platformMessageId}")`);
    // The message keeps its parts: the new content is fitted into as many messages as were posted.
    const messages = renderMessages(reply, parts.length);
    for (const [i, ts] of parts.entries()) {
      const m = messages[i];
      try {
        // blocks: [] on purpose when the new content is text only, so old blocks do not linger.
        if (m)
          await this.client.chat.update({
            channel,
            ts,
            text: m.text,
            blocks: m.blocks,
            link_names: false,
            parse: 'none',
          });
        else await this.client.chat.delete({ channel, ts });
      } catch (err) {
        if (!m && (err as { data?: { error?: string } }).data?.error === 'message_not_found') continue;
        throw toDeliveryError(err, m ? 'chat.update' : 'chat.delete');
      }
    }
  }

  #channel(conversation: ConversationRef): string {
    if (conversation.platform !== 'slack')
      throw new PermanentDeliveryError(`the Slack face cannot post to a ${conversation.platform} conversation`);
    return conversation.channelId;
  }

  async #postAll(channel: string, messages: SlackMessage[], threadTs?: string, broadcast = false): Promise<string[]> {
    const key =
      messages.length > 1
        ? `${channel}:${threadTs ?? ''}:${createHash('sha256').update(JSON.stringify(messages)).digest('hex')}`
        : null;
    const done = (key && this.#partial.get(key)) || [];
    for (let i = done.length; i < messages.length; i++) {
      try {
        const thread = threadTs
          ? { thread_ts: threadTs, ...(broadcast && i === 0 ? { reply_broadcast: true } : {}) }
          : {};
        const res = await this.client.chat.postMessage({
          ...postArgs(channel, messages[i]!),
          ...thread,
        } as ChatPostMessageArguments);
        if (!res.ts) throw new PermanentDeliveryError('Slack accepted chat.postMessage but returned no message ts');
        done.push(res.ts);
      } catch (err) {
        if (key && done.length) {
          this.#partial.set(key, done);
          if (this.#partial.size > 100) this.#partial.delete(this.#partial.keys().next().value!);
        }
        this.log.warn(
          { channel, part: i + 1, of: messages.length, err: (err as Error).message },
          'chat.postMessage failed',
        );
        throw toDeliveryError(err, 'chat.postMessage');
      }
    }
    if (key) this.#partial.delete(key);
    return done;
  }
}
