/** The faces Tandem speaks through. */
export type Platform = 'console' | 'slack' | 'teams';

/** Which side of the co-managed split owns something. */
export type Owner = 'internal' | 'msp' | 'shared';
export const OWNERS: readonly Owner[] = ['internal', 'msp', 'shared'];

/** A person or group as the core knows it: a platform id and a label for display. */
export interface Mention {
  kind: 'user' | 'group';
  id: string;
  label: string;
}

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
