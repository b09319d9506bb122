import Database from 'better-sqlite3';
import { renderMessages } from '../../adapters/slack/render.js';
import type { Reply } from '../../src/kernel/reply.js';

/** A chat.postMessage the fake platform answered (not a thread reply), when (wall ms), and from which process. */
export interface Receipt {
  key: string;
  at: number;
  /** The Tandem process that sent it: its index in the order they were started (they never overlap). */
  process: number;
}

/** What the database held for one killed process, read once it was dead. */
export interface KillRecord {
  /** When it was killed (wall ms). */
  at: number;
  /** Messages of its outbox posts not recorded as sent when it died: key → how many. */
  unrecorded: Map<string, number>;
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
  /**
   * Received more often than the database has rows for them, the extra copy sent by a process that
   * was killed before it recorded the post as sent (the database, read after the kill, still had it
   * waiting): the platform call succeeded and the process died before its commit.
   */
  doubledAtKill: number;
  /** Any other extra copy: a post sent again after it was recorded as sent, a real double. */
  doubled: number;
  /** The longest time from a copy counted in doubledAtKill to the kill that followed (ms). */
  worstGapMs: number;
  escalations: number;
  jobsFinished: number;
  jobsDropped: number;
  /** Jobs due well before the end that never ran, or left running by a dead process. */
  jobsStuck: number;
}

export const messageKey = (channel: string, text: unknown, blocks: unknown): string =>
  `${channel}\u0000${String(text)}\u0000${JSON.stringify(blocks ?? [])}`;

/** The messages an outbox post row renders to, as the platform receives them. */
export function rowKeys(channel: string, reply: string): string[] {
  return renderMessages(JSON.parse(reply) as Reply).map((m) =>
    messageKey(channel, m.text, JSON.parse(JSON.stringify(m.blocks))),
  );
}

/** The outbox's posts not yet recorded as sent, read from the database at `path` after a kill. */
export function unrecordedPosts(path: string): Map<string, number> {
  const db = new Database(path, { readonly: true });
  try {
    const rows = db
      .prepare("select conversation_id as channel, reply from outbox where op = 'post' and state != 'sent'")
      .all() as { channel: string; reply: string }[];
    const out = new Map<string, number>();
    for (const r of rows) for (const key of rowKeys(r.channel, r.reply)) out.set(key, (out.get(key) ?? 0) + 1);
    return out;
  } finally {
    db.close();
  }
}

/**
 * Compares the database at `path` (after the last, graceful run ended at simulated `simEnd`) with
 * what the platform received. A received message is expected once per outbox post row that renders
 * to it; a copy beyond that is a double, counted apart when the process that sent it was killed with
 * the post still unrecorded (`kills[i]` is what the database held after process i died).
 */
export function tally(path: string, receipts: Receipt[], kills: KillRecord[], simEnd: number): Tally {
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
      for (const key of rowKeys(r.channel, r.reply)) expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    const byKey = new Map<string, Receipt[]>();
    for (const r of receipts) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
    let missing = 0;
    let doubledAtKill = 0;
    let doubled = 0;
    let worstGapMs = 0;
    for (const [key, n] of expected) missing += Math.max(0, n - (byKey.get(key)?.length ?? 0));
    for (const [key, copies] of byKey) {
      let extra = copies.length - (expected.get(key) ?? 0);
      // A killed process's copy of a post the database still had waiting after the kill: sent, not recorded.
      // Each waiting row accounts for one such copy.
      const excused = new Map<number, number>();
      for (const c of copies) {
        if (extra <= 0) break;
        const kill = kills[c.process];
        const waiting = kill?.unrecorded.get(key) ?? 0;
        if ((excused.get(c.process) ?? 0) >= waiting) continue;
        excused.set(c.process, (excused.get(c.process) ?? 0) + 1);
        doubledAtKill++;
        worstGapMs = Math.max(worstGapMs, kill!.at - c.at);
        extra--;
      }
      doubled += Math.max(0, extra);
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
      doubledAtKill,
      doubled,
      worstGapMs,
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
