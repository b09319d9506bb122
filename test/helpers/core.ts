import { renderText } from '../../adapters/console/render.js';
import { openDb } from '../../db/client.js';
import { createStore } from '../../db/store.js';
import { createCore } from '../../src/app/create-core.js';
import { ManualClock } from '../../src/kernel/clock.js';
import { silentLogger } from '../../src/kernel/logger.js';
import type { Reply } from '../../src/kernel/reply.js';
import type { ConversationRef } from '../../src/kernel/types.js';

/** A fresh core over an in-memory database with the real migrations and a fake clock. */
export function makeCore(
  start = '2026-11-30T15:00:00Z',
  conversation: ConversationRef = { platform: 'console', channelId: 'c1' },
) {
  const db = openDb(':memory:');
  const store = createStore(db);
  const clock = new ManualClock(new Date(start));
  const { bot, registry } = createCore({ store, clock, log: silentLogger });
  const say = (who: string, text: string): Promise<Reply> =>
    bot.handle({ conversation, actor: { platform: conversation.platform, userId: who, name: who }, text });
  /** Says something and returns the reply as the console would print it. */
  const sayText = async (who: string, text: string): Promise<string> => renderText(await say(who, text));
  const channel = () => store.channels.find(conversation);
  return { db, store, clock, bot, registry, say, sayText, conversation, channel };
}

export type TestCore = ReturnType<typeof makeCore>;

/** A core whose channel alice has set up (Acme / Northwind, New York). */
export async function makeSetUpCore(start?: string) {
  const core = makeCore(start);
  await core.say('alice', 'setup org:Acme msp:Northwind tz:America/New_York');
  return core;
}
