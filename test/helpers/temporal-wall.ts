import { Temporal } from 'temporal-polyfill';

/*
 * Local wall times by temporal-polyfill, an implementation independent of the code under test, with
 * the product's rule ("compatible": a time in a gap moves forward, a repeated one is the earlier).
 */

/** The instant of a local wall time `date` `hh:mm` in `timeZone`. */
export function wall(timeZone: string, date: string, hhmm: string): Date {
  const d = Temporal.PlainDate.from(date);
  const [hour, minute] = hhmm.split(':').map(Number);
  const zdt = Temporal.ZonedDateTime.from(
    { year: d.year, month: d.month, day: d.day, hour: hour!, minute: minute!, timeZone },
    { disambiguation: 'compatible' },
  );
  return new Date(zdt.epochMilliseconds);
}

/** Whether a local wall time is skipped, repeated or ordinary in a zone. */
export function wallKind(timeZone: string, date: string, hhmm: string): 'gap' | 'overlap' | 'normal' {
  const pdt = Temporal.PlainDateTime.from(`${date}T${hhmm}`);
  const earlier = pdt.toZonedDateTime(timeZone, { disambiguation: 'earlier' });
  const later = pdt.toZonedDateTime(timeZone, { disambiguation: 'later' });
  if (earlier.epochMilliseconds === later.epochMilliseconds) return 'normal';
  // In a gap neither candidate shows the asked-for wall time; in an overlap both do.
  return Temporal.PlainDateTime.compare(earlier.toPlainDateTime(), pdt) === 0 ? 'overlap' : 'gap';
}
