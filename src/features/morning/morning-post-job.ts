import { z } from 'zod';
import type { Channel } from '../../domain/model.js';
import type { Store } from '../../kernel/ports/store.js';
import { morningPostReply } from './morning-post-reply.js';
import { hoursOf } from '../../domain/business-hours.js';
import {
  endOfBusinessDay,
  isMorningPostDay,
  MORNING_POST_KIND,
  morningOccurrenceKey,
  morningPostInProgress,
  nextMorningPost,
  type MorningSlot,
} from '../../domain/morning-window.js';
import { defineJobKind, type PlannedJob } from '../../kernel/job-kind.js';

export interface MorningPostPayload {
  /** The business day (local `YYYY-MM-DD`) whose after-hours window the post covers. */
  date: string;
}

const hoursNow = (channel: Channel, store: Store) => hoursOf(channel, store.channels.holidays(channel.id));

/**
 * The morning handoff post: one per channel per business day, at the start of business plus the
 * channel's offset. Found late (Tandem was down), it still goes out until the end of that business
 * day, marked late; after that it is dropped. Its occurrence key and the outbox's idempotency key
 * make a second post of the same day impossible.
 */
export const morningPost = defineJobKind<MorningPostPayload>({
  kind: MORNING_POST_KIND,
  label: 'morning handoff post',
  payload: z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  misfire: {
    kind: 'late-until',
    until: (job, { channel, store }) => endOfBusinessDay(job.payload.date, hoursNow(channel, store)),
    why: 'the business day it was for was over',
  },
  run(ctx, { date }) {
    const { store, channel } = ctx;
    if (!isMorningPostDay(date, hoursNow(channel, store))) return `skipped: ${date} is no longer a business day`;
    ctx.post(morningPostReply(store, channel, date, { kind: 'post', late: ctx.late, dueAt: ctx.dueAt }, ctx.log));
    return `posted the morning handoff of ${date}`;
  },
  plan(channel, store, after) {
    const hours = hoursNow(channel, store);
    const slots: MorningSlot[] = [];
    // The day in progress whose post time has passed: planned only when the channel already existed
    // at that time (Tandem was down, or its job was lost), so it goes out late; never for a channel
    // set up after its morning.
    const today = morningPostInProgress(hours, channel.morningOffsetMinutes, after);
    if (today && channel.createdAt.getTime() < today.dueAt.getTime()) slots.push(today);
    slots.push(nextMorningPost(hours, channel.morningOffsetMinutes, after));
    return slots.map((s): PlannedJob<MorningPostPayload> => ({ dueAt: s.dueAt, payload: { date: s.date }, occurrenceKey: morningOccurrenceKey(channel.id, s.date) }));
  },
});
