import { expect, it } from 'vitest';
import { inChannel, paragraph } from '../../src/kernel/reply.js';
import type { ConversationRef } from '../../src/kernel/types.js';
import { makeHarness, SETUP } from '../harness.js';
import { describeEachDialect } from '../helpers/dialects.js';

const FLOOD: ConversationRef = { platform: 'slack', channelId: 'C-FLOOD' };
const SLACK_PACING_MS = 1_000;

/** Queues `n` posts to a conversation in one transaction, as a burst of commands would have. */
async function flood(h: Awaited<ReturnType<typeof makeHarness>>, n: number) {
  await h.store.transaction(async (tx) => {
    for (let i = 1; i <= n; i++) {
      const reply = inChannel(paragraph(`flood ${i}`));
      await tx.outbox.enqueuePost({ conversation: FLOOD, reply, idempotencyKey: `flood:${i}` }, h.clock.now());
    }
  });
}

describeEachDialect('fair delivery: no conversation starves another', () => {
  it("a channel with 2,000 queued posts delays another channel's P1 card by at most one pacing interval", async () => {
    const h = await makeHarness({ platform: 'slack', pacing: true, setup: SETUP });
    await flood(h, 2_000);
    // The flood has been going for a minute: its channel is served at Slack's pace meanwhile.
    await h.advance(1);
    const flooded = () => h.chat.delivered.filter((d) => d.conversation.channelId === FLOOD.channelId);
    expect(flooded().length).toBeGreaterThanOrEqual(60);

    const asked = h.clock.now().getTime();
    await h.handle('bob', 'escalate VPN down for the whole office p1');
    await h.advance(0.5);
    const card = h.chat.posts('ESC-1 · P1').find((d) => d.conversation.channelId === h.conversation.channelId);
    expect(card, 'the P1 card was delivered').toBeDefined();
    expect(card!.at.getTime() - asked).toBeLessThanOrEqual(SLACK_PACING_MS);

    // And the flooded channel kept its own pace, one post a second, oldest first.
    const times = flooded().map((d) => d.at.getTime());
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(SLACK_PACING_MS);
    expect(Math.max(...gaps)).toBe(SLACK_PACING_MS);
    expect(flooded()[0]!.text).toBe('flood 1');
    h.close();
  });

  it('serves conversations round-robin: the one served longest ago goes first, even without pacing', async () => {
    const h = await makeHarness({ sender: { batchSize: 1 } });
    const queue = (channelId: string, text: string) =>
      h.store.transaction((tx) =>
        tx.outbox.enqueuePost(
          { conversation: { platform: 'console', channelId }, reply: inChannel(paragraph(text)), idempotencyKey: text },
          h.clock.now(),
        ),
      );
    for (const text of ['A1', 'A2', 'A3']) await queue('CA', text);
    await queue('CB', 'B1');
    await queue('CC', 'C1');
    await h.drain();
    expect(h.chat.texts()).toEqual(['A1', 'B1', 'C1', 'A2', 'A3']);
    h.close();
  });
});
