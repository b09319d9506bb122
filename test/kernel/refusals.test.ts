import { afterEach, describe, expect, it } from 'vitest';
import { REFUSAL_ROWS_PER_HOUR } from '../../src/kernel/refusals.js';
import { type Harness, makeHarness, SETUP } from '../harness.js';

let h: Harness;
afterEach(() => h?.close());

const refusalRows = () =>
  h.db.$client
    .prepare("select actor_name, action, count from audit_log where outcome = 'refused' order by id")
    .all() as { actor_name: string; action: string; count: number }[];

describe('refusals in the audit log', () => {
  it('50 refusals in a second cost a few rows, and the last real change stays at the top of audit', async () => {
    h = await makeHarness({ setup: SETUP, runAfterCommand: false });
    await h.say('alice', 'hours set mon-fri 07:30-17:30');
    for (let i = 0; i < 50; i++) await h.say('mallory', `matrix set "area ${i}" business:msp`);

    const rows = refusalRows();
    expect(rows).toHaveLength(REFUSAL_ROWS_PER_HOUR);
    expect(rows.reduce((n, r) => n + r.count, 0)).toBe(50);
    expect(rows.at(-1)).toEqual({ actor_name: 'mallory', action: 'matrix.set', count: 50 - REFUSAL_ROWS_PER_HOUR + 1 });

    const audit = await h.sayText('bob', 'audit');
    expect(audit.split('\n')[1]).toContain('alice · hours.set business hours — Mon–Fri 08:00–17:00');
    expect(audit).not.toContain('mallory');
    expect(await h.sayText('bob', 'audit refusals')).toMatch(
      /mallory · matrix\.set · 50 times, Mon 30 Nov 2026 10:00 EST — “Only managers/,
    );
  });

  it('limits each person on their own, and lets a person write rows again an hour later', async () => {
    h = await makeHarness({ setup: SETUP, runAfterCommand: false });
    for (let i = 0; i < 12; i++) await h.say('mallory', 'hours set mon-fri 09:00-18:00');
    await h.say('bob', 'holiday add 2026-12-24');
    expect(refusalRows().map((r) => r.actor_name)).toEqual([
      ...Array<string>(REFUSAL_ROWS_PER_HOUR).fill('mallory'),
      'bob',
    ]);
    h.clock.set(new Date(h.clock.now().getTime() + 61 * 60_000));
    await h.say('mallory', 'hours set mon-fri 09:00-18:00');
    expect(refusalRows().filter((r) => r.actor_name === 'mallory')).toHaveLength(REFUSAL_ROWS_PER_HOUR + 1);
    expect(await h.sayText('bob', 'audit refusals')).toMatch(
      /mallory · hours\.set · 13 times[\s\S]*bob · holiday\.add · once/,
    );
  });
});
