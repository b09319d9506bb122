/**
 * Case 1 — a slash command's round trip through the real Bolt HTTP receiver, Tandem against its floor.
 *
 * Three processes on loopback besides this one (the load generator): the fake Slack Web API
 * (auth.test, response_urls), Tandem itself started as production starts it (`node dist/src/main.js`,
 * what `npm start` runs, with Slack variables: the shared HTTP server, Tandem's receiver on it, the
 * core, SQLite on disk), and a bare Bolt App (default receiver) whose only listener acks. Both get the same
 * signed `/tandem who owns …` and `/whoowns …` requests at the same fixed rate and concurrency, in
 * alternating rounds (Tandem first, then bare first) so machine noise hits both alike. What is
 * measured is the ack: the HTTP answer. Tandem's reply rides on the ack when it is ready at once,
 * otherwise it follows through the response_url; every reply is counted (all must arrive, one way or
 * the other) and timed as well.
 *
 * Tandem's RSS is read from /proc before the load (idle, after setup) and after it.
 */
import { execFileSync } from 'node:child_process';
import { Agent } from 'node:http';
import { join } from 'node:path';
import { type CaseRun, caseMain } from './lib/case.js';
import { answeredInAck, fixedRateLoad, type Sample } from './lib/load.js';
import { cpuMs, forkHelper, freePort, ROOT, rssMb, startTandem } from './lib/processes.js';
import { agentFor, coldAndSaturated, saturatedPhase } from './lib/saturated.js';
import { setupRequest, slashRequests } from './lib/slash-requests.js';
import { median, note, quantile, round, sleep } from './lib/stats.js';
import { tempDir } from './lib/tandem-core.js';

const RATE = Number(process.env.BENCH_RATE ?? 100);
const CONCURRENCY = 16;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const PER_ROUND = Number(process.env.BENCH_PER_ROUND ?? 500);
const WARMUP = 300;
/** The cold-start and saturation phases: this many commands each, at most SATURATED in flight, as fast as answered. */
const COLD = Number(process.env.BENCH_COLD ?? 2000);
const SATURATED = 20;
const SECRET = 'bench-signing-secret';
interface Segment {
  target: 'tandem' | 'bare';
  round: number;
  samples: Sample[];
  delayed: number;
  wallMs: number;
}

const pct = (samples: readonly Sample[], q: number) =>
  quantile(
    samples.map((s) => s.ms),
    q,
  );

export const run: CaseRun = async () => {
  const tmp = tempDir('ack');
  const fake = await forkHelper('./fake-slack-process.ts');
  const bare = await forkHelper('./bare-bolt-process.ts', { BENCH_SIGNING_SECRET: SECRET });
  const tandemPort = await freePort();
  // As `npm start` runs it: the compiled JavaScript in dist/, built here first, with plain node.
  execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'ignore' });
  const tandem = await startTandem({
    via: 'node',
    entry: join(ROOT, 'dist/src/main.js'),
    env: {
      PORT: String(tandemPort),
      DATABASE_PATH: join(tmp.dir, 'tandem.db'),
      SLACK_BOT_TOKEN: 'xoxb-bench-token',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: `http://127.0.0.1:${fake.port}/api/`,
    },
  });
  note(
    `Tandem (pid ${tandem.appPid}) ready in ${tandem.readyMs.toFixed(0)} ms on :${tandemPort}; bare Bolt on ` +
      `:${bare.port}; fake Slack on :${fake.port}`,
  );

  const agents = {
    tandem: new Agent({ keepAlive: true, maxSockets: CONCURRENCY }),
    bare: new Agent({ keepAlive: true, maxSockets: CONCURRENCY }),
  };
  const ports = { tandem: tandemPort, bare: bare.port };
  const stats = (ids: string[]) =>
    fake.request<{ received: number; arrivals: (number | null)[] }>({ type: 'stats', ids }, 'stats');
  /** Waits until every reply of these requests reached the fake; their arrival times. */
  const repliesTo = async (ids: string[]) => {
    const until = Date.now() + 60_000;
    for (;;) {
      const s = await stats(ids);
      if (s.arrivals.every((a) => a !== null)) return s.arrivals as number[];
      if (Date.now() > until)
        throw new Error(
          `${s.arrivals.filter((a) => a === null).length} of ${ids.length} replies never reached the fake Slack`,
        );
      await sleep(20);
    }
  };
  /** When each request's reply reached the asker (epoch ms): in its ack's body, or at the fake's response_url. */
  const answeredAt = async (samples: Sample[]): Promise<Map<string, number>> => {
    const at = new Map(samples.filter(answeredInAck).map((s) => [s.id, s.sentAt + s.ms] as const));
    const rest = samples.filter((s) => !at.has(s.id)).map((s) => s.id);
    const arrivals = rest.length ? await repliesTo(rest) : [];
    for (const [i, id] of rest.entries()) at.set(id, arrivals[i]!);
    return at;
  };

  try {
    const setup = setupRequest(fake.port, SECRET);
    const setupLoad = await fixedRateLoad({
      port: tandemPort,
      path: '/slack/events',
      requests: [setup],
      rate: 1,
      concurrency: 1,
      agent: agents.tandem,
    });
    await answeredAt(setupLoad.samples);
    await sleep(1000);
    const rssIdle = rssMb(tandem.appPid);

    // Cold start: the first COLD commands after start against the next COLD, then bare Bolt's two
    // the same way; saturated throughput is each one's second phase (req/s at SATURATED in flight).
    const satAgents = { tandem: agentFor(SATURATED), bare: agentFor(SATURATED) };
    const saturated = (target: Segment['target'], prefix: string) =>
      saturatedPhase({
        port: ports[target],
        count: COLD,
        inFlight: SATURATED,
        prefix,
        fakePort: fake.port,
        secret: SECRET,
        agent: satAgents[target],
        ...(target === 'tandem' ? { settle: repliesTo } : {}),
      });
    const cold = { tandem1: await saturated('tandem', 'cold1-'), tandem2: await saturated('tandem', 'cold2-') };
    const bareCold = { bare1: await saturated('bare', 'bcold1-'), bare2: await saturated('bare', 'bcold2-') };
    const coldFigures = coldAndSaturated(cold, bareCold, COLD, SATURATED);

    for (const target of ['tandem', 'bare'] as const) {
      const requests = slashRequests(WARMUP, `warm-${target}-`, fake.port, SECRET);
      const warm = await fixedRateLoad({
        port: ports[target],
        path: '/slack/events',
        requests,
        rate: RATE,
        concurrency: CONCURRENCY,
        agent: agents[target],
      });
      if (target === 'tandem') await answeredAt(warm.samples);
    }

    const segments: Segment[] = [];
    const answers: number[] = [];
    let inAck = 0;
    const cpu = { tandem: 0, bare: 0 };
    const pids = { tandem: tandem.appPid, bare: bare.child.pid! };
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? (['tandem', 'bare'] as const) : (['bare', 'tandem'] as const);
      for (const target of order) {
        const requests = slashRequests(PER_ROUND, `r${round}-${target}-`, fake.port, SECRET);
        const cpuBefore = cpuMs(pids[target]);
        const result = await fixedRateLoad({
          port: ports[target],
          path: '/slack/events',
          requests,
          rate: RATE,
          concurrency: CONCURRENCY,
          agent: agents[target],
        });
        const bad = result.samples.filter((s) => s.status !== 200);
        if (bad.length) throw new Error(`${target}: ${bad.length} requests answered ${bad[0]!.status}`);
        if (target === 'tandem') {
          // The next segment starts only when Tandem has finished this one's work: no spill-over.
          const at = await answeredAt(result.samples);
          for (const s of result.samples) answers.push(at.get(s.id)! - s.sentAt);
          inAck += result.samples.filter(answeredInAck).length;
        }
        cpu[target] += cpuMs(pids[target]) - cpuBefore;
        segments.push({ target, round, samples: result.samples, delayed: result.delayed, wallMs: result.wallMs });
        await sleep(200);
      }
    }
    await sleep(1000);
    const rssAfter = rssMb(tandem.appPid);

    const all = (t: Segment['target']) => segments.filter((s) => s.target === t).flatMap((s) => s.samples);
    const tandemSamples = all('tandem');
    const bareSamples = all('bare');
    const fig = (samples: Sample[], t: Segment['target']) => {
      const segs = segments.filter((s) => s.target === t);
      return {
        p50: pct(samples, 0.5),
        p99: pct(samples, 0.99),
        max: pct(samples, 1),
        throughput: (samples.length / segs.reduce((ms, s) => ms + s.wallMs, 0)) * 1000,
        delayed: segs.reduce((n, s) => n + s.delayed, 0),
      };
    };
    const t = fig(tandemSamples, 'tandem');
    const b = fig(bareSamples, 'bare');
    const perRound = Array.from({ length: ROUNDS }, (_, round) => {
      const of = (target: Segment['target']) => segments.find((s) => s.round === round && s.target === target)!.samples;
      return {
        round,
        ratioP50: pct(of('tandem'), 0.5) / pct(of('bare'), 0.5),
        ratioP99: pct(of('tandem'), 0.99) / pct(of('bare'), 0.99),
        tandemP99: pct(of('tandem'), 0.99),
        bareP99: pct(of('bare'), 0.99),
      };
    });
    const ratioP50 = t.p50 / b.p50;
    const ratioP99 = t.p99 / b.p99;
    note(
      `ack Tandem p50 ${t.p50.toFixed(2)} p99 ${t.p99.toFixed(2)} max ${t.max.toFixed(1)} ms; bare Bolt p50 ` +
        `${b.p50.toFixed(2)} p99 ${b.p99.toFixed(2)} max ${b.max.toFixed(1)} ms; ratio p50 ${ratioP50.toFixed(2)} ` +
        `p99 ` +
        `${ratioP99.toFixed(2)}`,
    );
    note(
      `per-round ratios p50 ${perRound.map((r) => r.ratioP50.toFixed(2)).join(' ')} | p99 ` +
        `${perRound.map((r) => r.ratioP99.toFixed(2)).join(' ')}`,
    );
    const cpuPerRequest = { tandem: cpu.tandem / tandemSamples.length, bare: cpu.bare / bareSamples.length };
    note(
      `CPU per request (from /proc, all threads): Tandem ${cpuPerRequest.tandem.toFixed(2)} ms, bare Bolt ` +
        `${cpuPerRequest.bare.toFixed(2)} ms`,
    );
    note(
      `answers (in the ack or through the response_url): p50 ${quantile(answers, 0.5).toFixed(1)} ms, p99 ` +
        `${quantile(answers, 0.99).toFixed(1)} ms (${answers.length}, ${inAck} in the ack); Tandem RSS idle ` +
        `${rssIdle.toFixed(0)} MB, ` +
        `after ${rssAfter.toFixed(0)} MB`,
    );

    return {
      name: 'slack-ack',
      fields: {
        slack_ack_p50_ms: round(t.p50),
        slack_ack_p99_ms: round(t.p99),
        bare_bolt_ack_p50_ms: round(b.p50),
        bare_bolt_ack_p99_ms: round(b.p99),
        slack_ack_ratio_p50: round(ratioP50),
        slack_ack_ratio_p99: round(ratioP99),
        slack_ack_ratio_p50_round_median: round(median(perRound.map((r) => r.ratioP50))),
        slack_ack_ratio_p99_round_median: round(median(perRound.map((r) => r.ratioP99))),
        slack_throughput_rps: round(t.throughput),
        bare_bolt_throughput_rps: round(b.throughput),
        slack_answer_p50_ms: round(quantile(answers, 0.5)),
        slack_answer_p99_ms: round(quantile(answers, 0.99)),
        slack_answered_in_ack_share: round(inAck / tandemSamples.length),
        // The whole command, answered, against bare Bolt's empty ack: comparable whichever way the answer went.
        slack_answer_ratio_p50: round(quantile(answers, 0.5) / b.p50),
        slack_cpu_ms_per_request: round(cpuPerRequest.tandem),
        bare_bolt_cpu_ms_per_request: round(cpuPerRequest.bare),
        slack_requests: tandemSamples.length,
        slack_rate_rps: RATE,
        slack_concurrency: CONCURRENCY,
        slack_rss_idle_mb: round(rssIdle),
        rss_after_load_mb: round(rssAfter),
        ...coldFigures.fields,
      },
      rows: [
        {
          case: '1',
          what:
            `slash command ack through Bolt over HTTP, Tandem \`who owns\` vs bare Bolt; ` +
            `${tandemSamples.length.toLocaleString('en')} signed requests each at ${RATE}/s, ≤ ${CONCURRENCY} ` +
            `in flight, ${ROUNDS} alternating rounds`,
          result:
            `p50 ${round(t.p50)} vs ${round(b.p50)} ms (×${round(ratioP50)}), p99 ${round(t.p99)} vs ` +
            `${round(b.p99)} ms (×${round(ratioP99)}); ${round(t.throughput)} vs ${round(b.throughput)} ` +
            `req/s; answer p50 ${round(quantile(answers, 0.5))} ms (${round((inAck / tandemSamples.length) * 100)} % ` +
            `in the ack)`,
          target: 'ratio ≤ 1.2 at p50 and p99',
          met: ratioP50 <= 1.2 && ratioP99 <= 1.2,
        },
        ...coldFigures.rows,
      ],
      detail: {
        tandem: t,
        bare: b,
        perRound,
        rounds: ROUNDS,
        perRound_requests: PER_ROUND,
        tandemPid: tandem.appPid,
        rssMeasured: 'the Tandem process (node dist/src/main.js, as npm start runs it), VmRSS from /proc',
        cold,
        bareCold,
      },
    };
  } catch (err) {
    process.stderr.write(tandem.log().slice(-3000));
    throw err;
  } finally {
    agents.tandem.destroy();
    agents.bare.destroy();
    await tandem.stop();
    await bare.stop();
    await fake.stop();
    tmp.remove();
  }
};

caseMain(import.meta.url, run);
