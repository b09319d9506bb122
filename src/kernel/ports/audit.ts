import type { AuditEntry, NewAuditEntry } from '../../domain/model.js';

export interface AuditRepo {
  record(entry: NewAuditEntry): Promise<void>;
  /** The newest `limit` entries, newest first. */
  recent(channelId: number, limit: number): Promise<AuditEntry[]>;
  /** Entries with `from <= at < to`, oldest first, optionally only actions starting with `actionPrefix`. */
  between(channelId: number, from: Date, to: Date, actionPrefix?: string): Promise<AuditEntry[]>;
}
