import { describe, expect, it } from 'vitest';
import { renderText } from '../../../adapters/console/render.js';
import { RateLimited } from '../../../src/kernel/errors.js';
import { inChannel, paragraph } from '../../../src/kernel/reply.js';
import { conversationOf } from '../../../src/kernel/types.js';
import { reminder, TEST_KINDS } from '../../fixtures/scheduler-kinds.js';
import { makeSchedulerChannel } from '../../helpers/scheduler-channel.js';

async function harness() {
  const h = await makeSchedulerChannel({ start: '2026-12-01T15:00:00Z', kinds: TEST_KINDS });
  const conversation = conversationOf(h.seeded);
  const actor = { platform: 'slack', userId: 'U9', name: 'zoe' };
  const status = async () => renderText(await h.bot.handle({ conversation, actor, text: 'status' }));
  return { ...h, conversation, status };
}

describe('status: what Tandem will post, still has to deliver, and could not', () => {
  it('shows the backlog while the platform holds posts back, and an empty outbox once delivered', async () => {
    const h = await harness();
    for (const key of ['a', 'b', 'c']) {
      const post = { conversation: h.conversation, reply: inChannel(paragraph(key)), idempotencyKey: key };
      await h.store.transaction((tx) => tx.outbox.enqueuePost(post, h.clock.now()));
    }
    h.chat.failures.push(new RateLimited(120_000));
    await h.sender.drain();
    expect(await h.status()).toContain('Outbox: 3 waiting to be delivered, the oldest queued Tue 1 Dec 2026 10:00 EST');
    await h.advanceTo(new Date('2026-12-01T15:05:00Z'));
    expect(h.chat.texts()).toEqual(['a', 'b', 'c']);
    expect(await h.status()).toContain('Outbox: every post has been delivered');
  });

  it('lists a scheduled post that was dropped, with the reason, for anyone who asks', async () => {
    const h = await harness();
    await h.store.jobs.schedule(
      reminder.newJob(h.seeded.id, {
        dueAt: new Date('2026-12-01T14:00:00Z'),
        payload: { meeting: 'weekly sync' },
        occurrenceKey: 'r',
      }),
      h.clock.now(),
    );
    await h.scheduler.tick();
    const text = await h.status();
    expect(text).toContain('Next scheduled: nothing scheduled');
    expect(text).toContain(
      'Scheduled posts not sent: meeting reminder due Tue 1 Dec 2026 09:00 EST — dropped: not sent: the meeting had ' +
        'already started (due Tue 1 Dec 2026 09:00 EST, found Tue 1 Dec 2026 10:00 EST, more than 10 min late)',
    );
  });
});
