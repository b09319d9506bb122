/** A destructive command waiting for its author's `confirm <code>`. */
export interface PendingConfirmation {
  code: string;
  channelId: number;
  personId: number;
  /** The command line as it was typed. */
  line: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

export interface ConfirmationRepo {
  /** Stores a new pending confirmation; false when the code is taken. */
  create(pending: Omit<PendingConfirmation, 'usedAt'>): Promise<boolean>;
  find(code: string): Promise<PendingConfirmation | null>;
  /** Marks the code used; false when it was used before. */
  markUsed(code: string, at: Date): Promise<boolean>;
  /** Forgets confirmations that expired before `before`; returns how many. */
  prune(before: Date): Promise<number>;
}
