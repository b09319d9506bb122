import type { App } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { type ListenerDeps, registerListeners } from '../../../adapters/slack/listeners.js';
import type { UserDirectory } from '../../../adapters/slack/users.js';
import { ephemeral, paragraph, type Reply } from '../../../src/kernel/reply.js';
import type { Inbound } from '../../../src/kernel/types.js';
import { collectingLogger } from '../../helpers/collecting-logger.js';

/**
 * The slash-command listener on its own, with the ack failing as Bolt's does when it cannot answer
 * (Socket Mode while the socket reconnects). The rest of the Slack path runs through the real Bolt
 * stack in test/e2e/slack-http.test.ts.
 */
type SlashHandler = (args: {
  command: Record<string, string>;
  ack: (message?: unknown) => Promise<void>;
  respond: (message: unknown) => Promise<void>;
}) => Promise<void>;

function listenerWith(reply: Reply, readsOnly: boolean) {
  const log = collectingLogger();
  const ran: Inbound[] = [];
  let slash: SlashHandler | undefined;
  const app = {
    command: (_pattern: RegExp, handler: SlashHandler) => {
      slash = handler;
    },
    event: () => undefined,
    action: () => undefined,
    error: () => undefined,
  } as unknown as App;
  const deps: ListenerDeps = {
    bot: {
      handle: async (inbound) => {
        ran.push(inbound);
        return reply;
      },
    },
    chat: {} as ListenerDeps['chat'],
    users: { labelsFor: async () => () => undefined } as unknown as UserDirectory,
    log,
    botUserId: 'UBOT',
    shortcuts: new Map(),
    readsOnly: () => readsOnly,
  };
  registerListeners(app, deps);
  const posted: unknown[] = [];
  const send = () =>
    slash!({
      command: { command: '/tandem', text: 'who owns backups', user_id: 'UBOB', user_name: 'bob', channel_id: 'C1' },
      ack: () => Promise.reject(new Error('the socket is reconnecting')),
      respond: async (message) => void posted.push(message),
    });
  return { send, posted, ran, log };
}

const answer = ephemeral(paragraph('backup and disaster recovery is owned by Northwind (MSP).'));

describe('a slash command whose ack cannot be sent', () => {
  it('still gives a lookup’s answer, through the response_url, and logs the failed ack', async () => {
    const l = listenerWith(answer, true);
    await l.send();
    expect(l.ran).toHaveLength(1);
    expect(l.posted).toEqual([expect.objectContaining({ response_type: 'ephemeral', replace_original: false })]);
    expect(JSON.stringify(l.posted)).toContain('owned by Northwind');
    expect(l.log.records.map((r) => r.msg)).toContain('Slack slash command could not be acknowledged');
  });

  it('still gives a change’s answer, through the response_url', async () => {
    const l = listenerWith(answer, false);
    await l.send();
    expect(l.posted).toHaveLength(1);
    expect(JSON.stringify(l.posted)).toContain('owned by Northwind');
  });
});
