import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeReceiver } from '../helpers/fake-receiver.js';
import { type IntegrationHarness, integrationHarness } from '../helpers/integrations.js';

// A ladder step that names an integration pages it: PagerDuty at step 2 of a P1's ladder.
describe('an escalation ladder with a paging step, against a fake Events API v2 on 127.0.0.1', () => {
  let pd: FakeReceiver;
  let t: IntegrationHarness;

  beforeEach(async () => {
    pd = await new FakeReceiver().start();
    t = await integrationHarness([
      {
        name: 'pagerduty-msp',
        kind: 'pagerduty',
        url: pd.url('/v2/enqueue'),
        routingKey: 'rk-ladder',
        webhookSecret: null,
        channels: [],
      },
    ]);
  });
  afterEach(async () => {
    await t.close();
    await pd.stop();
  });

  it('pages PagerDuty at its step, once, and resolves the incident with the escalation', async () => {
    expect(await t.h.sayText('alice', 'escalations ladder p1 0:team 5:pagerduty-msp 15:managers')).toContain(
      'The P1 ladder is now 0:team 5:pagerduty-msp 15:managers',
    );
    await t.h.say('bob', 'escalate VPN down for the Boston office p1');
    await t.h.advance(4);
    expect(pd.received).toHaveLength(0);
    await t.h.advance(1);
    expect(pd.bodies()).toEqual([
      expect.objectContaining({ routing_key: 'rk-ladder', event_action: 'trigger', dedup_key: expect.any(String) }),
    ]);
    await t.h.advance(20);
    expect(pd.bodies()).toHaveLength(1);
    await t.h.say('carol', 'resolve ESC-1 link restored');
    expect(pd.bodies().map((b) => b.event_action)).toEqual(['trigger', 'resolve']);
  });

  it('refuses a ladder naming a tool that is not configured, and lists the ones that can page', async () => {
    const reply = await t.h.sayText('alice', 'escalations ladder p1 0:team 5:opsgenie 15:managers');
    expect(reply).toContain('“5:opsgenie” names no target');
    expect(reply).toContain('or pages pagerduty-msp');
    expect(await t.h.sayText('alice', 'escalations')).toContain('0:team 5:contact 15:managers');
  });
});
