import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { renderText } from '../../../adapters/console/render.js';
import { formatLocal } from '../../../src/domain/zoned-time.js';
import { type Harness, makeHarness } from '../../harness.js';
import { makeEscalationChannel } from '../../helpers/escalation-channel.js';

const OPENED = '2026-12-01T02:10:00Z'; // Mon 30 Nov 21:10 EST, after hours
const MIN = 60_000;

const open: Harness[] = [];
afterEach(() => {
  while (open.length) open.pop()!.close();
});
async function channel(options: Parameters<typeof makeEscalationChannel>[0]) {
  const h = await makeEscalationChannel(options);
  open.push(h);
  return h;
}

/** Re-notification posts so far: local time and text. */
function renotifications(h: Harness) {
  return h
    .posts()
    .filter((p) => renderText(p.reply).includes('without acknowledgement'))
    .map((p) => ({ at: formatLocal(p.at, 'America/New_York', 'HH:mm'), text: renderText(p.reply) }));
}
const times = (h: Harness) => renotifications(h).map((r) => r.at);

describe('ack re-notification', () => {
  it('stops after six re-notifications, the last saying it is the last', async () => {
    const h = await channel({ start: OPENED });
    await h.say('alice', 'escalate VPN down for the Boston office p1');
    await h.advance(180);
    expect(times(h)).toEqual(['21:15', '21:20', '21:25', '21:30', '21:35', '21:40']);
    expect(renotifications(h)[5]!.text).toContain(
      'This is the last reminder Tandem sends for ESC-1: call the receiving team directly.',
    );
    expect(renotifications(h)[4]!.text).toContain('Acknowledge to stop these reminders.');
    expect(await h.store.jobs.pendingFor((await h.channel()).id, 'ack-renotify')).toEqual([]);
  });

  it(
    'a P1 left unacknowledged is re-notified exactly once per 5 minutes, mentioning the team and its contact, ' +
      'until acked',
    async () => {
      const h = await channel({ start: OPENED });
      await h.say('alice', 'escalate VPN down for the Boston office p1');
      await h.advance(4);
      expect(times(h)).toEqual([]);
      await h.advance(1);
      expect(times(h)).toEqual(['21:15']);
      expect(renotifications(h)[0]!.text).toBe(
        [
          '@northwind-noc (Northwind, MSP) and @pat: ESC-1 (P1) has waited 5 min without acknowledgement — VPN down ' +
            'for the Boston office',
          '  Opened by @alice at Mon 30 Nov 2026 21:10 EST. Acknowledge to stop these reminders.',
          '  [Acknowledge: ack ESC-1]',
        ].join('\n'),
      );
      await h.advance(4.9);
      expect(times(h)).toEqual(['21:15']);
      await h.advance(15.1);
      expect(times(h)).toEqual(['21:15', '21:20', '21:25', '21:30', '21:35']);
      expect(renotifications(h)[4]!.text).toContain('has waited 25 min without acknowledgement');

      await h.advance(2); // 21:37
      await h.say('bob', 'ack ESC-1');
      await h.advance(180);
      expect(times(h)).toHaveLength(5);
      expect(await h.store.jobs.pendingFor((await h.channel()).id, 'ack-renotify')).toEqual([]);
      expect(await h.store.escalations.bySeq((await h.channel()).id, 1)).toMatchObject({
        renotifyCount: 5,
        state: 'acknowledged',
      });
      // The card keeps the record.
      expect(h.cardText(1)).toContain('Mon 30 Nov 21:35 EST — re-notified (not acknowledged after 25 min)');
    },
  );

  it('follows each priority: P2 every 15 min, P3 every hour, P4 never', async () => {
    const h = await channel({ start: OPENED });
    await h.say('alice', 'escalate backups failed p2');
    await h.say('alice', 'escalate patching stuck p3');
    await h.say('alice', 'escalate printer toner low p4');
    await h.advance(125);
    const byId = (id: string) =>
      renotifications(h)
        .filter((r) => r.text.includes(`${id} (`))
        .map((r) => r.at);
    expect(byId('ESC-1')).toEqual(['21:25', '21:40', '21:55', '22:10', '22:25', '22:40']); // six, then no more
    expect(byId('ESC-2')).toEqual(['22:10', '23:10']);
    expect(byId('ESC-3')).toEqual([]);
  });

  it.each([
    ['a handback', 'handback ESC-1 please check in the morning'],
    ['a resolution', 'resolve ESC-1 it was a loose cable'],
  ])('%s stops it too', async (_name, line) => {
    const h = await channel({ start: OPENED });
    await h.say('alice', 'escalate VPN down p1');
    await h.advance(6);
    await h.say('bob', line);
    await h.advance(60);
    expect(times(h)).toEqual(['21:15']);
  });

  it('a note is not an acknowledgement: the reminders go on', async () => {
    const h = await channel({ start: OPENED });
    await h.say('alice', 'escalate VPN down p1');
    await h.say('alice', 'note ESC-1 users in Boston cannot connect at all');
    await h.advance(10);
    expect(times(h)).toEqual(['21:15', '21:20']);
  });

  it('at night an internal area is re-notified to the MSP without waking the internal contact', async () => {
    const h = await channel({ start: OPENED });
    await h.say('alice', 'matrix set "L1 support / help desk" contact:@desk');
    await h.say('alice', 'escalate printer on fire p1');
    await h.advance(5);
    expect(renotifications(h)[0]!.text).toMatch(/^@northwind-noc \(Northwind, MSP\): ESC-1 \(P1\)/);
    expect(renotifications(h)[0]!.text).not.toContain('@desk');
  });

  it(
    'a timeout turned off stops the reminders of escalations already waiting; a longer one spaces ' + 'them out',
    async () => {
      const h = await channel({ start: OPENED });
      await h.say('alice', 'escalate VPN down p1');
      await h.say('alice', 'escalate backups failed p2');
      await h.advance(6); // ESC-1 re-notified at 21:15
      await h.say('alice', 'escalations timeouts p1:none p2:30');
      await h.advance(120);
      const byId = (id: string) =>
        renotifications(h)
          .filter((r) => r.text.includes(`${id} (`))
          .map((r) => r.at);
      expect(byId('ESC-1')).toEqual(['21:15']);
      // ESC-2's first reminder keeps its time (21:25); then every 30 min on the opened + k·30 grid.
      expect(byId('ESC-2')).toEqual(['21:25', '21:40', '22:10', '22:40', '23:10']);
      expect(
        (await h.store.jobs.pendingFor((await h.channel()).id, 'ack-renotify')).map((j) => j.occurrenceKey),
      ).toEqual(['renotify:2:6']);
    },
  );

  it(
    'survives a restart: a reminder due while the bot was down is posted once, marked late, and the ' +
      'rhythm resumes',
    async () => {
      const dbPath = join(mkdtempSync(join(tmpdir(), 'tandem-esc-')), 'tandem.db');
      const first = await channel({ start: OPENED, dbPath });
      await first.say('alice', 'escalate VPN down for the Boston office p1');
      await first.advance(6); // 21:16: one reminder so far
      expect(times(first)).toEqual(['21:15']);
      const chat = first.chat;
      first.close();
      open.splice(open.indexOf(first), 1);

      // Down from 21:16 to 21:33: the 21:20, 21:25 and 21:30 reminders were missed.
      const second = await makeHarness({ start: '2026-12-01T02:33:00Z', dbPath, chat });
      open.push(second);
      await second.advance(0);
      expect(times(second)).toEqual(['21:15', '21:33']);
      expect(renotifications(second)[1]!.text).toContain('has waited 23 min without acknowledgement');
      expect(renotifications(second)[1]!.text).toContain('Posted late: this was due Mon 30 Nov 2026 21:20 EST.');
      await second.advance(7); // 21:40
      expect(times(second)).toEqual(['21:15', '21:33', '21:35', '21:40']);

      // The card posted before the restart is the one updated after it.
      await second.say('bob', 'ack ESC-1');
      expect(second.posts().filter((p) => renderText(p.reply).startsWith('== ESC-1'))).toHaveLength(1);
      expect(second.cardText(1)).toContain('Acknowledged by @bob, Mon 30 Nov 2026 21:40 EST');
      await second.advance(60);
      expect(times(second)).toHaveLength(4);
    },
  );

  it('is never doubled when a second process runs the same database', async () => {
    const dbPath = join(mkdtempSync(join(tmpdir(), 'tandem-esc-')), 'tandem.db');
    const a = await channel({ start: OPENED, dbPath });
    await a.say('alice', 'escalate VPN down p1');
    const b = await makeHarness({ start: OPENED, dbPath });
    open.push(b);
    // Both processes tick at the same instants; either may take a job, never both.
    for (let m = 1; m <= 12; m++) {
      const at = new Date(Date.parse(OPENED) + m * MIN);
      await a.advanceTo(at);
      await b.advanceTo(at);
    }
    expect([...times(a), ...times(b)].sort()).toEqual(['21:15', '21:20']);
    expect((await a.store.escalations.bySeq((await a.channel()).id, 1))!.renotifyCount).toBe(2);
  });
});
