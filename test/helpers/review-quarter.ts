import { type HarnessOptions, makeHarness } from '../harness.js';

export const PUBLIC_URL = 'https://tandem.example.com';

/**
 * Acme and Northwind through Q3 2026 in New York, for the page and review tests: four escalations
 * with known times (one after hours, two past their ack timeout, one still open), a handoff note and
 * a matrix change; the weekly and monthly syncs off, so only the quarterly review is reminded
 * (Wed 30 Sep 14:00 EDT, a day before Thu 1 Oct). The clock is left at Thu 1 Oct 09:00 EDT.
 *
 * Q3's figures: MTTA 10, 12 and 45 min, one unacknowledged (ESC-4, opened 15 Sep); MTTR 3 h 10 min,
 * 1 h 12 min and 5 h 45 min.
 */
export async function reviewQuarter(options: HarnessOptions = {}) {
  const t = await makeHarness({ start: '2026-07-06T09:00', publicUrl: PUBLIC_URL, ...options });
  const say = async (who: string, line: string) => {
    const text = await t.sayText(who, line);
    if (/^(Only managers|Not understood|I did not understand|Sorry)|cannot /i.test(text) && !line.startsWith('page')) {
      throw new Error(`${who}: ${line} → ${text}`);
    }
    return text;
  };
  await say('alice', 'setup org:Acme msp:Northwind tz:America/New_York internal:@it-team msp-team:@noc');
  for (const kind of ['weekly', 'monthly']) {
    const asked = await say('alice', `cadence off ${kind}`);
    await say('alice', `confirm ${/confirm (\w+)/.exec(asked)?.[1]}`);
  }
  await say('nina', 'hours');
  await say('bob', 'hours');
  await say('alice', 'people set @nina msp');
  await say('alice', 'people set @bob internal');
  // Mon 6 Jul: handled by Northwind, acknowledged in 10 min, resolved in 3 h 10 min.
  await say('bob', 'escalate firewall rule for the new VPN area:"complex network issues" p2');
  t.jumpTo('2026-07-06T09:10');
  await say('nina', 'ack ESC-1');
  t.jumpTo('2026-07-06T12:10');
  await say('nina', 'resolve ESC-1 rule added');
  // Tue 11 Aug: acknowledged in 45 min, resolved in 5 h 45 min.
  t.jumpTo('2026-08-11T10:00');
  await say('bob', 'escalate restore a deleted project folder area:"backup and disaster recovery"');
  t.jumpTo('2026-08-11T10:45');
  await say('nina', 'ack ESC-2');
  t.jumpTo('2026-08-11T15:45');
  await say('nina', 'resolve ESC-2 restored from last night’s backup');
  // Tue 11 Aug 22:00, after hours: a P1 acknowledged in 12 min (past its 5), resolved in 1 h 12 min.
  t.jumpTo('2026-08-11T22:00');
  await say('bob', 'escalate VPN down for all remote staff area:"complex network issues" p1');
  t.jumpTo('2026-08-11T22:12');
  await say('nina', 'ack ESC-3');
  t.jumpTo('2026-08-11T23:12');
  await say('nina', 'resolve ESC-3 tunnel restarted');
  await say('nina', 'handoff note restarted the VPN concentrator after the ISP maintenance');
  // Tue 15 Sep: Northwind asks Acme for an account; nobody acknowledges it.
  t.jumpTo('2026-09-15T11:00');
  await say('nina', 'escalate new service account for backups area:"access provisioning" p4');
  t.jumpTo('2026-09-16T09:00');
  await say('alice', 'matrix set patching business:internal');
  t.jumpTo('2026-09-30T13:00');
  await t.planAll();
  await t.advanceTo('2026-10-01T09:00');
  return t;
}
