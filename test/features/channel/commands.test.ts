import { describe, expect, it } from 'vitest';
import { makeHarness } from '../../harness.js';
import { sayConfirmed } from '../../helpers/confirm.js';

/** Acme and Northwind in New York, without team handles. */
const PLAIN_SETUP = 'setup org:Acme msp:Northwind tz:America/New_York';

describe('setup', () => {
  it('registers the channel, seeds the matrix and makes the first person a manager', async () => {
    const core = await makeHarness();
    const text = await core.sayText(
      'alice',
      '/tandem setup org:Acme msp:Northwind tz:America/New_York internal:@it-team msp-team:@noc',
    );
    expect(text).toContain('Tandem is set up for Acme and Northwind');
    expect(text).toContain('Mon–Fri 08:00–17:00 (America/New_York)');
    expect(text).toContain(
      'Syncs: weekly tactical sync every Tuesday at 10:00; monthly operational review first Wednesday of the month ' +
        'at 14:00',
    );
    const channel = (await core.findChannel())!;
    expect(channel.internalHandle).toEqual({ kind: 'user', id: 'it-team', label: 'it-team' });
    expect(await core.store.matrix.list(channel.id)).toHaveLength(26);
    expect((await core.store.managers.list(channel.id)).map((m) => m.name)).toEqual(['alice']);
    expect((await core.store.audit.recent(channel.id, 5)).map((e) => e.action)).toEqual(['setup']);
  });

  it('says which values are missing and registers nothing', async () => {
    const core = await makeHarness();
    expect(await core.sayText('alice', 'setup org:Acme')).toMatch(/I need `msp:`, `tz:`/);
    expect(await core.findChannel()).toBeNull();
  });

  it('refuses a second setup by a non-manager and records the refusal', async () => {
    const core = await makeHarness({ setup: PLAIN_SETUP });
    expect(await core.sayText('mallory', 'setup msp:Evilcorp')).toMatch(/only its managers can change the setup/);
    const channel = (await core.findChannel())!;
    expect(channel.mspName).toBe('Northwind');
    expect((await core.store.audit.recent(channel.id, 1))[0]).toMatchObject({
      actorName: 'mallory',
      action: 'setup',
      outcome: 'refused',
    });
  });

  it('lets a manager change the setup, with before and after in the audit', async () => {
    const core = await makeHarness({ setup: PLAIN_SETUP });
    await core.say('alice', 'setup msp:"Northwind Managed Services"');
    expect((await core.findChannel())!.mspName).toBe('Northwind Managed Services');
    expect(await core.sayText('alice', 'audit 1')).toMatch(
      /alice · setup channel — msp: Northwind → Northwind Managed Services/,
    );
  });

  it('commands before setup say how to set up', async () => {
    const core = await makeHarness();
    expect(await core.sayText('bob', 'who owns backups')).toMatch(/not set up yet.*setup org:/);
  });
});

describe('manager-only changes', () => {
  const changes = [
    'hours set mon-fri 09:00-18:00',
    'hours tz Europe/London',
    'holiday add 2026-12-25 Christmas',
    'matrix set patching business:internal',
    'matrix remove patching',
    'matrix import area,business,after_hours,contact,aliases,note\nx,internal,msp,,,',
    'managers add @bob',
    'managers remove @alice',
  ];

  it.each(changes)('“%s” is refused for a non-manager, with the reason, and changes nothing', async (line) => {
    const core = await makeHarness({ setup: PLAIN_SETUP });
    const id = (await core.findChannel())!.id;
    const state = async () =>
      JSON.stringify(
        await Promise.all([
          core.findChannel(),
          core.store.matrix.list(id),
          core.store.managers.list(id),
          core.store.channels.holidays(id),
        ]),
      );
    const before = await state();
    const reply = await core.sayText('bob', line);
    expect(reply).toMatch(
      new RegExp(
        'Only managers of this channel can run `.+`\\. Here, managers of Acme \\(internal IT\\): @alice; ' +
          'managers of Northwind \\(MSP\\): none yet\\.',
      ),
    );
    expect(await state()).toBe(before);
    expect((await core.store.audit.recent(id, 1))[0]).toMatchObject({ actorName: 'bob', outcome: 'refused' });
  });

  it('a manager can make them, each audited', async () => {
    const core = await makeHarness({ setup: PLAIN_SETUP });
    const id = (await core.findChannel())!.id;
    await core.say('alice', 'hours set mon-fri 09:00-18:00');
    await core.say('alice', 'holiday add 2026-12-25 Christmas Day');
    await core.say('alice', 'managers add @bob');
    await core.say('bob', 'matrix set patching business:internal contact:@pat');
    expect((await core.findChannel())!.dayStart).toBe(9 * 60);
    expect(await core.store.channels.holidays(id)).toEqual([{ date: '2026-12-25', name: 'Christmas Day' }]);
    expect((await core.store.matrix.list(id)).find((a) => a.name === 'patching')).toMatchObject({
      businessOwner: 'internal',
      contact: { id: 'pat' },
    });
    const audit = await core.sayText('alice', 'audit 4');
    expect(audit).toMatch(/bob · matrix.set patching — businessOwner: msp → internal; contact: — → @pat/);
    expect(audit).toMatch(/alice · managers.add bob/);
    expect(audit).toMatch(/alice · holiday.add 2026-12-25/);
    expect(audit).toMatch(
      /alice · hours.set business hours — Mon–Fri 08:00–17:00 \(America\/New_York\) → Mon–Fri 09:00–18:00/,
    );
  });

  it('never removes the last manager', async () => {
    const core = await makeHarness({ setup: PLAIN_SETUP });
    expect(await core.sayText('alice', 'managers remove @alice')).toMatch(/last manager/);
    expect(await core.store.managers.list((await core.findChannel())!.id)).toHaveLength(1);
    await core.say('alice', 'managers add @bob');
    expect(await sayConfirmed(core, 'bob', 'managers remove @alice')).toMatch(/@alice is no longer a manager/);
    expect((await core.store.managers.list((await core.findChannel())!.id)).map((m) => m.name)).toEqual(['bob']);
  });
});

describe('hours', () => {
  it('shows hours, the local time and whether it is business time', async () => {
    const core = await makeHarness({ start: '2026-11-30T21:59:00Z', setup: PLAIN_SETUP });
    expect(await core.sayText('bob', 'hours')).toMatch(/Mon 30 Nov 2026 16:59 EST — business hours/);
    core.clock.set(new Date('2026-11-30T22:00:00Z'));
    expect(await core.sayText('bob', 'hours')).toMatch(/17:00 EST — after hours/);
  });

  it('holiday remove of an unknown date says so and changes nothing', async () => {
    const core = await makeHarness({ setup: PLAIN_SETUP });
    expect(await core.sayText('alice', 'holiday remove 2026-12-24')).toMatch(/is not a holiday here/);
  });
});
