import { and, asc, desc, eq, gte, like, lt } from 'drizzle-orm';
import type { AuditEntry, NewAuditEntry } from '../../src/domain/model.js';
import type { AuditRepo } from '../../src/kernel/ports/audit.js';
import type { Db } from '../client.js';
import { auditLog } from '../schema.js';

type Row = typeof auditLog.$inferSelect;
const toEntry = (r: Row): AuditEntry => ({ ...r, at: new Date(r.at) });

export class SqliteAuditRepo implements AuditRepo {
  constructor(private readonly db: Db) {}

  record(entry: NewAuditEntry): void {
    this.db
      .insert(auditLog)
      .values({ ...entry, at: entry.at.getTime(), before: entry.before ?? null, after: entry.after ?? null })
      .run();
  }

  recent(channelId: number, limit: number): AuditEntry[] {
    return this.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.channelId, channelId))
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(limit)
      .all()
      .map(toEntry);
  }

  between(channelId: number, from: Date, to: Date, actionPrefix?: string): AuditEntry[] {
    const conds = [eq(auditLog.channelId, channelId), gte(auditLog.at, from.getTime()), lt(auditLog.at, to.getTime())];
    if (actionPrefix) conds.push(like(auditLog.action, `${actionPrefix}%`));
    return this.db
      .select()
      .from(auditLog)
      .where(and(...conds))
      .orderBy(asc(auditLog.at), asc(auditLog.id))
      .all()
      .map(toEntry);
  }
}
