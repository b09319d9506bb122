import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderText } from '../../adapters/console/render.js';
import { type Db, openDb } from '../../db/client.js';
import { silentLogger } from '../../src/kernel/logger.js';
import { Retention } from '../../src/scheduler/retention.js';
import { type SlackFaceHarness, startSlackFace, startTeamsFaceOn, waitUntil } from '../helpers/hardening-faces.js';
import { FakeSlack } from '../helpers/slack-fake.js';
import { newTriggerId } from '../helpers/slack-requests.js';
import { ALICE as TEAMS_ALICE, BOB as TEAMS_BOB } from '../helpers/teams-face.js';

/**
 * Platforms deliver again what they think was missed, and people click twice. Each delivery
 * through the real Bolt and botbuilder stacks, on a database file, so that "once" also holds for
 * a redelivery that arrives after a restart.
 */

const ALICE = { id: 'UALICE', name: 'alice' };
const BOB = { id: 'UBOB', name: 'bob' };

let dir: string;
let dbs: Db[];
const open = () => {
  const db = openDb(join(dir, 'tandem.db'));
  dbs.push(db);
  return db;
};
const count = (db: Db, sql: string) => db.$client.prepare(sql).pluck().get() as number;
const escalations = (db: Db) => count(db, 'SELECT count(*) FROM escalations');
const cardUpdates = (db: Db) =>
  count(db, "SELECT count(*) FROM outbox WHERE op = 'update' AND message_key = 'escalation:1'");
const acknowledgements = (db: Db) => count(db, "SELECT count(*) FROM escalation_events WHERE kind = 'acknowledged'");

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tandem-dup-'));
  dbs = [];
});
afterEach(() => {
  for (const db of dbs) if (db.$client.open) db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Slack: a delivery that comes again takes effect once', () => {
  let h: SlackFaceHarness;
  let db: Db;
  beforeEach(async () => {
    db = open();
    h = await startSlackFace({ db });
    await h.ask(ALICE, 'setup org:Acme msp:Northwind tz:America/New_York');
  });
  afterEach(async () => {
    await h.close();
  });

  it(
    'an event redelivered with X-Slack-Retry-Num (same event_id), before and after a restart, escalates once and ' +
      'answers once',
    async () => {
      const body = h.mentionPayload(BOB.id, 'escalate VPN down for the Boston office p1', 'Ev0DUPLICATE');
      expect((await h.post(body, 'application/json')).status).toBe(200);
      const retry = { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } };
      expect((await h.post(body, 'application/json', retry)).status).toBe(200);
      await waitUntil(
        () => h.handled.filter((x) => x.deliveryKey === 'slack:event:Ev0DUPLICATE').length === 2,
        'both deliveries',
      );
      expect(
        h.handled.filter((x) => x.deliveryKey === 'slack:event:Ev0DUPLICATE').map((x) => x.reply === null),
      ).toEqual([false, true]);
      expect(escalations(db)).toBe(1);
      await waitUntil(() => h.fake.callsTo('chat.postMessage').length >= 1, 'the threaded answer');

      // Tandem restarts (a new process on the same database) and Slack tries once more.
      await h.close(false);
      const again = open();
      h = await startSlackFace({ db: again, fake: h.fake });
      expect(
        (
          await h.post(body, 'application/json', {
            headers: { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' },
          })
        ).status,
      ).toBe(200);
      await waitUntil(() => h.handled.length === 1, 'the third delivery');
      expect(h.handled[0]!.reply).toBeNull();
      expect(escalations(again)).toBe(1);
      await new Promise((r) => setTimeout(r, 100));
      expect(h.fake.callsTo('chat.postMessage').filter((c) => c.args.thread_ts)).toHaveLength(1);
    },
  );

  it('a slash command delivered twice (same trigger_id) escalates once and answers once', async () => {
    const { id, body } = h.slashPayload(BOB, 'escalate printer queue stuck on floor 3');
    const before = h.handled.length;
    const [a, b] = await Promise.all([
      h.post(body, 'application/x-www-form-urlencoded'),
      h.post(body, 'application/x-www-form-urlencoded'),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await Promise.all([h.fake.readAck(id, a), h.fake.readAck(id, b)]);
    await waitUntil(() => h.handled.length === before + 2, 'both deliveries');
    expect(h.handled.slice(before).filter((x) => x.reply === null)).toHaveLength(1);
    expect(escalations(db)).toBe(1);
    await h.fake.waitFor(() => h.fake.responsesTo(id)[0], 'the answer');
    await new Promise((r) => setTimeout(r, 100));
    expect(h.fake.responsesTo(id)).toHaveLength(1);
  });

  it('a button click delivered twice (same trigger_id) acknowledges once and answers once', async () => {
    await h.ask(BOB, 'escalate VPN down p1');
    const { id, body } = h.clickPayload(ALICE, 'ack ESC-1', '1700000000.000100', newTriggerId());
    const before = h.handled.length;
    await h.post(body, 'application/x-www-form-urlencoded');
    await h.post(body, 'application/x-www-form-urlencoded');
    await waitUntil(() => h.handled.length === before + 2, 'both deliveries');
    expect(acknowledgements(db)).toBe(1);
    expect(cardUpdates(db)).toBe(1);
    await h.fake.waitFor(() => h.fake.responsesTo(id)[0], 'the answer');
    await new Promise((r) => setTimeout(r, 100));
    expect(h.fake.responsesTo(id)).toHaveLength(1);
  });

  it(
    'a double click (two clicks, two trigger_ids) acknowledges once; the second is told so and the card is updated ' +
      'once',
    async () => {
      await h.ask(BOB, 'escalate VPN down p1');
      const first = h.clickPayload(ALICE, 'ack ESC-1', '1700000000.000100');
      const second = h.clickPayload(ALICE, 'ack ESC-1', '1700000000.000100');
      const before = h.handled.length;
      await Promise.all([
        h.post(first.body, 'application/x-www-form-urlencoded'),
        h.post(second.body, 'application/x-www-form-urlencoded'),
      ]);
      await waitUntil(() => h.handled.length === before + 2, 'both clicks');
      const answers = h.handled.slice(before).map((x) => renderText(x.reply!));
      expect(answers.filter((a) => a.startsWith('You acknowledged ESC-1'))).toHaveLength(1);
      expect(answers.filter((a) => a.includes('ESC-1 is already acknowledged (by @alice'))).toHaveLength(1);
      expect(acknowledgements(db)).toBe(1);
      expect(cardUpdates(db)).toBe(1);
    },
  );
});

describe('Teams: an activity delivered twice takes effect once', () => {
  it(
    'a message redelivered (same activity id), before and after a restart, escalates once and ' + 'answers once',
    async () => {
      const db = open();
      let t = await startTeamsFaceOn({ db });
      await t.deliver(t.message(TEAMS_ALICE, 'setup org:Acme msp:Northwind tz:America/New_York', 'a1'));
      const escalate = t.message(TEAMS_BOB, 'escalate VPN down for the Boston office p1', 'a2');
      expect(await t.deliver(escalate)).toBe(200);
      expect(await t.deliver(escalate)).toBe(200);
      expect(escalations(db)).toBe(1);
      expect(t.handled.map((x) => x.reply === null)).toEqual([false, false, true]);
      const replies = () =>
        t.connector.calls.filter((c) => c.method === 'POST' && (c.activityId === 'a1' || c.activityId === 'a2'));
      await waitUntil(() => replies().length === 2, 'the setup and escalate answers');

      await t.close(false);
      const again = open();
      t = await startTeamsFaceOn({ db: again, connector: t.connector });
      expect(await t.deliver(escalate)).toBe(200);
      expect(t.handled.map((x) => x.reply)).toEqual([null]);
      expect(escalations(again)).toBe(1);
      await new Promise((r) => setTimeout(r, 100));
      expect(replies()).toHaveLength(2);
      await t.close();
    },
  );

  it('a double click on Acknowledge acknowledges once; a redelivered click does nothing more', async () => {
    const db = open();
    const t = await startTeamsFaceOn({ db });
    await t.deliver(t.message(TEAMS_ALICE, 'setup org:Acme msp:Northwind tz:America/New_York', 'b1'));
    await t.deliver(t.message(TEAMS_BOB, 'escalate VPN down p1', 'b2'));
    const first = t.click(TEAMS_ALICE, 'ack ESC-1', 'card-1', 'click-1');
    const second = t.click(TEAMS_ALICE, 'ack ESC-1', 'card-1', 'click-2');
    await Promise.all([t.deliver(first), t.deliver(second)]);
    await t.deliver(first);
    const answers = t.handled.slice(2).map((x) => (x.reply ? renderText(x.reply) : null));
    expect(answers.filter((a) => a?.startsWith('You acknowledged ESC-1'))).toHaveLength(1);
    expect(answers.filter((a) => a?.includes('ESC-1 is already acknowledged'))).toHaveLength(1);
    expect(answers.filter((a) => a === null)).toHaveLength(1);
    expect(acknowledgements(db)).toBe(1);
    expect(cardUpdates(db)).toBe(1);
    await t.close();
  });
});

describe('the record of deliveries', () => {
  it('is kept for a day and then forgotten, so it does not grow without bound', async () => {
    const db = open();
    const fake = await FakeSlack.start();
    const h = await startSlackFace({ db, fake });
    await h.ask(ALICE, 'setup org:Acme msp:Northwind tz:America/New_York');
    await h.ask(BOB, 'who owns backups');
    // A lookup's delivery id is recorded a moment after its answer, with any others waiting.
    await vi.waitFor(() => expect(count(db, 'SELECT count(*) FROM inbound_seen')).toBe(2));
    h.clock.advance(25 * 60 * 60 * 1000);
    // The scheduler's retention forgets them after its ticks, off the commands' path.
    await new Retention(h.store, silentLogger).pruneOnce(h.clock.now());
    expect(count(db, 'SELECT count(*) FROM inbound_seen')).toBe(0);
    await h.ask(BOB, 'who owns patching');
    await vi.waitFor(() => expect(count(db, 'SELECT count(*) FROM inbound_seen')).toBe(1));
    await h.close();
  });
});
