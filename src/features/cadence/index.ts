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

export { periodFiguresFor, quarterlyAgendaFor } from './cadence-agenda.js';
export { figureBlocks } from './cadence-agenda-figures.js';
// What other features may use.
export { cadencesOf, type SyncDue, skipsOf, syncsDueOn } from './cadence-queries.js';
export { chartName, parseChartName, REVIEW_CHARTS, type ReviewChartName, reviewCharts } from './review-charts.js';
