/** The secret that signs a channel's page links; replacing it revokes every link given out before. */
export interface PageKey {
  channelId: number;
  secret: string;
  createdAt: Date;
}

export interface PageKeyRepo {
  get(channelId: number): Promise<PageKey | null>;
  /** Stores `secret` as the channel's key, replacing any earlier one. */
  put(key: PageKey): Promise<void>;
}
