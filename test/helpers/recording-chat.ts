import { renderText } from '../../adapters/console/render.js';
import { renderMessages } from '../../adapters/slack/render.js';
import { renderCards } from '../../adapters/teams/render.js';
import type { Clock } from '../../src/kernel/clock.js';
import { PermanentDeliveryError } from '../../src/kernel/errors.js';
import type { ChatAdapter, PostedMessage, ThreadTarget } from '../../src/kernel/ports/chat.js';
import type { Reply } from '../../src/kernel/reply.js';
import type { ConversationRef, Platform } from '../../src/kernel/types.js';

/** One post or update the face delivered. */
export interface Delivered {
  op: 'post' | 'update';
  /** The platform message id posted, or updated. */
  id: string;
  /** For a reply in a thread, the id of the message replied to, and whether it was also shown in the channel. */
  thread?: ThreadTarget;
  conversation: ConversationRef;
  at: Date;
  reply: Reply;
  /** The reply as the console prints it. */
  text: string;
}

type Op = Delivered['op'];

const PACING_MS: Readonly<Record<string, number>> = { slack: 1_000, teams: Math.ceil(1_000 / 7) };

/** A platform's own rate, as its face declares it (`pacingMs` of SlackChat and TeamsChat); none for others. */
export function platformPacingMs(platform: Platform): number {
  return PACING_MS[platform] ?? 0;
}

/**
 * A face that keeps what it was sent, with the clock's time: messages by id (an update replaces
 * one, and one it never posted is a permanent failure, as on a real platform), every delivery in
 * order, and every attempt. Failures can be scripted, and a hook can block or fail a delivery.
 */
export class RecordingChat implements ChatAdapter {
  readonly messages = new Map<string, Reply>();
  readonly delivered: Delivered[] = [];
  /** Every call, successful or not. */
  readonly tried: { op: Op; text: string; at: Date }[] = [];
  /** Thrown, in order, by the next calls (then calls succeed). */
  readonly failures: unknown[] = [];
  /** Called before each delivery; may throw or block. */
  before: ((op: Op, text: string) => Promise<void> | void) | null = null;
  #next = 1;

  constructor(
    readonly platform: Platform,
    /** The clock stamping what it receives; a restarted process points it at its own clock. */
    public clock: Clock,
    /** The pause the sender keeps between two messages to one conversation. */
    readonly pacingMs = 0,
  ) {}

  async post(conversation: ConversationRef, reply: Reply, thread?: ThreadTarget): Promise<PostedMessage> {
    await this.attempt('post', reply);
    const id = `m${this.#next++}`;
    if (thread && !this.messages.has(thread.platformMessageId))
      throw new PermanentDeliveryError(`no message ${thread.platformMessageId} to reply to`);
    this.messages.set(id, reply);
    this.record('post', id, conversation, reply, thread);
    return { platformMessageId: id };
  }

  async update(conversation: ConversationRef, id: string, reply: Reply): Promise<void> {
    await this.attempt('update', reply);
    if (!this.messages.has(id)) throw new PermanentDeliveryError(`no message ${id}`);
    this.messages.set(id, reply);
    this.record('update', id, conversation, reply);
  }

  /** What was delivered, as the console prints it. */
  texts(): string[] {
    return this.delivered.map((d) => d.text);
  }

  /** Posts (not updates) whose text contains `match`, or matches it. */
  posts(match: string | RegExp = ''): Delivered[] {
    const hit = (text: string) => (typeof match === 'string' ? text.includes(match) : match.test(text));
    return this.delivered.filter((d) => d.op === 'post' && hit(d.text));
  }

  private record(op: Op, id: string, conversation: ConversationRef, reply: Reply, thread?: ThreadTarget): void {
    const at = this.clock.now();
    this.delivered.push({ op, id, conversation, at, reply, text: renderText(reply), ...(thread ? { thread } : {}) });
  }

  private async attempt(op: Op, reply: Reply): Promise<void> {
    const text = renderText(reply);
    this.tried.push({ op, text, at: this.clock.now() });
    await this.before?.(op, text);
    if (this.failures.length) throw this.failures.shift();
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
