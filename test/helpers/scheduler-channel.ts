import { type HarnessOptions, makeHarness } from '../harness.js';

/**
 * The harness for the scheduler's and the outbox's own tests: a Slack channel made directly (no
 * setup command), the sender paced as Slack paces it, and only the job kinds the test brings.
 */
export function makeSchedulerChannel(options: HarnessOptions = {}) {
  return makeHarness({
    start: '2026-11-30T12:00:00Z',
    platform: 'slack',
    pacing: true,
    kinds: [],
    seed: { timezone: options.timezone ?? 'America/New_York' },
    ...options,
    scheduler: { owner: 'test-scheduler', ...options.scheduler },
    sender: { owner: 'test-sender', ...options.sender },
  });
}
