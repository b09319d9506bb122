import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type IntegrationHarness, integrationHarness } from '../helpers/integrations.js';

const SECRET = 'rmm-shared-secret';

describe('the generic signed hook: POST /hooks/<name> from an RMM or PSA', () => {
  let t: IntegrationHarness;

  beforeEach(async () => {
    t = await integrationHarness([
      { name: 'rmm', kind: 'webhook', url: null, secret: SECRET, channels: ['console:C1'] },
    ]);
  });
  afterEach(() => t.close());

  const alert = {
    action: 'open',
    channel: 'console:C1',
    external_id: 'ninja-alert-7781',
    summary: 'Disk C: 97% full on FS01',
    priority: 'p2',
    ticket: '48211',
  };

  it('opens one escalation for three deliveries of one alert; the PSA closing its ticket resolves it', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await post(t, alert);
      expect(res.status).toBe(202);
      await t.settle();
      await t.h.advance(1);
    }
    expect(await escalations(t)).toBe(1);
    expect(t.h.card(1)).not.toBeNull();
    expect(t.h.cardText(1)).toContain('Disk C: 97% full on FS01');
    expect(t.h.cardText(1)).toContain('P2');
    expect(t.h.cardText(2)).toBeNull();

    const res = await post(t, { action: 'resolve', channel: 'console:C1', external_id: 'ninja-alert-7781', by: 'PSA' });
    expect(res.status).toBe(202);
    await t.settle();
    expect(t.h.cardText(1)).toContain('Resolved by PSA through rmm');
  });

  it('refuses a bad signature, a replay older than 5 minutes and a foreign channel; nothing is opened', async () => {
    const forged = await post(t, alert, { secret: 'guessed' });
    expect(forged.status).toBe(401);
    const replay = await post(t, alert, { at: new Date(t.h.clock.now().getTime() - 6 * 60_000) });
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ error: expect.stringContaining('5 minutes') });
    await t.h.addChannel('C2');
    const foreign = await post(t, { ...alert, channel: 'console:C2' });
    expect(foreign.status).toBe(403);
    const unknown = await post(t, { ...alert, channel: 'console:C9' });
    expect(unknown.status).toBe(404);
    await t.settle();
    expect(await escalations(t)).toBe(0);
  });

  it('answers malformed, unknown-action, incomplete and oversized bodies with a 4xx that says why', async () => {
    expect((await post(t, 'not json', {})).status).toBe(400);
    const action = await post(t, { ...alert, action: 'explode' });
    expect(action.status).toBe(400);
    expect(await action.json()).toMatchObject({ error: expect.stringContaining('action') });
    const noSummary = await post(t, { ...alert, summary: '  ' });
    expect(noSummary.status).toBe(422);
    expect(await noSummary.json()).toMatchObject({ error: 'action open needs a summary' });
    const ack = await post(t, { action: 'ack', channel: 'console:C1', external_id: 'never-opened' });
    expect(ack.status).toBe(404);
    const big = await post(t, { ...alert, note: 'x'.repeat(70 * 1024) });
    expect(big.status).toBe(413);
    expect((await fetch(t.hookUrl('nobody'), { method: 'POST', body: '{}' })).status).toBe(404);
    await t.settle();
    expect(await escalations(t)).toBe(0);
  });
});

/** A delivery signed as the README documents: HMAC-SHA256 over `<unix seconds>.<body>`. */
function post(t: IntegrationHarness, body: unknown, o: { secret?: string; at?: Date } = {}) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const ts = String(Math.floor((o.at ?? t.h.clock.now()).getTime() / 1000));
  const sig = `v1=${createHmac('sha256', o.secret ?? SECRET)
    .update(`${ts}.${raw}`)
    .digest('hex')}`;
  return fetch(t.hookUrl('rmm'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-tandem-timestamp': ts, 'x-tandem-signature': sig },
    body: raw,
  });
}

async function escalations(t: IntegrationHarness): Promise<number> {
  return t.h.store.escalations.count((await t.h.channel()).id);
}
