import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Db, openDb } from '../../db/client.js';
import { createStore } from '../../db/store.js';
import { createCore } from '../../src/app/create-core.js';
import type { Channel } from '../../src/domain/model.js';
import { ManualClock } from '../../src/kernel/clock.js';
import { silentLogger } from '../../src/kernel/logger.js';
import type { Store } from '../../src/kernel/ports/store.js';
import type { Reply } from '../../src/kernel/reply.js';
import type { ConversationRef } from '../../src/kernel/types.js';

export interface BenchCore {
  db: Db;
  store: Store;
  clock: ManualClock;
  bot: ReturnType<typeof createCore>['bot'];
  conversation: ConversationRef;
  say(text: string, who?: string): Promise<Reply>;
  channel(): Promise<Channel>;
  close(): void;
}

/** A temporary directory removed by `close`, for databases on disk like production's. */
export function tempDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), `tandem-bench-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A core over a database file (WAL, synchronous=FULL, the production pragmas), on a fake clock, with
 * its channel set up by the real `setup` command.
 */
export async function benchCore(options: {
  at: string;
  conversation?: ConversationRef;
  timezone?: string;
}): Promise<BenchCore> {
  const tmp = tempDir('core');
  const db = openDb(join(tmp.dir, 'tandem.db'));
  const store = createStore(db);
  const clock = new ManualClock(new Date(options.at));
  const { bot } = createCore({ store, clock, log: silentLogger });
  const conversation = options.conversation ?? { platform: 'slack', channelId: 'CBENCH' };
  const say = (text: string, who = 'alice') =>
    bot.handle({
      conversation,
      actor: { platform: conversation.platform, userId: `U${who.toUpperCase()}`, name: who },
      text,
    });
  await say(`setup org:Acme msp:Northwind tz:${options.timezone ?? 'America/New_York'}`);
  const channel = async () => {
    const c = await store.channels.find(conversation);
    if (!c) throw new Error('the bench channel is not set up');
    return c;
  };
  await channel();
  return {
    db,
    store,
    clock,
    bot,
    conversation,
    say,
    channel,
    close() {
      db.$client.close();
      tmp.remove();
    },
  };
}
