import { afterEach, describe, expect, it } from 'vitest';
import { directoryOf } from '../../../src/app/integrations-config.js';
import type { IntegrationSpec } from '../../../src/domain/integration-spec.js';
import { type Harness, makeHarness, SETUP } from '../../harness.js';

const SPECS: IntegrationSpec[] = [
  {
    name: 'pagerduty-msp',
    kind: 'pagerduty',
    url: 'https://events.pagerduty.com/v2/enqueue',
    routingKey: 'rk-SECRET-1',
    webhookSecret: 'wh-SECRET-2',
    channels: ['console:C1'],
  },
  { name: 'opsgenie-noc', kind: 'opsgenie', url: 'https://api.opsgenie.com', apiKey: 'og-SECRET-3' },
  { name: 'rmm', kind: 'webhook', url: null, secret: 'rmm-SECRET-4', channels: ['console:C1'] },
];

describe('integrations, integrations page and ticket url', () => {
  let h: Harness;
  afterEach(() => h.close());
  const start = async (specs = SPECS) => {
    h = await makeHarness({
      setup: SETUP,
      integrations: { directory: directoryOf({ specs }), clients: new Map() },
    });
  };

  it('integrations lists what is configured and where it is used, never a secret, with Opsgenie’s end', async () => {
    await start();
    await h.say('alice', 'integrations page pagerduty-msp p1 after:5');
    const text = await h.sayText('bob', 'integrations');
    expect(text).toContain('pagerduty-msp — PagerDuty; sends to events.pagerduty.com');
    expect(text).toContain('receives at POST /hooks/pagerduty-msp, for console:C1 (this one)');
    expect(text).toContain('here it pages P1 after 5 min');
    expect(text).toContain("Opsgenie's support ends on 2027-04-05");
    expect(text).toContain('rmm — signed webhook; receives at POST /hooks/rmm');
    expect(text).not.toMatch(/SECRET/);
  });

  it('says how to configure them when there are none', async () => {
    await start([]);
    expect(await h.sayText('bob', 'integrations')).toContain('No integrations are configured');
  });

  it('integrations page refuses an unknown name, one that only receives, and bad forms; nothing changes', async () => {
    await start();
    expect(await h.sayText('alice', 'integrations page pagerduty p1 after:5')).toContain(
      'No integration is named “pagerduty”. Configured: pagerduty-msp, opsgenie-noc, rmm.',
    );
    expect(await h.sayText('alice', 'integrations page rmm p1 after:5')).toContain('rmm only receives');
    expect(await h.sayText('alice', 'integrations page pagerduty-msp p9 after:5')).toContain('P1, P2, P3, P4');
    expect(await h.sayText('alice', 'integrations page pagerduty-msp p1')).toContain('after:<minutes>');
    expect(await h.sayText('alice', 'integrations page pagerduty-msp p1 after:soon')).toContain('minutes from 0');
    expect(await h.sayText('bob', 'integrations page pagerduty-msp p1 after:5')).toMatch(/manager/i);
    expect((await h.store.integrations.get((await h.channel()).id)).pages).toEqual([]);
  });

  it('a manager sets and removes a step, announced in the channel', async () => {
    await start();
    expect(await h.sayText('alice', 'integrations page pagerduty-msp p1 after:5')).toContain(
      'set pagerduty-msp to page P1 escalations after 5 min without acknowledgement',
    );
    expect(h.posts('alice').at(-1)?.text).toContain('set pagerduty-msp to page P1');
    await h.say('alice', 'integrations page pagerduty-msp p1 off');
    expect((await h.store.integrations.get((await h.channel()).id)).pages).toEqual([]);
    expect(await h.sayText('alice', 'integrations page pagerduty-msp p1 off')).toContain('does not page P1 here');
  });

  it('ticket url turns ticket:48211 on the card into a link to the PSA', async () => {
    await start();
    expect(await h.sayText('alice', 'ticket url https://psa.example.com/t/{id}')).toContain(
      'https://psa.example.com/t/48211',
    );
    await h.say('bob', 'escalate printer jam ticket:#48211');
    expect(h.cardText(1)).toContain('https://psa.example.com/t/48211');
  });

  it('ticket url refuses an address without {id}, a non-web address, and a non-manager', async () => {
    await start();
    expect(await h.sayText('alice', 'ticket url https://psa.example.com/t/')).toContain('{id}');
    expect(await h.sayText('alice', 'ticket url ftp://psa/{id}')).toContain('https://');
    expect(await h.sayText('bob', 'ticket url https://psa.example.com/t/{id}')).toMatch(/manager/i);
    expect((await h.store.integrations.get((await h.channel()).id)).ticketUrl).toBeNull();
  });
});
