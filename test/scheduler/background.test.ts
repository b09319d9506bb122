import { expect, it } from 'vitest';
import { type Clock, ManualClock } from '../../src/kernel/clock.js';
import { JobKindRegistry } from '../../src/kernel/job-kind.js';
import { silentLogger } from '../../src/kernel/logger.js';
import { inChannel, paragraph } from '../../src/kernel/reply.js';
import { startBackground, type Timers } from '../../src/scheduler/background.js';
import { notePost } from '../fixtures/scheduler-kinds.js';
import { addChannel } from '../harness.js';
import { describeEachDialect, openTestDb } from '../helpers/dialects.js';
import { platformPacingMs, RecordingChat } from '../helpers/recording-chat.js';

const systemClock: Clock = { now: () => new Date() };

describeEachDialect('startBackground: the production wiring on the real clock', (dialect) => {
  it(
    'runs a due job and delivers its post; stop() lets the delivery in hand finish and leaves no ' + 'lease behind',
    async () => {
      const db = await openTestDb(dialect);
      const { store } = db;
      const channel = await addChannel(store, systemClock, 'slack', 'C1');
      await store.jobs.schedule(
        notePost.newJob(channel.id, {
          dueAt: new Date(Date.now() - 1000),
          payload: { text: 'ESC-1 needs an ack' },
          occurrenceKey: 'ack:1:1',
        }),
        systemClock.now(),
      );
      const chat = new RecordingChat('slack', systemClock, platformPacingMs('slack'));
      let sending!: () => void;
      const inFlight = new Promise<void>((r) => (sending = r));
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      chat.before = async () => {
        sending();
        await held;
      };

      const background = startBackground({
        store,
        clock: systemClock,
        log: silentLogger,
        adapters: new Map([['slack', chat]]),
        kinds: new JobKindRegistry([notePost]),
      });
      await inFlight; // the first tick ran the job and is delivering its post
      const stopped = background.stop();
      release();
      await stopped;

      expect(chat.texts()).toEqual(['ESC-1 needs an ack']);
      expect(await db.rows('select state, lease_owner as owner from jobs')).toEqual([{ state: 'done', owner: null }]);
      expect(await db.rows('select state, lease_owner as owner from outbox')).toEqual([{ state: 'sent', owner: null }]);
      await db.close();
    },
  );

  it('a delivery that fails while shutting down stays pending for the next process, held by nobody', async () => {
    const db = await openTestDb(dialect);
    const { store } = db;
    const channel = await addChannel(store, systemClock, 'slack', 'C1');
    await store.jobs.schedule(
      notePost.newJob(channel.id, {
        dueAt: new Date(Date.now() - 1000),
        payload: { text: 'first' },
        occurrenceKey: 'n1',
      }),
      systemClock.now(),
    );
    const chat = new RecordingChat('slack', systemClock, platformPacingMs('slack'));
    let sending!: () => void;
    const inFlight = new Promise<void>((r) => (sending = r));
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    chat.before = async () => {
      sending();
      await held;
      throw new Error('connection reset'); // the delivery in hand fails as we shut down
    };
    const background = startBackground({
      store,
      clock: systemClock,
      log: silentLogger,
      adapters: new Map([['slack', chat]]),
      kinds: new JobKindRegistry([notePost]),
    });
    await inFlight;
    const stopped = background.stop();
    release();
    await stopped;
    // Not delivered, not lost: pending for the next process, nobody's lease on it.
    expect(await db.rows('select state, lease_owner as owner from outbox')).toEqual([
      { state: 'pending', owner: null },
    ]);
    await db.close();
  });

  it('delivers a paced backlog at the platform’s rate: each post when its turn comes, not at a tick', async () => {
    const t0 = new Date('2026-12-01T15:00:00Z');
    const clock = new ManualClock(t0);
    const db = await openTestDb(dialect);
    const { store } = db;
    await store.transaction(async (tx) => {
      for (const [channelId, text] of [
        ['C1', 'a1'],
        ['C1', 'a2'],
        ['C1', 'a3'],
        ['C1', 'a4'],
        ['C2', 'b1'],
      ]) {
        const conversation = { platform: 'slack' as const, channelId: channelId! };
        await tx.outbox.enqueuePost({ conversation, reply: inChannel(paragraph(text!)), idempotencyKey: text! }, t0);
      }
    });
    const chat = new RecordingChat('slack', clock, platformPacingMs('slack'));
    // Timers on the simulated clock: the test fires each one when it is due.
    const waiting: { at: number; fn: () => void }[] = [];
    const timers: Timers = {
      set(ms, fn) {
        const timer = { at: clock.now().getTime() + ms, fn };
        waiting.push(timer);
        return () => waiting.splice(waiting.indexOf(timer), 1);
      },
    };
    const background = startBackground({
      store,
      clock,
      log: silentLogger,
      adapters: new Map([['slack', chat]]),
      kinds: new JobKindRegistry([]),
      tickSeconds: 30,
      timers,
    });
    background.wake();
    for (let fired = 0; chat.delivered.length < 5 && fired < 10; fired++) {
      // Until the background waits on a timer (PostgreSQL answers over a socket: turns of the loop are not enough).
      for (let i = 0; i < 5000 && waiting.length === 0; i++) await new Promise((r) => setTimeout(r, 1));
      const next = waiting.sort((a, b) => a.at - b.at).shift();
      if (!next) break;
      clock.set(new Date(next.at));
      next.fn();
    }
    for (let i = 0; i < 100; i++) await new Promise((r) => setImmediate(r));
    await background.stop();
    expect(chat.delivered.map((d) => `${d.text} +${d.at.getTime() - t0.getTime()}ms`)).toEqual([
      'a1 +0ms',
      'b1 +0ms',
      'a2 +1000ms',
      'a3 +2000ms',
      'a4 +3000ms',
    ]);
    await db.close();
  });
});
