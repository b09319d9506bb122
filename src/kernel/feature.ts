import type { AnyCommandSpec } from './command.js';
import type { AnyJobKind } from './job-kind.js';

/**
 * One capability of Tandem (the matrix, escalations, the morning post, cadences, the channel's
 * settings): the commands it answers and the job kinds it runs. Each lives in its own folder under
 * src/features/ and is listed once in src/features/index.ts.
 */
export interface Feature {
  name: string;
  /** In the order `help` lists them. */
  commands: readonly AnyCommandSpec[];
  jobKinds?: readonly AnyJobKind[];
}
