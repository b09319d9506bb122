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
  /**
   * The organisation the platform says the user belongs to: a Slack user's home workspace (team id),
   * a Teams user's tenant. Absent when the face cannot tell.
   */
  orgId?: string;
  /**
   * The platform says the user administers it (a Slack workspace owner or admin, a Teams team owner).
   * Set by faces only for commands that ask for it (`platformRole`); absent when unknown.
   */
  platformAdmin?: boolean;
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
