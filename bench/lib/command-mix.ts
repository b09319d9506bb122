/**
 * The postgres case's commands: one core per database (SQLite on disk, PostgreSQL), each with its
 * channel set up by `setup` and a matrix, taking the same commands in turns: `escalate`, `who owns`,
 * then `ack` of that escalation, by two people, as a channel's day has them.
 */
import { renderText } from '../../adapters/console/render.js';
import type { OpenDatabase } from '../../db/open.js';
import { createCore } from '../../src/app/create-core.js';
import { ManualClock } from '../../src/kernel/clock.js';
import { silentLogger } from '../../src/kernel/logger.js';
import type { ConversationRef } from '../../src/kernel/types.js';
import { generateMatrix } from './matrix-gen.js';
import { msSince } from './stats.js';

export const COMMANDS = ['escalate', 'who owns', 'ack'] as const;
export type CommandName = (typeof COMMANDS)[number];

export interface CommandSide {
  readonly label: string;
  /** Each command's latencies, in ms, in the order taken. */
  readonly times: Record<CommandName, number[]>;
  /** Takes `count` rounds of the three commands; `record` false for a warm-up. */
  take(count: number, record?: boolean): Promise<void>;
}

const AREAS = 50;

/**
 * Escalations a channel takes before the next: nothing delivers its posts here, and Tandem queues at most
 * 100 waiting posts for one channel (an escalation and its acknowledgement post two).
 */
const PER_CHANNEL = 25;

/**
 * A core over `database` taking commands in channels set up in turn, each with a 50-area matrix (a
 * client's size); setting a channel up is not timed.
 */
export async function commandSide(label: string, database: OpenDatabase): Promise<CommandSide> {
  const clock = new ManualClock(new Date('2026-11-30T15:00:00Z'));
  const { bot } = createCore({ store: database.store, clock, log: silentLogger });
  let conversation: ConversationRef = { platform: 'slack', channelId: 'C0' };
  const say = async (text: string, who: string) =>
    renderText(
      await bot.handle({
        conversation,
        actor: { platform: 'slack', userId: `U${who.toUpperCase()}`, name: who },
        text,
      }),
    );
  const { areas, queries } = generateMatrix(AREAS, 5, 1000, 11);
  const newChannel = async (index: number) => {
    conversation = { platform: 'slack', channelId: `C${index}` };
    await say('setup org:Acme msp:Northwind tz:America/New_York', 'alice');
    const channel = await database.store.channels.find(conversation);
    if (!channel) throw new Error(`${label}: the bench channel is not set up`);
    await database.store.transaction((tx) => tx.matrix.replaceAll(channel.id, areas));
  };
  const times: Record<CommandName, number[]> = { escalate: [], 'who owns': [], ack: [] };
  let taken = 0;
  const timed = async (name: CommandName, record: boolean, text: string, who: string) => {
    const start = process.hrtime.bigint();
    const reply = await say(text, who);
    const ms = msSince(start);
    if (record) times[name].push(ms);
    return reply;
  };
  return {
    label,
    times,
    async take(count, record = true) {
      for (let i = 0; i < count; i++) {
        if (taken % PER_CHANNEL === 0) await newChannel(taken / PER_CHANNEL);
        const n = (taken % PER_CHANNEL) + 1;
        taken++;
        const area = areas[(taken * 13) % areas.length]!;
        const escalated = await timed(
          'escalate',
          record,
          `escalate ${area.name} down for site ${taken} p3 area:"${area.name}"`,
          `user${taken % 7}`,
        );
        if (!escalated.includes(`ESC-${n}`)) throw new Error(`${label}: escalate did not open ESC-${n}: ${escalated}`);
        await timed('who owns', record, `who owns ${queries[taken % queries.length]!.text}`, `user${taken % 5}`);
        const acked = await timed('ack', record, `ack ESC-${n}`, 'bob');
        if (!/acknowledged/i.test(acked)) throw new Error(`${label}: ack ESC-${n} was not taken: ${acked}`);
        clock.set(new Date(clock.now().getTime() + 60_000));
      }
    },
  };
}
