/**
 * Part of `npm test`: the time tests a second and third time, under process zones other than UTC
 * (Santiago changes at midnight, Chatham is +12:45/+13:45). Tandem must show and schedule the same
 * whatever `TZ` the server runs with, so these must pass unchanged.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const ZONES = ['America/Santiago', 'Pacific/Chatham'];
/** The time tests: path prefixes, as vitest filters files. */
export const TIME_TESTS = [
  'test/domain/agenda-periods',
  'test/domain/business-',
  'test/domain/cadence-',
  'test/domain/calendar-words',
  'test/domain/clock-time',
  'test/domain/duration',
  'test/domain/morning-',
  'test/domain/recurrence-',
  'test/domain/time-zones',
  'test/domain/zone',
  'test/features/cadence/',
  'test/features/channel/hours',
  'test/features/morning/',
];

for (const zone of ZONES) {
  process.stdout.write(`\nThe time tests again, under TZ=${zone}\n`);
  const run = spawnSync(join(ROOT, 'node_modules/.bin/vitest'), ['run', ...TIME_TESTS], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, TZ: zone, NO_COLOR: '1' },
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
