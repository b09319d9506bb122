/**
 * The Tandem process the soak kills: production's core, scheduler and outbox (`createCore`,
 * `startBackground`, as `serve` wires them) on SQLite on disk, with one difference: its clock runs
 * SOAK_SPEED times faster than the wall, from SOAK_SIM_START (epoch ms) at the wall instant
 * SOAK_WALL0, so that ladders and morning posts fall due within seconds. Its face is a small one:
 * `POST /command` runs a command once per delivery id and answers when it is committed, and posts go
 * to the fake Slack Web API at SOAK_API_URL as Slack's face renders them (Block Kit, 1 s pacing).
 * Bolt is left out because loading it costs seconds on a shared machine: most kills would land in
 * start-up rather than in work. Writes `ready` on stdout once it serves.
 */
import { createServer } from 'node:http';
import { renderMessages } from '../../adapters/slack/render.js';
import { openDb } from '../../db/client.js';
import { createStore } from '../../db/store.js';
import { createCore } from '../../src/app/create-core.js';
import { createLogger } from '../../src/app/logging.js';
import type { Clock } from '../../src/kernel/clock.js';
import type { ChatAdapter } from '../../src/kernel/ports/chat.js';
import type { Reply } from '../../src/kernel/reply.js';
import { type Background, startBackground } from '../../src/scheduler/background.js';

const env = process.env;
const speed = Number(env.SOAK_SPEED);
const simStart = Number(env.SOAK_SIM_START);
const wall0 = Number(env.SOAK_WALL0);
const clock: Clock = { now: () => new Date(simStart + (Date.now() - wall0) * speed) };
const log = createLogger('error');
const db = openDb(env.DATABASE_PATH!, { log });
const store = createStore(db);

async function call(method: string, args: Record<string, unknown>): Promise<{ ts?: string }> {
  const res = await fetch(`${env.SOAK_API_URL}${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  const body = (await res.json()) as { ok: boolean; ts?: string; error?: string };
  if (!body.ok) throw new Error(`${method}: ${body.error}`);
  return body;
}
const parts = (reply: Reply, max?: number) =>
  renderMessages(reply, max).map((m) => ({ text: m.text, ...(m.blocks.length ? { blocks: m.blocks } : {}) }));
const chat: ChatAdapter = {
  platform: 'slack',
  pacingMs: 1000,
  async post(conversation, reply) {
    const ts: string[] = [];
    for (const m of parts(reply))
      ts.push((await call('chat.postMessage', { channel: conversation.channelId, ...m })).ts!);
    return { platformMessageId: ts.join(',') };
  },
  async update(conversation, id, reply) {
    const ids = id.split(',');
    for (const [i, m] of parts(reply, ids.length).entries())
      await call('chat.update', { channel: conversation.channelId, ts: ids[i], ...m });
  },
};

let background: Background | undefined;
const { bot, jobKinds } = createCore({
  store,
  clock,
  log,
  afterCommit: () => background?.wake(),
  pacingMs: () => 1000,
});
// Nothing is pruned during the soak: the outbox is what the platform's record is compared with.
const retention = { sentMs: 3650 * 24 * 60 * 60_000 };
// Waits (a paced conversation's next turn, a retry) pass as fast as the clock: SOAK_SPEED times the wall.
const timers = {
  set(ms: number, fn: () => void) {
    const t = setTimeout(fn, ms / speed);
    t.unref();
    return () => clearTimeout(t);
  },
};
background = startBackground({
  store,
  clock,
  log,
  adapters: new Map([['slack', chat]]),
  kinds: jobKinds,
  tickSeconds: 1,
  scheduler: { retention },
  timers,
});

interface Command {
  eventId: string;
  channel: string;
  user: string;
  text: string;
}
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const c = JSON.parse(Buffer.concat(chunks).toString()) as Command;
    const inbound = {
      conversation: { platform: 'slack' as const, channelId: c.channel },
      actor: { platform: 'slack' as const, userId: c.user, name: c.user.slice(1).toLowerCase() },
      text: c.text,
    };
    bot.handleOnce(inbound, `slack:event:${c.eventId}`).then(
      () => res.writeHead(200).end(),
      (err: unknown) => res.writeHead(500).end(String(err)),
    );
  });
});
server.listen(Number(env.PORT), '127.0.0.1', () => process.stdout.write('ready\n'));
// Runs until it is killed; SIGTERM (the last round) stops it gracefully.
process.once('SIGTERM', () => {
  server.close();
  void background.stop().then(() => {
    db.$client.close();
    process.exit(0);
  });
});
