/**
 * The name of a face Tandem speaks through (`slack`, `teams`, `console`…): faces are plugins, listed in
 * adapters/faces.ts.
 */
export type Platform = string;

/** Where a message goes: a channel or conversation on one platform. */
export interface ConversationRef {
  platform: Platform;
  /** The platform's id of the channel or conversation. */
  channelId: string;
}

/** Who sent a command. */
export interface Actor {
  platform: Platform;
  /** The platform's id of the user. */
  userId: string;
  name: string;
}

/** One inbound line of text addressed to Tandem, already stripped of the bot mention. */
export interface Inbound {
  conversation: ConversationRef;
  actor: Actor;
  text: string;
}

/** Where a channel's posts go. */
export function conversationOf(channel: { platform: Platform; externalId: string }): ConversationRef {
  return { platform: channel.platform, channelId: channel.externalId };
}
