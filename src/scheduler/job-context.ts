import type { Channel } from '../domain/model.js';
import { formatLocal } from '../domain/zoned-time.js';
import type { JobContext, ScheduledJob } from '../kernel/job-kind.js';
import type { Logger } from '../kernel/logger.js';
import type { Store } from '../kernel/ports/store.js';
import { postingTo } from '../kernel/posting.js';
import { context } from '../kernel/reply.js';
import { conversationOf } from '../kernel/types.js';

/** The context a job's `run` gets: posts go to the channel's conversation through the outbox, stamped `now`. */
export function jobContext<P>(
  job: ScheduledJob<P>,
  channel: Channel,
  store: Store,
  now: Date,
  late: boolean,
  log: Logger,
  publicUrl: string | null = null,
): JobContext<P> {
  const posting = postingTo(store, () => conversationOf(channel), now);
  let defaultKeys = 0;
  return {
    now,
    job,
    channel,
    store,
    dueAt: job.dueAt,
    late,
    log,
    publicUrl,
    post(reply, options = {}) {
      let key = options.idempotencyKey;
      if (key === undefined) {
        defaultKeys++;
        key = defaultKeys === 1 ? `job:${job.occurrenceKey}` : `job:${job.occurrenceKey}:${defaultKeys}`;
      }
      return posting.post(reply, {
        idempotencyKey: key,
        ...(options.messageKey ? { messageKey: options.messageKey } : {}),
        ...(options.thread ? { thread: options.thread } : {}),
      });
    },
    updatePost: posting.updatePost,
    lateNotice: () => (late ? context(`Posted late: this was due ${formatLocal(job.dueAt, channel.timezone)}.`) : null),
  };
}
