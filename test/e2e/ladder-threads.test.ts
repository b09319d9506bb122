import { afterEach, describe, expect, it } from 'vitest';
import type { OutboxSender } from '../../src/outbox/sender.js';
import { ALICE, BOB, type SlackHarness, startSlackHarness } from '../helpers/slack-face.js';
import { type SentMessage, visibleText } from '../helpers/slack-limits.js';
import { cardOf, cardText } from '../helpers/teams-connector.js';
import { startTeamsFace, ALICE as T_ALICE, type TeamsHarness } from '../helpers/teams-face.js';

/*
 * An escalation's ladder through the real faces: the card is the only top-level post; each later step
 * is a reply in the card's thread (Slack chat.postMessage with the card's thread_ts, Teams an activity
 * in the `<channel>;messageid=<card id>` conversation).
 */

const OPENED = Date.parse('2026-11-30T15:00:00Z'); // Mon 10:00 EST
const at = (minutes: number) => new Date(OPENED + minutes * 60_000);

describe('Slack: the ladder in the card’s thread', () => {
  let h: SlackHarness;
  let sender: OutboxSender;
  afterEach(async () => {
    sender.stop();
    await h.close();
  });

  it('posts each step with the card’s thread_ts, and the last of a P1 also in the channel', async () => {
    h = await startSlackHarness();
    sender = h.core.senderThrough(h.face.chat, { pacingMs: { slack: 0 } });
    await h.ask(ALICE, 'setup org:Acme msp:Northwind tz:America/New_York msp-team:<!subteam^SNOC|@noc>');
    await h.ask(ALICE, 'matrix set "complex network issues" contact:<@UPAT|pat>');
    await h.ask(ALICE, 'managers add <@USAM|sam> msp');
    await h.ask(BOB, 'VPN down for the whole office area:"complex network issues" p1', '/escalate');
    await sender.drain();
    const card = h.fake
      .callsTo('chat.postMessage')
      .find((c) => visibleText(c.args as SentMessage).includes('ESC-1 · P1'))!;
    const cardTs = card.answer!.body.ts!;
    expect(card.args.thread_ts).toBeUndefined();

    for (const minutes of [5, 15, 30]) {
      h.core.clock.set(at(minutes));
      await h.core.scheduler.tick();
      await sender.drain();
    }
    const steps = h.fake
      .callsTo('chat.postMessage')
      .filter((c) => visibleText(c.args as SentMessage).includes('without acknowledgement'));
    expect(steps.map((s) => [s.args.thread_ts, s.args.reply_broadcast])).toEqual([
      [cardTs, undefined],
      [cardTs, 'true'], // form-encoded, as Slack receives it
    ]);
    expect(visibleText(steps[0]!.args as SentMessage)).toContain('<@UPAT>: *ESC-1 (P1)* has waited 5 min');
    expect(visibleText(steps[1]!.args as SentMessage)).toContain('<@USAM>: *ESC-1 (P1)* has waited 15 min');
    // One top-level post for the escalation; the card itself was updated in place.
    const topLevel = h.fake
      .callsTo('chat.postMessage')
      .filter((c) => !c.args.thread_ts && visibleText(c.args as SentMessage).includes('ESC-1'));
    expect(topLevel).toHaveLength(1);
    expect(h.fake.callsTo('chat.update').every((u) => u.args.ts === cardTs)).toBe(true);
  });
});

describe('Teams: the ladder in the card’s thread', () => {
  let h: TeamsHarness;
  let sender: OutboxSender;
  afterEach(async () => {
    sender.stop();
    await h.close();
  });

  it('replies in the thread whose conversation id names the card', async () => {
    h = await startTeamsFace();
    sender = h.core.senderThrough(h.face.chat, { pacingMs: { teams: 0 } });
    h.core.clock.set(at(0));
    await h.say(T_ALICE, 'setup org:Acme msp:Northwind tz:America/New_York');
    await h.say(T_ALICE, 'escalate VPN down for the whole office area:"complex network issues" p2');
    await sender.drain();
    const card = h.connector.calls.find((c) => cardText(cardOf(c)).startsWith('ESC-1 ·'))!;
    const base = card.conversationId;
    expect(base).not.toContain(';messageid=');

    h.core.clock.set(at(15));
    await h.core.scheduler.tick();
    await sender.drain();
    const step = h.connector.calls.find((c) => cardText(cardOf(c)).includes('without acknowledgement'))!;
    expect(step.method).toBe('POST');
    const { id: cardId } = h.core.db.$client
      .prepare("select platform_message_id as id from messages where message_key = 'escalation:1'")
      .get() as { id: string };
    expect(step.conversationId).toBe(`${base};messageid=${cardId}`);
    expect(cardText(cardOf(step))).toContain('ESC-1 (P2) has waited 15 min without acknowledgement');
    expect(
      h.connector.calls.filter((c) => c.method === 'POST' && cardText(cardOf(c)).startsWith('ESC-1 ·')),
    ).toHaveLength(1);
  });
});
