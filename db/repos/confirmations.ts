import { and, eq, isNull, lt } from 'drizzle-orm';
import type { ConfirmationRepo, PendingConfirmation } from '../../src/kernel/ports/confirmations.js';
import { fixedLimit } from '../prepared.js';
import type { Tables } from '../sql-context.js';
import { SqlRepo } from './repo.js';

type Row = Tables['confirmations']['$inferSelect'];

function toPending(r: Row): PendingConfirmation {
  return {
    code: r.code,
    channelId: r.channelId,
    personId: r.personId,
    line: r.line,
    createdAt: new Date(r.createdAt),
    expiresAt: new Date(r.expiresAt),
    usedAt: r.usedAt === null ? null : new Date(r.usedAt),
  };
}

export class SqlConfirmationRepo extends SqlRepo implements ConfirmationRepo {
  async create(p: Omit<PendingConfirmation, 'usedAt'>): Promise<boolean> {
    const added = await this.db
      .insert(this.t.confirmations)
      .values({ ...p, createdAt: p.createdAt.getTime(), expiresAt: p.expiresAt.getTime() })
      .onConflictDoNothing()
      .returning({ code: this.t.confirmations.code });
    return added.length > 0;
  }

  async find(code: string): Promise<PendingConfirmation | null> {
    const { confirmations } = this.t;
    const [row] = await this.db.select().from(confirmations).where(eq(confirmations.code, code)).limit(fixedLimit(1));
    return row ? toPending(row) : null;
  }

  async markUsed(code: string, at: Date): Promise<boolean> {
    const { confirmations } = this.t;
    const used = await this.db
      .update(confirmations)
      .set({ usedAt: at.getTime() })
      .where(and(eq(confirmations.code, code), isNull(confirmations.usedAt)))
      .returning({ code: confirmations.code });
    return used.length > 0;
  }

  async prune(before: Date): Promise<number> {
    const { confirmations } = this.t;
    const gone = await this.db
      .delete(confirmations)
      .where(lt(confirmations.expiresAt, before.getTime()))
      .returning({ code: confirmations.code });
    return gone.length;
  }
}
