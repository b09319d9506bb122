import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { baseConversationId, toInbound } from '../../../adapters/teams/parse.js';
import { referenceOf, toConversationReference } from '../../../adapters/teams/reference.js';
import { createRegistry } from '../../../src/features/index.js';
import { ALICE, BOB, BOT_ID, CHANNEL_ID, fixture } from '../../helpers/teams-face.js';

const activity = (name: string, overrides: Record<string, unknown> = {}) =>
  fixture(name, overrides) as unknown as Activity;
const botMention = { type: 'mention', text: '<at>Tandem</at>', mentioned: { id: BOT_ID, name: 'Tandem' } };
const registry = createRegistry();

describe('Teams activities as core commands', () => {
  it('reads a channel message: the bot mention removed, the person by Entra id, the channel without the thread', () => {
    expect(toInbound(activity('channel-message'))).toEqual({
      conversation: { platform: 'teams', channelId: CHANNEL_ID },
      actor: { platform: 'teams', userId: ALICE.aadObjectId, name: 'Alice Admin' },
      text: 'who owns backups',
    });
  });

  it('turns mentions of people into the neutral form, by Entra id when Teams gives one', () => {
    const carol = { id: '29:1carol-teams-user-id', name: 'Carol Contractor' };
    const inbound = toInbound(
      activity('channel-message', {
        text: '<at>Tandem</at> managers add <at>Bob Builder</at> and <at>Carol Contractor</at>',
        entities: [
          botMention,
          { type: 'mention', text: '<at>Bob Builder</at>', mentioned: BOB },
          { type: 'mention', text: '<at>Carol Contractor</at>', mentioned: carol },
        ],
      }),
    );
    expect(inbound?.text).toBe(
      `managers add <user:${BOB.aadObjectId}|Bob Builder> and <user:29:1carol-teams-user-id|Carol Contractor>`,
    );
  });

  it('keeps a mention given as an option value whole, though the name has a space', () => {
    const tag = { id: 'MCMjMiMjdGFn', name: 'IT Team', type: 'tag' };
    const inbound = toInbound(
      activity('channel-message', {
        text:
          '<at>Tandem</at> setup org:Acme msp:Northwind tz:UTC internal:<at>IT Team</at> msp-team:<at>NOC ' +
          'channel</at>',
        entities: [
          botMention,
          { type: 'mention', text: '<at>IT Team</at>', mentioned: tag },
          {
            type: 'mention',
            text: '<at>NOC channel</at>',
            mentioned: { id: '19:noc@thread.tacv2', name: 'NOC channel' },
          },
        ],
      }),
    );
    const { args } = registry.parse(inbound!.text);
    expect(args).toMatchObject({
      internal: { kind: 'group', id: 'tag:MCMjMiMjdGFn', label: 'IT Team' },
      mspTeam: { kind: 'group', id: 'channel:19:noc@thread.tacv2', label: 'NOC channel' },
    });
  });

  it('runs the command a card button submits, as the person who clicked', () => {
    expect(toInbound(activity('card-submit', { from: BOB }))).toEqual({
      conversation: { platform: 'teams', channelId: CHANNEL_ID },
      actor: { platform: 'teams', userId: BOB.aadObjectId, name: 'Bob Builder' },
      text: 'hours set mon-fri 09:00-18:00',
    });
  });

  it('reads a personal chat message, which has no mention, and falls back to the Teams id without an Entra id', () => {
    const inbound = toInbound(
      activity('channel-message', {
        text: 'help\u00a0matrix',
        entities: [],
        from: { id: '29:guest', name: 'Guest' },
        conversation: { conversationType: 'personal', id: 'a:1personal' },
      }),
    );
    expect(inbound).toMatchObject({
      conversation: { channelId: 'a:1personal' },
      actor: { userId: '29:guest' },
      text: 'help matrix',
    });
  });

  it('ignores activities that carry no command', () => {
    expect(toInbound(activity('bot-added-to-team'))).toBeNull();
    expect(toInbound(activity('channel-message', { text: '<at>Tandem</at>' }))).toBeNull();
    expect(toInbound(activity('card-submit', { value: { something: 'else' } }))).toBeNull();
  });

  it('knows a channel from any of its threads', () => {
    expect(baseConversationId(`${CHANNEL_ID};messageid=1764514800123`)).toBe(CHANNEL_ID);
    expect(baseConversationId('a:1personal')).toBe('a:1personal');
  });
});

describe('stored conversation references', () => {
  it('keep where and as whom to post, for the channel rather than the thread, and nothing about the speaker', () => {
    const ref = referenceOf(activity('channel-message'));
    expect(ref).toEqual({
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/amer/',
      conversation: {
        id: CHANNEL_ID,
        conversationType: 'channel',
        tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
        isGroup: true,
      },
      bot: { id: BOT_ID, name: 'Tandem' },
    });
    expect(JSON.stringify(ref)).not.toContain(ALICE.aadObjectId);
    expect(toConversationReference(JSON.parse(JSON.stringify(ref)))).toMatchObject({
      serviceUrl: ref!.serviceUrl,
      conversation: { id: CHANNEL_ID },
    });
  });

  it('refuse what is not a reference', () => {
    expect(referenceOf(activity('channel-message', { serviceUrl: 'javascript:alert(1)' }))).toBeNull();
    expect(toConversationReference({ serviceUrl: 'https://x.example/' })).toBeNull();
  });
});
