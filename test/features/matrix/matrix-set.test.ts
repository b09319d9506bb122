import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, makeHarness } from '../../harness.js';
import { joinPatterns } from '../../helpers/pattern.js';

const SETUP = 'setup org:Acme msp:Northwind tz:America/New_York';
const NETWORK = 'complex network issues';

describe('matrix set keeps what is there', () => {
  let h: Harness;
  afterEach(() => h.close());

  const aliasesOf = async (name: string) =>
    (await h.store.matrix.list((await h.channel()).id)).find((a) => a.name === name)!.aliases;

  it('aliases+: adds to the aliases, and who owns still finds the old ones', async () => {
    h = await makeHarness({ setup: SETUP });
    const before = await aliasesOf(NETWORK);
    const reply = await h.sayText('alice', `matrix set "${NETWORK}" aliases+:"meraki dashboard, vpn"`);
    expect(reply).toMatch(/Updated complex network issues[\s\S]*Aliases added meraki dashboard; /);
    expect(reply).toMatch(/; vpn was already there; now firewall, /);
    expect(await aliasesOf(NETWORK)).toEqual([...before, 'meraki dashboard']);
    expect(await h.sayText('bob', 'who owns vpn')).toMatch(/^complex network issues is owned by/);
    const dashboard = await h.sayText('bob', 'who owns the meraki dashboard');
    expect(dashboard).toMatch(/^complex network issues is owned by/);
  });

  it('aliases-: removes the named aliases; one the area does not have is refused, naming those it has', async () => {
    h = await makeHarness({ setup: SETUP });
    await h.say('alice', 'matrix set patching aliases-:"patch tuesday"');
    expect(await aliasesOf('patching')).not.toContain('patch tuesday');
    const refused = await h.sayText('alice', 'matrix set patching aliases-:"hotfixes"');
    expect(refused).toMatch(/“hotfixes” is not an alias of patching; its aliases: updates, os patches/);
  });

  it('aliases: replaces them all and says so, with what they were', async () => {
    h = await makeHarness({ setup: SETUP });
    await h.say('alice', 'matrix set "badge readers" business:internal aliases:"door access, key cards"');
    const reply = await h.sayText('alice', 'matrix set "badge readers" aliases:"turnstiles"');
    expect(reply).toMatch(/Aliases replaced: they were door access, key cards; now turnstiles\./);
    expect(reply).toMatch(/aliases\+:"…" and aliases-:"…"/);
    expect(await aliasesOf('badge readers')).toEqual(['turnstiles']);
  });

  it('refuses aliases: together with aliases+:', async () => {
    h = await makeHarness({ setup: SETUP });
    expect(await h.sayText('alice', 'matrix set patching aliases:"a" aliases+:"b"')).toMatch(/Give one or the other/);
  });

  it('asks whether an existing area was meant when a new name is one who owns already answers', async () => {
    h = await makeHarness({ setup: SETUP });
    const count = async () => (await h.store.matrix.list((await h.channel()).id)).length;
    const before = await count();
    const reply = await h.sayText('alice', 'matrix set network business:msp');
    expect(reply).toMatch(
      joinPatterns([
        /There is no area named “network”, but `who owns network` already answers “complex network issues” /,
        /\(it matches “network”\)\. Did you mean it\?/,
      ]),
    );
    expect(reply).toMatch(/`matrix set "complex network issues" business:msp`/);
    expect(reply).toMatch(/`matrix set "network" business:msp new:yes`/);
    expect(await count()).toBe(before);
    expect(await h.sayText('alice', 'matrix set network business:msp new:yes')).toMatch(/Added network/);
    expect(await count()).toBe(before + 1);
  });

  it('adds a new area whose name is nothing like the others without asking', async () => {
    h = await makeHarness({ setup: SETUP });
    expect(await h.sayText('alice', 'matrix set "badge readers" business:internal')).toMatch(/Added badge readers/);
  });
});
