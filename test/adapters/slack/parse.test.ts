import { describe, expect, it } from 'vitest';
import {
  inboundFromAction,
  inboundFromMention,
  inboundFromSlash,
  slackToNeutral,
  slashLine,
  stripBotMention,
} from '../../../adapters/slack/parse.js';
import { renderMessages } from '../../../adapters/slack/render.js';
import { createRegistry } from '../../../src/features/index.js';
import { inChannel, paragraph, text } from '../../../src/kernel/reply.js';
import { tokenize } from '../../../src/kernel/tokenize.js';
import { visibleText } from '../../helpers/slack-limits.js';

const mentionsIn = (line: string) => tokenize(line).flatMap((t) => (t.mention ? [t.mention] : []));

describe('Slack text → the core’s neutral text', () => {
  it('turns user and group mentions into the neutral forms the core reads', () => {
    const line = slackToNeutral('managers add <@U0BOB|bob> and <!subteam^S0NOC|@northwind-noc>');
    expect(line).toBe('managers add <user:U0BOB|bob> and <group:S0NOC|@northwind-noc>');
    expect(mentionsIn(line)).toEqual([
      { kind: 'user', id: 'U0BOB', label: 'bob' },
      { kind: 'group', id: 'S0NOC', label: '@northwind-noc' },
    ]);
  });

  it('labels a mention without a label by the lookup, else by its id', () => {
    expect(slackToNeutral('<@U1> <@U2>', (id) => (id === 'U1' ? 'dana' : undefined))).toBe(
      '<user:U1|dana> <user:U2|U2>',
    );
  });

  it('keeps a label with spaces usable as a key:value option', () => {
    const line = slackToNeutral('setup internal:<!subteam^S1|@IT Team> msp:Northwind');
    const option = tokenize(line).find((t) => t.option?.key === 'internal');
    expect(option?.option?.value).toBe('<group:S1|@IT_Team>');
  });

  it('unescapes what people typed, so the core sees their literal words', () => {
    expect(slackToNeutral('note:"a &lt;b&gt; &amp;amp; c"')).toBe('note:"a <b> &amp; c"');
  });

  it('never lets typed text forge a neutral mention', () => {
    const line = slackToNeutral('managers add &lt;user:UBOSS|boss&gt;');
    expect(mentionsIn(line)).toEqual([]);
  });

  it('keeps @here/@channel as words, channels as #name and links as their URL', () => {
    expect(
      slackToNeutral(
        '<!here> see <#C123|general> and <https://psa.example.com/t/42?a=1&amp;b=2|ticket 42> or ' +
          '<mailto:it@acme.test|it@acme.test>',
      ),
    ).toBe('@here see #general and https://psa.example.com/t/42?a=1&b=2 or it@acme.test');
  });

  it('round-trips: a typed <!channel> comes back out escaped, never as a ping', () => {
    const neutral = slackToNeutral('&lt;!channel&gt; <!everyone>');
    const shown = visibleText(renderMessages(inChannel(paragraph(text(neutral))))[0]!);
    expect(shown).toBe('&lt;!channel&gt; @everyone');
  });
});

describe('Slack payloads → Inbound', () => {
  it('expands the shortcuts and strips /tandem, so the registry finds the command', () => {
    const registry = createRegistry();
    const { shortcuts } = registry;
    expect(slashLine('/whoowns', 'backups', shortcuts)).toBe('who owns backups');
    expect(slashLine('/tandem', ' who owns backups ', shortcuts)).toBe('who owns backups');
    expect(registry.parse(slashLine('/whoowns', 'backups', shortcuts)).spec.id).toBe('who-owns');
    // A workspace that renamed /tandem (say to /tandem-it) still reaches every command.
    expect(slashLine('/tandem-it', 'help', shortcuts)).toBe('help');
  });

  it('reads a slash command as the user, in the channel', () => {
    const payload = { command: '/whoowns', text: 'vpn for <@U9>', user_id: 'U1', user_name: 'alice', channel_id: 'C1' };
    const inbound = inboundFromSlash(payload, createRegistry().shortcuts, () => 'zed');
    expect(inbound).toEqual({
      conversation: { platform: 'slack', channelId: 'C1' },
      actor: { platform: 'slack', userId: 'U1', name: 'alice' },
      text: 'who owns vpn for <user:U9|zed>',
    });
  });

  it('strips the bot’s own mention wherever it is, keeping other mentions', () => {
    expect(stripBotMention('<@UBOT> who owns patching?', 'UBOT')).toBe('who owns patching?');
    expect(stripBotMention('hey <@UBOT|tandem>, managers add <@U2>', 'UBOT')).toBe('hey , managers add <@U2>');
    const inbound = inboundFromMention(
      { user: 'U1', text: '<@UBOT> managers add <@U2|bob>', channel: 'C1' },
      'UBOT',
      'alice',
    );
    expect(inbound.text).toBe('managers add <user:U2|bob>');
    expect(inbound.actor.name).toBe('alice');
  });

  it('runs a button’s command line as the person who clicked', () => {
    const inbound = inboundFromAction({ user: { id: 'U7', username: 'erin' }, channel: { id: 'C1' } }, 'ack ESC-4');
    expect(inbound).toEqual({
      conversation: { platform: 'slack', channelId: 'C1' },
      actor: { platform: 'slack', userId: 'U7', name: 'erin' },
      text: 'ack ESC-4',
    });
    expect(
      inboundFromAction({ user: { id: 'U7' }, container: { channel_id: 'C2' } }, 'ack ESC-4')?.conversation.channelId,
    ).toBe('C2');
    expect(inboundFromAction({ user: { id: 'U7' } }, 'ack ESC-4')).toBeNull();
  });
});

describe('the organisation Slack reports for each person', () => {
  it("is the home workspace: a slash command's team_id, a mention's user_team (else team), a click's team_id", () => {
    const slash = inboundFromSlash(
      { command: '/tandem', text: 'help', user_id: 'U1', user_name: 'sam', channel_id: 'C1', team_id: 'T0NWIND' },
      new Map(),
    );
    expect(slash.actor).toMatchObject({ userId: 'U1', orgId: 'T0NWIND' });
    const shared = inboundFromMention(
      { user: 'U1', text: '<@UBOT> help', channel: 'C1', user_team: 'T0NWIND', team: 'T1' },
      'UBOT',
      'sam',
    );
    expect(shared.actor.orgId).toBe('T0NWIND');
    expect(
      inboundFromMention({ user: 'U2', text: 'help', channel: 'C1', team: 'T1' }, 'UBOT', 'dana').actor.orgId,
    ).toBe('T1');
    const click = inboundFromAction(
      { user: { id: 'U1', username: 'sam', team_id: 'T0NWIND' }, channel: { id: 'C1' } },
      'ack ESC-1',
    );
    expect(click?.actor.orgId).toBe('T0NWIND');
  });

  it('is left out when Slack does not say', () => {
    const slash = inboundFromSlash({ command: '/tandem', text: 'help', user_id: 'U1', channel_id: 'C1' }, new Map());
    expect(slash.actor).not.toHaveProperty('orgId');
  });
});
