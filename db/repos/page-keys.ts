import { eq } from 'drizzle-orm';
import type { PageKey, PageKeyRepo } from '../../src/kernel/ports/page-keys.js';
import { SqlRepo } from './repo.js';

export class SqlPageKeyRepo extends SqlRepo implements PageKeyRepo {
  async get(channelId: number): Promise<PageKey | null> {
    const { pageKeys } = this.t;
    const [row] = await this.db.select().from(pageKeys).where(eq(pageKeys.channelId, channelId));
    return row ? { ...row, createdAt: new Date(row.createdAt) } : null;
  }

  async put(key: PageKey): Promise<void> {
    const { pageKeys } = this.t;
    const values = { channelId: key.channelId, secret: key.secret, createdAt: key.createdAt.getTime() };
    await this.db
      .insert(pageKeys)
      .values(values)
      .onConflictDoUpdate({ target: pageKeys.channelId, set: { secret: values.secret, createdAt: values.createdAt } });
  }
}
