import * as z from 'zod';
import { hoursOf } from '../../domain/business-hours.js';
import type { Channel } from '../../domain/model.js';
import {
  endOfBusinessDay,
  isMorningPostDay,
  type MorningSlot,
  morningOccurrenceKey,
  morningPostInProgress,
  nextMorningPost,
} from '../../domain/morning-window.js';
import { defineJobKind, type PlannedJob } from '../../kernel/job-kind.js';
import type { Store } from '../../kernel/ports/store.js';
import { morningPostReply } from './morning-post-reply.js';

export interface MorningPostPayload {
  /** The business day (local `YYYY-MM-DD`) whose after-hours window the post covers. */
  date: string;
}

const hoursNow = async (channel: Channel, store: Store) => hoursOf(channel, await store.channels.holidays(channel.id));

/**
 * The morning handoff post: one per channel per business day, at the start of business plus the
 * channel's offset. Found late (Tandem was down), it still goes out until the end of that business
 * day, marked late; after that it is dropped. Its occurrence key and the outbox's idempotency key
 * make a second post of the same day impossible.
 */
export const morningPost = defineJobKind<MorningPostPayload>({
  kind: 'morning-post',
  label: 'morning handoff post',
  payload: z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  misfire: {
    kind: 'late-until',
    until: async (job, { channel, store }) => endOfBusinessDay(job.payload.date, await hoursNow(channel, store)),
    why: 'the business day it was for was over',
  },
  async run(ctx, { date }) {
    const { store, channel } = ctx;
    if (!isMorningPostDay(date, await hoursNow(channel, store))) return `skipped: ${date} is no longer a business day`;
    await ctx.post(
      await morningPostReply(store, channel, date, { kind: 'post', late: ctx.late, dueAt: ctx.dueAt }, ctx.log),
    );
    return `posted the morning handoff of ${date}`;
  },
  async plan(channel, store, after) {
    const hours = await hoursNow(channel, store);
    const slots: MorningSlot[] = [];
    // The day in progress whose post time has passed: planned only when the channel already existed
    // at that time (Tandem was down, or its job was lost), so it goes out late; never for a channel
    // set up after its morning.
    const today = morningPostInProgress(hours, channel.morningOffsetMinutes, after);
    if (today && channel.createdAt.getTime() < today.dueAt.getTime()) slots.push(today);
    slots.push(nextMorningPost(hours, channel.morningOffsetMinutes, after));
    return slots.map(
      (s): PlannedJob<MorningPostPayload> => ({
        dueAt: s.dueAt,
        payload: { date: s.date },
        occurrenceKey: morningOccurrenceKey(channel.id, s.date),
      }),
    );
  },
});

/**
 * The next morning post that will go out: the channel's earliest pending morning job (possibly one
 * already due, waiting to go out late), else the next one by the calendar.
 */
export async function nextScheduledMorningPost(store: Store, channel: Channel, now: Date): Promise<MorningSlot> {
  for (const job of await store.jobs.pendingFor(channel.id, morningPost.kind)) {
    const date = (job.payload as { date?: unknown } | null)?.date;
    if (typeof date === 'string') return { date, dueAt: job.dueAt };
  }
  return nextMorningPost(
    hoursOf(channel, await store.channels.holidays(channel.id)),
    channel.morningOffsetMinutes,
    now,
  );
}
