/** Uses of the commands that post to their channel, counted for the posting limits. */
export interface CommandUseRepo {
  record(channelId: number, actorId: number, at: Date): Promise<void>;
  /**
   * When the most recent uses at or after `since` happened, newest first, at most `limit` of them:
   * one person's (`actorId`), or everyone's in the channel (`null`).
   */
  recent(channelId: number, actorId: number | null, since: Date, limit: number): Promise<Date[]>;
  /** Forgets up to `limit` uses made before `before`; returns how many. */
  prune(before: Date, limit: number): Promise<number>;
}
