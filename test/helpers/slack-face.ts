import { HttpServer } from '../../adapters/http/server.js';
import { type SlackFace, startSlack } from '../../adapters/slack/index.js';
import type { CommandHandler } from '../../adapters/slack/listeners.js';
import { silentLogger } from '../../src/kernel/logger.js';
import { makeHarness } from '../harness.js';
import { FakeSlack } from './slack-fake.js';
import { clickBody, eventBody, postSigned, type SignOptions, slashBody } from './slack-requests.js';

export const SECRET = 'test-signing-secret';
export const CHANNEL = 'C0COORD';

/** Monday 2026-11-30 10:00 in New York: business hours. */
const MONDAY_MORNING = '2026-11-30T15:00:00Z';

/**
 * The Slack face in HTTP mode over a fresh core, on the shared HTTP server at 127.0.0.1, against a
 * fake Slack Web API: requests go in signed, answers are read back from the fake.
 */
export async function startSlackHarness(
  opts: { wrapBot?: (bot: CommandHandler) => CommandHandler; admins?: readonly string[] } = {},
) {
  const fake = await FakeSlack.start();
  const core = await makeHarness({
    start: MONDAY_MORNING,
    platform: 'slack',
    channelId: CHANNEL,
    ...(opts.admins ? { admins: opts.admins } : {}),
  });
  const http = new HttpServer(silentLogger);
  const face: SlackFace = await startSlack({
    config: {
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_APP_TOKEN: undefined,
      SLACK_API_URL: fake.apiUrl,
    },
    registry: core.registry,
    bot: opts.wrapBot ? opts.wrapBot(core.bot) : core.bot,
    log: silentLogger,
    http,
  });
  const port = await http.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${port}`;
  let seq = 0;

  /** Sends a slash command; resolves with the HTTP answer (body read) and the id its replies are recorded under. */
  const slash = async (user: SlackUser, text: string, command = '/tandem', sign: SignOptions = {}) => {
    const id = `r${++seq}`;
    const body = slashBody({
      command,
      text,
      user_id: user.id,
      user_name: user.name,
      channel_id: CHANNEL,
      response_url: fake.responseUrl(id),
      ...(user.team ? { team_id: user.team } : {}),
    });
    const res = await postSigned(baseUrl, SECRET, body, 'application/x-www-form-urlencoded', sign);
    return { res, id, ackBody: await fake.readAck(id, res) };
  };

  /** Sends a slash command and waits for its (first) reply, in the ack's body or through the response_url. */
  const ask = async (user: SlackUser, text: string, command = '/tandem') => {
    const { res, id } = await slash(user, text, command);
    if (res.status !== 200) throw new Error(`slash command answered HTTP ${res.status}`);
    return fake.waitFor(() => fake.responsesTo(id)[0], `the reply to ${command} ${text}`);
  };

  const mention = async (
    userId: string,
    text: string,
    opts: { ts?: string; threadTs?: string; eventId?: string; userTeam?: string } = {},
  ) => {
    const ts = opts.ts ?? `1700001000.${String(++seq).padStart(6, '0')}`;
    const event = {
      type: 'app_mention',
      user: userId,
      text,
      ts,
      channel: CHANNEL,
      event_ts: ts,
      ...(opts.threadTs ? { thread_ts: opts.threadTs } : {}),
      // Slack Connect: the home workspace of the author, when it is not the channel's.
      ...(opts.userTeam ? { user_team: opts.userTeam } : {}),
    };
    const res = await postSigned(baseUrl, SECRET, eventBody(event, opts.eventId ?? `Ev${seq}`), 'application/json');
    return { res, ts };
  };

  const click = async (user: SlackUser, button: { action_id: string; value: string }, messageTs: string) => {
    const id = `r${++seq}`;
    const body = clickBody({
      userId: user.id,
      userName: user.name,
      channelId: CHANNEL,
      messageTs,
      actionId: button.action_id,
      value: button.value,
      responseUrl: fake.responseUrl(id),
      ...(user.team ? { teamId: user.team } : {}),
    });
    const res = await postSigned(baseUrl, SECRET, body, 'application/x-www-form-urlencoded');
    return { res, id };
  };

  const close = async () => {
    await face.stop();
    await http.close();
    await fake.close();
    core.db.$client.close();
  };

  return { fake, core, http, face, baseUrl, slash, ask, mention, click, close };
}

export type SlackHarness = Awaited<ReturnType<typeof startSlackHarness>>;

/** A Slack user; `team` is their home workspace when it is not the app's own (T1). */
export interface SlackUser {
  id: string;
  name: string;
  team?: string;
}

export const ALICE = { id: 'UALICE', name: 'alice' };
export const BOB = { id: 'UBOB', name: 'bob' };
export const CAROL = { id: 'UCAROL', name: 'carol' };
