import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '../../../db/client.js';
import { createStore } from '../../../db/store.js';
import { PermanentDeliveryError, RateLimited } from '../../../src/kernel/errors.js';
import { inChannel, list, paragraph } from '../../../src/kernel/reply.js';
import { cardOf, cardText } from '../../helpers/teams-connector.js';
import { CHANNEL_ID, fixture, startTeamsFace, type TeamsHarness } from '../../helpers/teams-face.js';

const CHANNEL = { platform: 'teams' as const, channelId: CHANNEL_ID };
const hello = inChannel(paragraph('Good morning'));

let h: TeamsHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

/** A Teams face that knows the fixture channel, its connector answering `status` from now on. */
async function faceAnswering(status: number, headers: Record<string, string> = {}) {
  h = await startTeamsFace();
  await h.deliver(fixture('bot-added-to-team'));
  h.connector.calls.length = 0;
  h.connector.answerWith(() => ({
    status,
    headers,
    body: { error: { code: 'Fault', message: `answered ${status}` } },
  }));
  return h;
}

describe('TeamsChat delivery failures, for the outbox to act on', () => {
  it(
    'reports 429 as RateLimited with the Retry-After, after one attempt (the outbox retries, not ' + 'botbuilder)',
    async () => {
      const t = await faceAnswering(429, { 'retry-after': '7' });
      const err = await t.face.chat.post(CHANNEL, hello).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RateLimited);
      expect((err as RateLimited).retryAfterMs).toBe(7000);
      expect(t.connector.calls).toHaveLength(1);
    },
  );

  it('reports a refusal (403, 404) as permanent, so it is not retried', async () => {
    const t = await faceAnswering(403);
    await expect(t.face.chat.post(CHANNEL, hello)).rejects.toBeInstanceOf(PermanentDeliveryError);
    t.connector.answerWith(() => ({ status: 404, body: {} }));
    await expect(t.face.chat.update(CHANNEL, 'msg-1', hello)).rejects.toBeInstanceOf(PermanentDeliveryError);
    expect(t.connector.calls).toHaveLength(2);
  });

  it('lets a server error through as retryable, after one attempt', async () => {
    const t = await faceAnswering(500);
    const err = await t.face.chat.post(CHANNEL, hello).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(PermanentDeliveryError);
    expect(err).not.toBeInstanceOf(RateLimited);
    expect(t.connector.calls).toHaveLength(1);
  });

  it('cannot post where Tandem was never added, and says what to do', async () => {
    h = await startTeamsFace();
    await expect(h.face.chat.post({ platform: 'teams', channelId: '19:unknown@thread.tacv2' }, hello)).rejects.toThrow(
      /add the Tandem app/,
    );
    expect(h.connector.calls).toEqual([]);
  });

  it('posts a reply too large for one message as several, in order, and gives the first one for updates', async () => {
    h = await startTeamsFace();
    await h.deliver(fixture('bot-added-to-team'));
    const before = h.connector.calls.length;
    const items = Array.from({ length: 300 }, (_, i) => [`area ${i} ${'x'.repeat(80)}`]);
    const posted = await h.face.chat.post(CHANNEL, inChannel(list(items)));

    const posts = h.connector.calls.slice(before);
    expect(posts.length).toBeGreaterThan(1);
    expect(posts.every((c) => c.method === 'POST' && c.conversationId === CHANNEL_ID && c.activityId === null)).toBe(
      true,
    );
    expect(posted.platformMessageId).toBe(`msg-${before + 1}`);
    expect(cardText(cardOf(posts.at(-1)!))).toContain('area 299');
  });
});

describe('the conversations repository', () => {
  it('writes a reference only when it changed, and keeps platforms apart', async () => {
    const db = openDb(':memory:');
    const repo = createStore(db).conversations;
    const ref = { serviceUrl: 'https://a.example/', conversation: { id: 'c' } };
    expect(await repo.save(CHANNEL, ref, new Date('2026-11-30T10:00:00Z'))).toBe(true);
    expect(await repo.save(CHANNEL, { ...ref }, new Date('2026-11-30T11:00:00Z'))).toBe(false);
    expect(await repo.find(CHANNEL)).toEqual({ reference: ref, updatedAt: new Date('2026-11-30T10:00:00Z') });

    const moved = { ...ref, serviceUrl: 'https://b.example/' };
    expect(await repo.save(CHANNEL, moved, new Date('2026-11-30T12:00:00Z'))).toBe(true);
    expect(await repo.find(CHANNEL)).toEqual({ reference: moved, updatedAt: new Date('2026-11-30T12:00:00Z') });
    expect(await repo.find({ platform: 'slack', channelId: CHANNEL_ID })).toBeNull();

    expect(await repo.remove(CHANNEL)).toBe(true);
    expect(await repo.remove(CHANNEL)).toBe(false);
    expect(await repo.find(CHANNEL)).toBeNull();
    db.$client.close();
  });
});
