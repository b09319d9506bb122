import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ANSWER_IN_ACK_MAX_CHARS } from '../../adapters/slack/listeners.js';
import { buttons, ephemeral, inChannel, paragraph } from '../../src/kernel/reply.js';
import { ALICE, BOB, CAROL, CHANNEL, SECRET, type SlackHarness, startSlackHarness } from '../helpers/slack-face.js';
import { limitProblems, type SentMessage, visibleText } from '../helpers/slack-limits.js';
import { postSigned } from '../helpers/slack-requests.js';

/** The whole Slack path: signed HTTP request → real Bolt → core → response_url / Web API fake. */
describe('Slack face over HTTP, through the real Bolt stack', () => {
  let h: SlackHarness;
  beforeEach(async () => {
    h = await startSlackHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  const setUp = () =>
    h.ask(ALICE, 'setup org:Acme msp:Northwind tz:America/New_York internal:<!subteam^SITTEAM|@it-team>');

  it('answers in the channel through the response_url, after an empty ack', async () => {
    const { res, id, ackBody } = await h.slash(ALICE, 'setup org:Acme msp:Northwind tz:America/New_York');
    expect([res.status, ackBody]).toEqual([200, '']);
    const reply = await h.fake.waitFor(() => h.fake.responsesTo(id)[0], 'setup reply');
    expect(reply.response_type).toBe('in_channel');
    expect(visibleText(reply)).toContain('Tandem is set up for Acme and Northwind');
    expect(limitProblems(reply)).toEqual([]);
  });

  it('answers only the asker in the ack when the answer is ready at once: one exchange, no response_url', async () => {
    await setUp();
    const { res, id } = await h.slash(BOB, 'who owns backups');
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    const answers = h.fake.responses.filter((r) => r.id === id);
    expect(answers.map((a) => a.via)).toEqual(['ack']);
    expect(answers[0]!.body.response_type).toBe('ephemeral');
    // replace_original belongs to a response_url's posts, not to a command's own answer.
    expect(answers[0]!.body).not.toHaveProperty('replace_original');
    expect(visibleText(answers[0]!.body)).toMatch(/backup and disaster recovery\*? is owned by/);
    expect(limitProblems(answers[0]!.body)).toEqual([]);
  });

  it('acknowledges before the command runs, so a slow command never misses Slack’s 3 seconds', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    await h.close();
    h = await startSlackHarness({
      wrapBot: (bot) => ({
        handle: async (inbound) => {
          await gate;
          return bot.handle(inbound);
        },
      }),
    });
    const started = Date.now();
    const { res, id, ackBody } = await h.slash(ALICE, 'help');
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(ackBody).toBe('');
    expect(h.fake.responsesTo(id)).toEqual([]);
    release();
    const reply = await h.fake.waitFor(() => h.fake.responsesTo(id)[0], 'the reply after the work');
    expect(visibleText(reply)).toContain('who owns');
  });

  it('a lookup answered in several messages: an empty ack, then each through the response_url, in order', async () => {
    await h.close();
    const lines = Array.from({ length: 120 }, (_, i) => paragraph(`Line ${i + 1} of the answer.`));
    h = await startSlackHarness({ wrapBot: () => ({ handle: async () => ephemeral(...lines) }) });
    const { id, ackBody } = await h.slash(ALICE, 'help');
    expect(ackBody).toBe('');
    const answers = await h.fake.waitFor(() => {
      const mine = h.fake.responses.filter((r) => r.id === id);
      return mine.length >= 3 && mine;
    }, 'every part of the answer');
    expect(answers.map((a) => a.via)).toEqual(['response_url', 'response_url', 'response_url']);
    const numbers = answers.flatMap((a) => [...visibleText(a.body).matchAll(/Line (\d+) /g)].map((m) => Number(m[1])));
    expect(numbers).toEqual(lines.map((_, i) => i + 1));
    expect(answers.every((a) => a.body.response_type === 'ephemeral')).toBe(true);
    expect(answers.map((a) => a.body.replace_original)).toEqual([false, false, false]);
  });

  it('acks a change at once and answers it through the response_url, even an answer only the asker sees', async () => {
    await setUp();
    const { res, id, ackBody } = await h.slash(BOB, 'escalate VPN down for the Boston office p1');
    expect([res.status, ackBody]).toEqual([200, '']);
    const reply = await h.fake.waitFor(() => h.fake.responsesTo(id)[0], 'the answer to the escalation');
    expect(reply.response_type).toBe('ephemeral');
    expect(visibleText(reply)).toContain('ESC-1');
  });

  it('acks a line over 2,000 characters unread, and answers it through the response_url', async () => {
    await setUp();
    const line = `who owns ${'the printers on the third floor and '.repeat(60)}backups`;
    expect(line.length).toBeGreaterThan(ANSWER_IN_ACK_MAX_CHARS);
    const { res, id, ackBody } = await h.slash(ALICE, line);
    expect([res.status, ackBody]).toEqual([200, '']);
    const reply = await h.fake.waitFor(() => h.fake.responsesTo(id)[0], 'the answer to the long line');
    expect(reply.response_type).toBe('ephemeral');
  });

  it('answers /whoowns ephemerally, with the team that owns the area now', async () => {
    await setUp();
    const reply = await h.ask(BOB, 'backups', '/whoowns');
    expect(reply.response_type).toBe('ephemeral');
    expect(visibleText(reply)).toMatch(/backup and disaster recovery\*? is owned by \*?Northwind \(MSP\)/);
    const same = await h.ask(BOB, 'who owns backups');
    expect(visibleText(same)).toBe(visibleText(reply));
  });

  it('says the channel needs setup before anything else', async () => {
    const reply = await h.ask(BOB, 'backups', '/whoowns');
    expect(reply.response_type).toBe('ephemeral');
    expect(visibleText(reply)).toContain('not set up yet');
  });

  it('turns a group handle typed in setup into a real Slack group mention', async () => {
    const reply = await setUp();
    expect(visibleText(reply)).toContain('<!subteam^SITTEAM>');
  });

  it('lets the manager change the matrix and refuses a non-manager, saying who can', async () => {
    await setUp();
    const refused = await h.ask(BOB, 'matrix set patching business:internal');
    expect(refused.response_type).toBe('ephemeral');
    expect(visibleText(refused)).toContain('Only managers of this channel can run');
    expect(visibleText(refused)).toContain('@alice');

    // The manager is answered privately; the channel is told through the outbox (see slack-sides.test.ts).
    const done = await h.ask(ALICE, 'matrix set patching business:internal');
    expect(done.response_type).toBe('ephemeral');
    expect(visibleText(done)).toContain('Updated *patching*');
    const now = await h.ask(BOB, 'patching', '/whoowns');
    expect(visibleText(now)).toMatch(/is owned by \*?Acme \(internal IT\)/);
  });

  it('refuses to let a non-manager change the setup', async () => {
    await setUp();
    const refused = await h.ask(BOB, 'setup msp:Other');
    expect(visibleText(refused)).toContain('only its managers can change the setup');
    expect((await h.core.findChannel())?.mspName).toBe('Northwind');
  });

  it('maps a <@U…|name> mention in a command to that Slack user', async () => {
    await setUp();
    const added = await h.ask(ALICE, 'managers add <@UBOB|bob>');
    expect(visibleText(added)).toContain('@bob is now a manager');
    const done = await h.ask(BOB, 'matrix set patching business:internal');
    expect(visibleText(done)).toContain('Updated *patching*');
  });

  it('rejects a forged signature and a stale timestamp with 401, running nothing', async () => {
    const forged = await h.slash(ALICE, 'setup org:Evil msp:Corp tz:UTC', '/tandem', { secret: 'not-the-secret' });
    expect(forged.res.status).toBe(401);
    const stale = await h.slash(ALICE, 'setup org:Evil msp:Corp tz:UTC', '/tandem', {
      timestamp: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    expect(stale.res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(h.fake.responses).toEqual([]);
    expect(await h.core.findChannel()).toBeNull();
  });

  it('accepts a request signed four minutes ago', async () => {
    const { res } = await h.slash(ALICE, 'help', '/tandem', { timestamp: Math.floor(Date.now() / 1000) - 4 * 60 });
    expect(res.status).toBe(200);
  });

  it('answers a mention in the channel, in a thread under the question', async () => {
    h.fake.users.set(CAROL.id, 'carol');
    await setUp();
    const { res, ts } = await h.mention(CAROL.id, '<@UBOT> who owns patching?');
    expect(res.status).toBe(200);
    const post = await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage')[0], 'the answer to the mention');
    expect(post.args.channel).toBe(CHANNEL);
    expect(post.args.thread_ts).toBe(ts);
    expect(post.token).toBe('xoxb-test-token');
    expect(visibleText(post.args as SentMessage)).toMatch(/patching\*? is owned by \*?Northwind/);
    expect(limitProblems(post.args as SentMessage)).toEqual([]);
  });

  it('answers questions in the words people use, asked through a mention', async () => {
    await setUp();
    const asked = [
      ['<@UBOT> hey, who is responsible for backups?', /backup and disaster recovery\*? is owned by/],
      ['<@UBOT> who do I call about an expired SSL certificate', /certificates, domains and DNS\*? is owned by/],
      ['<@UBOT> which team manages the printers on floor 3?', /printers and scanners\*? is owned by/],
    ] as const;
    for (const [i, [question, answer]] of asked.entries()) {
      const { ts } = await h.mention(CAROL.id, question);
      const post = await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage')[i], `the answer to "${question}"`);
      expect(post.args.thread_ts).toBe(ts);
      expect(visibleText(post.args as SentMessage)).toMatch(answer);
    }
  });

  it('names people in a mention by users.info, for the asker and for <@U…> without a label', async () => {
    h.fake.users.set(ALICE.id, 'alice').set(CAROL.id, 'carol');
    await setUp();
    await h.mention(ALICE.id, '<@UBOT> managers add <@UCAROL>');
    const post = await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage')[0], 'the answer');
    expect(visibleText(post.args as SentMessage)).toContain('@carol is now a manager');
    expect(
      h.fake
        .callsTo('users.info')
        .map((c) => c.args.user)
        .sort(),
    ).toEqual([ALICE.id, CAROL.id]);
    // Cached: a second mention asks Slack nothing new.
    await h.mention(ALICE.id, '<@UBOT> managers');
    await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage')[1], 'the second answer');
    expect(h.fake.callsTo('users.info')).toHaveLength(2);
  });

  it('answers a redelivered mention once', async () => {
    await setUp();
    await h.mention(CAROL.id, '<@UBOT> who owns backups', { eventId: 'EvSAME' });
    await h.mention(CAROL.id, '<@UBOT> who owns backups', { eventId: 'EvSAME' });
    await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage')[0], 'the answer');
    await new Promise((r) => setTimeout(r, 100));
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('shows typed <!channel>, <!here> and <@U…> as text: nothing in the answer pings', async () => {
    await setUp();
    // Slack escapes what people type (&lt; …) and writes a real @here as <!here>.
    const note = 'note:"&lt;!channel&gt; call <!here> or &lt;@UBOSS&gt; &amp; co"';
    await h.ask(ALICE, `matrix set "printers and scanners" business:internal ${note}`);
    const reply = await h.ask(BOB, 'printers', '/whoowns');
    const shown = visibleText(reply);
    expect(shown).toContain('&lt;!channel&gt; call @here or &lt;@UBOSS&gt; &amp; co');
    expect(JSON.stringify(reply)).not.toMatch(/<!channel>|<!here>|<@UBOSS>/);
    expect(limitProblems(reply)).toEqual([]);
  });

  it('runs a button’s command as the person who clicks it, and the card can be updated in place', async () => {
    await setUp();
    const posted = await h.face.chat.post(
      { platform: 'slack', channelId: CHANNEL },
      inChannel(
        paragraph('Patching moves in-house this quarter.'),
        buttons({ label: 'Make it internal', command: 'matrix set patching business:internal', style: 'primary' }),
      ),
    );
    const post = h.fake.callsTo('chat.postMessage')[0]!;
    const actions = (post.args.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]).find(
      (b) => b.type === 'actions',
    )!;
    const button = actions.elements![0]!;

    const bobClick = await h.click(BOB, button, posted.platformMessageId);
    expect(bobClick.res.status).toBe(200);
    const refusal = await h.fake.waitFor(() => h.fake.responsesTo(bobClick.id)[0], 'the refusal');
    expect(refusal.response_type).toBe('ephemeral');
    expect(refusal.replace_original).toBe(false);
    expect(visibleText(refusal)).toContain('Only managers');

    const aliceClick = await h.click(ALICE, button, posted.platformMessageId);
    const done = await h.fake.waitFor(() => h.fake.responsesTo(aliceClick.id)[0], 'the confirmation');
    expect(done.replace_original).toBe(false);
    expect(visibleText(done)).toContain('Updated *patching*');
    expect(visibleText(await h.ask(BOB, 'patching', '/whoowns'))).toMatch(/owned by \*?Acme/);

    await h.face.chat.update(
      { platform: 'slack', channelId: CHANNEL },
      posted.platformMessageId,
      inChannel(paragraph('Patching is now internal.')),
    );
    const update = h.fake.callsTo('chat.update')[0]!;
    expect(update.args).toMatchObject({ channel: CHANNEL, ts: posted.platformMessageId });
    expect(visibleText(update.args as SentMessage)).toBe('Patching is now internal.');
  });

  it('reports readiness on /healthz, and stops taking requests when stopped', async () => {
    expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);
    await h.face.stop();
    const health = await fetch(`${h.baseUrl}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ waiting_for: ['slack'] });
    const late = await postSigned(
      h.baseUrl,
      SECRET,
      'command=%2Ftandem&text=help',
      'application/x-www-form-urlencoded',
    );
    expect(late.status).toBe(503);
  });
});
