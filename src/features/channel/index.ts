import type { Feature } from '../../kernel/feature.js';
import { auditShow } from './audit.js';
import { help } from './help.js';
import { holidayAdd, holidayList, holidayRemove } from './holidays.js';
import { hoursSet, hoursShow, hoursTz } from './hours.js';
import { managersAdd, managersList, managersRemove } from './managers.js';
import { setup } from './setup.js';
import { status } from './status.js';

/** The channel itself: setup, business hours and holidays, managers, the audit log, status and help. */
export const channelFeature: Feature = {
  name: 'channel',
  commands: [
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
  ],
};

// What other features may use.
export { describeChange } from './audit.js';
