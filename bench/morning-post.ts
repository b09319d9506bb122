/**
 * Case 3 — the morning handoff post of a channel with 10,000 escalations and 10,000 notes (5,000
 * handoff notes, 5,000 escalation notes) in its window, read from SQLite on disk: the time to build
 * the post (the queries, the digest and the blocks), then to render it as Block Kit. Target < 100 ms.
 */
import { renderMessages } from '../adapters/slack/render.js';
import type { Priority } from '../src/domain/model.js';
import { morningPostReply } from '../src/features/morning/morning-post-reply.js';
import { silentLogger } from '../src/kernel/logger.js';
import { type CaseRun, caseMain } from './lib/case.js';
import { rng } from './lib/matrix-gen.js';
import { profiled } from './lib/profile.js';
import { median, msSince, note, round, timeAsyncMs } from './lib/stats.js';
import { benchCore } from './lib/tandem-core.js';

const ESCALATIONS = 10_000;
const HANDOFF_NOTES = 5_000;
const ESCALATION_NOTES = 5_000;
const RUNS = 9;
const SUMMARIES = [
  'VPN down at the branch office',
  'backup job failed overnight',
  'phishing report from finance',
  'firewall rule change request',
];
/** Tuesday 1 December 2026 in New York: the window runs from Monday 17:00 to Tuesday 08:00. */
const DATE = '2026-12-01';
const WINDOW_FROM = Date.parse('2026-11-30T22:00:00Z');
const WINDOW_TO = Date.parse('2026-12-01T13:00:00Z');

export const run: CaseRun = async () => {
  const core = await benchCore({ at: '2026-12-01T12:00:00Z' });
  const { store } = core;
  const channel = await core.channel();
  const r = rng(3);
  const span = WINDOW_TO - WINDOW_FROM - 10 * 60_000;
  const at = (i: number, n: number) => new Date(WINDOW_FROM + 60_000 + Math.floor((span * i) / n));
  const priorities: Priority[] = ['P1', 'P2', 'P3', 'P4'];
  const seedMs = await timeAsyncMs(() =>
    store.transaction(async (tx) => {
      const people: number[] = [];
      for (let i = 0; i < 20; i++) people.push((await tx.people.upsert('slack', `UP${i}`, `person${i}`)).id);
      const ids: number[] = [];
      for (let i = 0; i < ESCALATIONS; i++) {
        const openedAt = at(i, ESCALATIONS);
        const by = people[i % people.length]!;
        const e = await tx.escalations.open({
          channelId: channel.id,
          summary: `Escalation ${i}: ${SUMMARIES[i % 4]} — ${'details '.repeat(1 + (i % 12))}`,
          areaId: null,
          areaName: null,
          priority: priorities[i % 4]!,
          ticket: i % 3 === 0 ? `PSA-${100000 + i}` : null,
          fromPersonId: by,
          fromTeam: 'internal',
          toTeam: 'msp',
          afterHours: true,
          openedAt,
        });
        ids.push(e.id);
        const later = new Date(openedAt.getTime() + 5 * 60_000);
        const roll = r();
        if (roll < 0.4) {
          await tx.escalations.update(e.id, {
            state: 'resolved',
            acknowledgedAt: later,
            acknowledgedBy: people[(i + 1) % 20]!,
            resolvedAt: later,
            resolvedBy: people[(i + 1) % 20]!,
            resolutionNote: 'restarted the service and checked the logs',
          });
          await tx.escalations.addEvent(e.id, {
            at: later,
            actorId: people[(i + 1) % 20]!,
            kind: 'resolved',
            note: 'restarted the service',
          });
        } else if (roll < 0.6) {
          await tx.escalations.update(e.id, {
            state: 'handed_back',
            acknowledgedAt: later,
            acknowledgedBy: people[(i + 2) % 20]!,
            handedBackAt: later,
            handedBackBy: people[(i + 2) % 20]!,
            handbackNote: 'needs the internal team: a permissions change on site',
          });
          await tx.escalations.addEvent(e.id, {
            at: later,
            actorId: people[(i + 2) % 20]!,
            kind: 'handed_back',
            note: 'needs the internal team',
          });
        } else if (roll < 0.8) {
          await tx.escalations.update(e.id, {
            state: 'acknowledged',
            acknowledgedAt: later,
            acknowledgedBy: people[(i + 3) % 20]!,
          });
          await tx.escalations.addEvent(e.id, {
            at: later,
            actorId: people[(i + 3) % 20]!,
            kind: 'acknowledged',
            note: null,
          });
        }
      }
      for (let i = 0; i < ESCALATION_NOTES; i++) {
        const id = ids[Math.floor(r() * ids.length)]!;
        await tx.escalations.addEvent(id, {
          at: at(i, ESCALATION_NOTES),
          actorId: people[i % 20]!,
          kind: 'note',
          note: `checked again at step ${i}; still waiting on the vendor`,
        });
      }
      for (let i = 0; i < HANDOFF_NOTES; i++) {
        await tx.handoffNotes.add({
          channelId: channel.id,
          at: at(i, HANDOFF_NOTES),
          authorId: people[i % 20]!,
          text: `Night shift note ${i}: rebooted a switch, patched two servers, nothing else to report.`,
          overnight: false,
        });
      }
    }),
  );
  note(
    `seeded ${ESCALATIONS} escalations, ${ESCALATION_NOTES} escalation notes and ${HANDOFF_NOTES} handoff notes in ` +
      `${seedMs.toFixed(0)} ms`,
  );

  const mode = { kind: 'post' as const, late: false, dueAt: new Date(WINDOW_TO) };
  const build = () => store.transaction((tx) => morningPostReply(tx, channel, DATE, mode, silentLogger));
  for (let i = 0; i < 2; i++) await build(); // warm-up
  await profiled('morning-post-build', build);
  const builds: number[] = [];
  const renders: number[] = [];
  let blocks = 0;
  let text = '';
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    const reply = await build();
    builds.push(msSince(start));
    const renderStart = process.hrtime.bigint();
    const messages = renderMessages(reply);
    renders.push(msSince(renderStart));
    blocks = messages.reduce((n, m) => n + m.blocks.length, 0);
    text = JSON.stringify(messages);
  }
  if (!text.includes('and') || !/Still open \(\d+\)/.test(text))
    throw new Error(`the morning post does not look like one: ${text.slice(0, 300)}`);

  // What the post read before it decided on facts (whole records of every escalation and note in
  // the window): timed beside the build, for the before/after figure.
  const { from, to } = { from: new Date(WINDOW_FROM), to: new Date(WINDOW_TO) };
  const fullReads: number[] = [];
  for (let i = 0; i < 3; i++) {
    fullReads.push(
      await timeAsyncMs(() =>
        store.transaction(async (tx) => {
          await tx.escalations.openedBetween(channel.id, from, to);
          await tx.escalations.handedBackBetween(channel.id, from, to);
          await tx.escalations.resolvedBetween(channel.id, from, to);
          await tx.escalations.unresolved(channel.id);
          await tx.escalations.notesBetween(channel.id, from, to);
        }),
      ),
    );
  }
  const fullReadMs = median(fullReads);
  if (process.env.BENCH_KEEP_DB) process.stderr.write(`  kept ${core.db.$client.name}\n`);
  else core.close();

  const buildMs = median(builds);
  const renderMs = median(renders);
  note(
    `morning post: reading the window's records in full (before) ${fullReadMs.toFixed(0)} ms; build median ` +
      `${buildMs.toFixed(1)} ms (runs ${builds.map((b) => b.toFixed(1)).join(', ')}), Block Kit render ` +
      `${renderMs.toFixed(2)} ms, ${blocks} blocks, ${text.length} chars`,
  );
  return {
    name: 'morning-post',
    fields: {
      morning_build_ms: round(buildMs),
      morning_render_ms: round(renderMs),
      morning_blocks: blocks,
      morning_full_records_read_ms: round(fullReadMs),
    },
    rows: [
      {
        case: '3',
        what:
          `morning post, ${ESCALATIONS.toLocaleString('en')} escalations + ` +
          `${(HANDOFF_NOTES + ESCALATION_NOTES).toLocaleString('en')} notes in the window, SQLite on disk, ` +
          `median of ${RUNS}`,
        result:
          `build ${round(buildMs)} ms (+ Block Kit render ${round(renderMs)} ms, ${blocks} blocks); reading ` +
          `every record in full, as before, ${round(fullReadMs)} ms`,
        target: '< 100 ms',
        met: buildMs < 100,
      },
    ],
    detail: {
      builds: builds.map(round),
      renders: renders.map(round),
      fullReads: fullReads.map(round),
      seedMs: round(seedMs),
    },
  };
};

caseMain(import.meta.url, run);
