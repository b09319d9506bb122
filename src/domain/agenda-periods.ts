import { isoDate, localToInstant, MONTHS, parseIsoDate } from './zoned-time.js';

/** A span of whole local days that an agenda reports on: `from` inclusive, `to` exclusive. */
export interface ReportPeriod {
  /** `October 2026`, `Q3 2026 (Jul–Sep)`. */
  label: string;
  /** First local date in the period, `YYYY-MM-DD`. */
  fromDate: string;
  /** First local date after the period. */
  toDate: string;
  /** Local midnight at the start, in the channel's timezone. */
  from: Date;
  /** Local midnight after the end. */
  to: Date;
}

const SHORT = MONTHS.map((m) => m.slice(0, 3));

/** `YYYY-MM` arithmetic: months since year 0, so adding and subtracting months is plain integer math. */
const monthIndex = (year: number, month: number) => year * 12 + (month - 1);
const fromIndex = (i: number) => ({ year: Math.floor(i / 12), month: (i % 12) + 1 });

function period(startIndex: number, months: number, label: string, timeZone: string): ReportPeriod {
  const a = fromIndex(startIndex);
  const b = fromIndex(startIndex + months);
  return {
    label,
    fromDate: isoDate(a.year, a.month, 1),
    toDate: isoDate(b.year, b.month, 1),
    from: localToInstant({ year: a.year, month: a.month, day: 1 }, 0, timeZone),
    to: localToInstant({ year: b.year, month: b.month, day: 1 }, 0, timeZone),
  };
}

function parse(localDate: string): { year: number; month: number } {
  const d = parseIsoDate(localDate);
  if (!d) throw new RangeError(`Not a date (YYYY-MM-DD): ${localDate}`);
  return d;
}

/** The calendar month before the one `localDate` is in: what a monthly review looks back on. */
export function previousMonth(localDate: string, timeZone: string): ReportPeriod {
  const d = parse(localDate);
  const i = monthIndex(d.year, d.month) - 1;
  const { year, month } = fromIndex(i);
  return period(i, 1, `${MONTHS[month - 1]} ${year}`, timeZone);
}

/** The calendar quarter that `localDate` is in. Quarters are Jan–Mar, Apr–Jun, Jul–Sep, Oct–Dec. */
export function quarterOf(localDate: string, timeZone: string): ReportPeriod {
  const d = parse(localDate);
  const start = monthIndex(d.year, d.month - ((d.month - 1) % 3));
  return quarterAt(start, timeZone);
}

/**
 * The last whole quarter before the one `localDate` is in: what a quarterly review looks back on,
 * whichever month of the quarter it meets in.
 */
export function previousQuarter(localDate: string, timeZone: string): ReportPeriod {
  const current = quarterOf(localDate, timeZone);
  const d = parse(current.fromDate);
  return quarterAt(monthIndex(d.year, d.month) - 3, timeZone);
}

/** The quarter before `p` (a quarter). */
export function quarterBefore(p: ReportPeriod, timeZone: string): ReportPeriod {
  const d = parse(p.fromDate);
  return quarterAt(monthIndex(d.year, d.month) - 3, timeZone);
}

function quarterAt(startIndex: number, timeZone: string): ReportPeriod {
  const { year, month } = fromIndex(startIndex);
  const q = (month - 1) / 3 + 1;
  return period(startIndex, 3, `Q${q} ${year} (${SHORT[month - 1]}–${SHORT[month + 1]})`, timeZone);
}

/** `count` whole months from the start of the month `localDate` is in, e.g. the six a review's charts show. */
export function monthsFrom(localDate: string, count: number, timeZone: string): ReportPeriod {
  const d = parse(localDate);
  const start = monthIndex(d.year, d.month);
  const a = fromIndex(start);
  const b = fromIndex(start + count - 1);
  const label =
    count === 1
      ? `${MONTHS[a.month - 1]} ${a.year}`
      : `${SHORT[a.month - 1]} ${a.year}–${SHORT[b.month - 1]} ${b.year}`;
  return period(start, count, label, timeZone);
}

/** Each calendar month of a period made of whole months, in order. */
export function monthsOf(p: ReportPeriod, timeZone: string): ReportPeriod[] {
  const a = parse(p.fromDate);
  const b = parse(p.toDate);
  const months: ReportPeriod[] = [];
  for (let i = monthIndex(a.year, a.month); i < monthIndex(b.year, b.month); i++) {
    const { year, month } = fromIndex(i);
    months.push(period(i, 1, `${MONTHS[month - 1]} ${year}`, timeZone));
  }
  return months;
}
