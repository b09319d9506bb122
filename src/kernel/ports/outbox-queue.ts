import type { Reply } from '../reply.js';
import type { ConversationRef, Platform } from '../types.js';

export type OutboxState = 'pending' | 'sending' | 'sent' | 'failed';

/** One outgoing post or update as the outbox holds it. */
export interface OutboxEntry {
  id: number;
  idempotencyKey: string;
  conversation: ConversationRef;
  op: 'post' | 'update';
  messageKey: string | null;
  /** A post in the thread of the message posted under this key; null for a top-level post. */
  replyTo: string | null;
  /** A thread reply also shown in the channel. */
  broadcast: boolean;
  reply: Reply;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

/** A claimed entry, ready to deliver; an update carries the platform id of the message it replaces. */
export interface Delivery extends OutboxEntry {
  targetMessageId: string | null;
  /** For a thread reply, the platform id of the message it replies to. */
  threadMessageId: string | null;
}

/** The sender's rules that decide which rows may be claimed now. */
export interface SendRules {
  /** The platforms this process has a face for; rows of other platforms are left to others. */
  platforms: readonly Platform[];
  /** Minimum time between two messages to one conversation on this platform (pacing). */
  minIntervalMs(platform: Platform): number;
  /** How long an update may wait for its post to be delivered before it fails. */
  maxWaitForPostMs: number;
}

export interface OutboxBacklog {
  /** Posts and updates not delivered yet (pending or being sent). */
  waiting: number;
  oldest: Date | null;
  failed: number;
}

/**
 * The sender's side of the outbox. Claims are leased, so two processes never send one row, and
 * at most one row per conversation is in flight at a time.
 */
export interface OutboxQueue {
  /**
   * Leases up to `limit` rows that may be sent now, at most one per conversation, taking the
   * conversations round-robin (the one served longest ago first) so that one conversation's backlog
   * never holds back another's: each conversation's earliest due row, not paced out, no other row of
   * the conversation in flight; an update only once its post was delivered and older updates of the
   * same message are done. Updates whose post failed, or that waited longer than
   * `maxWaitForPostMs`, are failed here. Call inside an immediate transaction.
   */
  claimSendable(now: Date, owner: string, leaseUntil: Date, rules: SendRules, limit: number): Promise<Delivery[]>;
  /** Records a delivery; a post under a messageKey remembers the platform's message id. False if the lease was lost. */
  markSent(id: number, owner: string, now: Date, platformMessageId: string | null): Promise<boolean>;
  /** Back to pending, not before `at`. */
  retryLater(id: number, owner: string, at: Date, error: string): Promise<boolean>;
  /** Nothing more to the conversation before `until` (the platform said Retry-After). */
  holdConversation(conversation: ConversationRef, until: Date): Promise<void>;
  markFailed(id: number, owner: string, error: string): Promise<boolean>;
  /** Gives back every row `owner` is sending (graceful shutdown); returns how many. */
  release(owner: string): Promise<number>;
  /** The earliest instant after `now` at which some row may become sendable under `rules`. */
  nextWakeAt(now: Date, rules: SendRules): Promise<Date | null>;
  backlog(conversation: ConversationRef): Promise<OutboxBacklog>;
  /** Failed rows of a conversation, newest first. */
  failed(conversation: ConversationRef, limit: number): Promise<OutboxEntry[]>;
  /**
   * Forgets up to `limit` rows sent or failed before `before`, and conversations that have had
   * nothing to send since; returns how many rows.
   */
  pruneSent(before: Date, limit: number): Promise<number>;
}
