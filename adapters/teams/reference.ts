import type { Activity, ConversationReference } from 'botbuilder';
import * as z from 'zod';
import { baseConversationId } from './parse.js';

/**
 * What Tandem keeps of a Teams conversation to post into it later: where the connector is and
 * which conversation, as the bot. Nothing about the person who spoke.
 */
const storedReference = z.object({
  channelId: z.string().min(1),
  serviceUrl: z.url({ protocol: /^https?$/ }),
  conversation: z.object({
    id: z.string().min(1),
    conversationType: z.string().optional(),
    tenantId: z.string().optional(),
    isGroup: z.boolean().optional(),
  }),
  bot: z.object({ id: z.string().min(1), name: z.string().optional() }),
});

export type StoredReference = z.infer<typeof storedReference>;

/** The reference to store for the conversation an activity came from; null when the activity lacks one. */
export function referenceOf(activity: Partial<Activity>): StoredReference | null {
  const { conversation, recipient, serviceUrl, channelId } = activity;
  if (!conversation?.id || !recipient?.id || !serviceUrl || !channelId) return null;
  const ref = {
    channelId,
    serviceUrl,
    conversation: {
      // The channel itself, not the thread: posts start new threads.
      id: baseConversationId(conversation.id),
      ...(conversation.conversationType ? { conversationType: conversation.conversationType } : {}),
      ...(conversation.tenantId ? { tenantId: conversation.tenantId } : {}),
      ...(conversation.isGroup !== undefined ? { isGroup: conversation.isGroup } : {}),
    },
    bot: { id: recipient.id, ...(recipient.name ? { name: recipient.name } : {}) },
  };
  const parsed = storedReference.safeParse(ref);
  return parsed.success ? parsed.data : null;
}

/** A stored reference as botbuilder wants it; null when what was stored is not one. */
export function toConversationReference(stored: unknown): Partial<ConversationReference> | null {
  const parsed = storedReference.safeParse(stored);
  if (!parsed.success) return null;
  const r = parsed.data;
  // botbuilder's types ask for fields Teams does not need (a conversation name); they stay absent.
  return {
    channelId: r.channelId,
    serviceUrl: r.serviceUrl,
    conversation: r.conversation as ConversationReference['conversation'],
    bot: r.bot as ConversationReference['bot'],
  };
}
