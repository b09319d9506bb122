import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeReceiver } from '../helpers/fake-receiver.js';
import { type IntegrationHarness, integrationHarness } from '../helpers/integrations.js';
import { capture } from '../helpers/secret-app.js';

const ROUTING_KEY = 'R0UTING-KEY-9f8e7d6c5b4a-secret';
const API_KEY = 'GENIE-KEY-1a2b3c4d5e6f-secret';

describe('integration secrets stay out of logs, status and the channel', () => {
  let pd: FakeReceiver;
  let og: FakeReceiver;
  let t: IntegrationHarness;
  const logs = capture();

  beforeEach(async () => {
    pd = await new FakeReceiver().start();
    og = await new FakeReceiver().start();
    t = await integrationHarness(
      [
        {
          name: 'pd',
          kind: 'pagerduty',
          url: pd.url('/v2/enqueue'),
          routingKey: ROUTING_KEY,
          webhookSecret: null,
          channels: [],
        },
        { name: 'og', kind: 'opsgenie', url: og.url(), apiKey: API_KEY },
      ],
      { log: logs.log },
    );
    await t.h.say('alice', 'integrations page pd p1 after:0');
    await t.h.say('alice', 'integrations page og p1 after:0');
  });
  afterEach(async () => {
    await t.close();
    await pd.stop();
    await og.stop();
  });

  it('a tool that echoes the key it was sent in its refusals: the key is never repeated', async () => {
    pd.answer({ status: 500, body: { error: `bad routing key ${ROUTING_KEY}` } });
    pd.answer({ status: 400, body: { error: `invalid routing_key ${ROUTING_KEY}` } });
    og.answer({ status: 422, body: { message: `Key ${API_KEY} is not valid` } });
    await t.h.say('bob', 'escalate VPN down p1');
    await t.h.advance(5);
    expect(pd.received).toHaveLength(2);
    expect(og.received).toHaveLength(1);
    const status = await t.h.sayText('alice', 'status');
    expect(status).toContain('invalid routing_key [secret]');
    expect(status).toContain('Key [secret] is not valid');
    const everything = [status, ...t.h.chat.texts(), ...logs.lines, await t.h.sayText('bob', 'integrations')].join(
      '\n',
    );
    expect(everything).not.toContain(ROUTING_KEY);
    expect(everything).not.toContain(API_KEY);
    expect(logs.lines.some((l) => l.includes('integration event failed'))).toBe(true);
  });
});
