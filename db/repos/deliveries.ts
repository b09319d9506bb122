import { eq, lt } from 'drizzle-orm';
import type { DeliveryRepo } from '../../src/kernel/ports/deliveries.js';
import type { Db } from '../client.js';
import { inboundSeen } from '../schema.js';

export class SqliteDeliveryRepo implements DeliveryRepo {
  constructor(private readonly db: Db) {}

  markSeen(key: string, at: Date): boolean {
    return this.db.insert(inboundSeen).values({ key, at: at.getTime() }).onConflictDoNothing().run().changes > 0;
  }

  seen(key: string): boolean {
    return this.db.select({ key: inboundSeen.key }).from(inboundSeen).where(eq(inboundSeen.key, key)).get() !== undefined;
  }

  prune(before: Date): number {
    return this.db.delete(inboundSeen).where(lt(inboundSeen.at, before.getTime())).run().changes;
  }
}
