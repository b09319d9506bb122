import { TandemError } from '../domain/errors.js';
import type { Channel, Person } from '../domain/model.js';
import type { Side } from '../domain/sides.js';
import type { Store } from './ports/store.js';
import type { Inbound } from './types.js';

/** One command's turn: its transaction, when, who and where, and what the person may do there. */
export interface Turn {
  tx: Store;
  now: Date;
  actor: Person;
  channel: Channel | null;
  managerSide: Side | null;
  isAdmin: boolean;
  inbound: Inbound;
  /** The command declared it changes nothing. */
  readOnly: boolean;
}

export const NOT_SET_UP =
  'This channel is not set up yet. A manager starts with `setup org:<your organisation> msp:<your MSP> tz:<IANA ' +
  'zone>`, for example `setup org:Acme msp:Northwind tz:America/New_York`.';

/** A command's patience with another process's write lock, in all; each synchronous try; the pauses between. */
export const BUSY_PATIENCE_MS = 5_000;
export const BUSY_TRY_MS = 100;
export const BUSY_TRY = { busyTimeoutMs: BUSY_TRY_MS };
/**
 * A lookup's: it reads, and writes only bookkeeping (a newcomer to the channel) whose commit need not
 * wait for the disk; it takes the write lock only if it writes.
 */
export const LOOKUP_TRY = { busyTimeoutMs: BUSY_TRY_MS, durable: false, mostlyReads: true };
export const [BUSY_PAUSE_MS, BUSY_PAUSE_MAX_MS] = [50, 400];

/** Thrown inside the transaction of a delivery that was already handled, so that nothing is written. */
export class AlreadyHandled extends TandemError {
  constructor() {
    super('already_handled', 'this delivery was handled before');
  }
}
