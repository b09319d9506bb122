import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeHarness, SETUP } from '../../harness.js';
import { joinPatterns } from '../../helpers/pattern.js';
import { RecordingChat } from '../../helpers/recording-chat.js';

// New York, on EST from 1 Nov 2026. The default weekly sync is Tuesday 10:00; Tue 1 Dec 2026 10:00
// EST is 15:00Z, so its reminders are due Mon 30 Nov 10:00 EST (15:00Z) and Tue 09:45 EST (14:45Z).

/** A sync reminder's first line, e.g. `== Monthly operational review — tomorrow at 14:00 ==`. */
const SYNC_REMINDER = /^== (Weekly tactical sync|Monthly operational review|Quarterly strategic review) — /;

const weeklyOf = (chat: RecordingChat, date: string) =>
  chat.posts(SYNC_REMINDER).filter((p) => p.text.startsWith('== Weekly') && p.text.includes(date));

describe('reminders with the agenda', () => {
  it(
    'the weekly sync is reminded a day and 15 minutes before, with open and handed-back escalations and the notes ' +
      'since the last sync',
    async () => {
      const t = await makeHarness({ start: '2026-11-23T14:00:00Z' }); // Mon 23 Nov 09:00
      await t.sayText('alice', SETUP);
      // Before Tue 24 Nov's sync: not on the agenda.
      await t.sayText('nina', 'handoff note restarted the old print server');
      await t.advanceTo('2026-11-25T14:00:00Z'); // Wed 25 Nov 09:00
      await t.sayText('bob', 'escalate VPN drops every hour area:"complex network issues" p2');
      await t.sayText('nina', 'ack ESC-1');
      await t.sayText('bob', 'escalate nightly backup failed area:"backup and disaster recovery"');
      await t.sayText('nina', 'ack ESC-2');
      await t.sayText('nina', 'handback ESC-2 needs a new tape from the office');
      await t.sayText('bob', 'escalate printer offline area:"L1 support / help desk"');
      await t.sayText('bob', 'resolve ESC-3 power cable');
      await t.sayText('nina', 'note ESC-1 vendor called back, firmware fix on Friday');
      await t.advanceTo('2026-11-25T14:05:00Z');
      await t.sayText('nina', 'handoff note patched the firewall overnight');

      await t.advanceTo('2026-12-01T16:00:00Z'); // Tue 1 Dec 11:00
      const [dayBefore, quarterHour, ...more] = weeklyOf(t.chat, 'Tue 1 Dec 2026');
      expect(more).toEqual([]);
      expect(dayBefore!.at.toISOString()).toBe('2026-11-30T15:00:00.000Z');
      expect(quarterHour!.at.toISOString()).toBe('2026-12-01T14:45:00.000Z');
      expect(dayBefore!.text).toContain('== Weekly tactical sync — tomorrow at 10:00 ==');
      expect(dayBefore!.text).toContain(
        '@it-team and @noc: the weekly tactical sync is on Tue 1 Dec 2026 10:00–11:00 EST (tomorrow at 10:00).',
      );
      expect(quarterHour!.text).toContain('== Weekly tactical sync — in 15 min ==');

      for (const { text } of [dayBefore!, quarterHour!]) {
        expect(text).toMatch(
          joinPatterns([
            /1\. Open escalations \(1\), oldest first\n/,
            /\s+• ESC-1 \(P2\) VPN drops every hour — with Northwind \(MSP\), acknowledged/,
          ]),
        );
        expect(text).toMatch(
          joinPatterns([
            /2\. Handed back for internal follow-up \(1\)\n/,
            /\s+• ESC-2 \(P3\) nightly backup failed — /,
            /handed back Wed 25 Nov 09:00 EST: “needs a new tape from the office”/,
          ]),
        );
        expect(text).not.toContain('printer offline');
        expect(text).toContain('3. Notes since the last weekly sync (2), since Tue 24 Nov 10:00 EST');
        expect(text).toMatch(
          joinPatterns([
            /nina on ESC-1: “vendor called back, firmware fix on Friday”\n/,
            /\s+• [^\n]*nina \(handoff note\): “patched the firewall overnight”/,
          ]),
        );
        expect(text).not.toContain('old print server');
      }
    },
  );

  it('a meeting on a holiday is reminded with a note saying so', async () => {
    const t = await makeHarness({ start: '2026-11-30T14:00:00Z' });
    await t.sayText('alice', SETUP);
    await t.sayText('alice', 'holiday add 2026-12-01 Staff day');
    await t.advanceTo('2026-12-01T16:00:00Z');
    const reminders = weeklyOf(t.chat, 'Tue 1 Dec 2026');
    expect(reminders).toHaveLength(2);
    for (const r of reminders) {
      expect(r.text).toContain(
        'Note: Tue 1 Dec is a holiday here (Staff day). If the sync is not held, a manager can skip it: `cadence ' +
          'skip weekly 2026-12-01`.',
      );
    }
  });

  it('a skipped meeting sends nothing, and the next one is reminded as usual', async () => {
    const t = await makeHarness({ start: '2026-11-30T14:00:00Z' });
    await t.sayText('alice', SETUP);
    await t.sayText('alice', 'cadence skip weekly 2026-12-01');
    await t.advanceTo('2026-12-08T16:00:00Z');
    expect(weeklyOf(t.chat, 'Tue 1 Dec 2026')).toEqual([]);
    expect(weeklyOf(t.chat, 'Tue 8 Dec 2026').map((r) => r.at.toISOString())).toEqual([
      '2026-12-07T15:00:00.000Z',
      '2026-12-08T14:45:00.000Z',
    ]);
  });

  it('skipping after the day-before reminder cancels the 15-minute one', async () => {
    const t = await makeHarness({ start: '2026-11-30T14:00:00Z' });
    await t.sayText('alice', SETUP);
    await t.advanceTo('2026-11-30T17:00:00Z');
    await t.sayText('alice', 'cadence skip weekly 2026-12-01');
    await t.advanceTo('2026-12-01T16:00:00Z');
    expect(weeklyOf(t.chat, 'Tue 1 Dec 2026').map((r) => r.text.split('\n')[0])).toEqual([
      '== Weekly tactical sync — tomorrow at 10:00 ==',
    ]);
  });

  it('moving the meeting after a reminder went out does not send that reminder again', async () => {
    const t = await makeHarness({ start: '2026-11-30T14:00:00Z' });
    await t.sayText('alice', SETUP);
    await t.advanceTo('2026-11-30T17:00:00Z'); // the day-before reminder went out at 10:00
    await t.sayText('alice', 'cadence set weekly tuesday 11:00');
    await t.advanceTo('2026-12-01T17:00:00Z');
    const reminders = weeklyOf(t.chat, 'Tue 1 Dec 2026');
    expect(reminders.map((r) => [r.at.toISOString(), r.text.split('\n')[1]!.trim()])).toEqual([
      [
        '2026-11-30T15:00:00.000Z',
        '@it-team and @noc: the weekly tactical sync is on Tue 1 Dec 2026 10:00–11:00 EST (tomorrow at 10:00).',
      ],
      [
        '2026-12-01T15:45:00.000Z',
        '@it-team and @noc: the weekly tactical sync is on Tue 1 Dec 2026 11:00–12:00 EST (in 15 min).',
      ],
    ]);
  });

  it('the monthly review is reminded with the previous month’s figures', async () => {
    const t = await makeHarness({ start: '2026-10-05T13:00:00Z' }); // Mon 5 Oct 09:00 EDT
    await t.sayText('alice', SETUP);
    await t.sayText('alice', 'cadence off weekly');
    await t.sayText('bob', 'escalate firewall rule needed area:"complex network issues"');
    await t.advanceTo('2026-10-05T13:20:00Z');
    await t.sayText('nina', 'ack ESC-1'); // 20 min
    await t.sayText('bob', 'escalate restore a deleted folder area:"backup and disaster recovery"');
    await t.advanceTo('2026-10-05T14:00:00Z');
    await t.sayText('nina', 'ack ESC-2'); // 40 min
    await t.advanceTo('2026-10-05T15:20:00Z');
    await t.sayText('nina', 'resolve ESC-1'); // 2 h 20 min after it was opened
    await t.advanceTo('2026-11-04T20:00:00Z'); // Wed 4 Nov 15:00 EST, after the first-Wednesday review
    const monthly = t.chat
      .posts(SYNC_REMINDER)
      .filter((p) => p.text.startsWith('== Monthly') && p.text.includes('Wed 4 Nov 2026'));
    expect(monthly.map((m) => m.at.toISOString())).toEqual(['2026-11-03T19:00:00.000Z', '2026-11-04T18:45:00.000Z']);
    for (const m of monthly) {
      expect(m.text).toContain('Agenda — October 2026');
      expect(m.text).toContain('Escalations opened: 2');
      expect(m.text).toContain('MTTA (time to acknowledge): median 30 min, 90th percentile 40 min (2 acknowledged)');
      expect(m.text).toContain(
        'MTTR (time to resolve): median 2 h 20 min, 90th percentile 2 h 20 min (1 resolved, 1 unresolved)',
      );
      expect(m.text).toContain('Opened after hours: 0 of 2 (0%)');
    }
  });
});

describe('when the bot was down', () => {
  const dir = () => join(mkdtempSync(join(tmpdir(), 'tandem-cadence-')), 'tandem.db');

  it('a reminder whose meeting has started is dropped, and the job records why', async () => {
    const dbPath = dir();
    const first = await makeHarness({ start: '2026-11-30T14:00:00Z', dbPath });
    await first.sayText('alice', SETUP);
    await first.advanceTo('2026-11-30T16:00:00Z'); // the day-before reminder went out
    first.close();

    const log = first.chat;
    // back at Tue 10:05, the sync began at 10:00
    const second = await makeHarness({ start: '2026-12-01T15:05:00Z', dbPath, chat: log });
    await second.planAll();
    await second.advanceTo(second.clock.now());
    expect(weeklyOf(log, 'Tue 1 Dec 2026').map((r) => r.text.split('\n')[0])).toEqual([
      '== Weekly tactical sync — tomorrow at 10:00 ==',
    ]);
    const job = (await second.jobs('cadence-reminder')).find((j) => j.key.endsWith(':weekly:2026-12-01:15'))!;
    expect(job.state).toBe('dropped');
    expect(job.result).toMatch(
      /^not sent: the meeting had already started \(due Tue 1 Dec 2026 09:45 EST, found Tue 1 Dec 2026 10:05 EST/,
    );
    // The next meeting is planned as usual.
    expect(
      (await second.jobs('cadence-reminder'))
        .filter((j) => j.state === 'pending')
        .map((j) => j.key.replace(/^cadence:\d+:/, '')),
    ).toContain('weekly:2026-12-08:1440');
    second.close();
  });

  it('a reminder found late but before the meeting is sent once, marked late', async () => {
    const dbPath = dir();
    const first = await makeHarness({ start: '2026-11-30T14:00:00Z', dbPath });
    await first.sayText('alice', SETUP);
    await first.advanceTo('2026-11-30T16:00:00Z');
    first.close();

    const second = await makeHarness({ start: '2026-12-01T14:50:00Z', dbPath, chat: first.chat }); // Tue 09:50
    await second.planAll();
    await second.advanceTo('2026-12-01T16:00:00Z');
    const late = weeklyOf(first.chat, 'Tue 1 Dec 2026')[1]!;
    expect(late.at.toISOString()).toBe('2026-12-01T14:50:00.000Z');
    expect(late.text).toContain('== Weekly tactical sync — in 10 min ==');
    expect(late.text).toContain('Posted late: this was due Tue 1 Dec 2026 09:45 EST.');
    expect(weeklyOf(first.chat, 'Tue 1 Dec 2026')).toHaveLength(2);
    second.close();
  });

  it('reminders are never doubled: across a restart on the same database, nor by two processes at once', async () => {
    const dbPath = dir();
    const log = new RecordingChat('console', { now: () => new Date() });
    const first = await makeHarness({ start: '2026-11-30T14:00:00Z', dbPath, chat: log });
    await first.sayText('alice', SETUP);
    // The day-before reminder's job runs and queues its post, then the process dies before delivering it.
    first.clock.set(new Date('2026-11-30T15:00:00Z'));
    await first.scheduler.tick();
    first.close();

    // It comes back at once, twice: two processes on the same database, planning and ticking together.
    const a = await makeHarness({ start: '2026-11-30T15:00:30Z', dbPath, chat: log });
    const b = await makeHarness({ start: '2026-11-30T15:00:30Z', dbPath, chat: log });
    await a.planAll();
    await b.planAll();
    for (const at of ['2026-11-30T15:00:30Z', '2026-12-01T14:45:00Z', '2026-12-01T14:45:01Z', '2026-12-01T16:00:00Z']) {
      a.clock.set(new Date(at));
      b.clock.set(new Date(at));
      await a.scheduler.tick();
      await b.scheduler.tick();
      await Promise.all([a.sender.drain(), b.sender.drain()]);
    }
    expect(weeklyOf(log, 'Tue 1 Dec 2026').map((r) => [r.at.toISOString(), r.text.split('\n')[0]])).toEqual([
      ['2026-11-30T15:00:30.000Z', '== Weekly tactical sync — tomorrow at 10:00 =='],
      ['2026-12-01T14:45:00.000Z', '== Weekly tactical sync — in 15 min =='],
    ]);
    const keys = (await a.jobs('cadence-reminder')).map((j) => j.key);
    expect(new Set(keys).size).toBe(keys.length);
    a.close();
    b.close();
  });
});
