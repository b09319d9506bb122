import { JobKindRegistry, type AnyJobKind } from '../kernel/job-kind.js';
import { ackRenotify } from './escalation/ack-renotify-job.js';
import { cadenceReminder } from './cadence/cadence-reminder-job.js';
import { morningPost } from './morning/morning-post-job.js';

/**
 * Every job kind Tandem runs. A feature adds its kind here (one import, one line); a duplicate id
 * is rejected when the module loads. See job-kind.ts for how to write one.
 */
export const ALL_JOB_KINDS: readonly AnyJobKind[] = [ackRenotify, morningPost, cadenceReminder];

export const JOB_KINDS = new JobKindRegistry(ALL_JOB_KINDS);
