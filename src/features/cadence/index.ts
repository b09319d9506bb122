import type { Feature } from '../../kernel/feature.js';
import { cadenceOff, cadenceOn, cadenceRemind, cadenceSkip, cadenceUnskip } from './cadence-change.js';
import { cadenceReminder } from './cadence-reminder-job.js';
import { cadenceSet } from './cadence-set.js';
import { cadenceAgenda, cadenceShow } from './cadence-show.js';

/** The weekly, monthly and quarterly syncs and their reminders. */
export const cadenceFeature: Feature = {
  name: 'cadence',
  commands: [cadenceShow, cadenceSet, cadenceRemind, cadenceSkip, cadenceUnskip, cadenceOff, cadenceOn, cadenceAgenda],
  jobKinds: [cadenceReminder],
};

// What other features may use.
export { cadencesOf, type SyncDue, syncsDueOn } from './cadence-queries.js';
