import { afterEach, describe, expect, it } from 'vitest';
import type { OutboxSender } from '../../src/outbox/sender.js';
import { ALICE, BOB, CHANNEL, type SlackHarness, type SlackUser, startSlackHarness } from '../helpers/slack-face.js';
import { type SentMessage, visibleText } from '../helpers/slack-limits.js';

/** Acme's workspace is the app's own (T1); Northwind's engineers come in through Slack Connect. */
const NORTHWIND = 'T0NWIND';
const SAM: SlackUser = { id: 'USAM', name: 'sam', team: NORTHWIND };
const MALLORY: SlackUser = { id: 'UMALLORY', name: 'mallory' };
const WENDY: SlackUser = { id: 'UWENDY', name: 'wendy' };
const OPS: SlackUser = { id: 'UOPS', name: 'ops' };
const SETUP =
  'setup org:Acme msp:Northwind tz:America/New_York internal:<!subteam^SITTEAM|@it-team> msp-team:<!subteam^SNOC|@noc>';

interface SlackButton {
  action_id: string;
  value: string;
  text: { text: string };
}
const buttonsOf = (m: Record<string, unknown>): SlackButton[] =>
  ((m.blocks ?? []) as { type: string; elements?: SlackButton[] }[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? []);

let h: SlackHarness;
let sender: OutboxSender | undefined;
afterEach(async () => {
  sender?.stop();
  sender = undefined;
  await h.close();
});

/** Delivers what the core queued, through the real SlackChat, and returns the posts' visible text. */
async function channelPosts(): Promise<string[]> {
  sender ??= h.core.senderThrough(h.face.chat, { pacingMs: { slack: 0 } });
  await sender.drain();
  return h.fake.callsTo('chat.postMessage').map((c) => visibleText(c.args as SentMessage));
}

describe('Slack: two home workspaces in one channel', () => {
  it("after people org <id> msp, an MSP engineer's escalation card says it came from the MSP", async () => {
    h = await startSlackHarness();
    await h.ask(ALICE, SETUP);

    // Sam's mention carries Northwind's workspace id (user_team): the answer offers the line that places it.
    h.fake.users.set(SAM.id, SAM.name);
    await h.mention(SAM.id, '<@UBOT> who owns backups', { userTeam: NORTHWIND });
    const answer = await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage')[0], 'the answer to Sam');
    expect(visibleText(answer.args as SentMessage)).toContain(
      `Organisation \`${NORTHWIND}\` is new in this channel. A manager places everyone from it with ` +
        `\`people org ${NORTHWIND} internal\` or \`people org ${NORTHWIND} msp\`.`,
    );

    // Before the mapping, Tandem does not guess which side Sam is on.
    await h.ask(SAM, 'escalate printer queue stuck on floor 3');
    expect((await channelPosts()).find((p) => p.includes('ESC-1'))).toContain('*From*\n<@USAM> · side unknown');

    const mapped = await h.ask(ALICE, `people org ${NORTHWIND} msp`);
    expect(mapped.response_type).toBe('ephemeral');
    await h.ask(SAM, 'escalate firewall change for the new VPN area:"complex network issues" p2');
    const posts = await channelPosts();
    expect(posts.find((p) => p.includes('ESC-2'))).toContain('*From*\n<@USAM> · <!subteam^SNOC> (Northwind, MSP)');
    // The other side saw the mapping when it happened.
    expect(posts).toContain(
      `alice (Acme) mapped organisation ${NORTHWIND} to Northwind (MSP): everyone from it is placed there`,
    );
    // Acme's own people stay unplaced until someone maps T1: nothing is inferred from the other mapping.
    await h.ask(BOB, 'help');
    expect(visibleText(await h.ask(ALICE, 'people'))).toContain('*Side unknown*\n@bob (organisation T1, not mapped)');
  });
});

describe('Slack: control that cannot be squatted', () => {
  it("a workspace admin's setup claim takes over a channel someone else set up", async () => {
    h = await startSlackHarness();
    await h.ask(MALLORY, 'setup org:Mine msp:Nobody tz:UTC');
    h.fake.users.set(WENDY.id, WENDY.name).set(SAM.id, SAM.name);
    // users.info says so of Wendy; Sam administers his own workspace, not this one.
    h.fake.admins.add(WENDY.id).add(SAM.id);
    h.fake.teams.set(SAM.id, NORTHWIND);

    expect(visibleText(await h.ask(SAM, 'setup claim'))).toContain('Only a workspace owner or admin');
    const claimed = await h.ask(WENDY, 'setup claim');
    expect(claimed.response_type).toBe('ephemeral');
    expect(visibleText(claimed)).toContain('You are now the only manager of Mine (internal IT) (removed: @mallory).');
    const channel = await h.core.channel();
    expect((await h.core.store.managers.list(channel.id)).map((m) => m.name)).toEqual(['wendy']);
    expect(visibleText(await h.ask(MALLORY, 'setup org:Squatted'))).toContain('only its managers can change the setup');
    expect(await channelPosts()).toContain(
      'wendy (Mine) claimed Mine (internal IT) as a workspace administrator: its managers were @mallory, now @wendy',
    );
    // Only setup claim asks Slack who administers the workspace.
    expect(h.fake.callsTo('users.info').map((c) => c.args.user)).toEqual([SAM.id, WENDY.id]);
  });

  it('an administrator named in TANDEM_ADMINS resets a squatted channel with the Confirm button', async () => {
    h = await startSlackHarness({ admins: [`slack:${OPS.id}`] });
    await h.ask(MALLORY, 'setup org:Mine msp:Nobody tz:UTC');
    expect(visibleText(await h.ask(MALLORY, 'setup reset'))).toContain("Only Tandem's administrators");

    const asked = await h.ask(OPS, 'setup reset');
    expect(visibleText(asked)).toContain('This resets Tandem in this channel (set up for Mine and Nobody)');
    const confirm = buttonsOf(asked).find((b) => b.text.text === 'Confirm')!;
    expect(confirm.value).toMatch(/^confirm [A-Z2-9]{6}$/);
    expect(await h.core.findChannel()).not.toBeNull();

    // Somebody else's click on the button is refused; the administrator's resets.
    const stolen = await h.click(MALLORY, confirm, '1700000000.000001');
    expect(stolen.res.status).toBe(200);
    const refusal = await h.fake.waitFor(() => h.fake.responsesTo(stolen.id)[0], 'the refusal');
    expect(visibleText(refusal)).toContain('That code is for the person who asked');
    expect(await h.core.findChannel()).not.toBeNull();

    const click = await h.click(OPS, confirm, '1700000000.000001');
    const done = await h.fake.waitFor(() => h.fake.responsesTo(click.id)[0], 'the reset');
    expect(visibleText(done)).toContain('Tandem is reset here');
    expect(await h.core.findChannel()).toBeNull();
    expect(await channelPosts()).toContain(
      'ops reset Tandem in this channel as a Tandem administrator: anyone can now run `setup` again',
    );
    const fresh = await h.ask(ALICE, SETUP);
    expect(visibleText(fresh)).toContain('Tandem is set up for Acme and Northwind');
    expect((await h.core.channel()).externalId).toBe(CHANNEL);
  });
});
