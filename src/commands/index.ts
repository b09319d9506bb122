import type { AnyCommandSpec } from '../core/command.js';
import { CommandRegistry } from '../core/registry.js';
import { ack } from './ack.js';
import { auditShow } from './audit.js';
import { cadenceOff, cadenceOn, cadenceRemind, cadenceSkip, cadenceUnskip } from './cadence-change.js';
import { cadenceSet } from './cadence-set.js';
import { cadenceAgenda, cadenceShow } from './cadence-show.js';
import { escalate } from './escalate.js';
import { escalationsList, escalationsTimeouts } from './escalations.js';
import { handback } from './handback.js';
import { handoffPreview } from './handoff.js';
import { handoffNote } from './handoff-note.js';
import { handoffTime } from './handoff-time.js';
import { help } from './help.js';
import { holidayAdd, holidayList, holidayRemove } from './holidays.js';
import { hoursSet, hoursShow, hoursTz } from './hours.js';
import { managersAdd, managersList, managersRemove } from './managers.js';
import { matrixExport, matrixImport } from './matrix-csv.js';
import { matrixRemove } from './matrix-remove.js';
import { matrixSet } from './matrix-set.js';
import { matrixShow } from './matrix-show.js';
import { note } from './note.js';
import { resolve } from './resolve.js';
import { setup } from './setup.js';
import { status } from './status.js';
import { whoOwns } from './who-owns.js';

/** Every command Tandem understands, in the order help lists them. */
export const ALL_COMMANDS: readonly AnyCommandSpec[] = [
  whoOwns,
  matrixShow,
  matrixSet,
  matrixRemove,
  matrixExport,
  matrixImport,
  escalate,
  ack,
  resolve,
  handback,
  note,
  escalationsList,
  escalationsTimeouts,
  handoffPreview,
  handoffNote,
  handoffTime,
  cadenceShow,
  cadenceSet,
  cadenceRemind,
  cadenceSkip,
  cadenceUnskip,
  cadenceOff,
  cadenceOn,
  cadenceAgenda,
  setup,
  hoursShow,
  hoursSet,
  hoursTz,
  holidayAdd,
  holidayRemove,
  holidayList,
  managersList,
  managersAdd,
  managersRemove,
  auditShow,
  status,
  help,
];

export function createRegistry(): CommandRegistry {
  return new CommandRegistry(ALL_COMMANDS);
}
