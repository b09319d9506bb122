import { and, asc, desc, eq, gte, isNotNull, like, lt, sql } from 'drizzle-orm';
import type { AuditEntry, MatrixVersion, NewAuditEntry, RefusalSummary } from '../../src/domain/model.js';
import type { AuditRepo } from '../../src/kernel/ports/audit.js';
import { fixedLimit } from '../prepared.js';
import type { Tables } from '../sql-context.js';
import { SqlRepo } from './repo.js';

type Row = Tables['auditLog']['$inferSelect'];
const toEntry = ({ matrix: _m, ...r }: Row): AuditEntry => ({ ...r, at: new Date(r.at) });

/** Refusals are collapsed from at most this many of the newest refusal rows (rate limiting keeps them few). */
const REFUSAL_ROWS_READ = 2000;

export class SqlAuditRepo extends SqlRepo implements AuditRepo {
  async record(entry: NewAuditEntry): Promise<number> {
    const [row] = await this.db
      .insert(this.t.auditLog)
      .values({
        ...entry,
        at: entry.at.getTime(),
        before: entry.before ?? null,
        after: entry.after ?? null,
        matrix: entry.matrix ?? null,
      })
      .returning({ id: this.t.auditLog.id });
    return row!.id;
  }

  async recent(channelId: number, limit: number): Promise<AuditEntry[]> {
    return this.newest(eq(this.t.auditLog.channelId, channelId), limit);
  }

  async changes(channelId: number, limit: number): Promise<AuditEntry[]> {
    const { auditLog } = this.t;
    return this.newest(and(eq(auditLog.channelId, channelId), eq(auditLog.outcome, 'ok')), limit);
  }

  async refusals(channelId: number, limit: number): Promise<RefusalSummary[]> {
    const { auditLog } = this.t;
    const rows = await this.newest(
      and(eq(auditLog.channelId, channelId), eq(auditLog.outcome, 'refused')),
      REFUSAL_ROWS_READ,
    );
    const byKey = new Map<string, RefusalSummary>();
    for (const r of rows) {
      const key = `${r.actorId ?? r.actorName}\u0000${r.action}`;
      const seen = byKey.get(key);
      if (seen) {
        seen.count += r.count;
        seen.firstAt = r.at;
        continue;
      }
      if (byKey.size >= limit) continue;
      const reason = (r.after as { refused?: unknown } | null)?.refused;
      byKey.set(key, {
        actorName: r.actorName,
        action: r.action,
        count: r.count,
        firstAt: r.at,
        lastAt: r.at,
        reason: typeof reason === 'string' ? reason : '',
      });
    }
    return [...byKey.values()];
  }

  async refusalRowsSince(channelId: number, actorId: number, since: Date): Promise<number> {
    const { auditLog } = this.t;
    const [row] = await this.db
      .select({ n: sql<number>`count(*)` })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.channelId, channelId),
          eq(auditLog.actorId, actorId),
          gte(auditLog.at, since.getTime()),
          eq(auditLog.outcome, 'refused'),
        ),
      );
    return Number(row?.n ?? 0);
  }

  async countAgain(channelId: number, actorId: number, at: Date): Promise<boolean> {
    const { auditLog } = this.t;
    const [latest] = await this.db
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(and(eq(auditLog.channelId, channelId), eq(auditLog.actorId, actorId), eq(auditLog.outcome, 'refused')))
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(fixedLimit(1));
    if (!latest) return false;
    await this.db
      .update(auditLog)
      .set({ count: sql`${auditLog.count} + 1`, at: at.getTime() })
      .where(eq(auditLog.id, latest.id));
    return true;
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

  async matrixVersions(channelId: number): Promise<MatrixVersion[]> {
    const { auditLog } = this.t;
    const rows = await this.db
      .select({ at: auditLog.at, actorName: auditLog.actorName, action: auditLog.action, subject: auditLog.subject })
      .from(auditLog)
      .where(and(eq(auditLog.channelId, channelId), isNotNull(auditLog.matrix)))
      .orderBy(asc(auditLog.id));
    return rows.map((r, i) => ({ ...r, n: i + 1, at: new Date(r.at) }));
  }

  async matrixVersion(channelId: number, n: number): Promise<{ version: MatrixVersion; csv: string } | null> {
    if (!Number.isInteger(n) || n < 1) return null;
    const { auditLog } = this.t;
    const [row] = await this.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.channelId, channelId), isNotNull(auditLog.matrix)))
      .orderBy(asc(auditLog.id))
      .limit(fixedLimit(1))
      .offset(n - 1);
    if (!row?.matrix) return null;
    const { at, actorName, action, subject } = row;
    return { version: { n, at: new Date(at), actorName, action, subject }, csv: row.matrix };
  }

  private async newest(where: ReturnType<typeof and>, limit: number): Promise<AuditEntry[]> {
    const { auditLog } = this.t;
    const rows = await this.db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(fixedLimit(limit));
    return rows.map(toEntry);
  }
}
