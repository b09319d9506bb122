import { weekdayName } from './business-hours.js';
import type { Lead } from './cadence-leads.js';
import type { IsoWeekday, MinuteOfDay } from './model.js';
import type { Ordinal, RecurrenceRule } from './recurrence.js';
import { formatMinuteOfDay } from './zoned-time.js';

/*
 * The guide's three recurring syncs between the internal team and the MSP, as pure data: what a
 * cadence is, the defaults, and its rule as a recurrence and in words. Lead times are in
 * cadence-leads.ts, the meetings it holds in cadence-meetings.ts, its reminders in cadence-reminders.ts.
 */

export type CadenceKind = 'weekly' | 'monthly' | 'quarterly';
export const CADENCE_KINDS: readonly CadenceKind[] = ['weekly', 'monthly', 'quarterly'];
export const ORDINALS: readonly Ordinal[] = ['first', 'second', 'third', 'fourth', 'last'];

/** One cadence of a channel as stored. */
export interface Cadence {
  id: number;
  channelId: number;
  kind: CadenceKind;
  enabled: boolean;
  weekday: IsoWeekday;
  /** null for weekly. */
  ordinal: Ordinal | null;
  /** 1, 2 or 3 (the month of the quarter); null unless quarterly. */
  quarterMonth: 1 | 2 | 3 | null;
  time: MinuteOfDay;
  durationMinutes: number;
  /** Reminder lead times before the meeting (minutes, or business days), longest first. */
  leads: Lead[];
}

/** What a cadence is made of, without its identity. */
export type CadenceSettings = Omit<Cadence, 'id' | 'channelId'>;

export const CADENCE_TITLES: Record<CadenceKind, string> = {
  weekly: 'Weekly tactical sync',
  monthly: 'Monthly operational review',
  quarterly: 'Quarterly strategic review',
};

export const DEFAULT_LEADS: readonly Lead[] = [24 * 60, 15];
export const DEFAULT_DURATION_MINUTES = 60;

/**
 * The guide's defaults: weekly Tuesday 10:00, monthly first Wednesday 14:00, quarterly first Thursday of the quarter
 * 14:00.
 */
export const DEFAULT_CADENCES: readonly CadenceSettings[] = [
  {
    kind: 'weekly',
    enabled: true,
    weekday: 2,
    ordinal: null,
    quarterMonth: null,
    time: 10 * 60,
    durationMinutes: DEFAULT_DURATION_MINUTES,
    leads: [...DEFAULT_LEADS],
  },
  {
    kind: 'monthly',
    enabled: true,
    weekday: 3,
    ordinal: 'first',
    quarterMonth: null,
    time: 14 * 60,
    durationMinutes: DEFAULT_DURATION_MINUTES,
    leads: [...DEFAULT_LEADS],
  },
  {
    kind: 'quarterly',
    enabled: true,
    weekday: 4,
    ordinal: 'first',
    quarterMonth: 1,
    time: 14 * 60,
    durationMinutes: DEFAULT_DURATION_MINUTES,
    leads: [...DEFAULT_LEADS],
  },
];

export const MAX_DURATION_MINUTES = 8 * 60;

export function isCadenceKind(word: string): word is CadenceKind {
  return (CADENCE_KINDS as readonly string[]).includes(word);
}

/** The recurrence rule a cadence meets by. */
export function ruleOf(c: Pick<Cadence, 'kind' | 'weekday' | 'ordinal' | 'quarterMonth' | 'time'>): RecurrenceRule {
  switch (c.kind) {
    case 'weekly':
      return { kind: 'weekly', weekday: c.weekday, time: c.time };
    case 'monthly':
      return { kind: 'monthly', ordinal: c.ordinal ?? 'first', weekday: c.weekday, time: c.time };
    case 'quarterly':
      return {
        kind: 'quarterly',
        ordinal: c.ordinal ?? 'first',
        weekday: c.weekday,
        quarterMonth: c.quarterMonth ?? 1,
        time: c.time,
      };
  }
}

const QUARTER_MONTHS: Record<1 | 2 | 3, string> = {
  1: 'Jan, Apr, Jul, Oct',
  2: 'Feb, May, Aug, Nov',
  3: 'Mar, Jun, Sep, Dec',
};
const MONTH_OF_QUARTER: Record<1 | 2 | 3, string> = { 1: 'first', 2: 'second', 3: 'third' };

/** When it meets, as people say it: `every Tuesday at 10:00`, `last Friday of the month at 15:00`. */
export function describeRule(c: Pick<Cadence, 'kind' | 'weekday' | 'ordinal' | 'quarterMonth' | 'time'>): string {
  const at = `at ${formatMinuteOfDay(c.time)}`;
  const day = weekdayName(c.weekday);
  switch (c.kind) {
    case 'weekly':
      return `every ${day} ${at}`;
    case 'monthly':
      return `${c.ordinal ?? 'first'} ${day} of the month ${at}`;
    case 'quarterly': {
      const m = c.quarterMonth ?? 1;
      return (
        `${c.ordinal ?? 'first'} ${day} of the quarter's ${MONTH_OF_QUARTER[m]} month (${QUARTER_MONTHS[m]}) ` + `${at}`
      );
    }
  }
}

/**
 * The rule in a few words, for the audit log: `Tuesday 10:00`, `last Friday 15:00`, `first Thursday of month 1,
 * 14:00`.
 */
export function ruleWords(c: Pick<Cadence, 'kind' | 'weekday' | 'ordinal' | 'quarterMonth' | 'time'>): string {
  const time = formatMinuteOfDay(c.time);
  const day = weekdayName(c.weekday);
  switch (c.kind) {
    case 'weekly':
      return `${day} ${time}`;
    case 'monthly':
      return `${c.ordinal ?? 'first'} ${day} ${time}`;
    case 'quarterly':
      return `${c.ordinal ?? 'first'} ${day} of month ${c.quarterMonth ?? 1}, ${time}`;
  }
}
