import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StartError } from '../../src/kernel/errors.js';
import { makeHarness } from '../harness.js';
import { postToSlack, waitUntil } from '../helpers/hardening-faces.js';
import { capture, env, leaks, MICROSOFT_APP_ID, resettingSlack, SECRETS, serveFaces } from '../helpers/secret-app.js';
import { FakeSlack } from '../helpers/slack-fake.js';
import { newTriggerId, slashBody } from '../helpers/slack-requests.js';
import { stubRepo } from '../helpers/stub-store.js';
import { fixture } from '../helpers/teams-face.js';

/**
 * The app as `npm start` runs it (serve: Slack and Teams on one HTTP server, the scheduler and the
 * outbox), with known secret values, the log at its most verbose, driven through commands and
 * failures: no log line, no answer to a user and no message to a platform contains a secret.
 */

const cleanups: (() => Promise<unknown> | unknown)[] = [];
/** What libraries print past the logger (botbuilder writes refused requests to console.error). */
let printed: string[] = [];
beforeEach(() => {
  printed = [];
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    const spy = vi
      .spyOn(console, method)
      .mockImplementation(
        (...args: unknown[]) => void printed.push(args.map((a) => inspect(a, { depth: 6 })).join(' ')),
      );
    cleanups.push(() => spy.mockRestore());
  }
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  expect(leaks(printed.join('\n'))).toEqual([]);
});

/**
 * A core (to arrange a channel with) over a store the served app shares, its clock at the wall
 * time as the app's is; nothing runs after a command but the app itself.
 */
async function coreWithAFault() {
  const core = await makeHarness({ start: new Date(), runAfterCommand: false });
  cleanups.push(() => core.close());
  const store = core.store;
  // A fault inside a command: the escalation's insert fails as a broken disk would.
  stubRepo(store, 'escalations', (real) => ({
    open: async (input) => {
      if (input.summary.includes('explode')) {
        throw Object.assign(new Error('SQLITE_IOERR: disk I/O error'), { code: 'SQLITE_IOERR' });
      }
      return real.open(input);
    },
  }));
  return core;
}

describe('secrets stay out of logs and answers', () => {
  it('when Slack refuses the bot token, or cannot be reached, at startup', async () => {
    const { lines, log } = capture();
    const fake = await FakeSlack.start();
    cleanups.push(() => fake.close());
    fake.on('auth.test', () => ({ body: { ok: false, error: 'invalid_auth' } }));
    const errors: string[] = [];
    for (const SLACK_API_URL of [fake.apiUrl, 'http://127.0.0.1:9/api/']) {
      const { store } = await coreWithAFault();
      const started = serveFaces(env({ SLACK_API_URL }), ['slack', 'teams'], store, log);
      await expect(started).rejects.toBeInstanceOf(StartError);
      const err = (await started.catch((e: unknown) => e)) as Error;
      errors.push(err.message, String(err.stack), JSON.stringify(err, Object.getOwnPropertyNames(err)));
    }
    expect(errors[0]).toContain('Slack rejected SLACK_BOT_TOKEN (auth.test: invalid_auth)');
    expect(errors[3]).toContain('Could not reach Slack');
    expect(leaks(errors.join('\n'))).toEqual([]);
    expect(lines.length).toBeGreaterThan(0);
    expect(leaks(lines.join('\n'))).toEqual([]);
  });

  it('through commands, forged and unauthenticated requests, 500s and dropped connections from the platforms, and a ' +
    'fault inside a command', async () => {
    const { lines, log } = capture();
    const fake = await FakeSlack.start();
    cleanups.push(() => fake.close());
    // Slack answers every post with a 500: the outbox logs each failure and retries.
    fake.on('chat.postMessage', () => ({ status: 500, body: { ok: false, error: 'internal_error' } }));
    const arrange = await coreWithAFault();
    const { store } = arrange;
    const running = await serveFaces(env({ SLACK_API_URL: fake.apiUrl }), ['slack', 'teams'], store, log);
    cleanups.push(() => running.stop());
    const base = `http://127.0.0.1:${running.port}`;

    const slash = async (text: string, opts: { secret?: string } = {}) => {
      const id = `r${newTriggerId()}`;
      const body = slashBody({
        command: '/tandem',
        text,
        user_id: 'UALICE',
        user_name: 'alice',
        channel_id: 'C0SECRET',
        response_url: fake.responseUrl(id),
        trigger_id: newTriggerId(),
      });
      const res = await postToSlack(base, body, 'application/x-www-form-urlencoded', {
        secret: opts.secret ?? SECRETS.SLACK_SIGNING_SECRET,
      });
      return { res, id };
    };
    const answered = async (text: string) => {
      const { res, id } = await slash(text);
      expect(res.status).toBe(200);
      await fake.readAck(id, res);
      return fake.waitFor(() => fake.responsesTo(id)[0], `the answer to ${text}`);
    };

    await answered('setup org:Acme msp:Northwind tz:America/New_York');
    await answered('escalate VPN down for the Boston office p1');
    const fault = await answered('escalate explode the database p1');
    expect(JSON.stringify(fault)).toContain('Something went wrong on my side and nothing was changed');
    expect((await slash('escalate forged', { secret: 'wrong-secret' })).res.status).toBe(401);

    // Teams with an app id: a request without a valid Bot Framework token is refused.
    const teams = await fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer forged.jwt.value' },
      body: JSON.stringify(fixture('channel-message')),
    });
    expect(teams.status).toBe(401);
    // A Teams conversation Tandem was added to, with a card to post: the connector token cannot be had offline.
    const teamsConversation = { platform: 'teams' as const, channelId: '19:secret-test@thread.tacv2' };
    await store.conversations.save(
      teamsConversation,
      {
        serviceUrl: 'http://127.0.0.1:9/',
        conversation: { id: teamsConversation.channelId },
        channelId: 'msteams',
        bot: { id: `28:${MICROSOFT_APP_ID}` },
      },
      new Date(),
    );
    await arrange.bot.handle({
      conversation: teamsConversation,
      actor: { platform: 'teams', userId: 'u1', name: 'Alice' },
      text: 'setup org:Acme msp:Northwind tz:America/New_York',
    });
    await arrange.bot.handle({
      conversation: teamsConversation,
      actor: { platform: 'teams', userId: 'u1', name: 'Alice' },
      text: 'escalate printer on fire p1',
    });

    // Both platforms fail: the outbox has tried (and logged) each post at least once.
    await waitUntil(
      async () => {
        const failed = await store.outbox.backlog({ platform: 'slack', channelId: 'C0SECRET' });
        const teamsBacklog = await store.outbox.backlog(teamsConversation);
        return (
          fake.callsTo('chat.postMessage').length >= 1 &&
          lines.some((l) => l.includes('delivery failed')) &&
          (failed.waiting > 0 || failed.failed > 0) &&
          teamsBacklog.waiting + teamsBacklog.failed > 0 &&
          lines.filter((l) => l.includes('delivery failed')).length >= 2
        );
      },
      'the failed deliveries',
      15_000,
    );

    const everything = [
      ...lines,
      ...fake.responses.map((r) => JSON.stringify(r.body)),
      ...fake.calls.map((c) => JSON.stringify(c.args)),
      ...(await store.outbox.failed({ platform: 'slack', channelId: 'C0SECRET' }, 50)).map((f) => f.lastError ?? ''),
    ].join('\n');
    expect(printed.join('\n')).toContain('Unauthorized');
    expect(leaks(everything)).toEqual([]);
  }, 30_000);

  it('when the connection to Slack drops under a call', async () => {
    const { lines, log } = capture();
    const slack = await resettingSlack();
    cleanups.push(() => slack.close());
    const arrange = await coreWithAFault();
    const { store } = arrange;
    const config = env({ SLACK_API_URL: slack.apiUrl, MICROSOFT_APP_ID: '', MICROSOFT_APP_PASSWORD: '' });
    const running = await serveFaces(config, ['slack'], store, log);
    cleanups.push(() => running.stop());
    const base = `http://127.0.0.1:${running.port}`;
    const conversation = { platform: 'slack' as const, channelId: 'C0RESET' };
    await arrange.bot.handle({
      conversation,
      actor: { platform: 'slack', userId: 'UALICE', name: 'alice' },
      text: 'setup org:Acme msp:Northwind tz:America/New_York',
    });
    // A mention makes the face call users.info and chat.postMessage itself; the outbox posts the card.
    const event = JSON.stringify({
      type: 'event_callback',
      event_id: 'Ev0RESET',
      team_id: 'T1',
      api_app_id: 'A1',
      event: {
        type: 'app_mention',
        user: 'UBOB',
        text: '<@UBOT> escalate VPN down p1',
        ts: '1.1',
        channel: 'C0RESET',
        event_ts: '1.1',
      },
    });
    expect((await postToSlack(base, event, 'application/json', { secret: SECRETS.SLACK_SIGNING_SECRET })).status).toBe(
      200,
    );
    await waitUntil(
      () => lines.some((l) => l.includes('delivery failed')) && lines.some((l) => l.includes('could not be answered')),
      'the failed calls',
      15_000,
    );
    expect(leaks(lines.join('\n'))).toEqual([]);
  }, 30_000);
});
