import { renderText } from '../../adapters/console/render.js';
import { renderMessages } from '../../adapters/slack/render.js';
import { renderCards } from '../../adapters/teams/render.js';
import { openDb } from '../../db/client.js';
import { createStore } from '../../db/store.js';
import { createCore } from '../../src/app/create-core.js';
import { ManualClock } from '../../src/kernel/clock.js';
import { PermanentDeliveryError } from '../../src/kernel/errors.js';
import { silentLogger } from '../../src/kernel/logger.js';
import type { ChatAdapter, PostedMessage } from '../../src/kernel/ports/chat.js';
import type { Reply } from '../../src/kernel/reply.js';
import type { ConversationRef, Platform } from '../../src/kernel/types.js';
import { OutboxSender } from '../../src/outbox/sender.js';
import { runUntil } from '../../src/scheduler/run-until.js';
import { Scheduler } from '../../src/scheduler/scheduler.js';

export interface Delivered {
  op: 'post' | 'update';
  id: string;
  at: Date;
  reply: Reply;
}

/** A face that keeps what it was sent: messages by id (updates replace them) and every call in order. */
export class RecordingChat implements ChatAdapter {
  readonly messages = new Map<string, Reply>();
  readonly calls: Delivered[] = [];
  #next = 1;
  constructor(
    readonly platform: Platform,
    /** The clock stamping what it receives; a restarted harness points it at its own clock. */
    public now: () => Date,
  ) {}

  async post(_c: ConversationRef, reply: Reply): Promise<PostedMessage> {
    const id = `m${this.#next++}`;
    this.messages.set(id, reply);
    this.calls.push({ op: 'post', id, at: this.now(), reply });
    return { platformMessageId: id };
  }

  async update(_c: ConversationRef, id: string, reply: Reply): Promise<void> {
    if (!this.messages.has(id)) throw new PermanentDeliveryError(`no message ${id}`);
    this.messages.set(id, reply);
    this.calls.push({ op: 'update', id, at: this.now(), reply });
  }
}

/** A reply as the face of `platform` would show it, flattened to one searchable string. */
export function faceText(platform: Platform, reply: Reply): string {
  switch (platform) {
    case 'console':
      return renderText(reply);
    case 'slack':
      return JSON.stringify(renderMessages(reply));
    case 'teams':
      // Card markdown bolds mentions that are not Teams ids (`**@bob**`): compare the words.
      return JSON.stringify(renderCards(reply, { single: true })).replace(/\*\*/g, '');
    default:
      throw new Error(`no renderer for the ${platform} face`);
  }
}

export const SETUP = 'setup org:Acme msp:Northwind tz:America/New_York internal:@it-team msp-team:@northwind-noc';

/**
 * The whole path of an escalation: commands through the bot, jobs through the real scheduler and
 * posts through the real outbox sender into a recording face, on simulated time.
 */
export interface HarnessOptions {
  start: string;
  platform?: Platform;
  /** An on-disk database, to restart on it; in memory by default. */
  dbPath?: string;
  /** The face of an earlier run, to keep its messages across a restart. */
  chat?: RecordingChat;
}

export function makeEscalationHarness(options: HarnessOptions) {
  const platform = options.platform ?? 'console';
  const db = openDb(options.dbPath ?? ':memory:');
  const store = createStore(db);
  const clock = new ManualClock(new Date(options.start));
  const { bot, jobKinds } = createCore({ store, clock, log: silentLogger });
  const chat = options.chat ?? new RecordingChat(platform, () => clock.now());
  chat.now = () => clock.now();
  const scheduler = new Scheduler({ store, clock, log: silentLogger, kinds: jobKinds });
  const sender = new OutboxSender({
    store,
    clock,
    log: silentLogger,
    adapters: new Map([[platform, chat]]),
    random: () => 0.5,
    pacingMs: { slack: 0, teams: 0, console: 0 },
  });
  const conversation: ConversationRef = { platform, channelId: 'C1' };
  const parts = { clock, scheduler, sender };

  /** Moves simulated time to `to`, running the jobs and deliveries due on the way. */
  const advanceTo = (to: Date) => runUntil(parts, to);
  const advance = (minutes: number) => advanceTo(new Date(clock.now().getTime() + minutes * 60_000));
  /** Sends a line as `who`, then delivers what it queued; returns the reply to the asker. */
  const say = async (who: string, text: string): Promise<Reply> => {
    const reply = await bot.handle({ conversation, actor: { platform, userId: who, name: who }, text });
    await advanceTo(clock.now());
    return reply;
  };
  const sayText = async (who: string, text: string) => renderText(await say(who, text));
  const channel = async () => (await store.channels.find(conversation))!;
  /** Posts (not updates) delivered so far, in order. */
  const posts = () => chat.calls.filter((c) => c.op === 'post');
  /** The card of ESC-seq as it stands in the channel now, and how often it was updated. */
  const card = (seq: number) => {
    const post = posts().find(
      (p) => p.reply.blocks[0]?.kind === 'header' && p.reply.blocks[0].text.startsWith(`ESC-${seq} ·`),
    );
    if (!post) return null;
    return {
      id: post.id,
      reply: chat.messages.get(post.id)!,
      updates: chat.calls.filter((c) => c.op === 'update' && c.id === post.id).length,
    };
  };
  const cardText = (seq: number) => {
    const c = card(seq);
    return c ? faceText(platform, c.reply) : null;
  };
  const close = () => {
    scheduler.stop();
    sender.stop();
    db.$client.close();
  };
  return {
    db,
    store,
    clock,
    bot,
    chat,
    scheduler,
    sender,
    platform,
    conversation,
    say,
    sayText,
    advance,
    advanceTo,
    channel,
    posts,
    card,
    cardText,
    close,
  };
}

export type EscalationHarness = ReturnType<typeof makeEscalationHarness>;

/** A harness whose channel alice has set up, with team handles and @pat as the network contact. */
export async function makeEscalationChannel(options: HarnessOptions) {
  const h = makeEscalationHarness(options);
  await h.say('alice', SETUP);
  await h.say('alice', 'matrix set "complex network issues" contact:@pat');
  return h;
}
