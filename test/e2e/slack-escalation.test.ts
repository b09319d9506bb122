import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxSender } from '../../src/outbox/sender.js';
import { ALICE, BOB, CAROL, CHANNEL, type SlackHarness, startSlackHarness } from '../helpers/slack-face.js';
import { limitProblems, type SentMessage, visibleText } from '../helpers/slack-limits.js';

interface SlackButtonJson {
  action_id: string;
  value: string;
  text: { text: string };
}

const buttonsOf = (m: SentMessage): SlackButtonJson[] =>
  ((m.blocks ?? []) as { type: string; elements?: SlackButtonJson[] }[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? []);

/**
 * An escalation card's life in Slack: the command queues the card in the outbox, the outbox sender
 * posts it through SlackChat (chat.postMessage), a click on Acknowledge runs `ack ESC-1` as the
 * clicker, and the card is updated in place (chat.update) on the next delivery.
 */
describe('Slack face: an escalation card, posted, clicked and updated in place', () => {
  let h: SlackHarness;
  let sender: OutboxSender;
  beforeEach(async () => {
    h = await startSlackHarness();
    // Pacing is the sender's business and is tested there; here it would only wait on the fake clock.
    sender = h.core.senderThrough(h.face.chat, { pacingMs: { slack: 0 } });
  });
  afterEach(async () => {
    sender.stop();
    await h.close();
  });

  it('posts the card with buttons, and a click on Acknowledge updates that same message', async () => {
    await h.ask(ALICE, 'setup org:Acme msp:Northwind tz:America/New_York msp-team:<!subteam^SNOC|@noc>');
    const confirmation = await h.ask(BOB, 'VPN down for the whole office p2', '/escalate');
    expect(confirmation.response_type).toBe('ephemeral');
    expect(visibleText(confirmation)).toContain('ESC-1');

    expect(await sender.drain()).toBeGreaterThanOrEqual(1);
    const post = h.fake.callsTo('chat.postMessage').find((c) => visibleText(c.args as SentMessage).includes('ESC-1'))!;
    expect(post.args.channel).toBe(CHANNEL);
    const card = post.args as SentMessage;
    expect(limitProblems(card)).toEqual([]);
    expect(visibleText(card)).toContain('VPN down for the whole office');
    expect(visibleText(card)).toContain('<!subteam^SNOC>');
    expect(visibleText(card)).toContain('<@UBOB>');
    const ack = buttonsOf(card).find((b) => b.value === 'ack ESC-1')!;
    expect(ack.text.text).toBe('Acknowledge');
    const ts = post.answer!.body.ts!;

    const click = await h.click(CAROL, ack, ts);
    expect(click.res.status).toBe(200);
    const answer = await h.fake.waitFor(() => h.fake.responsesTo(click.id)[0], 'the answer to the click');
    expect(answer.response_type).toBe('ephemeral');
    expect(visibleText(answer)).toContain('You acknowledged *ESC-1*');

    await sender.drain();
    const [update] = h.fake.callsTo('chat.update');
    expect(update, 'the card is updated in place').toBeDefined();
    expect(update!.args.channel).toBe(CHANNEL);
    expect(update!.args.ts).toBe(ts);
    const updated = update!.args as SentMessage;
    expect(limitProblems(updated)).toEqual([]);
    expect(visibleText(updated)).toContain('Acknowledged by <@UCAROL>');
    expect(buttonsOf(updated).map((b) => b.value)).not.toContain('ack ESC-1');
  });
});
