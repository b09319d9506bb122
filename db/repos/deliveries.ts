import { eq, inArray, lt } from 'drizzle-orm';
import type { DeliveryRepo } from '../../src/kernel/ports/deliveries.js';
import { SqlRepo } from './repo.js';

export class SqlDeliveryRepo extends SqlRepo implements DeliveryRepo {
  async markSeen(key: string, at: Date): Promise<boolean> {
    const { inboundSeen } = this.t;
    const added = await this.db
      .insert(inboundSeen)
      .values({ key, at: at.getTime() })
      .onConflictDoNothing()
      .returning({ key: inboundSeen.key });
    return added.length > 0;
  }

  async seen(key: string): Promise<boolean> {
    const { inboundSeen } = this.t;
    const rows = await this.db
      .select({ key: inboundSeen.key })
      .from(inboundSeen)
      .where(eq(inboundSeen.key, key))
      .limit(1);
    return rows.length > 0;
  }

  async prune(before: Date, limit: number): Promise<number> {
    const { inboundSeen } = this.t;
    const old = await this.db
      .select({ key: inboundSeen.key })
      .from(inboundSeen)
      .where(lt(inboundSeen.at, before.getTime()))
      .limit(limit);
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
