import { Agent } from 'node:http';
import type { Row } from './case.js';
import { answeredInAck, fixedRateLoad } from './load.js';
import { slashRequests } from './slash-requests.js';
import { note, quantile, round } from './stats.js';

/** One saturated phase's figures: ack p50/p99, req/s, and the share of replies that rode on the ack. */
export interface SaturatedPhase {
  p50: number;
  p99: number;
  rps: number;
  inAck: number;
}

/**
 * Sends `count` signed slash commands to a port as fast as it answers, at most `inFlight` at a time
 * (closed loop), and after it `settle` (waiting for the replies of Tandem's commands that did not ride
 * on their ack). Case 1's cold start and saturation phases.
 */
export async function saturatedPhase(opts: {
  port: number;
  count: number;
  inFlight: number;
  prefix: string;
  fakePort: number;
  secret: string;
  agent: Agent;
  settle?: (ids: string[]) => Promise<unknown>;
}): Promise<SaturatedPhase> {
  const requests = slashRequests(opts.count, opts.prefix, opts.fakePort, opts.secret);
  const r = await fixedRateLoad({
    port: opts.port,
    path: '/slack/events',
    requests,
    rate: 1_000_000,
    concurrency: opts.inFlight,
    agent: opts.agent,
  });
  const bad = r.samples.filter((s) => s.status !== 200);
  if (bad.length) throw new Error(`${opts.prefix}: ${bad.length} requests answered ${bad[0]!.status}`);
  const inAck = r.samples.filter(answeredInAck);
  await opts.settle?.(r.samples.filter((s) => !answeredInAck(s)).map((s) => s.id));
  const ms = r.samples.map((s) => s.ms);
  return {
    p50: quantile(ms, 0.5),
    p99: quantile(ms, 0.99),
    rps: (r.samples.length / r.wallMs) * 1000,
    inAck: inAck.length / r.samples.length,
  };
}

/** A keep-alive agent for `inFlight` connections. */
export const agentFor = (inFlight: number) => new Agent({ keepAlive: true, maxSockets: inFlight });

/** Case 1's cold-start and saturation figures, noted, as fields and table rows. */
export function coldAndSaturated(
  cold: { tandem1: SaturatedPhase; tandem2: SaturatedPhase },
  bare: { bare1: SaturatedPhase; bare2: SaturatedPhase },
  count: number,
  inFlight: number,
): { fields: Record<string, number>; rows: Row[] } {
  const coldRatio = cold.tandem1.p50 / cold.tandem2.p50;
  const satRatio = cold.tandem2.rps / bare.bare2.rps;
  note(
    `at ${inFlight} in flight: Tandem first ${count} p50 ${cold.tandem1.p50.toFixed(1)} ms ` +
      `${cold.tandem1.rps.toFixed(0)} req/s, next ${count} p50 ${cold.tandem2.p50.toFixed(1)} ms ` +
      `${cold.tandem2.rps.toFixed(0)} req/s (cold ratio ${coldRatio.toFixed(2)}; answered in the ack ` +
      `${pctOf(cold.tandem1.inAck)} / ${pctOf(cold.tandem2.inAck)}); bare Bolt ` +
      `${bare.bare1.p50.toFixed(1)} / ${bare.bare2.p50.toFixed(1)} ms, ${bare.bare2.rps.toFixed(0)} ` +
      `req/s; Tandem ÷ bare ${satRatio.toFixed(2)}`,
  );
  return {
    fields: {
      cold_ratio_p50: round(coldRatio),
      saturated_throughput_ratio: round(satRatio),
      saturated_tandem_rps: round(cold.tandem2.rps),
      saturated_bare_rps: round(bare.bare2.rps),
      saturated_answered_in_ack_share: round(cold.tandem2.inAck),
    },
    rows: [
      {
        case: '1a',
        what: `the first ${count.toLocaleString('en')} commands after start vs the next, at ${inFlight} in flight`,
        result:
          `p50 ${round(cold.tandem1.p50)} vs ${round(cold.tandem2.p50)} ms (×${round(coldRatio)}); bare Bolt ` +
          `${round(bare.bare1.p50)} vs ${round(bare.bare2.p50)} ms`,
        target: '≤ 1.5',
        met: coldRatio <= 1.5,
      },
      {
        case: '1b',
        what: `saturated: req/s at ${inFlight} in flight, Tandem ÷ bare Bolt (each one's second phase)`,
        result: `${round(cold.tandem2.rps)} vs ${round(bare.bare2.rps)} req/s (×${round(satRatio)})`,
        target: '≥ 0.8',
        met: satRatio >= 0.8,
      },
    ],
  };
}

const pctOf = (share: number) => `${(share * 100).toFixed(0)} %`;
