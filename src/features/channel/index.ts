import type { Feature } from '../../kernel/feature.js';
import { auditRefusals, auditShow } from './audit.js';
import { confirm } from './confirm.js';
import { help } from './help.js';
import { holidayAdd, holidayList, holidayRemove } from './holidays.js';
import { hoursSet, hoursShow, hoursTz } from './hours.js';
import { managersAdd, managersList, managersRemove } from './managers.js';
import { setup } from './setup.js';
import { setupClaim, setupReset } from './setup-control.js';
import { status } from './status.js';

/** The channel itself: setup, business hours and holidays, managers, the audit log, status and help. */
export const channelFeature: Feature = {
  name: 'channel',
  commands: [
    setup,
    setupClaim,
    setupReset,
    hoursShow,
    hoursSet,
    hoursTz,
    holidayAdd,
    holidayRemove,
    holidayList,
    managersList,
    managersAdd,
    managersRemove,
    confirm,
    auditShow,
    auditRefusals,
    status,
    help,
  ],
};
