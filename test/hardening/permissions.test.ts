import { describe, expect, it } from 'vitest';
import { renderText } from '../../adapters/console/render.js';
import { ALL_COMMANDS } from '../../src/features/index.js';
import { MANAGER, MEMBER, makeBusyChannel, type ObservedCore } from '../helpers/observed-core.js';
import { changedRows } from '../helpers/table-dump.js';

/**
 * Every command that only managers may run, run by someone who is not one and then by a manager,
 * on a channel with data in every table. A new manager-only command fails the first test until it
 * has a line here: the list is checked against the registry, not kept by hand.
 */
interface ManagerLine {
  line: string;
  /**
   * What must be true before the line can work: lines the manager runs (and confirms when asked), or
   * a line someone else says as a member of an organisation.
   */
  arrange?: (string | { who: string; line: string; org: string })[];
}

const HEADER = 'area,business,after_hours,contact,aliases,note';

const MANAGER_LINES: Record<string, ManagerLine> = {
  'matrix.set': { line: 'matrix set patching business:internal contact:<user:UCAROL|carol>' },
  'matrix.remove': { line: 'matrix remove "badge readers"' },
  'matrix.import': { line: `matrix import ${HEADER}\npatching,msp,msp,,"updates, patch tuesday",\nbackups,msp,msp,,,` },
  'escalations.timeouts': { line: 'escalations timeouts p1:10 p4:120' },
  'escalations.ladder': { line: 'escalations ladder p1 0:team 10:contact 20:managers' },
  'integrations.page': { line: 'integrations page pagerduty-msp p1 after:5' },
  'ticket.url': { line: 'ticket url https://psa.example.com/tickets/{id}' },
  'handoff.time': { line: 'handoff time +30m' },
  'cadence.set': { line: 'cadence set weekly wednesday 11:00' },
  'cadence.remind': { line: 'cadence remind weekly 2d,1h' },
  'cadence.skip': { line: 'cadence skip weekly 2026-12-08' },
  'cadence.unskip': { line: 'cadence unskip weekly 2026-12-08', arrange: ['cadence skip weekly 2026-12-08'] },
  'cadence.off': { line: 'cadence off quarterly' },
  'cadence.on': { line: 'cadence on quarterly', arrange: ['cadence off quarterly'] },
  'hours.set': { line: 'hours set mon-fri 09:00-18:00' },
  'hours.tz': { line: 'hours tz Europe/London' },
  'holiday.add': { line: 'holiday add 2026-12-31 New Year’s Eve' },
  'holiday.remove': { line: 'holiday remove 2026-12-25' },
  'managers.add': { line: 'managers add <user:UCAROL|carol>' },
  'managers.remove': { line: 'managers remove <user:UDAVE|dave>', arrange: ['managers add <user:UDAVE|dave>'] },
  // Version 1 is the default matrix of setup; the busy channel has changed it since.
  'matrix.restore': { line: 'matrix restore 1' },
  // Bob has spoken in the channel (his escalations), so he can be placed.
  'people.set': { line: 'people set <user:UBOB|ubob> msp' },
  'page.revoke': { line: 'page revoke' },
  'people.org': { line: 'people org T0MSP msp', arrange: [{ who: 'UCAROL', line: 'help', org: 'T0MSP' }] },
};

/** Commands only Tandem's administrators (TANDEM_ADMINS) may run, with a line that works for one. */
const ADMIN_LINES: Record<string, ManagerLine> = {
  'setup.reset': { line: 'setup reset' },
};
const ADMIN = 'UOPS';
/** Tables that record who spoke in the channel, not what they changed. */
const BOOKKEEPING = ['people', 'channel_people', 'sqlite_sequence'];

/** setup is open to anyone on a new channel; once the channel is set up, only managers may change it. */
const SETUP_CHANGE: ManagerLine = { line: 'setup msp:"Northwind Managed Services" tz:Europe/London' };

const managerOnly = ALL_COMMANDS.filter((c) => c.permission === 'manager');
const adminOnly = ALL_COMMANDS.filter((c) => c.permission === 'admin');
const asksFirst = (id: string) => ALL_COMMANDS.find((c) => c.id === id)?.confirm !== undefined;

const auditRows = (core: ObservedCore) =>
  core.sqlite.prepare('SELECT actor_name, action, outcome FROM audit_log ORDER BY id').all() as {
    actor_name: string;
    action: string;
    outcome: string;
  }[];

async function channelFor(entry: ManagerLine): Promise<ObservedCore> {
  const core = await makeBusyChannel({ admins: [`slack:${ADMIN}`] });
  for (const step of entry.arrange ?? []) {
    if (typeof step === 'string') await core.mustConfirmed(MANAGER, step);
    else expect((await core.say(step.who, step.line, step.org)).outcome).toBe('committed');
  }
  return core;
}

/**
 * Runs the line as `who`; a command that asks first must change nothing but its pending confirmation
 * until `who` confirms it. The confirmation's outcome, or the line's.
 */
async function doIt(core: ObservedCore, id: string, who: string, line: string) {
  const before = core.dump();
  const first = await core.say(who, line);
  if (!asksFirst(id)) return first;
  expect(first.outcome, renderText(first.reply)).toBe('committed');
  const code = /confirm ([A-Z2-9]{6})/.exec(renderText(first.reply))?.[1];
  expect(code, 'the confirmation code').toBeDefined();
  // Besides the pending confirmation, only the record of who spoke here (a first-time speaker) may be new.
  const asked = Object.keys(changedRows(before, core.dump())).filter((t) => !BOOKKEEPING.includes(t));
  expect(asked, 'asking changes nothing but the pending confirmation').toEqual(['confirmations']);
  return core.say(who, `confirm ${code}`);
}

describe('permissions, over every manager-only command in the registry', () => {
  it('has a working line for every manager-only and administrators-only command', () => {
    expect(managerOnly.length).toBeGreaterThan(10);
    const missing = managerOnly.map((c) => c.id).filter((id) => !(id in MANAGER_LINES));
    expect(missing, 'add a line for these to MANAGER_LINES').toEqual([]);
    const missingAdmin = adminOnly.map((c) => c.id).filter((id) => !(id in ADMIN_LINES));
    expect(missingAdmin, 'add a line for these to ADMIN_LINES').toEqual([]);
  });

  const cases: [string, ManagerLine][] = [
    ...managerOnly.map((c): [string, ManagerLine] => [c.id, MANAGER_LINES[c.id] ?? { line: c.path.join(' ') }]),
    ['setup (a change)', SETUP_CHANGE],
  ];

  for (const [id, entry] of cases) {
    it(`${id}: refused to a member, saying who can, nothing changed but the audited refusal`, async () => {
      const core = await channelFor(entry);
      const auditBefore = auditRows(core);
      const before = core.dump();
      const { reply, outcome } = await core.say(MEMBER, entry.line);
      expect(outcome).toBe('rolled back');
      const text = renderText(reply);
      expect(text).toMatch(/[Oo]nly (its )?managers/);
      // Who can do it instead: named, or how to see them.
      expect(text).toMatch(/@ualice|`managers`/);
      expect(reply.visibility).toBe('ephemeral');
      // The one change is the refusal, recorded as the member's, under the command it refused.
      const changes = changedRows(before, core.dump());
      expect(Object.keys(changes).filter((t) => t !== 'sqlite_sequence')).toEqual(['audit_log']);
      expect(auditRows(core).slice(auditBefore.length)).toEqual([
        { actor_name: 'ubob', action: id === 'setup (a change)' ? 'setup' : id, outcome: 'refused' },
      ]);
    });

    it(`${id}: done for a manager, and audited as a change`, async () => {
      const core = await channelFor(entry);
      const auditBefore = auditRows(core);
      const before = core.dump();
      const { reply, outcome } = await doIt(core, id, MANAGER, entry.line);
      expect(outcome, renderText(reply)).toBe('committed');
      const changes = changedRows(before, core.dump());
      expect(
        Object.keys(changes).filter((t) => t !== 'audit_log' && t !== 'sqlite_sequence').length,
        'the change itself',
      ).toBeGreaterThan(0);
      const added = auditRows(core).slice(auditBefore.length);
      expect(added.length).toBeGreaterThan(0);
      expect(added.every((a) => a.actor_name === 'ualice' && a.outcome === 'ok')).toBe(true);
      // And announced in the channel, in one line naming who did it, so that the other side sees it.
      const lines = (changes.outbox?.added ?? []).filter((row) => row.includes('ualice (Acme) '));
      expect(lines, 'one announcement of the change').toHaveLength(added.length);
    });
  }
});

describe("administrators' commands, over every one in the registry", () => {
  for (const c of adminOnly) {
    const entry = ADMIN_LINES[c.id] ?? { line: c.path.join(' ') };
    for (const [who, as] of [
      [MEMBER, 'a member'],
      [MANAGER, 'a manager'],
    ] as const) {
      it(`${c.id}: refused to ${as}, saying who can, nothing changed but the audited refusal`, async () => {
        const core = await channelFor(entry);
        const before = core.dump();
        const { reply, outcome } = await core.say(who, entry.line);
        expect(outcome).toBe('rolled back');
        expect(renderText(reply)).toMatch(/Only Tandem's administrators can run .*TANDEM_ADMINS/);
        const changes = changedRows(before, core.dump());
        expect(Object.keys(changes).filter((t) => t !== 'sqlite_sequence')).toEqual(['audit_log']);
        expect(changes.audit_log!.added[0]).toContain('"refused"');
      });
    }

    it(`${c.id}: done for an administrator named in TANDEM_ADMINS, and audited`, async () => {
      const core = await channelFor(entry);
      const auditBefore = auditRows(core);
      const { reply, outcome } = await doIt(core, c.id, ADMIN, entry.line);
      expect(outcome, renderText(reply)).toBe('committed');
      const added = auditRows(core).slice(auditBefore.length);
      expect(added).toEqual([{ actor_name: 'uops', action: c.id, outcome: 'ok' }]);
    });
  }
});

describe('the last manager of a side', () => {
  it('cannot be removed, by themselves or anyone; with two, one can go and the other stays', async () => {
    const core = await makeBusyChannel();
    const before = core.dump();
    const alone = await core.say(MANAGER, 'managers remove <user:UALICE|ualice>');
    expect(alone.outcome).toBe('rolled back');
    expect(renderText(alone.reply)).toContain('is the last manager of Acme (internal IT)');
    expect(Object.keys(changedRows(before, core.dump())).filter((t) => t !== 'sqlite_sequence')).toEqual(['audit_log']);

    await core.must(MANAGER, 'managers add <user:UBOB|ubob>');
    // Bob, now a manager of the same side, removes Alice once he confirms: allowed, one remains.
    await core.mustConfirmed(MEMBER, 'managers remove <user:UALICE|ualice>');
    const managers = () =>
      core.sqlite
        .prepare('SELECT p.external_id FROM managers m JOIN people p ON p.id = m.person_id')
        .pluck()
        .all() as string[];
    expect(managers()).toEqual(['UBOB']);
    const last = await core.say(MEMBER, 'managers remove <user:UBOB|ubob>');
    expect(renderText(last.reply)).toContain('is the last manager');
    expect(managers()).toEqual(['UBOB']);
    // And Alice, no longer a manager, is refused like any member.
    const refused = await core.say(MANAGER, 'managers add <user:UALICE|ualice>');
    expect(renderText(refused.reply)).toMatch(/Only managers/);
    expect(managers()).toEqual(['UBOB']);
  });
});
