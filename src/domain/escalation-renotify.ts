import type { Escalation } from './escalation.js';
import type { Priority } from './model.js';

/*
 * Ack re-notification: an escalation nobody has answered gets one re-notification per timeout
 * period of its priority — at opened + t, opened + 2t, … — each a durable job with its own
 * occurrence key, so a restart neither loses nor repeats one. Each job, when it runs and the
 * escalation is still open, schedules the next; acknowledging, handing back or resolving cancels
 * the pending one. The next one is the first point of the grid opened + k·t after now, so a
 * re-notification found late (the bot was down) is posted once, not once per missed period.
 * Changing the timeouts applies from the next job on; a priority whose timeout was turned off
 * stops re-notifying.
 */

/**
 * Re-notifications stop after this many: past it, reminders in the channel are noise that teaches
 * people to mute it, and the last one says so and points to the phone.
 */
export const MAX_RENOTIFICATIONS = 6;

export interface RenotifyPayload {
  escalationId: number;
  /** 1 for the first re-notification, 2 for the second, … */
  n: number;
}

/** The occurrence key of the n-th re-notification of an escalation. */
export function renotifyKey(escalationId: number, n: number): string {
  return `renotify:${escalationId}:${n}`;
}

/** Matches every re-notification of this escalation and no other (`renotify:1:` is not a prefix of `renotify:12:…`). */
export function renotifyPrefix(escalationId: number): string {
  return `renotify:${escalationId}:`;
}

/** The ack timeout of the escalation's priority in ms, or null when it has none. */
export function ackTimeoutMs(
  e: Pick<Escalation, 'priority'>,
  timeouts: Record<Priority, number | null>,
): number | null {
  const minutes = timeouts[e.priority];
  return minutes === null || minutes === undefined ? null : minutes * 60_000;
}

/** When the n-th re-notification is due: opened + n × timeout. */
export function renotifyDueAt(openedAt: Date, timeoutMs: number, n: number): Date {
  return new Date(openedAt.getTime() + n * timeoutMs);
}

/**
 * The re-notification after the `lastN`-th: number lastN + 1, due at the first point of the grid
 * opened + k·t strictly after `now`.
 */
export function nextRenotify(openedAt: Date, timeoutMs: number, lastN: number, now: Date): { n: number; dueAt: Date } {
  const k = Math.floor((now.getTime() - openedAt.getTime()) / timeoutMs) + 1;
  return { n: lastN + 1, dueAt: renotifyDueAt(openedAt, timeoutMs, Math.max(1, k)) };
}
