import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { renderText } from '../../../adapters/console/render.js';
import { formatLocal } from '../../../src/domain/zoned-time.js';
import { ackRenotify } from '../../../src/features/escalation/ack-renotify-job.js';
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

/** Ladder steps posted so far: local time, text, and whether each is a reply in a thread. */
function steps(h: Harness) {
  return h
    .posts()
    .filter((p) => renderText(p.reply).includes('without acknowledgement'))
    .map((p) => ({ at: formatLocal(p.at, 'America/New_York', 'HH:mm'), text: renderText(p.reply), thread: p.thread }));
}
const times = (h: Harness) => steps(h).map((r) => r.at);
const topLevel = (h: Harness) => h.posts().filter((p) => !p.thread && renderText(p.reply).startsWith('== ESC'));

describe('the escalation ladder', () => {
  it('a P1 left alone climbs team → contact → managers at 0/5/15 min, in the card’s thread, then stops', async () => {
    const h = await channel({ start: OPENED });
    await h.say('alice', 'managers add @sam msp');
    await h.say('alice', 'escalate VPN down for the Boston office p1');
    await h.advance(4);
    expect(times(h)).toEqual([]);
    await h.advance(1);
    expect(steps(h)[0]!.text).toBe(
      [
        '@pat: ESC-1 (P1) has waited 5 min without acknowledgement — VPN down for the Boston office',
        '  Step 2 of 3 (contact). Next: managers at Mon 30 Nov 2026 21:25 EST.',
        '  [Acknowledge: ack ESC-1]',
      ].join('\n'),
    );
    await h.advance(180);
    expect(times(h)).toEqual(['21:15', '21:25']);
    expect(steps(h)[1]!.text).toMatch(/^@sam: ESC-1 \(P1\) has waited 15 min/);
    expect(steps(h)[1]!.text).toContain('Step 3 of 3 (managers). This is the last step');
    // Both are replies to the card, the last of a P1 also shown in the channel; one top-level post in all.
    const card = topLevel(h)[0]!;
    expect(steps(h).map((s) => s.thread)).toEqual([
      { platformMessageId: card.id, broadcast: false },
      { platformMessageId: card.id, broadcast: true },
    ]);
    expect(topLevel(h)).toHaveLength(1);
    expect(h.cardText(1)).toContain('Ladder: step 3 of 3 (managers), the last.');
    expect(await h.store.jobs.pendingFor((await h.channel()).id, 'ladder-step')).toEqual([]);
  });

  it('an acknowledgement stops it, and the card says where it stopped', async () => {
    const h = await channel({ start: OPENED });
    await h.say('alice', 'escalate VPN down for the Boston office p1');
    await h.advance(7);
    expect(h.cardText(1)).toContain(
      'Ladder: step 2 of 3 (contact); next: managers at Mon 30 Nov 2026 21:25 EST, unless acknowledged.',
    );
    await h.say('bob', 'ack ESC-1');
    await h.advance(180);
    expect(times(h)).toEqual(['21:15']);
    expect(await h.store.jobs.pendingFor((await h.channel()).id, 'ladder-step')).toEqual([]);
    expect(h.cardText(1)).toContain('Ladder: stopped at step 2 of 3 (contact).');
    expect(h.cardText(1)).toContain(
      'Mon 30 Nov 21:15 EST — re-notified (not acknowledged after 5 min, step 2: contact)',
    );
  });

  it('follows each priority: P2 at 15 and 60 min, P3 at 60, P4 never', async () => {
    const h = await channel({ start: '2026-11-30T15:00:00Z' }); // Mon 10:00 EST, business hours
    await h.say('alice', 'escalate backups failed p2');
    await h.say('alice', 'escalate patching stuck p3');
    await h.say('alice', 'escalate printer toner low p4');
    await h.advance(125);
    const byId = (id: string) =>
      steps(h)
        .filter((r) => r.text.includes(`${id} (`))
        .map((r) => r.at);
    expect(byId('ESC-1')).toEqual(['10:15', '11:00']);
    expect(byId('ESC-2')).toEqual(['11:00']);
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

  it('a note is not an acknowledgement: the ladder goes on', async () => {
    const h = await channel({ start: OPENED });
    await h.say('alice', 'escalate VPN down p1');
    await h.say('alice', 'note ESC-1 users in Boston cannot connect at all');
    await h.advance(16);
    expect(times(h)).toEqual(['21:15', '21:25']);
  });

  it('a P3 opened Saturday 22:00 notifies the MSP once and waits until Monday 08:00 for its next step', async () => {
    const h = await channel({ start: '2026-12-06T03:00:00Z' }); // Sat 5 Dec 22:00 EST
    await h.say('alice', 'escalate VPN flapping p3');
    expect(h.cardText(1)).toContain('next: contact at Mon 7 Dec 2026 08:00 EST (waits for business hours)');
    await h.advance(2 * 24 * 60 + 9 * 60);
    expect(times(h)).toEqual(['08:00']);
    expect(steps(h)[0]!.text).toMatch(/^@pat: ESC-1 \(P3\) has waited 1 d 10 h without acknowledgement/);
    expect(topLevel(h)).toHaveLength(1);
  });

  it('a step waiting for business hours follows a change of hours, and of holidays', async () => {
    const h = await channel({ start: '2026-12-06T03:00:00Z' }); // Sat 5 Dec 22:00 EST
    await h.say('alice', 'escalate VPN flapping p3');
    await h.say('alice', 'hours set mon-fri 07:00-17:00');
    expect((await h.jobs('ladder-step')).filter((j) => j.state === 'pending').map((j) => j.dueAt)).toEqual([
      Date.parse('2026-12-07T12:00:00Z'), // Mon 07:00 EST, the new start of business
    ]);
    expect(await h.sayText('alice', 'holiday add 2026-12-07 Plant shutdown')).toContain('is a holiday');
    await h.advance(33 * 60); // to Monday 07:00, the holiday
    expect(times(h)).toEqual([]);
    await h.advance(24 * 60); // to Tuesday 07:00
    expect(times(h)).toEqual(['07:00']);
  });

  it('a P1 never waits for business hours, even on a Saturday night', async () => {
    const h = await channel({ start: '2026-12-06T03:00:00Z' });
    await h.say('alice', 'escalate VPN down p1');
    await h.advance(16);
    expect(times(h)).toEqual(['22:05', '22:15']);
  });

  it('a changed ladder re-plans the escalations waiting on it from the step they reached', async () => {
    const h = await channel({ start: OPENED });
    await h.say('alice', 'escalate VPN down p1');
    await h.advance(6); // contact at 21:15
    expect(await h.sayText('alice', 'escalations ladder p1 0:team 5:contact 30:managers')).toContain(
      '1 open P1 escalation follows the new ladder from the step it reached.',
    );
    await h.advance(60);
    expect(times(h)).toEqual(['21:15', '21:40']);
  });

  it('survives a restart: a step due while the bot was down is posted once, marked late', async () => {
    const dbPath = join(mkdtempSync(join(tmpdir(), 'tandem-esc-')), 'tandem.db');
    const first = await channel({ start: OPENED, dbPath });
    await first.say('alice', 'escalate VPN down for the Boston office p1');
    await first.advance(6);
    expect(times(first)).toEqual(['21:15']);
    const chat = first.chat;
    first.close();
    open.splice(open.indexOf(first), 1);

    // Down from 21:16 to 21:33: the 21:25 step was missed.
    const second = await makeHarness({ start: '2026-12-01T02:33:00Z', dbPath, chat });
    open.push(second);
    await second.advance(0);
    expect(times(second)).toEqual(['21:15', '21:33']);
    expect(steps(second)[1]!.text).toContain('Posted late: this was due Mon 30 Nov 2026 21:25 EST.');
    await second.advance(60);
    expect(times(second)).toHaveLength(2);
  });

  it('is never doubled when a second process runs the same database', async () => {
    const dbPath = join(mkdtempSync(join(tmpdir(), 'tandem-esc-')), 'tandem.db');
    const a = await channel({ start: OPENED, dbPath });
    await a.say('alice', 'escalate VPN down p1');
    const b = await makeHarness({ start: OPENED, dbPath });
    open.push(b);
    for (let m = 1; m <= 20; m++) {
      const at = new Date(Date.parse(OPENED) + m * MIN);
      await a.advanceTo(at);
      await b.advanceTo(at);
    }
    expect([...times(a), ...times(b)].sort()).toEqual(['21:15', '21:25']);
    expect((await a.store.escalations.bySeq((await a.channel()).id, 1))!.renotifyCount).toBe(2);
  });

  it('a re-notification planned before ladders existed is skipped, saying why', async () => {
    const h = await channel({ start: OPENED });
    await h.say('alice', 'escalate VPN down p1');
    const channelId = (await h.channel()).id;
    const at = new Date(Date.parse(OPENED) + MIN);
    await h.store.jobs.schedule(
      ackRenotify.newJob(channelId, { dueAt: at, payload: { escalationId: 1, n: 1 }, occurrenceKey: 'renotify:1:1' }),
      at,
    );
    await h.advance(2);
    expect(times(h)).toEqual([]);
    expect((await h.jobByKey('renotify:1:1'))?.result).toMatch(/now the steps of the escalation ladder/);
  });
});
