import { describe, expect, it } from 'vitest';
import { makeHarness, SETUP } from '../harness.js';

const count = (h: Awaited<ReturnType<typeof makeHarness>>, sql: string) =>
  (h.db.$client.prepare(sql).get() as { n: number }).n;

describe('posting limits: escalations and notes per person and per channel', () => {
  it('a member who scripts hundreds of escalations gets six a minute; the refusal says when to try again', async () => {
    const h = await makeHarness({ setup: SETUP, platform: 'slack', pacing: true });
    const replies: string[] = [];
    for (let i = 1; i <= 50; i++) {
      replies.push(await h.sayText('mallory', `escalate noise ${i} area:patching p4`));
      h.clock.advance(200); // 50 commands in 10 s
    }
    expect(replies.filter((r) => /^ESC-\d+ is open/.test(r))).toHaveLength(6);
    expect(replies[6]).toBe(
      'You have escalated or added notes 6 times in the last minute, the most Tandem takes, so that the channel ' +
        'stays readable. Try again in 59 seconds.',
    );
    expect(count(h, 'select count(*) as n from escalations')).toBe(6);
    expect(count(h, "select count(*) as n from outbox where op = 'post'")).toBe(6);

    // Others in the channel are not held up, and a minute after the first, the member may go on.
    expect(await h.sayText('bob', 'escalate VPN down for the Boston office p1')).toMatch(/^ESC-7 is open/);
    h.jumpTo(new Date(Date.parse('2026-11-30T15:01:00.001Z')));
    expect(await h.sayText('mallory', 'escalate one more area:patching p4')).toMatch(/^ESC-8 is open/);
    h.close();
  });

  it('notes on escalations and after-hours notes count too; a mistaken command does not', async () => {
    const h = await makeHarness({
      setup: SETUP,
      postingLimits: { perPerson: [{ count: 3, windowMs: 60_000 }], perChannel: [], maxPending: 100 },
    });
    await h.say('bob', 'escalate printer jam area:patching');
    expect(await h.sayText('bob', 'note ESC-9 wrong number')).toContain('ESC-9');
    await h.say('bob', 'note ESC-1 vendor called back');
    expect(await h.sayText('bob', 'handoff note restarted the print server')).not.toContain('Try again');
    expect(await h.sayText('bob', 'note ESC-1 another')).toMatch(/^You have escalated or added notes 3 times/);
    h.close();
  });

  it('a channel as a whole: the limit counts everyone, and names the channel', async () => {
    const h = await makeHarness({
      setup: SETUP,
      postingLimits: { perPerson: [], perChannel: [{ count: 4, windowMs: 3_600_000 }], maxPending: 100 },
    });
    for (const who of ['a', 'b', 'c', 'd']) await h.say(who, `escalate issue from ${who} area:patching`);
    h.clock.advance(10 * 60_000);
    expect(await h.sayText('e', 'escalate issue from e area:patching')).toBe(
      'This channel has escalated or added notes 4 times in the last hour, the most Tandem takes, so that the ' +
        'channel stays readable. Try again in 50 minutes (at 11:00 EST).',
    );
    h.close();
  });

  it('while 100 posts wait to go out in a channel, new escalations wait too', async () => {
    const h = await makeHarness({ setup: SETUP, platform: 'slack', pacing: true });
    const channel = { platform: 'slack' as const, channelId: h.conversation.channelId };
    await h.store.transaction(async (tx) => {
      for (let i = 0; i < 100; i++) {
        const reply = { visibility: 'channel' as const, blocks: [{ kind: 'header' as const, text: `old ${i}` }] };
        await tx.outbox.enqueuePost({ conversation: channel, reply, idempotencyKey: `old:${i}` }, h.clock.now());
      }
    });
    expect(await h.sayText('bob', 'escalate VPN down p1')).toBe(
      '100 posts are waiting to be delivered in this channel, the most Tandem queues for one channel. Try again in ' +
        '60 seconds; `status` shows the backlog.',
    );
    expect(count(h, 'select count(*) as n from escalations')).toBe(0);
    await h.advance(2); // the backlog goes out at Slack's pace, a post a second
    expect(count(h, "select count(*) as n from outbox where state = 'sent'")).toBe(100);
    expect(await h.sayText('bob', 'escalate VPN down p1')).toMatch(/^ESC-1 is open/);
    h.close();
  });
});
