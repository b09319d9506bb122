import type { AnyCommandSpec } from '../kernel/command.js';
import { CommandRegistry } from '../kernel/registry.js';
import { ack } from './escalation/ack.js';
import { auditShow } from './channel/audit.js';
import { cadenceOff, cadenceOn, cadenceRemind, cadenceSkip, cadenceUnskip } from './cadence/cadence-change.js';
import { cadenceSet } from './cadence/cadence-set.js';
import { cadenceAgenda, cadenceShow } from './cadence/cadence-show.js';
import { escalate } from './escalation/escalate.js';
import { escalationsList, escalationsTimeouts } from './escalation/escalations.js';
import { handback } from './escalation/handback.js';
import { handoffPreview } from './morning/handoff.js';
import { handoffNote } from './morning/handoff-note.js';
import { handoffTime } from './morning/handoff-time.js';
import { help } from './channel/help.js';
import { holidayAdd, holidayList, holidayRemove } from './channel/holidays.js';
import { hoursSet, hoursShow, hoursTz } from './channel/hours.js';
import { managersAdd, managersList, managersRemove } from './channel/managers.js';
import { matrixExport, matrixImport } from './matrix/matrix-export-import.js';
import { matrixRemove } from './matrix/matrix-remove.js';
import { matrixSet } from './matrix/matrix-set.js';
import { matrixShow } from './matrix/matrix-show.js';
import { note } from './escalation/note.js';
import { resolve } from './escalation/resolve.js';
import { setup } from './channel/setup.js';
import { status } from './channel/status.js';
import { whoOwns } from './matrix/who-owns.js';

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
