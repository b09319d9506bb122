import { type Harness, makeHarness, setupLine } from '../harness.js';

/**
 * The morning-post tests' channel: set up by alice (Acme / Northwind, the internal team @it-team)
 * at local time `at` in `timezone`, on a database file so that it can restart.
 */
export function makeMorningChannel(at: string, timezone = 'America/New_York'): Promise<Harness> {
  return makeHarness({ start: at, timezone, dbPath: 'temp', setup: setupLine(timezone) });
}

/** Runs `line` as `who` at local time `at` (the clock moves there first, running what falls due). */
export async function sayAt(t: Harness, at: string, who: string, line: string): Promise<string> {
  await t.advanceTo(at);
  return t.sayText(who, line);
}
