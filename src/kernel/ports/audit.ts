import type { AuditEntry, MatrixVersion, NewAuditEntry, RefusalSummary } from '../../domain/model.js';

export interface AuditRepo {
  /** Writes the entry; returns its id. */
  record(entry: NewAuditEntry): Promise<number>;
  /** The newest `limit` entries, changes and refusals alike, newest first. */
  recent(channelId: number, limit: number): Promise<AuditEntry[]>;
  /** The newest `limit` changes (refusals left out), newest first. */
  changes(channelId: number, limit: number): Promise<AuditEntry[]>;
  /** Refusals collapsed per person and command, the most recent first. */
  refusals(channelId: number, limit: number): Promise<RefusalSummary[]>;
  /** How many refusal rows the person has in the channel since `since`. */
  refusalRowsSince(channelId: number, actorId: number, since: Date): Promise<number>;
  /** Adds one to the count of the person's latest refusal row, now stamped `at`; false when there is none. */
  countAgain(channelId: number, actorId: number, at: Date): Promise<boolean>;
  /** Entries with `from <= at < to`, oldest first, optionally only actions starting with `actionPrefix`. */
  between(channelId: number, from: Date, to: Date, actionPrefix?: string): Promise<AuditEntry[]>;
  /** Every recorded version of the matrix, oldest (1) first. */
  matrixVersions(channelId: number): Promise<MatrixVersion[]>;
  /** Version `n` of the matrix as CSV, or null when there is none by that number. */
  matrixVersion(channelId: number, n: number): Promise<{ version: MatrixVersion; csv: string } | null>;
}
