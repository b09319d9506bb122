import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeReceiver } from '../helpers/fake-receiver.js';
import { type IntegrationHarness, integrationHarness } from '../helpers/integrations.js';

const ROUTING_KEY = 'R0UTINGKEY-not-for-logs';
const WEBHOOK_SECRET = 'pd-webhook-secret';

describe('PagerDuty end to end: a fake Events API v2 and signed v3 webhooks on 127.0.0.1', () => {
  let pd: FakeReceiver;
  let t: IntegrationHarness;

  beforeEach(async () => {
    pd = await new FakeReceiver().start();
    t = await integrationHarness([
      {
        name: 'pagerduty-msp',
        kind: 'pagerduty',
        url: pd.url('/v2/enqueue'),
        routingKey: ROUTING_KEY,
        webhookSecret: WEBHOOK_SECRET,
        channels: ['console:C1'],
      },
    ]);
    await t.h.say('alice', 'integrations page pagerduty-msp p1 after:5');
  });
  afterEach(async () => {
    await t.close();
    await pd.stop();
  });

  it('a P1 left unacknowledged triggers PagerDuty at its step, and resolve resolves it', async () => {
    await t.h.say('bob', 'escalate VPN down for the Boston office p1 ticket:48211');
    await t.h.advance(4);
    expect(pd.received).toHaveLength(0);
    await t.h.advance(1);
    expect(pd.bodies()).toHaveLength(1);
    const trigger = pd.bodies()[0]!;
    expect(trigger).toMatchObject({
      routing_key: ROUTING_KEY,
      event_action: 'trigger',
      dedup_key: expect.stringMatching(/^tandem-\d+-ESC-1$/),
      payload: { severity: 'critical', summary: 'ESC-1 (P1): VPN down for the Boston office', class: 'P1' },
    });
    expect(t.h.posts(/Paging/)[0]?.text).toContain('Paging pagerduty-msp for ESC-1 (P1) after 5 min');
    expect(t.h.cardText(1)).toContain('paged pagerduty-msp after 5 min');

    await t.h.say('carol', 'resolve ESC-1 replaced the firewall');
    expect(pd.bodies().map((b) => b.event_action)).toEqual(['trigger', 'resolve']);
    expect(pd.bodies()[1]!.dedup_key).toBe(trigger.dedup_key);
  });

  it('an escalation acknowledged before its step never pages', async () => {
    await t.h.say('bob', 'escalate VPN down p1');
    await t.h.advance(2);
    await t.h.say('carol', 'ack ESC-1');
    await t.h.advance(30);
    expect(pd.received).toHaveLength(0);
  });

  it('a PagerDuty “acknowledged” webhook acknowledges the card, shown as done through PagerDuty', async () => {
    await t.h.say('bob', 'escalate VPN down p1');
    await t.h.advance(5);
    const dedupKey = pd.bodies()[0]!.dedup_key as string;
    const res = await postPagerDuty(t, 'incident.acknowledged', dedupKey, t.h.clock.now());
    expect(res.status).toBe(202);
    await t.settle();
    expect(t.h.cardText(1)).toContain('Acknowledged by Jane Doe through PagerDuty');
    // PagerDuty is not told of its own acknowledgement; the page is over.
    expect(pd.bodies().map((b) => b.event_action)).toEqual(['trigger']);
    // The same delivery again changes nothing.
    await postPagerDuty(t, 'incident.acknowledged', dedupKey, t.h.clock.now());
    await t.settle();
    const history = t.h.cardText(1)!.match(/acknowledged by/g) ?? [];
    expect(history).toHaveLength(1);
  });

  it('refuses a webhook with a bad signature or a stale timestamp, and changes nothing', async () => {
    await t.h.say('bob', 'escalate VPN down p1');
    await t.h.advance(5);
    const key = pd.bodies()[0]!.dedup_key as string;
    const forged = await postPagerDuty(t, 'incident.resolved', key, t.h.clock.now(), 'another-secret');
    expect(forged.status).toBe(401);
    const stale = await postPagerDuty(t, 'incident.resolved', key, new Date(t.h.clock.now().getTime() - 6 * 60_000));
    expect(stale.status).toBe(401);
    await t.settle();
    expect(t.h.cardText(1)).toContain('Open — waiting for');
  });

  it('an outage (500s, then 429 with Retry-After) ends with exactly one trigger delivered', async () => {
    pd.answer({ status: 500 }, { status: 502 }, { status: 429, headers: { 'retry-after': '120' } });
    await t.h.say('bob', 'escalate VPN down p1');
    await t.h.advance(5);
    expect(pd.received).toHaveLength(1);
    expect(await t.h.sayText('alice', 'status')).toMatch(/Paging tools: 1 event waiting/);
    // Retried with backoff (1.5 s, then 3 s); the third answer is 429 asking for 120 s.
    await t.h.advance(1);
    expect(pd.received).toHaveLength(3);
    await t.h.advance(1);
    expect(pd.received).toHaveLength(3);
    await t.h.advance(1);
    expect(pd.received).toHaveLength(4);
    // Three refused, the fourth accepted: one trigger delivered, every attempt for the same alert.
    expect(pd.bodies().every((b) => b.event_action === 'trigger' && b.dedup_key === pd.bodies()[0]!.dedup_key)).toBe(
      true,
    );
    await t.h.advance(60);
    expect(pd.received).toHaveLength(4);
    expect(await t.h.sayText('alice', 'status')).toMatch(/Paging tools: every event has been delivered/);
  });
});

/** A PagerDuty v3 webhook delivery, signed as PagerDuty signs it. */
function postPagerDuty(t: IntegrationHarness, type: string, incidentKey: string, at: Date, secret = WEBHOOK_SECRET) {
  const body = JSON.stringify({
    event: {
      id: `01EV${type}${at.getTime()}`,
      event_type: type,
      resource_type: 'incident',
      occurred_at: at.toISOString(),
      agent: { id: 'PUSER01', summary: 'Jane Doe', type: 'user_reference' },
      data: { id: 'PINC001', type: 'incident', status: type.split('.')[1], incident_key: incidentKey },
    },
  });
  const signature = `v1=${createHmac('sha256', secret).update(body).digest('hex')}`;
  return fetch(t.hookUrl('pagerduty-msp'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-pagerduty-signature': signature },
    body,
  });
}
