import { eq, inArray, lt } from 'drizzle-orm';
import type { DeliveryRepo } from '../../src/kernel/ports/deliveries.js';
import { fixedLimit, p, prepared } from '../prepared.js';
import { SqlRepo } from './repo.js';

/** Rows of one insert: two values each, well under either database's limit on a statement's values. */
const ROWS_PER_INSERT = 500;

export class SqlDeliveryRepo extends SqlRepo implements DeliveryRepo {
  // Both run for every platform delivery: prepared once.
  private readonly marking = prepared(this.ctx, (db, { inboundSeen }) =>
    db
      .insert(inboundSeen)
      .values({ key: p('key'), at: p('at') })
      .onConflictDoNothing()
      .returning({ key: inboundSeen.key }),
  );

  private readonly finding = prepared(this.ctx, (db, { inboundSeen }) =>
    db
      .select({ key: inboundSeen.key })
      .from(inboundSeen)
      .where(eq(inboundSeen.key, p('key')))
      .limit(fixedLimit(1)),
  );

  async markSeen(key: string, at: Date): Promise<boolean> {
    return (await this.marking({ key, at: at.getTime() })).length > 0;
  }

  async markAllSeen(deliveries: readonly { key: string; at: Date }[]): Promise<void> {
    const { inboundSeen } = this.t;
    for (let i = 0; i < deliveries.length; i += ROWS_PER_INSERT) {
      const rows = deliveries.slice(i, i + ROWS_PER_INSERT).map((d) => ({ key: d.key, at: d.at.getTime() }));
      await this.db.insert(inboundSeen).values(rows).onConflictDoNothing();
    }
  }

  async seen(key: string): Promise<boolean> {
    return (await this.finding({ key })).length > 0;
  }

  async prune(before: Date, limit: number): Promise<number> {
    const { inboundSeen } = this.t;
    const old = await this.db
      .select({ key: inboundSeen.key })
      .from(inboundSeen)
      .where(lt(inboundSeen.at, before.getTime()))
      .limit(fixedLimit(limit));
    if (old.length > 0)
      await this.db.delete(inboundSeen).where(
        inArray(
          inboundSeen.key,
          old.map((r) => r.key),
        ),
      );
    return old.length;
  }
}
