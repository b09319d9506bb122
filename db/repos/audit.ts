import { and, asc, desc, eq, gte, like, lt } from 'drizzle-orm';
import type { AuditEntry, NewAuditEntry } from '../../src/domain/model.js';
import type { AuditRepo } from '../../src/kernel/ports/audit.js';
import type { Tables } from '../sql-context.js';
import { SqlRepo } from './repo.js';

type Row = Tables['auditLog']['$inferSelect'];
const toEntry = (r: Row): AuditEntry => ({ ...r, at: new Date(r.at) });

export class SqlAuditRepo extends SqlRepo implements AuditRepo {
  async record(entry: NewAuditEntry): Promise<void> {
    await this.db
      .insert(this.t.auditLog)
      .values({ ...entry, at: entry.at.getTime(), before: entry.before ?? null, after: entry.after ?? null });
  }

  async recent(channelId: number, limit: number): Promise<AuditEntry[]> {
    const { auditLog } = this.t;
    const rows = await this.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.channelId, channelId))
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(limit);
    return rows.map(toEntry);
  }

  async between(channelId: number, from: Date, to: Date, actionPrefix?: string): Promise<AuditEntry[]> {
    const { auditLog } = this.t;
    const conds = [eq(auditLog.channelId, channelId), gte(auditLog.at, from.getTime()), lt(auditLog.at, to.getTime())];
    if (actionPrefix) conds.push(like(auditLog.action, `${actionPrefix}%`));
    const rows = await this.db
      .select()
      .from(auditLog)
      .where(and(...conds))
      .orderBy(asc(auditLog.at), asc(auditLog.id));
    return rows.map(toEntry);
  }
}
