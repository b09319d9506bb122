import { afterEach, describe, expect, it } from 'vitest';
import type { OutboxSender } from '../../src/outbox/sender.js';
import { cardOf, cardText, HOST_TENANT } from '../helpers/teams-connector.js';
import { ALICE, BOB, startTeamsFace, type TeamsHarness } from '../helpers/teams-face.js';

/** Bob is a guest in Acme's team; his home tenant is the MSP's. */
const CONTOSO = '9d6e8c1a-2b3f-4c5d-8e7f-0a1b2c3d4e5f';
const SETUP = 'setup org:Acme msp:Northwind tz:America/New_York';

let h: TeamsHarness;
let sender: OutboxSender | undefined;
afterEach(async () => {
  sender?.stop();
  sender = undefined;
  await h.close();
});

/** Delivers the outbox through the real TeamsChat; the text of every card posted so far. */
async function cards(): Promise<string[]> {
  sender ??= h.core.senderThrough(h.face.chat, { pacingMs: { teams: 0 } });
  await sender.drain();
  return h.connector.calls.map((c) => cardText(cardOf(c)));
}

describe('Teams: the tenant a member belongs to', () => {
  it('places a guest from another tenant by that tenant, once a manager maps it', async () => {
    h = await startTeamsFace();
    h.connector.members.set(BOB.id, { tenantId: CONTOSO, userRole: 'guest', name: BOB.name });
    await h.say(ALICE, SETUP);
    await h.say(BOB, 'who owns backups');
    expect((await cards())[1]).toContain(
      `Organisation \`${CONTOSO}\` is new in this channel. A manager places everyone from it with \`people org ` +
        `${CONTOSO} internal\` or \`people org ${CONTOSO} msp\`.`,
    );
    // Asked of the connector (GET …/members/{id}) before the command ran.
    expect(h.connector.memberLookups.map((l) => l.userId)).toEqual([ALICE.id, BOB.id]);

    await h.say(ALICE, `people org ${CONTOSO} msp`);
    await h.say(BOB, 'escalate VPN down for the Boston office area:"complex network issues" p2');
    const card = (await cards()).find((c) => c.startsWith('ESC-1 ·'))!;
    expect(card).toContain('From\n<at>Bob Builder</at> · Northwind (MSP)');
    // Alice, of the host tenant, is not placed by Bob's tenant.
    await h.say(ALICE, 'people');
    const people = (await cards()).at(-1)!;
    expect(people).toContain(`Northwind (MSP)\n@Bob Builder (organisation ${CONTOSO})`);
    expect(people).toContain(`${HOST_TENANT} → not mapped`);
  });

  it('does not place a guest whose account is in the host tenant: that tenant says nothing of them', async () => {
    h = await startTeamsFace();
    h.connector.members.set(BOB.id, { tenantId: HOST_TENANT, userRole: 'guest' });
    await h.say(ALICE, SETUP);
    await h.say(ALICE, 'help');
    await h.say(ALICE, `people org ${HOST_TENANT} internal`);
    await h.say(BOB, 'escalate printer queue stuck');
    expect((await cards()).find((c) => c.startsWith('ESC-1 ·'))).toContain('From\n<at>Bob Builder</at> · side unknown');
  });
});
