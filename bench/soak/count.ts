import Database from 'better-sqlite3';
import { renderMessages } from '../../adapters/slack/render.js';
import type { Reply } from '../../src/kernel/reply.js';

/** A chat.postMessage the fake platform answered (not a thread reply), and when (wall ms). */
export interface Receipt {
  key: string;
  at: number;
}

/** What the soak found: posts the database says exist against the posts the platform received. */
export interface Tally {
  /** Post rows in the outbox, and messages they render to. */
  postRows: number;
  sentRows: number;
  updateRows: number;
  /** Messages received by the platform (channel posts, not thread replies). */
  received: number;
  /** Sent according to the database, never received; or given up (failed); or still waiting although due. */
  lost: number;
  failedRows: number;
  stuckRows: number;
  /** Received more often than the database has rows for them, the extra copy answered just before a kill. */
  doubledInWindow: number;
  /** The same, with no kill shortly after the first copy: a real double. */
  doubled: number;
  /** The longest time from a counted double's first copy to the kill that followed (ms). */
  worstWindowMs: number;
  escalations: number;
  jobsFinished: number;
  jobsDropped: number;
  /** Jobs due well before the end that never ran, or left running by a dead process. */
  jobsStuck: number;
}

export const messageKey = (channel: string, text: unknown, blocks: unknown): string =>
  `${channel}\u0000${String(text)}\u0000${JSON.stringify(blocks ?? [])}`;

/**
 * Compares the database at `path` (after the last, graceful run ended at simulated `simEnd`) with
 * what the platform received. A received message is expected once per outbox post row that renders
 * to it; a copy beyond that is a double, counted apart when a kill followed its first copy within
 * `windowMs` (the platform call succeeded, the process died before it could record it).
 */
export function tally(path: string, receipts: Receipt[], kills: number[], simEnd: number, windowMs: number): Tally {
  const db = new Database(path, { readonly: true });
  try {
    const rows = db
      .prepare('select op, conversation_id as channel, reply, state, next_attempt_at as due from outbox')
      .all() as { op: string; channel: string; reply: string; state: string; due: number }[];
    const expected = new Map<string, number>();
    let sentRows = 0;
    let failedRows = 0;
    let stuckRows = 0;
    // Due more than half an hour (simulated; ten seconds of the wall) before the end and still waiting.
    const margin = 30 * 60_000;
    for (const r of rows) {
      if (r.state === 'failed') failedRows++;
      else if (r.state !== 'sent' && r.due < simEnd - margin) stuckRows++;
      if (r.op !== 'post' || r.state !== 'sent') continue;
      sentRows++;
      for (const m of renderMessages(JSON.parse(r.reply) as Reply)) {
        const key = messageKey(r.channel, m.text, JSON.parse(JSON.stringify(m.blocks)));
        expected.set(key, (expected.get(key) ?? 0) + 1);
      }
    }
    const byKey = new Map<string, number[]>();
    for (const r of receipts) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r.at]);
    let missing = 0;
    let doubledInWindow = 0;
    let doubled = 0;
    let worstWindowMs = 0;
    const killAfter = (t: number) => kills.find((k) => k >= t);
    for (const [key, n] of expected) missing += Math.max(0, n - (byKey.get(key)?.length ?? 0));
    for (const [key, times] of byKey) {
      const extra = times.length - (expected.get(key) ?? 0);
      if (extra <= 0) continue;
      // The copies that were not recorded: those followed soonest by a kill.
      const gaps = times
        .map((t) => (killAfter(t) ?? Number.POSITIVE_INFINITY) - t)
        .sort((a, b) => a - b)
        .slice(0, extra);
      for (const g of gaps) {
        if (g <= windowMs) {
          doubledInWindow++;
          worstWindowMs = Math.max(worstWindowMs, g);
        } else doubled++;
      }
    }
    const n = (sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { n: number }).n;
    return {
      postRows: rows.filter((r) => r.op === 'post').length,
      sentRows,
      updateRows: rows.filter((r) => r.op === 'update').length,
      received: receipts.length,
      lost: missing + failedRows + stuckRows,
      failedRows,
      stuckRows,
      doubledInWindow,
      doubled,
      worstWindowMs,
      escalations: n('select count(*) as n from escalations'),
      jobsFinished: n("select count(*) as n from jobs where state in ('done', 'failed')"),
      jobsDropped: n("select count(*) as n from jobs where state = 'dropped'"),
      jobsStuck: n(
        "select count(*) as n from jobs where (state = 'pending' and due_at < ?) or state = 'running'",
        simEnd - margin,
      ),
    };
  } finally {
    db.close();
  }
}
