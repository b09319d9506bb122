import * as z from 'zod';
import type { RenotifyPayload } from '../../domain/escalation-renotify.js';
import { defineJobKind } from '../../kernel/job-kind.js';

/**
 * The re-notification jobs of the time before escalation ladders: one may still be pending in a
 * database from then. It is skipped, and says why; the escalation's ladder (ladder-step-job.ts) is
 * what notifies now.
 */
export const ackRenotify = defineJobKind<RenotifyPayload>({
  kind: 'ack-renotify',
  label: 'ack re-notification (replaced by the ladder)',
  payload: z.object({ escalationId: z.number().int().positive(), n: z.number().int().positive() }),
  misfire: { kind: 'once' },
  async run() {
    return 'skipped: re-notifications are now the steps of the escalation ladder';
  },
});
