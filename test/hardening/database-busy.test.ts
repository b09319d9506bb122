import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderText } from '../../adapters/console/render.js';
import { type Db, openDb } from '../../db/client.js';
import { SIGNING_SECRET, type SlackFaceHarness, startSlackFace, waitUntil } from '../helpers/hardening-faces.js';
import { signature } from '../helpers/slack-requests.js';
import { dumpTables } from '../helpers/table-dump.js';

/**
 * Another process holds the database's write lock (BEGIN IMMEDIATE, as a backup tool or a stuck
 * process would) for longer than a command's patience while commands arrive over Slack.
 * Timings are taken in separate processes, as Slack would see them.
 */

/** The command's patience with the lock (5 s in production), short here so the test is quick. */
const PATIENCE_MS = 1_500;
const ALICE = { id: 'UALICE', name: 'alice' };
const BOB = { id: 'UBOB', name: 'bob' };

/** A separate node process that takes the write lock and keeps it until told to let go. */
async function holdWriteLock(
  path: string,
): Promise<{ release(): Promise<void>; child: ChildProcessWithoutNullStreams }> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(${JSON.stringify(path)});
    db.pragma('busy_timeout = 2000');
    db.exec('BEGIN IMMEDIATE');
    process.stdout.write('locked\\n');
    const end = () => { db.exec('ROLLBACK'); db.close(); process.exit(0); };
    process.stdin.on('data', end);
    setTimeout(end, 20000);
  `;
  const child = spawn(process.execPath, ['-e', script], { cwd: process.cwd(), stdio: 'pipe' });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
    child.on('exit', (code) => reject(new Error(`the lock holder exited early (${code})`)));
    child.stderr.on('data', (d: Buffer) => reject(new Error(d.toString())));
  });
  return {
    child,
    release: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners('exit');
        child.on('exit', () => resolve());
        child.stdin.write('release\n');
      }),
  };
}

/**
 * POSTs from a separate process and reports how long the HTTP answer (the ack) took there: a
 * client in this process could not read its answer while something held this event loop. A command
 * that waits on the lock is acked empty and answered through the response_url, so the ack's body
 * is not kept.
 */
async function postAsSlack(h: SlackFaceHarness, body: string): Promise<{ status: number; ms: number }> {
  const ts = Math.floor(Date.now() / 1000);
  const headers = {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(ts),
    'x-slack-signature': signature(SIGNING_SECRET, ts, body),
  };
  const request = JSON.stringify({ url: `${h.baseUrl}/slack/events`, headers, body });
  const script = `
    const { url, headers, body } = JSON.parse(process.argv[1]);
    const started = Date.now();
    const report = (r) => process.stdout.write(JSON.stringify({ ...r, ms: Date.now() - started }));
    fetch(url, { method: 'POST', headers, body })
      .then(async (res) => { await res.text(); report({ status: res.status }); })
      .catch((err) => report({ status: 0, err: String(err) }));
  `;
  const child = spawn(process.execPath, ['-e', script, request], { stdio: 'pipe' });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  // 'close', not 'exit': a process can have exited while its output is still in the pipe.
  const ended = await new Promise<string>((resolve) =>
    child.on('close', (code, signal) => resolve(signal ? `signal ${signal}` : `code ${code}`)),
  );
  if (!out) throw new Error(`the request process said nothing (${ended}): ${err.slice(0, 300)}`);
  return JSON.parse(out) as { status: number; ms: number };
}

const BUSY = 'The database is busy right now. Nothing was changed; please try again in a moment.';

describe('the database locked by another process', () => {
  let dir: string;
  let db: Db;
  let h: SlackFaceHarness;
  let holder: Awaited<ReturnType<typeof holdWriteLock>> | null = null;
  const path = () => join(dir, 'tandem.db');

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tandem-busy-'));
    // The connection's own busy timeout stays the production default (5 s): commands wait in short tries.
    db = openDb(path());
    h = await startSlackFace({ db, busyPatienceMs: PATIENCE_MS });
    await h.ask(ALICE, 'setup org:Acme msp:Northwind tz:America/New_York');
  });
  afterEach(async () => {
    await holder?.release();
    holder = null;
    await h.close();
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'acks Slack at once, answers "try again", leaves nothing half-done, and a retry of that delivery works once ' +
      'the lock is gone',
    async () => {
      await h.settled();
      const before = dumpTables(db.$client);
      holder = await holdWriteLock(path());

      const handled = h.handled.length;
      const { id, body } = h.slashPayload(BOB, 'escalate VPN down for the Boston office p1');
      const ack = await postAsSlack(h, body);
      expect(ack.status).toBe(200);
      expect(ack.ms).toBeLessThan(1_000);
      const answer = await h.fake.waitFor(() => h.fake.responsesTo(id)[0], 'the answer', 10_000);
      expect(JSON.stringify(answer)).toContain(BUSY);
      expect(answer.response_type).toBe('ephemeral');
      expect(h.handled.length).toBe(handled + 1);
      expect(h.log.records.some((r) => r.level === 'warn' && r.msg === 'database busy')).toBe(true);

      await holder.release();
      holder = null;
      // Nothing of the command is in any table: no escalation, no card queued, no audit, not even the person.
      expect(dumpTables(db.$client)).toEqual(before);

      // Slack retrying that same delivery now runs it: a busy answer is not a handled delivery.
      await h.post(body, 'application/x-www-form-urlencoded', {
        headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
      });
      await waitUntil(() => h.handled.length === handled + 2, 'the retry');
      expect(renderText(h.handled[handled + 1]!.reply!)).toContain('ESC-1 is open');
      expect(db.$client.prepare('SELECT count(*) FROM escalations').pluck().get()).toBe(1);
    },
  );

  it('keeps acking every request at once while several commands wait on the lock', async () => {
    holder = await holdWriteLock(path());
    const lines = [
      'escalate printer jam',
      'who owns backups',
      'handoff note restarted the VPN',
      'escalate VPN down p1',
      'managers',
    ];
    const acks = await Promise.all(lines.map((line) => postAsSlack(h, h.slashPayload(BOB, line).body)));
    for (const a of acks) {
      expect(a.status).toBe(200);
      expect(a.ms, JSON.stringify(acks)).toBeLessThan(3_000);
    }
    await waitUntil(() => h.fake.responses.length >= lines.length + 1, 'every answer', 10_000);
    // Every command runs in one write transaction (it records the person speaking), so reads wait too.
    expect(h.fake.responses.slice(1).filter((r) => JSON.stringify(r.body).includes(BUSY))).toHaveLength(lines.length);
    expect(db.$client.prepare(`SELECT count(*) FROM audit_log WHERE action != 'setup'`).pluck().get()).toBe(0);
  });

  it('runs the command when the lock goes away within its patience, without a "try again"', async () => {
    holder = await holdWriteLock(path());
    const { id, body } = h.slashPayload(BOB, 'escalate VPN down for the Boston office p1');
    expect((await postAsSlack(h, body)).status).toBe(200);
    await new Promise((r) => setTimeout(r, PATIENCE_MS / 3));
    await holder.release();
    holder = null;
    const answer = await h.fake.waitFor(() => h.fake.responsesTo(id)[0], 'the answer', 10_000);
    expect(JSON.stringify(answer)).toContain('ESC-1');
    expect(JSON.stringify(answer)).not.toContain('busy');
  });
});
