import { fileURLToPath } from 'node:url';
import { type Machine, machine } from './stats.js';

/** One line of the results table. */
export interface Row {
  case: string;
  /** What was measured, with the load: "3,000 signed /whoowns at 100/s". */
  what: string;
  /** The figures, medians of the runs. */
  result: string;
  target: string;
  /** null when the row has no target (a figure reported for information). */
  met: boolean | null;
}

/** What a case hands back: numeric fields for results.json and its table rows. */
export interface CaseResult {
  name: string;
  machine: Machine;
  fields: Record<string, number>;
  rows: Row[];
  /** Extra structured detail kept in results.json (per-run figures and the like). */
  detail?: Record<string, unknown>;
}

export type CaseRun = () => Promise<Omit<CaseResult, 'machine'>>;

/**
 * Runs a case when its file is the entry point: forked by bench/run.ts (result over IPC) or on its
 * own (`npx tsx bench/<case>.ts`, result printed as JSON).
 */
export function caseMain(moduleUrl: string, run: CaseRun): void {
  if (process.argv[1] !== fileURLToPath(moduleUrl)) return;
  run().then(
    (r) => {
      const result: CaseResult = { ...r, machine: machine() };
      if (process.send) process.send({ ok: true, result }, undefined, {}, () => process.exit(0));
      else {
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        process.exit(0);
      }
    },
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      if (process.send) process.send({ ok: false, error: String(err) }, undefined, {}, () => process.exit(1));
      else process.exit(1);
    },
  );
}
