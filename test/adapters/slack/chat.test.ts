import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlackChat } from '../../../adapters/slack/chat.js';
import { PermanentDeliveryError, RateLimited } from '../../../src/kernel/errors.js';
import { silentLogger } from '../../../src/kernel/logger.js';
import { header, inChannel, paragraph } from '../../../src/kernel/reply.js';
import type { ConversationRef } from '../../../src/kernel/types.js';
import { FakeSlack } from '../../helpers/slack-fake.js';
import { limitProblems, type SentMessage, visibleText } from '../../helpers/slack-limits.js';

const channel: ConversationRef = { platform: 'slack', channelId: 'C0COORD' };
/** Long enough to need two messages. */
const twoMessages = () =>
  inChannel(header('Morning handoff'), ...Array.from({ length: 6 }, (_, i) => paragraph(`Part ${i} `.repeat(400))));

describe('SlackChat: posts and updates through the Web API', () => {
  let fake: FakeSlack;
  let chat: SlackChat;
  beforeEach(async () => {
    fake = await FakeSlack.start();
    // As startSlack configures it: the outbox retries, so the client must not.
    chat = new SlackChat(
      new WebClient('xoxb-t', {
        slackApiUrl: fake.apiUrl,
        retryConfig: { retries: 0 },
        rejectRateLimitedCalls: true,
        timeout: 2000,
      }),
      silentLogger,
    );
  });
  afterEach(async () => {
    await fake.close();
  });

  it('posts a reply as Block Kit with escaped fallback text and no unfurling', async () => {
    const posted = await chat.post(channel, inChannel(paragraph('<!channel> VPN is down')));
    const [call] = fake.callsTo('chat.postMessage');
    expect(posted.platformMessageId).toBe('1700000000.000001');
    expect(call!.args).toMatchObject({
      channel: 'C0COORD',
      text: '&lt;!channel&gt; VPN is down',
      unfurl_links: 'false',
      link_names: 'false',
    });
    expect(visibleText(call!.args as SentMessage)).toBe('&lt;!channel&gt; VPN is down');
  });

  it('posts a long reply as several messages in order, and updates each in place', async () => {
    const posted = await chat.post(channel, twoMessages());
    const posts = fake.callsTo('chat.postMessage');
    expect(posts).toHaveLength(2);
    for (const p of posts) expect(limitProblems(p.args as SentMessage)).toEqual([]);
    expect(visibleText(posts[0]!.args as SentMessage)).toMatch(/^Morning handoff/);
    expect(posts[1]!.args.text).toBe('Morning handoff (continued, 2/2)');
    expect(posted.platformMessageId).toBe('1700000000.000001,1700000000.000002');

    await chat.update(channel, posted.platformMessageId, inChannel(paragraph('Covered by the weekend post.')));
    expect(fake.callsTo('chat.update').map((c) => c.args.ts)).toEqual(['1700000000.000001']);
    expect(visibleText(fake.callsTo('chat.update')[0]!.args as SentMessage)).toBe('Covered by the weekend post.');
    // The second part has nothing left to say: it goes, rather than repeating or going stale.
    expect(fake.callsTo('chat.delete').map((c) => c.args.ts)).toEqual(['1700000000.000002']);
  });

  it('resumes a multi-message post that failed midway instead of posting its first part twice', async () => {
    let calls = 0;
    fake.on('chat.postMessage', () => (++calls === 2 ? { body: { ok: false, error: 'internal_error' } } : undefined));
    await expect(chat.post(channel, twoMessages())).rejects.toThrow();
    const retried = await chat.post(channel, twoMessages());
    const delivered = fake.callsTo('chat.postMessage').length - 1;
    expect(delivered).toBe(2);
    expect(retried.platformMessageId.split(',')).toHaveLength(2);
  });

  it('turns a 429 into RateLimited with Slack’s Retry-After, without retrying itself', async () => {
    fake.on('chat.postMessage', () => ({
      status: 429,
      headers: { 'retry-after': '7' },
      body: { ok: false, error: 'ratelimited' },
    }));
    const err = await chat.post(channel, inChannel(paragraph('hi'))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimited);
    expect((err as RateLimited).retryAfterMs).toBe(7000);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('reports errors no retry can fix as permanent, saying what to do', async () => {
    fake.on('chat.postMessage', () => ({ body: { ok: false, error: 'not_in_channel' } }));
    const err = await chat.post(channel, inChannel(paragraph('hi'))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentDeliveryError);
    expect((err as Error).message).toContain('Invite the app to the channel');

    fake.on('chat.update', () => ({ body: { ok: false, error: 'message_not_found' } }));
    await expect(chat.update(channel, '1.2', inChannel(paragraph('x')))).rejects.toBeInstanceOf(PermanentDeliveryError);
  });

  it('leaves server errors and timeouts transient, for the outbox to retry', async () => {
    fake.on('chat.postMessage', () => ({ status: 503, body: { ok: false } }));
    const err = await chat.post(channel, inChannel(paragraph('hi'))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(PermanentDeliveryError);
    expect(err).not.toBeInstanceOf(RateLimited);
  });

  it('refuses a conversation of another platform', async () => {
    await expect(
      chat.post({ platform: 'teams', channelId: '19:x' }, inChannel(paragraph('hi'))),
    ).rejects.toBeInstanceOf(PermanentDeliveryError);
    expect(fake.calls).toEqual([]);
  });
});
