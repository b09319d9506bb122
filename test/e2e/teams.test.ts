import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, PermanentDeliveryError } from '../../src/kernel/errors.js';
import { buttons, field, fields, header, inChannel, mention, paragraph } from '../../src/kernel/reply.js';
import { cardOf, cardText, startFakeConnector } from '../helpers/teams-connector.js';
import {
  ALICE,
  BOB,
  CHANNEL_ID,
  fixture,
  startTeamsFace,
  type TeamsHarness,
  THREAD_ID,
} from '../helpers/teams-face.js';

const TEAMS_CHANNEL = { platform: 'teams' as const, channelId: CHANNEL_ID };
const SETUP = 'setup org:Acme msp:Northwind tz:America/New_York';

let h: TeamsHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

/** The text a reader sees in the card of the connector call at `index`. */
const textOf = (t: TeamsHarness, index: number) => cardText(cardOf(t.connector.calls[index]!));

describe('Teams through the real CloudAdapter', () => {
  it('answers setup and then who owns with a card in the thread the question was asked in', async () => {
    h = await startTeamsFace();
    expect(await h.say(ALICE, SETUP)).toBe(200);
    expect(await h.say(ALICE, 'who owns backups')).toBe(200);

    const [setupReply, answer] = h.connector.calls;
    expect(setupReply).toMatchObject({ method: 'POST', conversationId: THREAD_ID, activityId: 'in-1' });
    expect(textOf(h, 0)).toContain('Tandem is set up for Acme and Northwind');
    expect(answer).toMatchObject({ method: 'POST', conversationId: THREAD_ID, activityId: 'in-2' });
    expect(cardOf(answer!)).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(textOf(h, 1)).toMatch(/backup and disaster recovery is owned by Northwind \(MSP\) right now/i);
    // Everything typed in any thread of the channel belongs to the one registered channel.
    expect((await h.store.channels.find(TEAMS_CHANNEL))?.orgName).toBe('Acme');
  });

  it('answers questions in the words people use, asked through a mention', async () => {
    h = await startTeamsFace();
    await h.say(ALICE, SETUP);
    await h.say(BOB, 'hi, who should I talk to about a new starter next Monday?');
    await h.say(BOB, 'whose is the VPN');
    await h.say(BOB, 'who do we ask for more Adobe licences?');
    expect(textOf(h, 1)).toMatch(/onboarding and offboarding is owned by Acme \(internal IT\) right now/i);
    expect(textOf(h, 2)).toMatch(/complex network issues is owned by /i);
    expect(textOf(h, 3)).toMatch(/licences and vendors is owned by/i);
  });

  it('refuses setup changes from someone who is not a manager, and changes nothing', async () => {
    h = await startTeamsFace();
    await h.say(ALICE, SETUP);
    await h.say(BOB, 'setup msp:Contoso');

    expect(textOf(h, 1)).toContain('only its managers can change the setup');
    expect((await h.store.channels.find(TEAMS_CHANNEL))?.mspName).toBe('Northwind');
  });

  it('maps mentions to people by their Entra id: a manager added by mention may then change the setup', async () => {
    h = await startTeamsFace();
    await h.say(ALICE, SETUP);
    await h.say(ALICE, 'managers add <at>Bob Builder</at>', [BOB]);
    await h.say(BOB, 'setup msp:Contoso');

    expect(textOf(h, 1)).toContain('Bob Builder is now a manager');
    expect(textOf(h, 2)).toContain('Setup updated');
    expect((await h.store.channels.find(TEAMS_CHANNEL))?.mspName).toBe('Contoso');
  });

  it('keeps a team handle given as a tag mention and mentions it back with a real mention entity', async () => {
    h = await startTeamsFace();
    const tag = { id: 'MCMjMiMjNzJmOTg4YmYjIzE5OmFiYw==', name: 'IT Team', type: 'tag' };
    await h.say(ALICE, `${SETUP} internal:<at>IT Team</at>`, [tag]);

    expect((await h.store.channels.find(TEAMS_CHANNEL))?.internalHandle).toEqual({
      kind: 'group',
      id: `tag:${tag.id}`,
      label: 'IT Team',
    });
    const card = cardOf(h.connector.calls[0]!) as { body: unknown[]; msteams: { entities: unknown[] } };
    expect(JSON.stringify(card.body)).toContain('<at>IT Team</at>');
    expect(card.msteams.entities).toEqual([
      { type: 'mention', text: '<at>IT Team</at>', mentioned: { id: tag.id, name: 'IT Team', type: 'tag' } },
    ]);
  });

  it('runs a card button as the person who clicked; a private answer comes in the thread, the card stays', async () => {
    h = await startTeamsFace();
    await h.say(ALICE, SETUP);
    expect(await h.click(ALICE, 'hours set mon-fri 09:00-18:00', 'card-77')).toBe(200);

    const answer = h.connector.calls[1]!;
    expect(answer).toMatchObject({ method: 'POST', conversationId: THREAD_ID });
    expect(cardText(cardOf(answer))).toContain('Business hours are now Mon–Fri 09:00–18:00');
    expect(h.connector.calls.some((c) => c.method === 'PUT')).toBe(false);
    expect(await h.store.channels.find(TEAMS_CHANNEL)).toMatchObject({ dayStart: 9 * 60, dayEnd: 18 * 60 });
  });

  it('answers a refused click with a new message and leaves the clicked card as it was', async () => {
    h = await startTeamsFace();
    await h.say(ALICE, SETUP);
    await h.click(BOB, 'hours set mon-fri 09:00-18:00', 'card-77');

    const answer = h.connector.calls[1]!;
    expect(answer).toMatchObject({ method: 'POST', conversationId: THREAD_ID });
    expect(cardText(cardOf(answer))).toContain('Only managers of this channel can run');
    expect(h.connector.calls.some((c) => c.method === 'PUT')).toBe(false);
    expect(await h.store.channels.find(TEAMS_CHANNEL)).toMatchObject({ dayStart: 8 * 60, dayEnd: 17 * 60 });
  });

  it(
    'stores the conversation reference when added to a team, and posts proactively to the channel ' + 'through it',
    async () => {
      h = await startTeamsFace();
      expect(await h.deliver(fixture('bot-added-to-team'))).toBe(200);

      expect((await h.store.conversations.find(TEAMS_CHANNEL))?.reference).toMatchObject({
        serviceUrl: h.connector.serviceUrl,
        conversation: { id: CHANNEL_ID },
      });
      expect(textOf(h, 0)).toContain('Tandem is here');

      const card = inChannel(
        header('ESC-1 · VPN down'),
        fields(field('To', mention({ kind: 'user', id: BOB.aadObjectId, label: 'Bob Builder' }))),
        buttons({ label: 'Acknowledge', command: 'ack ESC-1' }),
      );
      const posted = await h.face.chat.post(TEAMS_CHANNEL, card);
      const post = h.connector.calls[1]!;
      // A new message in the channel (a new thread), not a reply to anything.
      expect(post).toMatchObject({ method: 'POST', conversationId: CHANNEL_ID, activityId: null });
      expect(posted.platformMessageId).toBe('msg-2');
      expect(cardText(cardOf(post))).toContain('ESC-1 · VPN down');
      expect((cardOf(post) as { msteams: { entities: unknown[] } }).msteams.entities).toEqual([
        { type: 'mention', text: '<at>Bob Builder</at>', mentioned: { id: BOB.aadObjectId, name: 'Bob Builder' } },
      ]);

      await h.face.chat.update(TEAMS_CHANNEL, posted.platformMessageId, inChannel(paragraph('ESC-1 acknowledged')));
      expect(h.connector.calls[2]).toMatchObject({ method: 'PUT', conversationId: CHANNEL_ID, activityId: 'msg-2' });
      expect(cardText(cardOf(h.connector.calls[2]!))).toContain('ESC-1 acknowledged');
    },
  );

  it('refreshes the stored reference on every activity, so posts follow a changed serviceUrl', async () => {
    h = await startTeamsFace();
    await h.deliver(fixture('bot-added-to-team'));
    const moved = await startFakeConnector();
    try {
      await h.deliver(fixture('channel-message', { text: '<at>Tandem</at> help', serviceUrl: moved.serviceUrl }));
      await h.face.chat.post(TEAMS_CHANNEL, inChannel(paragraph('Good morning')));
      expect(moved.calls.map((c) => [c.method, c.conversationId, c.activityId])).toEqual([
        ['POST', THREAD_ID, '1764514800123'],
        ['POST', CHANNEL_ID, null],
      ]);
    } finally {
      await moved.close();
    }
  });

  it('forgets the conversation when removed, so a later post fails for good instead of being retried', async () => {
    h = await startTeamsFace();
    await h.deliver(fixture('bot-added-to-team'));
    await h.deliver(fixture('bot-removed-from-team'));

    expect(await h.store.conversations.find(TEAMS_CHANNEL)).toBeNull();
    await expect(h.face.chat.post(TEAMS_CHANNEL, inChannel(paragraph('hello')))).rejects.toBeInstanceOf(
      PermanentDeliveryError,
    );
  });

  it('stores the reference of a personal chat on installation', async () => {
    h = await startTeamsFace();
    expect(await h.deliver(fixture('personal-installation-update'))).toBe(200);
    expect(
      (await h.store.conversations.find({ platform: 'teams', channelId: 'a:1Gx2Hy3Jz4personal-chat-id' }))?.reference,
    ).toMatchObject({
      conversation: { conversationType: 'personal' },
    });
  });
});

describe('card submits go through the same guard as typed text', () => {
  it('data submitted by hand cannot forge a group mention of the whole company into an area contact', async () => {
    h = await startTeamsFace();
    await h.say(ALICE, SETUP);
    const forged = 'matrix set patching contact:<group:team:19:everyone@thread.tacv2|Everyone>';
    expect(await h.click(ALICE, forged, 'card-1')).toBe(200);
    const channel = (await h.store.channels.find(TEAMS_CHANNEL))!;
    const patching = (await h.store.matrix.list(channel.id)).find((a) => a.name === 'patching');
    expect(patching?.contact?.kind).not.toBe('group');
    // The area's card shows words, with no mention entity to notify anyone.
    await h.say(ALICE, 'who owns patching');
    const card = cardOf(h.connector.calls.at(-1)!) as { msteams?: { entities?: unknown[] } };
    expect(card.msteams?.entities ?? []).toEqual([]);
  });
});

describe('Teams authentication', () => {
  const APP = { MICROSOFT_APP_ID: '0b0b0b0b-1111-2222-3333-444444444444', MICROSOFT_APP_PASSWORD: 'not-a-real-secret' };

  it('refuses requests without a valid Bot Framework token when an app id is configured', async () => {
    h = await startTeamsFace(APP);
    expect(await h.deliver(fixture('channel-message'))).toBe(401);
    expect(await h.deliver(fixture('channel-message'), { authorization: 'Bearer not-a-token' })).toBe(401);

    expect(h.connector.calls).toEqual([]);
    expect(await h.store.conversations.find(TEAMS_CHANNEL)).toBeNull();
  });

  it(
    'will not start without an app id unless unauthenticated use is allowed, and then says so in ' + 'the log',
    async () => {
      await expect(startTeamsFace({})).rejects.toBeInstanceOf(ConfigError);
      h = await startTeamsFace({ TEAMS_ALLOW_UNAUTHENTICATED: '1' });
      expect(h.log.lines.some((l) => l.level === 'warn' && /WITHOUT authentication/.test(l.msg ?? ''))).toBe(true);
    },
  );

  it('reports ready on /healthz, and refuses activities once stopped', async () => {
    h = await startTeamsFace();
    expect((await fetch(`${h.base}/healthz`)).status).toBe(200);
    await h.face.stop();
    expect((await fetch(`${h.base}/healthz`)).status).toBe(503);
    expect(await h.say(ALICE, 'help')).toBe(503);
  });
});
