import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPILED_MAIN, ROOT, runScript } from '../helpers/console-process.js';
import { FakeSlack } from '../helpers/slack-fake.js';
import { postSigned, slashBody } from '../helpers/slack-requests.js';

/*
 * What `npm start` runs is the bundle scripts/build.mjs writes to dist/, not the TypeScript the other tests
 * load through tsx: these run the bundle, built afresh from the sources here, as a new user would.
 */
describe('npm start runs the built bundle', { timeout: 180_000 }, () => {
  beforeAll(() => {
    execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'pipe', timeout: 170_000 });
  }, 180_000);

  it('the console answers setup and who owns, on an on-disk database', () => {
    const run = runScript(
      [':as alice', 'setup org:Acme msp:Northwind tz:America/New_York', ':at 2026-11-30T10:00', 'who owns bakups'],
      {},
      undefined,
      { compiled: true },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Tandem is set up for Acme and Northwind');
    expect(run.stdout).toMatch(/backup and disaster recovery is owned by Northwind \(MSP\) right now/);
  });

  it('draws the quarterly review charts (the chart libraries load from node_modules)', () => {
    const lines = readFileSync(join(ROOT, 'examples/review-page.txt'), 'utf8').split('\n');
    const run = runScript(lines, { TANDEM_PUBLIC_URL: 'https://tandem.example.com' }, undefined, { compiled: true });
    expect(run.stderr).toBe('');
    const charts = [...run.stdout.matchAll(/\[chart: [^\]]+ — PNG (\/\S+\.png)\]/g)].map((m) => m[1]!);
    expect(charts).toHaveLength(2);
    for (const path of charts) expect([...readFileSync(path).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('a bad configuration value stops it with the message naming the variable', () => {
    const run = runScript(['help'], { LOG_LEVEL: 'loud' }, undefined, { compiled: true });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('LOG_LEVEL');
  });

  describe('with Slack variables: signed slash commands over HTTP', () => {
    let fake: FakeSlack;
    let child: ChildProcess;
    let base = '';
    beforeAll(async () => {
      fake = await FakeSlack.start();
      const dir = mkdtempSync(join(tmpdir(), 'tandem-'));
      child = spawn(process.execPath, [COMPILED_MAIN], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          PATH: process.env.PATH ?? '',
          TZ: 'UTC',
          DATABASE_PATH: join(dir, 'tandem.db'),
          PORT: '0',
          SLACK_BOT_TOKEN: 'xoxb-test-token',
          SLACK_SIGNING_SECRET: 'compiled-secret',
          SLACK_API_URL: fake.apiUrl,
        },
      });
      base = await listeningAddress(child);
    }, 60_000);
    afterAll(async () => {
      child?.kill('SIGTERM');
      await fake?.close();
    });

    it('answers /healthz, then a command', async () => {
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      const body = slashBody({
        command: '/tandem',
        text: 'setup org:Acme msp:Northwind tz:Europe/London',
        user_id: 'UALICE',
        user_name: 'alice',
        channel_id: 'C0COORD',
        response_url: fake.responseUrl('compiled-1'),
      });
      const res = await postSigned(base, 'compiled-secret', body, 'application/x-www-form-urlencoded');
      expect(res.status).toBe(200);
      await fake.readAck('compiled-1', res);
      const reply = await fake.waitFor(() => fake.responsesTo('compiled-1')[0], 'setup reply', 15_000);
      expect(JSON.stringify(reply)).toContain('Tandem is set up for Acme and Northwind');
    });

    it('refuses a request signed with another secret', async () => {
      const body = slashBody({
        command: '/tandem',
        text: 'help',
        user_id: 'UALICE',
        user_name: 'alice',
        channel_id: 'C0COORD',
        response_url: fake.responseUrl('compiled-2'),
      });
      const res = await postSigned(base, 'compiled-secret', body, 'application/x-www-form-urlencoded', {
        secret: 'not-the-secret',
      });
      expect(res.status).toBe(401);
      expect(fake.responsesTo('compiled-2')).toEqual([]);
    });
  });
});

/** The address the process logs once it listens (PORT=0 picks a free port). */
function listeningAddress(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`not listening after 50 s:\n${out}`)), 50_000);
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      const port = /"port":(\d+)|listening on [^\n]*:(\d+)/.exec(out);
      if (port) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${port[1] ?? port[2]}`);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`exited with ${code} before listening:\n${out}`)));
  });
}
