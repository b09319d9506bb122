import { nextBusinessStart } from './business-calendar.js';
import { isBusinessTime } from './business-hours.js';
import { type BusinessHours, PRIORITIES, type Priority } from './model.js';

/*
 * Escalation ladders: for each priority, whom to notify after how many minutes without
 * acknowledgement. Every ladder starts with the team at minute 0, which is the card itself (the one
 * top-level post); every other step is a reply in the card's thread, posted by a durable job and cancelled by an
 * acknowledgement, a resolution or a handback. Low priorities may keep quiet hours: a step after the
 * first that falls outside business hours waits for the next start of business. P1 and P2 never wait.
 */

/**
 * Whom a step notifies: the receiving side's team handle, the area's contact, the receiving side's
 * managers, or a paging integration by name (configured elsewhere; this file only carries the name).
 */
export type LadderTarget =
  | { kind: 'team' }
  | { kind: 'contact' }
  | { kind: 'managers' }
  | { kind: 'integration'; name: string };

export interface LadderStep {
  /** Minutes after the escalation was opened. */
  after: number;
  target: LadderTarget;
}

export interface Ladder {
  steps: LadderStep[];
  /** Steps after the first that fall outside business hours wait for the next start of business. */
  quiet: boolean;
}

export type Ladders = Record<Priority, Ladder>;

export const MAX_LADDER_STEPS = 6;
/** A week: a step later than that is a reminder for a sync, not an escalation. */
export const MAX_LADDER_MINUTES = 7 * 24 * 60;
/** Priorities that never wait for business hours. */
export const NEVER_QUIET: readonly Priority[] = ['P1', 'P2'];

const TEAM: LadderTarget = { kind: 'team' };
const CONTACT: LadderTarget = { kind: 'contact' };
const MANAGERS: LadderTarget = { kind: 'managers' };

export const DEFAULT_LADDERS: Ladders = {
  P1: {
    steps: [
      { after: 0, target: TEAM },
      { after: 5, target: CONTACT },
      { after: 15, target: MANAGERS },
    ],
    quiet: false,
  },
  P2: {
    steps: [
      { after: 0, target: TEAM },
      { after: 15, target: CONTACT },
      { after: 60, target: MANAGERS },
    ],
    quiet: false,
  },
  P3: {
    steps: [
      { after: 0, target: TEAM },
      { after: 60, target: CONTACT },
    ],
    quiet: true,
  },
  P4: { steps: [{ after: 0, target: TEAM }], quiet: true },
};

/** The stored ladders with the default for every priority not stored. */
export function laddersOf(stored: Partial<Ladders> | null | undefined): Ladders {
  const out = {} as Ladders;
  for (const p of PRIORITIES) out[p] = stored?.[p] ?? DEFAULT_LADDERS[p];
  return out;
}

/** `team`, `contact`, `managers`, or an integration's name. */
export function targetName(t: LadderTarget): string {
  return t.kind === 'integration' ? t.name : t.kind;
}

/** `0:team 5:contact 15:managers`, as typed. */
export function ladderLine(ladder: Ladder): string {
  return ladder.steps.map((s) => `${s.after}:${targetName(s.target)}`).join(' ');
}

/** Whether a step is the card itself: the team notified at the moment it is opened. Every ladder starts so. */
export function isCardStep(step: LadderStep): boolean {
  return step.after === 0 && step.target.kind === 'team';
}

export type LadderProblem =
  | { kind: 'empty' }
  | { kind: 'no_card_step'; word: string }
  | { kind: 'too_many'; count: number }
  | { kind: 'bad_step'; word: string }
  | { kind: 'unknown_target'; word: string }
  | { kind: 'minutes_range'; word: string }
  | { kind: 'out_of_order'; word: string; previous: number };

/**
 * Reads `0:team 5:contact 15:managers`. A target is team, contact, managers, or the name of one of
 * `integrations` (the paging integrations configured for the channel).
 */
export function parseLadderSteps(
  words: readonly string[],
  integrations: readonly string[] = [],
): { ok: true; steps: LadderStep[] } | { ok: false; problem: LadderProblem } {
  if (words.length === 0) return { ok: false, problem: { kind: 'empty' } };
  if (words.length > MAX_LADDER_STEPS) return { ok: false, problem: { kind: 'too_many', count: words.length } };
  const steps: LadderStep[] = [];
  for (const word of words) {
    const m = /^(\d{1,6}):(.+)$/.exec(word);
    if (!m) return { ok: false, problem: { kind: 'bad_step', word } };
    const after = Number(m[1]);
    if (after > MAX_LADDER_MINUTES) return { ok: false, problem: { kind: 'minutes_range', word } };
    const name = m[2]!.toLowerCase();
    const target: LadderTarget | null =
      name === 'team' || name === 'contact' || name === 'managers'
        ? { kind: name }
        : integrations.find((i) => i.toLowerCase() === name)
          ? { kind: 'integration', name: integrations.find((i) => i.toLowerCase() === name)! }
          : null;
    if (!target) return { ok: false, problem: { kind: 'unknown_target', word } };
    const previous = steps.at(-1)?.after;
    if (previous !== undefined && after < previous)
      return { ok: false, problem: { kind: 'out_of_order', word, previous } };
    steps.push({ after, target });
  }
  if (!isCardStep(steps[0]!)) return { ok: false, problem: { kind: 'no_card_step', word: words[0]! } };
  return { ok: true, steps };
}

/**
 * When step `index` of a ladder is due for an escalation opened at `openedAt`: opened + its minutes,
 * or — on a quiet ladder, for a step after the first that falls outside business hours — the next
 * start of business.
 */
export function stepDueAt(ladder: Ladder, index: number, openedAt: Date, hours: BusinessHours): Date {
  const step = ladder.steps[index];
  if (!step) throw new RangeError(`the ladder has no step ${index}`);
  const due = new Date(openedAt.getTime() + step.after * 60_000);
  if (!ladder.quiet || index === 0 || isBusinessTime(due, hours)) return due;
  return nextBusinessStart(hours, due);
}

/** Whether a step waited for business hours (its due time is later than opened + its minutes). */
export function stepWaited(ladder: Ladder, index: number, openedAt: Date, dueAt: Date): boolean {
  const step = ladder.steps[index];
  return !!step && dueAt.getTime() > openedAt.getTime() + step.after * 60_000;
}

/** The occurrence key of step `index` of an escalation's ladder, planned for `dueAt`. */
export function ladderStepKey(escalationId: number, index: number, dueAt: Date): string {
  return `ladder:${escalationId}:${index}:${dueAt.getTime()}`;
}

/** Matches every planned step of this escalation and no other (`ladder:1:` is not a prefix of `ladder:12:`). */
export function ladderPrefix(escalationId: number): string {
  return `ladder:${escalationId}:`;
}

/** The step after `index`, or null when the ladder ends there. */
export function nextStepIndex(ladder: Ladder, index: number): number | null {
  return index + 1 < ladder.steps.length ? index + 1 : null;
}
