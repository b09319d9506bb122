import { afterEach, describe, expect, it } from 'vitest';
import { FACES } from '../../adapters/faces.js';
import { openDb } from '../../db/client.js';
import { createStore } from '../../db/store.js';
import { loadConfig } from '../../src/app/config.js';
import { type Running, serve } from '../../src/app/serve.js';
import { silentLogger } from '../../src/kernel/logger.js';
import { echoFace, lastEchoChat } from '../fixtures/echo-face/index.js';

describe('a new face through the Face contract alone', () => {
  let running: Running | undefined;
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });

  it('is configured from its own variables, answers a command and receives the card the outbox posts', async () => {
    const faces = [...FACES, echoFace];
    const config = loadConfig(
      { ECHO_PATH: '/echo/messages', PORT: '0', HOST: '127.0.0.1', SCHEDULER_TICK_SECONDS: '1' },
      faces,
    );
    expect(config.faces.map((f) => f.face.platform)).toEqual(['echo']);

    const store = createStore(openDb(':memory:'));
    running = await serve({ config: config.base, faces: config.faces, store, log: silentLogger });
    const say = async (user: string, text: string) => {
      const res = await fetch(`http://127.0.0.1:${running!.port}/echo/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ channel: 'room-1', user, text }),
      });
      return (await res.json()) as { visibility: string; text: string };
    };

    const setup = await say('dana', 'setup org:Acme msp:Northwind tz:Europe/London');
    expect(setup.text).toContain('Tandem is set up for Acme and Northwind');
    const owner = await say('sam', 'who owns backups');
    expect(owner.text).toMatch(/backup and disaster recovery/i);

    const escalated = await say('sam', 'escalate firewall drops VPN p2');
    expect(escalated.visibility).toBe('ephemeral');
    await expect.poll(() => lastEchoChat?.posted.length ?? 0, { timeout: 5_000 }).toBeGreaterThan(0);
    expect(lastEchoChat!.posted[0]).toMatchObject({ conversation: 'room-1', text: expect.stringMatching(/^ESC-1 · /) });
  });

  it('is not started when its variable is absent', () => {
    expect(loadConfig({}, [...FACES, echoFace]).faces).toEqual([]);
  });
});
