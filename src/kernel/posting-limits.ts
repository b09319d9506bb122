import type { Channel, Person } from '../domain/model.js';
import { formatLocal } from '../domain/zoned-time.js';
import { UserError } from './errors.js';
import type { Store } from './ports/store.js';
import type { ConversationRef, Platform } from './types.js';

/** At most `count` uses in any `windowMs`. */
export interface RateWindow {
  count: number;
  windowMs: number;
}

/**
 * Limits on the commands that post to their channel (escalate, notes), so that nobody can fill a
 * channel, or the outbox that feeds every channel, faster than the platform delivers.
 */
export interface PostingLimits {
  /** One person in one channel. */
  perPerson: readonly RateWindow[];
  /** Everyone in one channel together. */
  perChannel: readonly RateWindow[];
  /** Posts waiting in a channel's outbox at which commands that post are refused until some went out. */
  maxPending: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const DEFAULT_POSTING_LIMITS: PostingLimits = {
  perPerson: [
    { count: 6, windowMs: MINUTE },
    { count: 60, windowMs: HOUR },
  ],
  perChannel: [
    { count: 20, windowMs: MINUTE },
    { count: 300, windowMs: HOUR },
  ],
  maxPending: 100,
};

/** How long uses must be kept to apply the limits. */
export function postingMemoryMs(limits: PostingLimits): number {
  return Math.max(0, ...[...limits.perPerson, ...limits.perChannel].map((w) => w.windowMs));
}

export interface PostingCheck {
  store: Store;
  limits: PostingLimits;
  channel: Channel;
  actor: Person;
  conversation: ConversationRef;
  now: Date;
  /** The least time between two messages to one conversation on the platform (to say when a backlog clears). */
  pacingMs(platform: Platform): number;
}

/**
 * Refuses, with when to try again, a command that posts when its person or channel used up a
 * limit or the channel's outbox is full; otherwise counts the use (in the command's transaction, so
 * a command that fails is not counted).
 */
export async function enforcePostingLimits(c: PostingCheck): Promise<void> {
  const { store, limits, channel, actor, now } = c;
  for (const [who, windows] of [
    [actor.id, limits.perPerson],
    [null, limits.perChannel],
  ] as const) {
    for (const w of windows) {
      const recent = await store.commandUses.recent(channel.id, who, new Date(now.getTime() - w.windowMs), w.count);
      if (recent.length < w.count) continue;
      // The window has room again once the oldest of the last `count` uses leaves it.
      const retryAt = new Date(recent[recent.length - 1]!.getTime() + w.windowMs);
      const whose = who === null ? 'This channel has' : 'You have';
      throw new UserError(
        `${whose} escalated or added notes ${w.count} times in the last ${span(w.windowMs)}, the most Tandem ` +
          `takes, so that the channel stays readable. Try again ${when(retryAt, now, channel)}.`,
        'posting_limit',
      );
    }
  }
  const backlog = await store.outbox.backlog(c.conversation);
  if (backlog.waiting >= limits.maxPending) {
    // Room comes back as posts go out, at the platform's pace; at least a minute, as delivery may be what is stuck.
    const clears = Math.max(MINUTE, (backlog.waiting - limits.maxPending + 1) * c.pacingMs(c.conversation.platform));
    throw new UserError(
      `${backlog.waiting} posts are waiting to be delivered in this channel, the most Tandem queues for one ` +
        `channel. Try again ${when(new Date(now.getTime() + clears), now, channel)}; \`status\` shows the backlog.`,
      'posting_backlog',
    );
  }
  await store.commandUses.record(channel.id, actor.id, now);
}

/** `a minute`, `an hour`, `10 minutes`. */
function span(ms: number): string {
  if (ms === MINUTE) return 'minute';
  if (ms === HOUR) return 'hour';
  return ms < HOUR ? `${Math.round(ms / MINUTE)} minutes` : `${Math.round(ms / HOUR)} hours`;
}

/** `in 40 seconds`, or `in 12 minutes (at 10:16 EST)`: never earlier than it will work. */
function when(at: Date, now: Date, channel: Channel): string {
  const s = Math.max(1, Math.ceil((at.getTime() - now.getTime()) / 1000));
  if (s < 90) return `in ${s} second${s === 1 ? '' : 's'}`;
  const minute = new Date(Math.ceil(at.getTime() / MINUTE) * MINUTE);
  return `in ${Math.ceil(s / 60)} minutes (at ${formatLocal(minute, channel.timezone, 'HH:mm zzz')})`;
}
