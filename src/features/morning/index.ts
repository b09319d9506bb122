import type { Feature } from '../../kernel/feature.js';
import { handoffPreview } from './handoff.js';
import { handoffNote } from './handoff-note.js';
import { handoffTime } from './handoff-time.js';
import { morningPost } from './morning-post-job.js';

/** The after-hours log and the morning handoff post. */
export const morningFeature: Feature = {
  name: 'morning',
  commands: [handoffPreview, handoffNote, handoffTime],
  jobKinds: [morningPost],
};
