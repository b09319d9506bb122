import { parseWeekday } from '../../domain/business-hours.js';
import {
  CADENCE_KINDS,
  type CadenceKind,
  isCadenceKind,
  MAX_DURATION_MINUTES,
  ORDINALS,
} from '../../domain/cadence.js';
import { parseTimeOfDay, TIME_FORMS } from '../../domain/clock-time.js';
import type { IsoWeekday } from '../../domain/model.js';
import type { Ordinal } from '../../domain/recurrence.js';
import { argInput, fail } from '../../kernel/args.js';
import type { ArgInput } from '../../kernel/command.js';
import { UserError } from '../../kernel/errors.js';

/** A mistake in the words after a cadence command: its message says what to type instead. */
class ArgProblem extends UserError {
  constructor(message: string) {
    super(message, 'usage');
  }
}

export function problem(message: string): never {
  throw new ArgProblem(message);
}

/** An argument schema whose parser reads the words in order and stops at the first mistake. */
export function cadenceArgs<A>(parse: (input: ArgInput) => A) {
  return argInput.transform((input, ctx): A => {
    try {
      return parse(input);
    } catch (err) {
      if (err instanceof ArgProblem) return fail(ctx, err.message);
      throw err;
    }
  });
}

export const KIND_CHOICES = CADENCE_KINDS.join(', ');

const KIND_WORDS: Record<string, CadenceKind> = { week: 'weekly', month: 'monthly', quarter: 'quarterly' };

/** The cadence named by a word: `weekly`, `monthly`, `quarterly` (or `week`, `month`, `quarter`). */
export function kindArg(word: string | undefined, example: string): CadenceKind {
  if (!word) return problem(`Say which sync: ${KIND_CHOICES}. For example \`${example}\`.`);
  const w = word.toLowerCase();
  const kind = KIND_WORDS[w] ?? w;
  if (!isCadenceKind(kind)) return problem(`“${word}” is not one of the syncs; say ${KIND_CHOICES}.`);
  return kind;
}

const ORDINAL_WORDS: Record<string, Ordinal> = {
  '1st': 'first',
  '2nd': 'second',
  '3rd': 'third',
  '4th': 'fourth',
  final: 'last',
};

export function ordinalArg(word: string | undefined): Ordinal {
  const w = (word ?? '').toLowerCase();
  const ordinal = (ORDINALS as readonly string[]).includes(w) ? (w as Ordinal) : ORDINAL_WORDS[w];
  if (ordinal) return ordinal;
  if (w === 'fifth' || w === '5th')
    return problem('Not every month has a fifth one of a weekday; say `last` for the last one of the month.');
  return problem(`${word ? `“${word}” is not` : 'Give'} which one of the month: ${ORDINALS.join(', ')}.`);
}

export function weekdayArg(word: string | undefined): IsoWeekday {
  const day = word ? parseWeekday(word) : null;
  if (!day) return problem(`${word ? `“${word}” is not` : 'Give'} a day of the week, such as tuesday or tue.`);
  return day;
}

export function timeArg(word: string | undefined): number {
  const minute = word ? parseTimeOfDay(word) : null;
  if (minute === null) return problem(`${word ? `“${word}” is not` : 'Give'} a time of day, e.g. ${TIME_FORMS}.`);
  return minute;
}

export function durationArg(value: string | undefined): number | null {
  if (value === undefined) return null;
  const m = /^(\d+)\s*(?:m|min|minutes?)?$/i.exec(value.trim());
  const minutes = m ? Number(m[1]) : NaN;
  if (!Number.isInteger(minutes) || minutes < 5 || minutes > MAX_DURATION_MINUTES) {
    return problem(
      `\`duration:\` is the length of the meeting in minutes, from 5 to ${MAX_DURATION_MINUTES}, e.g. duration:45.`,
    );
  }
  return minutes;
}

export function quarterMonthArg(value: string | undefined): 1 | 2 | 3 | null {
  if (value === undefined) return null;
  const n = Number(value.trim());
  if (n !== 1 && n !== 2 && n !== 3) {
    return problem(
      '`month:` is the month of the quarter it meets in: 1 (Jan, Apr, Jul, Oct), 2 (Feb, May, Aug, Nov) or 3 (Mar, ' +
        'Jun, Sep, Dec).',
    );
  }
  return n;
}
