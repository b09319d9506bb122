import { cpus } from 'node:os';

/** The machine a figure was measured on: every case states it. */
export interface Machine {
  cores: number;
  node: string;
  platform: string;
  cpu: string;
}

export function machine(): Machine {
  const cpu = cpus();
  return {
    cores: cpu.length,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpu: cpu[0]?.model.trim() ?? 'unknown',
  };
}

/** The q-quantile (0..1) of the values, nearest-rank on a sorted copy. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);

/** Median of the per-run values of one field. */
export function medianOf<T>(runs: readonly T[], pick: (run: T) => number): number {
  return median(runs.map(pick));
}

/** Milliseconds since an hrtime.bigint() mark. */
export function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Times one call, in milliseconds. */
export function timeMs(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return msSince(start);
}

/** Times one asynchronous call, until it settles, in milliseconds. */
export async function timeAsyncMs(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return msSince(start);
}

/** Rounds for display and for results.json: 3 significant figures, at most 3 decimals. */
export function round(n: number): number {
  if (!Number.isFinite(n)) return n;
  const abs = Math.abs(n);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return Number(n.toFixed(digits));
}

/** A short log line on stderr, so that stdout carries only the table. */
export function note(text: string): void {
  process.stderr.write(`  ${text}\n`);
}

/** Resident set size of this process in MB. */
export function ownRssMb(): number {
  return process.memoryUsage().rss / 1024 / 1024;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
