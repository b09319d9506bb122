import { afterEach, describe, expect, it } from 'vitest';
import type { Harness } from '../../harness.js';
import { makeEscalationChannel } from '../../helpers/escalation-channel.js';
import { joinPatterns } from '../../helpers/pattern.js';

// `escalations`: the list, and the ack timeouts a manager sets.

const NIGHT = '2026-12-01T02:10:00Z'; // Mon 30 Nov 21:10 EST

let h: Harness;
afterEach(() => h?.close());

describe('escalations', () => {
  it('lists those not resolved, with who has them; all shows the resolved too', async () => {
    h = await makeEscalationChannel({ start: NIGHT });
    await h.say('alice', 'escalate VPN down p1');
    await h.say('alice', 'escalate backups failed p2');
    await h.say('alice', 'escalate patching stuck p4');
    await h.say('bob', 'ack ESC-1');
    await h.say('bob', 'handback ESC-2 re-run tonight');
    await h.say('bob', 'resolve ESC-3');
    const open = await h.sayText('carol', 'escalations');
    expect(open).toContain('== Escalations not resolved yet (2) ==');
    expect(open).toContain(
      '  • ESC-2 · P2 · handed back to Acme (internal IT) · opened Mon 30 Nov 21:10 EST — backups failed',
    );
    expect(open).toContain(
      '  • ESC-1 · P1 · acknowledged, with Northwind (MSP) · opened Mon 30 Nov 21:10 EST — VPN down',
    );
    expect(open).not.toContain('ESC-3');
    expect(open).toContain(
      'Ladders (minutes:whom): P1 0:team 5:contact 15:managers · P2 0:team 15:contact 60:managers · P3 0:team ' +
        '60:contact · P4 0:team.',
    );
    expect(open).toContain('Ack targets: P1 5 min · P2 15 min · P3 60 min · P4 none');
    const all = await h.sayText('carol', 'escalations all');
    expect(all).toContain('== Escalations (3) ==');
    expect(all).toContain('ESC-3 · P4 · resolved');
    expect(await h.sayText('carol', 'escalations closed')).toMatch(/`escalations` takes open or all/);
  });

  it('says so when there are none', async () => {
    h = await makeEscalationChannel({ start: NIGHT });
    expect(await h.sayText('carol', 'escalations')).toMatch(/^No open escalations\./);
  });
});

describe('escalations timeouts', () => {
  it('a manager changes them, audited with before and after; the next escalation follows them', async () => {
    h = await makeEscalationChannel({ start: NIGHT });
    expect(await h.sayText('alice', 'escalations timeouts p1:10 p4:2h')).toMatch(
      joinPatterns([
        /^Ack timeouts are now P1 10 min · P2 15 min · P3 60 min · P4 120 min /,
        /\(were P1 5 min · P2 15 min · P3 60 min · P4 none\)\./,
      ]),
    );
    expect((await h.store.audit.recent((await h.channel()).id, 1))[0]).toMatchObject({
      action: 'escalations.timeouts',
      actorName: 'alice',
      before: { P1: 5, P2: 15, P3: 60, P4: null },
      after: { P1: 10, P2: 15, P3: 60, P4: 120 },
    });
    expect(await h.sayText('alice', 'escalations timeouts p3:none')).toMatch(/P3 none/);
  });

  it('is refused for someone who is not a manager, recorded, and changes nothing', async () => {
    h = await makeEscalationChannel({ start: NIGHT });
    expect(await h.sayText('bob', 'escalations timeouts p1:1')).toMatch(
      /Only managers of this channel can run `escalations timeouts`/,
    );
    expect((await h.channel()).ackTimeouts.P1).toBe(5);
    expect((await h.store.audit.recent((await h.channel()).id, 1))[0]).toMatchObject({
      actorName: 'bob',
      outcome: 'refused',
    });
  });

  it.each([
    ['escalations timeouts', /Give at least one priority/],
    ['escalations timeouts p1:0', /`p1:0` is not a timeout/],
    ['escalations timeouts p2:soon', /`p2:soon` is not a timeout/],
    ['escalations timeouts p1 5', /I did not understand “p1”/],
    ['escalations timeouts p1:5', /The ack timeouts are already P1 5 min/],
  ])('“%s” is refused', async (line, message) => {
    h = await makeEscalationChannel({ start: NIGHT });
    expect(await h.sayText('alice', line)).toMatch(message);
    expect((await h.channel()).ackTimeouts).toEqual({ P1: 5, P2: 15, P3: 60, P4: null });
  });
});
