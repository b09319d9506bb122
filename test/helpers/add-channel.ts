import { type Channel, DEFAULT_ACK_TIMEOUTS } from '../../src/domain/model.js';
import type { Clock } from '../../src/kernel/clock.js';
import type { Store } from '../../src/kernel/ports/store.js';
import type { Platform } from '../../src/kernel/types.js';

/** A channel row as setup would leave it, made directly: for tests of the scheduler's own wiring. */
export function addChannel(
  store: Store,
  clock: Clock,
  platform: Platform,
  externalId: string,
  timezone = 'America/New_York',
): Promise<Channel> {
  return store.channels.create({
    platform,
    externalId,
    orgName: 'Acme',
    mspName: 'Northwind',
    timezone,
    workDays: [1, 2, 3, 4, 5],
    dayStart: 8 * 60,
    dayEnd: 17 * 60,
    internalHandle: null,
    mspHandle: null,
    morningOffsetMinutes: 0,
    ackTimeouts: DEFAULT_ACK_TIMEOUTS,
    createdAt: clock.now(),
  });
}
