import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, makeHarness } from '../../harness.js';
import { codeIn } from '../../helpers/confirm.js';
import { announcements, sayAsText } from '../../helpers/sides.js';

const SETUP = 'setup org:Acme msp:Northwind tz:America/New_York';
const squatted = 'setup org:Squat msp:Nobody tz:UTC';

let h: Harness;
afterEach(() => h?.close());

const managers = async () =>
  (await h.store.managers.list((await h.channel()).id)).map((m) => `${m.name}:${m.side}`).sort();

describe('setup claim', () => {
  it('a workspace admin takes over a channel someone else set up: the squatter is out, the admin manages', async () => {
    h = await makeHarness();
    await h.say('mallory', squatted);
    const out = await sayAsText(h, { who: 'wendy', platformAdmin: true }, 'setup claim');
    expect(out).toContain('You are now the only manager of Squat (internal IT) (removed: @mallory).');
    expect(await managers()).toEqual(['wendy:internal']);
    expect(announcements(h)).toContain(
      'wendy (Squat) claimed Squat (internal IT) as a workspace administrator: its managers were @mallory, now @wendy',
    );
    // Wendy fixes the setup; Mallory can no longer change anything.
    await h.say('wendy', 'setup org:Acme msp:Northwind tz:America/New_York');
    expect(await h.sayText('mallory', 'setup org:Squat')).toContain('only its managers can change the setup');
    expect((await h.channel()).orgName).toBe('Acme');
    expect(await h.sayText('wendy', 'audit 3')).toMatch(
      /wendy · setup.claim internal side — managers: mallory → wendy/,
    );
  });

  it('is refused to anyone the platform does not call an admin, saying who can', async () => {
    h = await makeHarness();
    await h.say('mallory', squatted);
    const out = await sayAsText(h, { who: 'bob', platformAdmin: false }, 'setup claim');
    expect(out).toContain("Only a workspace owner or admin, or one of Tandem's administrators (TANDEM_ADMINS)");
    expect(await managers()).toEqual(['mallory:internal']);
    expect(await h.sayText('bob', 'audit refusals')).toMatch(/bob · setup\.claim · once/);
  });

  it('claims only the side the claimer is on, and leaves the other side alone', async () => {
    h = await makeHarness();
    await h.say('dana', SETUP);
    await h.say('dana', 'managers add @sam msp');
    await h.say('wendy', 'help');
    await h.say('dana', 'people set @wendy internal');
    expect(await sayAsText(h, { who: 'wendy', platformAdmin: true }, 'setup claim as:msp')).toContain(
      'so you can claim only that side: `setup claim as:internal`',
    );
    await sayAsText(h, { who: 'wendy', platformAdmin: true }, 'setup claim');
    expect(await managers()).toEqual(['sam:msp', 'wendy:internal']);
  });

  it("one of Tandem's administrators may claim too, where the platform says nothing", async () => {
    h = await makeHarness({ admins: ['console:ops'] });
    await h.say('mallory', squatted);
    await h.say('ops', 'setup claim as:msp');
    expect(await managers()).toEqual(['mallory:internal', 'ops:msp']);
  });
});

describe('setup reset', () => {
  it('a Tandem administrator resets a squatted channel once confirmed; then anyone may set it up afresh', async () => {
    h = await makeHarness({ admins: ['console:ops'] });
    await h.say('mallory', squatted);
    const old = await h.channel();
    expect((await h.jobs('morning-post')).some((j) => j.state === 'pending')).toBe(true);

    const asked = await h.sayText('ops', 'setup reset');
    expect(asked).toContain('This resets Tandem in this channel (set up for Squat and Nobody)');
    expect((await h.channel()).id).toBe(old.id);
    const done = await h.sayText('ops', `confirm ${codeIn(asked)}`);
    expect(done).toMatch(/Tandem is reset here \(\d+ scheduled posts? cancelled\)/);
    expect(await h.findChannel()).toBeNull();
    expect((await h.jobs('morning-post')).filter((j) => j.state === 'pending')).toEqual([]);
    expect(announcements(h)).toContain(
      'ops reset Tandem in this channel as a Tandem administrator: anyone can now run `setup` again',
    );

    await h.say('dana', SETUP);
    expect((await h.channel()).orgName).toBe('Acme');
    expect(await managers()).toEqual(['dana:internal']);
    // The old setup and its history are kept, out of the way.
    const kept = await h.store.audit.recent(old.id, 5);
    expect(kept.map((e) => e.action)).toEqual(['setup.reset', 'setup']);
    expect((await h.store.channels.all()).map((c) => c.id)).toEqual([(await h.channel()).id]);
  });

  it("is refused to the channel's own managers", async () => {
    h = await makeHarness({ admins: ['console:ops'] });
    await h.say('mallory', squatted);
    expect(await h.sayText('mallory', 'setup reset')).toContain("Only Tandem's administrators can run `setup reset`");
    expect(await h.findChannel()).not.toBeNull();
  });
});
