import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, makeHarness } from '../../harness.js';
import { codeIn, sayConfirmed } from '../../helpers/confirm.js';
import { announcements } from '../../helpers/sides.js';

const SETUP = 'setup org:Acme msp:Northwind tz:America/New_York';

let h: Harness;
afterEach(() => h?.close());

const managers = async () =>
  (await h.store.managers.list((await h.channel()).id)).map((m) => `${m.name}:${m.side}`).sort();

/** Dana set up for Acme's IT; she made Sam the MSP's first manager. */
async function bothSides(): Promise<Harness> {
  h = await makeHarness({ setup: undefined });
  await h.say('dana', SETUP);
  await h.say('dana', 'managers add @sam msp');
  return h;
}

describe('managers on both sides', () => {
  it('setup makes whoever sets up a manager of the side they name', async () => {
    h = await makeHarness();
    const out = await h.sayText('sam', `${SETUP} as:msp`);
    expect(out).toContain('Managers: @sam of Northwind (MSP)');
    expect(out).toContain('`managers add @name internal`');
    expect(await managers()).toEqual(['sam:msp']);
  });

  it('managers lists both sides, and the MSP side gets its first manager from the internal one', async () => {
    await bothSides();
    expect(await managers()).toEqual(['dana:internal', 'sam:msp']);
    const out = await h.sayText('bob', 'managers');
    expect(out).toContain('Managers of Acme (internal IT): @dana');
    expect(out).toContain('Managers of Northwind (MSP): @sam');
    expect(announcements(h)).toContain('dana (Acme) made @sam a manager of Northwind (MSP)');
  });

  it('each side adds its own managers: once the MSP side has one, the internal side cannot add to it', async () => {
    await bothSides();
    expect(await h.sayText('dana', 'managers add @mallory msp')).toContain(
      'You manage Acme (internal IT); managers of Northwind (MSP) (@sam) add their own.',
    );
    await h.say('sam', 'managers add @nina');
    expect(await managers()).toEqual(['dana:internal', 'nina:msp', 'sam:msp']);
    expect(await h.sayText('sam', 'managers add @erin internal')).toContain('You manage Northwind (MSP)');
    expect(await managers()).toEqual(['dana:internal', 'nina:msp', 'sam:msp']);
  });

  it("the MSP's manager cannot remove the internal side's manager, nor anyone its last", async () => {
    await bothSides();
    await h.say('sam', 'managers add @nina');
    expect(await h.sayText('sam', 'managers remove @dana')).toContain(
      '@dana is the last manager of Acme (internal IT); each side always keeps one.',
    );
    await h.say('dana', 'managers add @erin');
    expect(await h.sayText('sam', 'managers remove @erin')).toContain(
      '@erin manages Acme (internal IT); only its own managers (@dana, @erin) remove them.',
    );
    expect(await managers()).toEqual(['dana:internal', 'erin:internal', 'nina:msp', 'sam:msp']);
    // Refusals are kept apart from the changes.
    const audit = await h.sayText('dana', 'audit 20');
    expect(audit).not.toContain('managers.remove');
    expect(await h.sayText('dana', 'audit refusals')).toMatch(/sam · managers\.remove · 2 times/);
  });

  it('removing a manager waits for confirmation, then is announced', async () => {
    await bothSides();
    await h.say('dana', 'managers add @erin');
    const asked = await h.sayText('dana', 'managers remove @erin');
    expect(asked).toContain('This removes @erin from the managers of Acme (internal IT). Left on that side: @dana.');
    expect(await managers()).toContain('erin:internal');
    expect(await h.sayText('dana', `confirm ${codeIn(asked)}`)).toContain('@erin is no longer a manager');
    expect(await managers()).toEqual(['dana:internal', 'sam:msp']);
    expect(announcements(h)).toContain('dana (Acme) removed @erin from the managers of Acme (internal IT)');
  });

  it('a person placed on one side cannot manage the other', async () => {
    await bothSides();
    await h.say('carol', 'help');
    await h.say('dana', 'people set @carol internal');
    expect(await h.sayText('sam', 'managers add @carol')).toContain(
      '@carol is on Acme (internal IT) (assigned), so they cannot manage Northwind (MSP).',
    );
    expect(await h.sayText('dana', 'managers add @sam')).toContain('@sam manages Northwind (MSP); nobody manages both');
  });

  it('an administrator adds to either side once they say which, and removes on either side but the last', async () => {
    h = await makeHarness({ admins: ['console:ops'] });
    await h.say('dana', SETUP);
    expect(await h.sayText('ops', 'managers add @sam')).toContain('Say which side');
    await h.say('ops', 'managers add @sam msp');
    await h.say('ops', 'managers add @nina msp');
    expect(await sayConfirmed(h, 'ops', 'managers remove @nina')).toContain('@nina is no longer a manager');
    expect(await h.sayText('ops', 'managers remove @sam')).toContain('is the last manager of Northwind (MSP)');
    expect(await managers()).toEqual(['dana:internal', 'sam:msp']);
  });
});
