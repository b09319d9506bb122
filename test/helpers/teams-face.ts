import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HttpServer } from '../../adapters/http/server.js';
import { teamsConfig } from '../../adapters/teams/face.js';
import { startTeams, type TeamsFace } from '../../adapters/teams/index.js';
import type { Logger } from '../../src/kernel/logger.js';
import { makeHarness } from '../harness.js';
import { startFakeConnector } from './teams-connector.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/teams');

/** A real Teams payload shape from test/fixtures/teams, with fields replaced. */
export function fixture(name: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...(JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as Record<string, unknown>),
    ...overrides,
  };
}

export interface TeamsPerson {
  id: string;
  name: string;
  aadObjectId: string;
}

export const ALICE: TeamsPerson = {
  id: '29:1kQ8Yx3alice-teams-user-id',
  name: 'Alice Admin',
  aadObjectId: '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b',
};
export const BOB: TeamsPerson = {
  id: '29:1mR9Zy4bob-teams-user-id',
  name: 'Bob Builder',
  aadObjectId: '7a2d3c4b-5e6f-4a71-9b8c-0d1e2f3a4b5c',
};
export const BOT_ID = '28:0b0b0b0b-1111-2222-3333-444444444444';
/** The team channel of the fixtures, and a thread in it. */
export const CHANNEL_ID = '19:a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6@thread.tacv2';
export const THREAD_ID = `${CHANNEL_ID};messageid=1764514800123`;

export interface LogLine {
  level: string;
  obj: object;
  msg?: string;
}

/** A logger that keeps every line, to check what was (and was not) logged. */
export function recordingLogger(lines: LogLine[] = []): Logger & { lines: LogLine[] } {
  const at = (level: string) => (obj: object, msg?: string) =>
    void lines.push({ level, obj, ...(msg === undefined ? {} : { msg }) });
  const logger: Logger & { lines: LogLine[] } = {
    lines,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: () => logger,
  };
  return logger;
}

/**
 * The Teams face through the real CloudAdapter and express on 127.0.0.1, over an in-memory
 * database, with a fake Bot Framework connector as every activity's serviceUrl.
 */
export async function startTeamsFace(
  env: Record<string, string> = { TEAMS_ALLOW_UNAUTHENTICATED: '1' },
  options: { authEndpoints?: Record<string, string> } = {},
) {
  const connector = await startFakeConnector();
  const log = recordingLogger();
  const core = await makeHarness({ platform: 'teams', channelId: CHANNEL_ID, log });
  const { store, clock, bot, db } = core;
  const http = new HttpServer(log);
  let face: TeamsFace;
  try {
    face = await startTeams({ config: teamsConfig.parse(env), bot, store, log, http, clock, ...options });
  } catch (err) {
    await connector.close();
    db.$client.close();
    throw err;
  }
  const port = await http.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${port}`;

  /** POSTs an activity as Azure Bot Service would; resolves with the HTTP status. */
  const deliver = async (activity: Record<string, unknown>, headers: Record<string, string> = {}): Promise<number> => {
    const res = await fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({
        ...activity,
        serviceUrl:
          typeof activity.serviceUrl === 'string' && activity.serviceUrl.startsWith('http://127.0.0.1')
            ? activity.serviceUrl
            : connector.serviceUrl,
      }),
    });
    await res.arrayBuffer();
    return res.status;
  };

  let seq = 0;
  /** `@Tandem <text>` in the channel thread, by `from`; `mentions` are other people or groups named in the text. */
  const say = (
    from: TeamsPerson,
    text: string,
    mentions: { id: string; name: string; aadObjectId?: string; type?: string }[] = [],
  ) =>
    deliver(
      fixture('channel-message', {
        id: `in-${++seq}`,
        text: `<at>Tandem</at> ${text}`,
        from,
        entities: [
          { type: 'mention', text: '<at>Tandem</at>', mentioned: { id: BOT_ID, name: 'Tandem' } },
          ...mentions.map((m) => ({ type: 'mention', text: `<at>${m.name}</at>`, mentioned: m })),
        ],
      }),
    );

  /** A click on a card button that submits `command`, on the card message `cardId`. */
  const click = (from: TeamsPerson, command: string, cardId: string) =>
    deliver(fixture('card-submit', { id: `click-${++seq}`, from, replyToId: cardId, value: { command } }));

  return {
    connector,
    /** The harness under the face: its sender delivers the outbox through `face.chat`. */
    core,
    store,
    clock,
    log,
    face,
    base,
    deliver,
    say,
    click,
    async close() {
      await face.stop();
      await http.close();
      await connector.close();
      db.$client.close();
    },
  };
}

export type TeamsHarness = Awaited<ReturnType<typeof startTeamsFace>>;
