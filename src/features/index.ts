import type { AnyCommandSpec } from '../kernel/command.js';
import type { Feature } from '../kernel/feature.js';
import { JobKindRegistry } from '../kernel/job-kind.js';
import { CommandRegistry } from '../kernel/registry.js';
import { cadenceFeature } from './cadence/index.js';
import { channelFeature } from './channel/index.js';
import { escalationFeature } from './escalation/index.js';
import { integrationsFeature } from './integrations/index.js';
import { matrixFeature } from './matrix/index.js';
import { morningFeature } from './morning/index.js';
import { pageFeature } from './page/index.js';
import { peopleFeature } from './people/index.js';

/** Every capability Tandem has, in the order `help` lists their commands. A new feature is one line here. */
export const FEATURES: readonly Feature[] = [
  matrixFeature,
  escalationFeature,
  integrationsFeature,
  morningFeature,
  cadenceFeature,
  channelFeature,
  peopleFeature,
  pageFeature,
];

/** Every command of every feature. */
export const ALL_COMMANDS: readonly AnyCommandSpec[] = FEATURES.flatMap((f) => f.commands);

/** A registry of every command; duplicates are rejected. */
export function createRegistry(): CommandRegistry {
  return new CommandRegistry(ALL_COMMANDS);
}

/** Every job kind of every feature; duplicates are rejected. */
export function createJobKinds(): JobKindRegistry {
  return new JobKindRegistry(FEATURES.flatMap((f) => f.jobKinds ?? []));
}

export { CoreHookInbox } from './integrations/index.js';
