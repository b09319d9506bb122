import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, makeHarness } from '../../harness.js';
import { ESCALATION_SETUP } from '../../helpers/escalation-channel.js';
import { announcements, sayAsText } from '../../helpers/sides.js';

const ACME = 'T0ACME';
const NORTHWIND = 'T0NWIND';
const carol = { who: 'carol', orgId: ACME };
const sam = { who: 'sam', orgId: NORTHWIND };

let h: Harness;
afterEach(() => h?.close());

/** Alice (Acme) sets up; Carol (Acme) and Sam (Northwind) each say something once. */
async function twoOrganisations(dbPath?: string): Promise<Harness> {
  h = await makeHarness({ ...(dbPath ? { dbPath } : {}) });
  await sayAsText(h, { who: 'alice', orgId: ACME }, ESCALATION_SETUP);
  return h;
}

const refusalsTable = (x: Harness) =>
  x.db.$client.prepare("select count(*) n from audit_log where outcome = 'refused'");

describe('the organisations the platform reports', () => {
  it('the first time an organisation speaks here, the reply offers the line that places it; once', async () => {
    await twoOrganisations('temp');
    const first = await sayAsText(h, sam, 'who owns backups');
    expect(first).toContain(
      `Organisation \`${NORTHWIND}\` is new in this channel. A manager places everyone from it with ` +
        `\`people org ${NORTHWIND} internal\` or \`people org ${NORTHWIND} msp\`.`,
    );
    // Another person of the same organisation, later, and after a restart: not offered again.
    expect(await sayAsText(h, { who: 'nina', orgId: NORTHWIND }, 'who owns backups')).not.toContain('is new');
    await h.restart();
    expect(await sayAsText(h, sam, 'who owns backups')).not.toContain('is new');
  });

  it('the setup itself offers to place the organisation of whoever set up', async () => {
    h = await makeHarness();
    expect(await sayAsText(h, { who: 'alice', orgId: ACME }, ESCALATION_SETUP)).toContain(`people org ${ACME} msp`);
  });

  it('places nobody until a manager maps it; then everyone from it, as the escalation card shows', async () => {
    await twoOrganisations();
    await sayAsText(h, sam, 'escalate printer jammed on floor 3');
    expect(h.cardText(1)).toContain('From: @sam · side unknown');

    await h.say('alice', `people org ${NORTHWIND} msp`);
    await sayAsText(h, sam, 'escalate VPN flapping area:"complex network issues"');
    expect(h.cardText(2)).toContain('From: @sam · @northwind-noc (Northwind, MSP)');
    // ESC-1 keeps what was known when it was opened.
    expect(h.cardText(1)).toContain('From: @sam · side unknown');
    expect(announcements(h)).toContain(
      `alice (Acme) mapped organisation ${NORTHWIND} to Northwind (MSP): everyone from it is placed there`,
    );
  });

  it('refuses to map an organisation the platform never reported here, naming those it did', async () => {
    await twoOrganisations();
    await sayAsText(h, sam, 'help');
    await h.say('bob', 'help');
    const before = await h.sayText('bob', 'people');
    const out = await h.sayText('alice', 'people org T0NOPE msp');
    expect(out).toContain('No one from an organisation “T0NOPE” has spoken in this channel');
    expect(out).toContain(`Reported here: ${ACME}, ${NORTHWIND}.`);
    expect(await h.sayText('bob', 'people')).toBe(before);
    // Kept apart from the changes.
    expect(await h.sayText('alice', 'audit')).not.toContain('people.org');
    expect(await h.sayText('alice', 'audit refusals')).toMatch(/alice · people\.org · once/);
  });
});

describe('a manager says which side a person is on', () => {
  it('overrides the organisation, and unknown gives the word back to it', async () => {
    await twoOrganisations();
    await sayAsText(h, sam, 'help');
    await h.say('alice', `people org ${NORTHWIND} msp`);
    await h.say('alice', 'people set @sam internal');
    await sayAsText(h, sam, 'escalate printer jammed on floor 3');
    expect(h.cardText(1)).toContain('From: @sam · @it-team (Acme, internal IT)');

    await h.say('alice', 'people set @sam unknown');
    await sayAsText(h, sam, 'escalate VPN flapping area:"complex network issues"');
    expect(h.cardText(2)).toContain('From: @sam · @northwind-noc (Northwind, MSP)');
    expect(announcements(h)).toEqual(
      expect.arrayContaining([
        'alice (Acme) placed @sam on Acme (internal IT) (was Northwind (MSP))',
        'alice (Acme) cleared the side set for @sam: Acme (internal IT) → Northwind (MSP) (organisation)',
      ]),
    );
  });

  it('refuses someone never seen in the channel, saying what to do, and changes nothing', async () => {
    await twoOrganisations();
    const refusals = refusalsTable(h).get() as { n: number };
    const out = await h.sayText('alice', 'people set @ghost msp');
    expect(out).toContain('I have not seen @ghost in this channel yet');
    expect(out).toContain('`people set @ghost msp`');
    expect(await h.store.sides.people((await h.channel()).id)).toHaveLength(1);
    expect((refusalsTable(h).get() as { n: number }).n).toBe(refusals.n + 1);
  });

  it('refuses to put a manager on the other side than the one they manage', async () => {
    await twoOrganisations();
    expect(await h.sayText('alice', 'people set @alice msp')).toContain('@alice manages Acme (internal IT)');
  });

  it('people lists both sides, the unknown, and the organisations with their mapping', async () => {
    await twoOrganisations();
    await sayAsText(h, sam, 'help');
    await sayAsText(h, carol, 'help');
    await h.say('alice', `people org ${NORTHWIND} msp`);
    await h.say('bob', 'help');
    const out = await h.sayText('bob', 'people');
    expect(out).toContain('Acme (internal IT): @alice (manager)');
    expect(out).toContain(`Northwind (MSP): @sam (organisation ${NORTHWIND})`);
    expect(out).toContain(`Side unknown: @carol (organisation ${ACME}, not mapped), @bob (no organisation reported)`);
    expect(out).toContain(`${ACME} → not mapped`);
    expect(out).toContain(`${NORTHWIND} → Northwind (MSP), by alice`);
  });

  it('a crowded channel lists forty people per side and forty organisations, then how many more', async () => {
    await twoOrganisations();
    for (let i = 1; i <= 42; i++) {
      const n = String(i).padStart(2, '0');
      await sayAsText(h, { who: `guest${n}`, orgId: `T0ORG${n}` }, 'help');
    }
    const out = await h.sayText('alice', 'people');
    const unknown = out.split('\n').find((l) => l.startsWith('Side unknown:')) ?? '';
    expect(unknown).toContain('@guest40 (organisation T0ORG40, not mapped), and 2 more');
    expect(unknown).not.toContain('@guest41');
    expect(out).toMatch(/T0ORG39 → not mapped\n\s*and 3 more\n/);
    expect(out).not.toContain('T0ORG40 →');
  });
});
