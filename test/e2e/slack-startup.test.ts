import { afterEach, describe, expect, it } from 'vitest';
import { HttpServer } from '../../adapters/http/server.js';
import { type StartSlackOptions, startSlack } from '../../adapters/slack/index.js';
import { StartError } from '../../src/kernel/errors.js';
import { silentLogger } from '../../src/kernel/logger.js';
import { makeHarness } from '../harness.js';
import { FakeSlack } from '../helpers/slack-fake.js';
import { visibleText } from '../helpers/slack-limits.js';
import { FakeSocketMode } from '../helpers/slack-socket.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function fakeSlack(): Promise<FakeSlack> {
  const fake = await FakeSlack.start();
  cleanups.push(() => fake.close());
  return fake;
}

async function coreOnSlack() {
  const core = await makeHarness({ start: '2026-11-30T15:00:00Z', platform: 'slack', channelId: 'C0COORD' });
  cleanups.push(() => core.close());
  return core;
}

/** What startSlack takes from a fresh core: the bot and the registry (its shortcuts). */
async function botOnSlack(): Promise<Pick<StartSlackOptions, 'bot' | 'registry'>> {
  const { bot, registry } = await coreOnSlack();
  return { bot, registry };
}

const httpConfig = (apiUrl: string): StartSlackOptions['config'] => ({
  SLACK_BOT_TOKEN: 'xoxb-test-token',
  SLACK_SIGNING_SECRET: 'secret',
  SLACK_APP_TOKEN: undefined,
  SLACK_API_URL: apiUrl,
});

/** The rejection of a start that must fail, with its message. */
async function failedStart(opts: StartSlackOptions): Promise<StartError> {
  const err = await startSlack(opts).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StartError);
  return err as StartError;
}

describe('Slack face startup', () => {
  it('fails with a clear message when Slack rejects the bot token', async () => {
    const fake = await fakeSlack();
    fake.on('auth.test', () => ({ body: { ok: false, error: 'invalid_auth' } }));
    const http = new HttpServer(silentLogger);
    const err = await failedStart({
      config: httpConfig(fake.apiUrl),
      ...(await botOnSlack()),
      log: silentLogger,
      http,
    });
    expect(err.message).toContain('Slack rejected SLACK_BOT_TOKEN (auth.test: invalid_auth)');
    expect(err.message).not.toContain('xoxb-test-token');
    expect(fake.callsTo('auth.test')).toHaveLength(1);
  });

  it('fails with a clear message when Slack cannot be reached', async () => {
    const fake = await fakeSlack();
    const deadUrl = fake.apiUrl;
    await fake.close();
    const http = new HttpServer(silentLogger);
    const err = await failedStart({ config: httpConfig(deadUrl), ...(await botOnSlack()), log: silentLogger, http });
    expect(err.message).toMatch(/^Could not reach Slack at http:\/\/127\.0\.0\.1:\d+\/api\//);
  });

  it('names the missing setting for HTTP mode', async () => {
    const err = await failedStart({
      config: { ...httpConfig('http://127.0.0.1:1/api/'), SLACK_SIGNING_SECRET: undefined },
      ...(await botOnSlack()),
      log: silentLogger,
      http: new HttpServer(silentLogger),
    });
    expect(err.message).toContain('SLACK_SIGNING_SECRET');
  });

  it('adds the trailing slash SLACK_API_URL needs', async () => {
    const fake = await fakeSlack();
    const http = new HttpServer(silentLogger);
    const config = httpConfig(fake.apiUrl.replace(/\/$/, ''));
    const face = await startSlack({ config, ...(await botOnSlack()), log: silentLogger, http });
    cleanups.push(() => face.stop());
    expect(fake.callsTo('auth.test')).toHaveLength(1);
    expect(face.mode).toBe('http');
  });
});

describe('Slack face in Socket Mode', () => {
  const socketConfig = (apiUrl: string): StartSlackOptions['config'] => ({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: undefined,
    SLACK_APP_TOKEN: 'xapp-test-token',
    SLACK_API_URL: apiUrl,
  });

  it('fails with a clear message when Slack refuses the app-level token', async () => {
    const fake = await fakeSlack();
    fake.on('apps.connections.open', () => ({ body: { ok: false, error: 'invalid_auth' } }));
    const err = await failedStart({ config: socketConfig(fake.apiUrl), ...(await botOnSlack()), log: silentLogger });
    expect(err.message).toContain('Slack refused SLACK_APP_TOKEN for Socket Mode: invalid_auth');
    expect(fake.callsTo('apps.connections.open')[0]!.token).toBe('xapp-test-token');
  });

  it('connects, answers a slash command pushed over the socket, and reports ready', async () => {
    const fake = await fakeSlack();
    const socket = new FakeSocketMode(fake);
    cleanups.push(() => socket.close());
    const core = await coreOnSlack();
    const http = new HttpServer(silentLogger);
    const port = await http.listen(0, '127.0.0.1');
    cleanups.push(() => http.close());
    const config = socketConfig(fake.apiUrl);
    const face = await startSlack({ config, bot: core.bot, registry: core.registry, log: silentLogger, http });
    cleanups.push(() => face.stop());
    expect(face.mode).toBe('socket');
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

    const envelope = socket.push('slash_commands', {
      command: '/tandem',
      text: 'setup org:Acme msp:Northwind tz:America/New_York',
      user_id: 'UALICE',
      user_name: 'alice',
      channel_id: 'C0COORD',
      team_id: 'T1',
      response_url: fake.responseUrl('s1'),
    });
    const ack = await fake.waitFor(
      () => socket.acks.find((a) => a.envelope_id === envelope),
      'the ack over the socket',
    );
    // An answer in the channel comes through the response_url, after a bare ack (an empty payload).
    expect(ack.payload).toEqual({});
    const reply = await fake.waitFor(() => fake.responsesTo('s1')[0], 'the reply');
    expect(visibleText(reply)).toContain('Tandem is set up for Acme and Northwind');
    expect((await core.findChannel())?.orgName).toBe('Acme');

    // A lookup's answer for the asker alone rides on the ack's payload, as over HTTP.
    const lookup = socket.push('slash_commands', {
      command: '/whoowns',
      text: 'backups',
      user_id: 'UBOB',
      user_name: 'bob',
      channel_id: 'C0COORD',
      team_id: 'T1',
      response_url: fake.responseUrl('s2'),
    });
    const answered = await fake.waitFor(() => socket.acks.find((a) => a.envelope_id === lookup), 'the lookup ack');
    const answer = answered.payload as Record<string, unknown>;
    expect(answer.response_type).toBe('ephemeral');
    expect(visibleText(answer)).toMatch(/backup and disaster recovery\*? is owned by/);
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.responsesTo('s2')).toEqual([]);

    await face.stop();
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(503);
  });
});
