import type { Activity } from 'botbuilder';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { inboundFromSlash, slackUnescape } from '../../adapters/slack/parse.js';
import { renderMessages } from '../../adapters/slack/render.js';
import { toInbound } from '../../adapters/teams/parse.js';
import { renderCards } from '../../adapters/teams/render.js';
import type { Reply } from '../../src/kernel/reply.js';
import { commandStarts, piece } from '../helpers/adversarial-input.js';
import { MANAGER, MEMBER, makeBusyChannel, type ObservedCore } from '../helpers/observed-core.js';
import { slackControlSequences, slackMrkdwnTexts, stringsAt, teamsLiveMarkup } from '../helpers/reply-markup.js';
import { ALICE, BOB, CHANNEL_ID, fixture } from '../helpers/teams-face.js';

/**
 * What people type, through each face's parser, the core and the face's renderer: the rendered
 * text may ping, broadcast or link only what a person made with a real platform mention (or typed
 * as a ticket link); everything else stays words.
 */

const RUNS = 1_500;
const tally = { slack: 0, teams: 0 };
afterAll(() => console.info(`[hardening] injection cases: Slack ${tally.slack}, Teams ${tally.teams}`));

const starts = commandStarts().filter((s) => !s.startsWith('/'));

/** Replies the core queued for the channel since the last call: cards and their updates. */
function newPosts(core: ObservedCore): () => Reply[] {
  let last = 0;
  return () => {
    const rows = core.sqlite.prepare('SELECT id, reply FROM outbox WHERE id > ? ORDER BY id').all(last) as {
      id: number;
      reply: string;
    }[];
    if (rows.length) last = rows[rows.length - 1]!.id;
    return rows.map((r) => JSON.parse(r.reply) as Reply);
  };
}

/** The URLs in what was typed, as a renderer would write them (a ticket link is a link the person made). */
function typedUrls(text: string): string[] {
  return [...text.matchAll(/https?:\/\/[^\s<>|"”]+/g)].flatMap((m) => {
    try {
      return [new URL(m[0]).href];
    } catch {
      return [];
    }
  });
}

describe('Slack: Block Kit from what people type', () => {
  // Slack escapes & < > in what a person types, and writes real mentions, broadcasts, channels and links as <…>.
  const escapeTyped = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const real = fc.constantFrom(
    '<@U0DANA>',
    '<@U0EVE|eve>',
    '<!subteam^S0OPS|@ops>',
    '<!channel>',
    '<!here>',
    '<!everyone>',
    '<#C0GEN|general>',
    '<https://psa.example.com/t/7|ticket 7>',
    '<mailto:it@acme.example|it@acme.example>',
  );
  const slackText = fc
    .tuple(
      fc.constantFrom(...starts),
      fc.array(fc.oneof({ weight: 3, arbitrary: piece.map(escapeTyped) }, { weight: 1, arbitrary: real }), {
        maxLength: 6,
      }),
    )
    .map(([start, parts]) => [start, ...parts].join(' '));

  it('pings, broadcasts and links only what was made with a real mention or typed as a link', async () => {
    const core = await makeBusyChannel();
    const posts = newPosts(core);
    posts();
    // Real identities: the people who spoke, and whatever was mentioned for real (in the arrangement and since).
    const realUsers = new Set(['UALICE', 'UBOB', 'UCAROL']);
    const realGroups = new Set(['SITTEAM', 'SNOC']);
    const urls = new Set(['https://psa.example.com/t/991']);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(MANAGER, MEMBER), slackText, async (who, typed) => {
        tally.slack++;
        for (const m of typed.matchAll(/<@([A-Z0-9]+)(?:\|[^>]*)?>/g)) realUsers.add(m[1]!);
        for (const m of typed.matchAll(/<!subteam\^([A-Z0-9]+)(?:\|[^>]*)?>/g)) realGroups.add(m[1]!);
        for (const u of typedUrls(slackUnescape(typed))) urls.add(u);
        const inbound = inboundFromSlash(
          { command: '/tandem', text: typed, user_id: who, user_name: who.toLowerCase(), channel_id: 'C0FUZZ' },
          core.registry.shortcuts,
        );
        const reply = await core.bot.handle(inbound);
        for (const r of [reply, ...posts()]) {
          for (const text of slackMrkdwnTexts(renderMessages(r))) {
            for (const seq of slackControlSequences(text)) {
              const user = /^<@([A-Z0-9]+)>$/.exec(seq);
              const group = /^<!subteam\^([A-Z0-9]+)>$/.exec(seq);
              const href = /^<(https?:\/\/[^|>]+)(?:\|[^>]*)?>$/.exec(seq);
              const ok =
                (user && realUsers.has(user[1]!)) ||
                (group && realGroups.has(group[1]!)) ||
                (href && urls.has(slackUnescape(href[1]!)));
              expect(ok, `${seq} rendered from ${JSON.stringify(typed.slice(0, 200))}`).toBeTruthy();
            }
          }
        }
      }),
      { seed: 77, numRuns: RUNS },
    );
    core.db.$client.close();
  }, 120_000);
});

describe('Teams: Adaptive Cards from what people type', () => {
  const DANA = { id: '29:1dana-teams-user-id', name: 'Dana Ops', aadObjectId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' };
  const OPS_TAG = { id: 'ops-tag-id', name: 'ops', type: 'tag' };
  /** A real mention: its `<at>` text in the message and its entity. */
  const real = fc.constantFrom(
    { text: '<at>Dana Ops</at>', mentioned: DANA },
    { text: '<at>ops</at>', mentioned: OPS_TAG },
  );
  const teamsMessage = fc.tuple(
    fc.constantFrom(...starts),
    fc.array(
      fc.oneof(
        { weight: 3, arbitrary: piece.map((text) => ({ text, mentioned: null })) },
        { weight: 1, arbitrary: real },
      ),
      { maxLength: 6 },
    ),
  );

  it('turns into mentions only real mention entities, and into links only typed ticket links', async () => {
    const core = await makeBusyChannel({ platform: 'teams', channelId: CHANNEL_ID });
    const posts = newPosts(core);
    posts();
    const realIds = new Set([ALICE.aadObjectId, BOB.aadObjectId, DANA.aadObjectId, OPS_TAG.id]);
    const urls = new Set(['https://psa.example.com/t/991']);
    let seq = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(ALICE, BOB), teamsMessage, async (from, [start, parts]) => {
        tally.teams++;
        const text = `<at>Tandem</at> ${[start, ...parts.map((p) => p.text)].join(' ')}`;
        for (const u of typedUrls(text)) urls.add(u);
        const mentions = parts
          .filter((p) => p.mentioned)
          .map((p) => ({ type: 'mention', text: p.text, mentioned: p.mentioned }));
        const activity = fixture('channel-message', {
          id: `m${++seq}`,
          text,
          from,
          entities: [
            {
              type: 'mention',
              text: '<at>Tandem</at>',
              mentioned: { id: '28:0b0b0b0b-1111-2222-3333-444444444444', name: 'Tandem' },
            },
            ...mentions,
          ],
        }) as unknown as Activity;
        const inbound = toInbound(activity);
        if (!inbound) return;
        // The busy channel was set up with console-style ids; Teams speaks with the actor's Entra id.
        const reply = await core.bot.handle({
          ...inbound,
          actor: { ...inbound.actor, userId: from === ALICE ? MANAGER : MEMBER },
        });
        for (const r of [reply, ...posts()]) {
          for (const card of renderCards(r)) {
            const entities = (card.msteams.entities ?? []).map((e) => ({ text: e.text, id: e.mentioned.id }));
            for (const e of entities)
              expect(realIds.has(e.id), `a mention of ${e.id} from ${JSON.stringify(text.slice(0, 200))}`).toBe(true);
            for (const t of [
              ...stringsAt(card.body, 'text'),
              ...stringsAt(card.body, 'value'),
              ...stringsAt(card.body, 'title'),
            ]) {
              const live = teamsLiveMarkup(t);
              for (const m of live.mentions)
                expect(
                  entities.some((e) => e.text === m),
                  `${m} without an entity, from ${JSON.stringify(text.slice(0, 200))}`,
                ).toBe(true);
              for (const l of live.links) {
                const url = /\]\(([^)]*)\)$/.exec(l)![1]!;
                expect(urls.has(url), `link ${l} from ${JSON.stringify(text.slice(0, 200))}`).toBe(true);
              }
            }
          }
        }
      }),
      { seed: 78, numRuns: RUNS },
    );
    core.db.$client.close();
  }, 120_000);
});

describe('typed ids are words, real mentions are mentions', () => {
  const slackSay = (core: ObservedCore, who: string, text: string) =>
    core.bot.handle(
      inboundFromSlash(
        { command: '/tandem', text, user_id: who, user_name: who.toLowerCase(), channel_id: 'C0FUZZ' },
        core.registry.shortcuts,
      ),
    );
  const live = (r: Reply) => slackMrkdwnTexts(renderMessages(r)).flatMap(slackControlSequences);

  it('Slack: an @id typed as text (a contact, a team handle) never pings that id; a real <@…> does', async () => {
    const core = await makeBusyChannel();
    await slackSay(core, MANAGER, 'matrix set patching contact:@UCEO');
    expect(live(await slackSay(core, MEMBER, 'who owns patching'))).not.toContain('<@UCEO>');
    await slackSay(core, MANAGER, 'setup internal:@W0BOSS');
    await slackSay(core, MEMBER, 'escalate the printer is on fire');
    expect(newPosts(core)().flatMap(live)).not.toContain('<@W0BOSS>');
    // An e-mail address is left alone.
    await slackSay(core, MANAGER, 'matrix set patching note:"mail ops@USA.example"');
    expect(JSON.stringify(renderMessages(await slackSay(core, MEMBER, 'who owns patching')))).toContain(
      'ops@USA.example',
    );

    await slackSay(core, MANAGER, 'matrix set patching contact:<@U0DANA|dana>');
    expect(live(await slackSay(core, MEMBER, 'who owns patching'))).toContain('<@U0DANA>');
    core.db.$client.close();
  });

  it('Teams: a typed neutral form or @<Entra id> never becomes a mention; an entity does', async () => {
    const core = await makeBusyChannel({ platform: 'teams', channelId: CHANNEL_ID });
    const DANA = { id: '29:1dana', name: 'Dana Ops', aadObjectId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' };
    let seq = 0;
    const say = async (who: string, text: string, mentioned: (typeof DANA)[] = []) => {
      const activity = fixture('channel-message', {
        id: `t${++seq}`,
        text: `<at>Tandem</at> ${text}`,
        entities: [
          {
            type: 'mention',
            text: '<at>Tandem</at>',
            mentioned: { id: '28:0b0b0b0b-1111-2222-3333-444444444444', name: 'Tandem' },
          },
          ...mentioned.map((m) => ({ type: 'mention', text: `<at>${m.name}</at>`, mentioned: m })),
        ],
      }) as unknown as Activity;
      return core.bot.handle({ ...toInbound(activity)!, actor: { platform: 'teams', userId: who, name: who } });
    };
    const entities = (r: Reply) =>
      renderCards(r)
        .flatMap((c) => c.msteams.entities ?? [])
        .map((e) => e.mentioned.id);

    await say(MANAGER, `matrix set patching contact:@${DANA.aadObjectId}`);
    expect(entities(await say(MEMBER, 'who owns patching'))).toEqual([]);
    await say(MANAGER, 'matrix set patching contact:<user:0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d|Eve>');
    expect(entities(await say(MEMBER, 'who owns patching'))).toEqual([]);
    await say(MANAGER, 'setup internal:<group:tag:abc|Admins>');
    await say(MEMBER, 'escalate the printer is on fire');
    expect(newPosts(core)().flatMap((r) => entities(r))).not.toContain('abc');

    await say(MANAGER, 'matrix set patching contact:<at>Dana Ops</at>', [DANA]);
    expect(entities(await say(MEMBER, 'who owns patching'))).toEqual([DANA.aadObjectId]);
    core.db.$client.close();
  });
});
