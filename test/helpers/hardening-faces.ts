import { HttpServer } from '../../adapters/http/server.js';
import { type SlackFace, startSlack } from '../../adapters/slack/index.js';
import type { CommandHandler } from '../../adapters/slack/listeners.js';
import { teamsConfig } from '../../adapters/teams/face.js';
import { startTeams, type TeamsFace } from '../../adapters/teams/index.js';
import type { Db } from '../../db/client.js';
import type { Logger } from '../../src/kernel/logger.js';
import type { Reply } from '../../src/kernel/reply.js';
import type { Inbound } from '../../src/kernel/types.js';
import { makeHarness } from '../harness.js';
import { collectingLogger, type LogRecord } from './collecting-logger.js';
import { FakeSlack } from './slack-fake.js';
import { clickBody, eventBody, newTriggerId, signature, slashBody } from './slack-requests.js';
import { startFakeConnector } from './teams-connector.js';
import { fixture, type TeamsPerson } from './teams-face.js';

export const SIGNING_SECRET = 'hardening-signing-secret';
export const SLACK_CHANNEL = 'C0HARD';
const MONDAY_MORNING = '2026-11-30T15:00:00Z';

/** One command the face handed to the core, and what came back (null: a repeat, dropped). */
export interface Handled {
  text: string;
  deliveryKey: string | null;
  reply: Reply | null;
}

/** The bot, with a record of every command it finished: tests wait on it instead of sleeping. */
function recordingBot(bot: CommandHandler & { handleOnce(inbound: Inbound, key: string): Promise<Reply | null> }) {
  const handled: Handled[] = [];
  const wrapped = {
    async handle(inbound: Inbound) {
      const reply = await bot.handle(inbound);
      handled.push({ text: inbound.text, deliveryKey: null, reply });
      return reply;
    },
    async handleOnce(inbound: Inbound, key: string) {
      const reply = await bot.handleOnce(inbound, key);
      handled.push({ text: inbound.text, deliveryKey: key, reply });
      return reply;
    },
  };
  return { wrapped, handled };
}

export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 5000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface PostOptions {
  /** Seconds since the epoch; now by default. */
  timestamp?: number;
  secret?: string;
  headers?: Record<string, string>;
}

/** POSTs a body to /slack/events, signed as Slack signs it, with any extra headers (X-Slack-Retry-Num…). */
export function postToSlack(
  baseUrl: string,
  body: string,
  contentType: string,
  opts: PostOptions = {},
): Promise<Response> {
  const ts = opts.timestamp ?? Math.floor(Date.now() / 1000);
  return fetch(`${baseUrl}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': signature(opts.secret ?? SIGNING_SECRET, ts, body),
      ...opts.headers,
    },
    body,
  });
}

/**
 * The Slack face over the real Bolt stack and a core on `db` (a file, so that a restart can be
 * tested), against a fake Slack Web API. Requests go in signed; `handled` lists what the core did.
 */
export async function startSlackFace(opts: {
  db: Db;
  log?: Logger & { records: LogRecord[] };
  token?: string;
  fake?: FakeSlack;
  busyPatienceMs?: number;
}) {
  const fake = opts.fake ?? (await FakeSlack.start());
  const log = opts.log ?? collectingLogger();
  const core = await makeHarness({
    db: opts.db,
    log,
    start: MONDAY_MORNING,
    platform: 'slack',
    channelId: SLACK_CHANNEL,
    busyPatienceMs: opts.busyPatienceMs,
  });
  const { store, clock } = core;
  const { wrapped, handled } = recordingBot(core.bot);
  const http = new HttpServer(log);
  const face: SlackFace = await startSlack({
    config: {
      SLACK_BOT_TOKEN: opts.token ?? 'xoxb-hardening-token',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_APP_TOKEN: undefined,
      SLACK_API_URL: fake.apiUrl,
    },
    registry: core.registry,
    bot: wrapped,
    log,
    http,
  });
  const port = await http.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${port}`;
  let seq = 0;

  const slashPayload = (user: { id: string; name: string }, text: string, triggerId = newTriggerId()) => {
    const id = `r${++seq}`;
    return {
      id,
      body: slashBody({
        command: '/tandem',
        text,
        user_id: user.id,
        user_name: user.name,
        channel_id: SLACK_CHANNEL,
        response_url: fake.responseUrl(id),
        trigger_id: triggerId,
      }),
    };
  };
  const mentionPayload = (userId: string, text: string, eventId: string) => {
    const ts = `1700001000.${String(++seq).padStart(6, '0')}`;
    return eventBody(
      { type: 'app_mention', user: userId, text: `<@UBOT> ${text}`, ts, channel: SLACK_CHANNEL, event_ts: ts },
      eventId,
    );
  };
  const clickPayload = (
    user: { id: string; name: string },
    value: string,
    messageTs: string,
    triggerId = newTriggerId(),
  ) => {
    const id = `r${++seq}`;
    return {
      id,
      body: clickBody({
        userId: user.id,
        userName: user.name,
        channelId: SLACK_CHANNEL,
        messageTs,
        actionId: 'tandem.cmd.0',
        value,
        responseUrl: fake.responseUrl(id),
        triggerId,
      }),
    };
  };

  /** Sends a slash command and waits for the core to finish it. */
  const ask = async (user: { id: string; name: string }, text: string) => {
    const before = handled.length;
    const { id, body } = slashPayload(user, text);
    const res = await postToSlack(baseUrl, body, 'application/x-www-form-urlencoded');
    if (res.status !== 200) throw new Error(`slash command answered HTTP ${res.status}`);
    await fake.readAck(id, res);
    await waitUntil(() => handled.length > before, `the core to handle "${text}"`);
    return { id, reply: handled[before]!.reply };
  };

  return {
    fake,
    store,
    clock,
    log,
    face,
    http,
    baseUrl,
    handled,
    slashPayload,
    mentionPayload,
    clickPayload,
    ask,
    post: (body: string, contentType: string, o: PostOptions = {}) => postToSlack(baseUrl, body, contentType, o),
    /** Once the delivery ids of answered lookups and mistakes, recorded a moment later, are in the database. */
    settled: () => core.bot.recordAnswered(),
    async close(closeFake = true) {
      await face.stop();
      await core.bot.close();
      await http.close();
      if (closeFake) await fake.close();
    },
  };
}

export type SlackFaceHarness = Awaited<ReturnType<typeof startSlackFace>>;

/** The Teams face (unauthenticated, for tests) over the real CloudAdapter and a core on `db`, with a fake connector. */
export async function startTeamsFaceOn(opts: {
  db: Db;
  log?: Logger;
  connector?: Awaited<ReturnType<typeof startFakeConnector>>;
}) {
  const connector = opts.connector ?? (await startFakeConnector());
  const log = opts.log ?? collectingLogger();
  const core = await makeHarness({ db: opts.db, log, start: MONDAY_MORNING, platform: 'teams' });
  const { store, bot, clock } = core;
  const handled: Handled[] = [];
  const original = bot.handleOnce.bind(bot);
  bot.handleOnce = async (inbound, key) => {
    const reply = await original(inbound, key);
    handled.push({ text: inbound.text, deliveryKey: key, reply });
    return reply;
  };
  const http = new HttpServer(log);
  const config = teamsConfig.parse({ TEAMS_ALLOW_UNAUTHENTICATED: '1' });
  const face: TeamsFace = await startTeams({ config, bot, store, log, http, clock });
  const port = await http.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${port}`;

  const deliver = async (activity: Record<string, unknown>): Promise<number> => {
    const res = await fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...activity, serviceUrl: connector.serviceUrl }),
    });
    await res.arrayBuffer();
    return res.status;
  };
  const message = (from: TeamsPerson, text: string, id: string) =>
    fixture('channel-message', {
      id,
      text: `<at>Tandem</at> ${text}`,
      from,
      entities: [
        {
          type: 'mention',
          text: '<at>Tandem</at>',
          mentioned: { id: '28:0b0b0b0b-1111-2222-3333-444444444444', name: 'Tandem' },
        },
      ],
    });
  const click = (from: TeamsPerson, command: string, cardId: string, id: string) =>
    fixture('card-submit', { id, from, replyToId: cardId, value: { command } });

  return {
    connector,
    store,
    log,
    handled,
    deliver,
    message,
    click,
    async close(closeConnector = true) {
      await face.stop();
      await http.close();
      if (closeConnector) await connector.close();
    },
  };
}
