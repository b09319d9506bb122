import type { CloudAdapter, TurnContext } from 'botbuilder';
import { PermanentDeliveryError } from '../../src/kernel/errors.js';
import type { ChatAdapter, PostedMessage, ThreadTarget } from '../../src/kernel/ports/chat.js';
import type { ConversationRepo } from '../../src/kernel/ports/conversations.js';
import type { Reply } from '../../src/kernel/reply.js';
import type { ConversationRef } from '../../src/kernel/types.js';
import { toDeliveryError } from './delivery-errors.js';
import { toConversationReference } from './reference.js';
import { renderCards, toActivity } from './render.js';

/**
 * Posts and updates outside a turn (scheduled posts, outbox deliveries): proactive messages to the
 * conversation reference stored when Tandem was added or last spoken to there. Failures surface as
 * RateLimited or PermanentDeliveryError for the outbox to act on; nothing here retries.
 */
export class TeamsChat implements ChatAdapter {
  readonly platform = 'teams' as const;
  /** Teams allows about seven messages a second to a conversation. */
  readonly pacingMs = Math.ceil(1_000 / 7);

  /** `adapter` must rethrow turn errors (see index.ts), so that a failed send rejects here. */
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly conversations: ConversationRepo,
  ) {}

  /**
   * Posts the reply as a new message (a new thread in a channel), or with `thread` as a reply in the
   * thread of a message posted before: the channel thread's conversation id is
   * `<channel conversation id>;messageid=<id of the thread's first message>`. Several messages when it
   * is too large for one.
   */
  async post(conversation: ConversationRef, reply: Reply, thread?: ThreadTarget): Promise<PostedMessage> {
    const base = await this.reference(conversation);
    const reference = thread
      ? {
          ...base,
          conversation: { ...base.conversation!, id: `${base.conversation!.id};messageid=${thread.platformMessageId}` },
        }
      : base;
    const cards = renderCards(reply);
    let first: string | undefined;
    try {
      await this.adapter.continueConversationAsync(this.appId, reference, async (ctx) => {
        startNewThread(ctx);
        for (const card of cards) {
          const sent = await ctx.sendActivity(toActivity(card));
          first ??= sent?.id;
        }
      });
    } catch (err) {
      throw toDeliveryError(err, 'the post');
    }
    if (!first) throw new Error('Teams accepted the post but returned no message id');
    return { platformMessageId: first };
  }

  /** Replaces a message posted earlier with the reply, cut to one card if need be. */
  async update(conversation: ConversationRef, platformMessageId: string, reply: Reply): Promise<void> {
    const reference = await this.reference(conversation);
    const [card] = renderCards(reply, { single: true });
    try {
      await this.adapter.continueConversationAsync(this.appId, reference, async (ctx) => {
        await ctx.updateActivity({ ...toActivity(card!), id: platformMessageId });
      });
    } catch (err) {
      throw toDeliveryError(err, 'the update');
    }
  }

  private async reference(conversation: ConversationRef) {
    const stored = conversation.platform === 'teams' ? await this.conversations.find(conversation) : null;
    const reference = stored ? toConversationReference(stored.reference) : null;
    if (!reference) {
      throw new PermanentDeliveryError(
        `Tandem has no Teams conversation reference for ${conversation.channelId}: add the Tandem app to that team ` +
          `or chat again, or mention @Tandem there once.`,
      );
    }
    return reference;
  }
}

/**
 * A proactive turn replies to its own made-up event id; Teams would take the post for a reply to it.
 * Without a replyToId the connector's "send to conversation" starts a new message (a new channel thread).
 */
function startNewThread(ctx: TurnContext): void {
  ctx.onSendActivities(async (_ctx, activities, next) => {
    for (const a of activities) delete a.replyToId;
    return next();
  });
}
