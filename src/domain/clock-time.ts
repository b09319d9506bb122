/*
 * Times of day as people type them in a command: `14:00`, `9:30`, `2pm`, `2:30 pm`, `7.30am`,
 * `noon`; ranges as `07:30-17:30`, `7:30am-5:30pm`, `07:30 - 17:30`, `9am to 5pm`. A bare number
 * (`9`) is not taken: nine in the morning or in the evening is for the person to say.
 */

const TIME = /^(\d{1,2})(?:[:.h](\d{2}))?\s*([ap])\.?\s*m?\.?$/i;
const CLOCK = /^(\d{1,2})[:.h](\d{2})$/;

/**
 * Minutes since midnight of a time of day, or null. `24:00` (the end of a day) only with
 * `endOfDay`; `12am` is midnight and `12pm` noon.
 */
export function parseTimeOfDay(text: string, options: { endOfDay?: boolean } = {}): number | null {
  const s = text.trim().toLowerCase();
  if (s === 'noon' || s === 'midday') return 12 * 60;
  if (s === 'midnight') return options.endOfDay ? 24 * 60 : 0;
  const twelve = TIME.exec(s);
  if (twelve) {
    const hour = Number(twelve[1]);
    const minute = twelve[2] === undefined ? 0 : Number(twelve[2]);
    if (hour < 1 || hour > 12 || minute > 59) return null;
    return ((hour % 12) + (twelve[3] === 'p' ? 12 : 0)) * 60 + minute;
  }
  const clock = CLOCK.exec(s);
  if (!clock) return null;
  const hour = Number(clock[1]);
  const minute = Number(clock[2]);
  if (minute > 59 || hour > 24 || (hour === 24 && (minute !== 0 || !options.endOfDay))) return null;
  return hour * 60 + minute;
}

/** A range of the day, `start-end` in any of the forms above (spaces, an en dash or "to" between), or null. */
export function parseTimeRange(text: string): { start: number; end: number } | null {
  const parts = text
    .trim()
    .toLowerCase()
    .split(/\s*(?:-|–|—|\bto\b|\buntil\b|\btill\b)\s*/);
  if (parts.length !== 2) return null;
  const [a, b] = parts as [string, string];
  const start = parseTimeOfDay(a);
  const end = parseTimeOfDay(b, { endOfDay: true });
  return start === null || end === null ? null : { start, end };
}

/** Command words with a time split in two (`2 pm`) joined again (`2pm`), so that a time stays one word. */
export function joinTimeWords(words: readonly string[]): string[] {
  const out: string[] = [];
  for (const word of words) {
    const last = out[out.length - 1];
    if (last !== undefined && /^[ap]\.?m\.?$/i.test(word) && /^\d{1,2}(?:[:.]\d{2})?$/.test(last))
      out[out.length - 1] = `${last}${word}`;
    else out.push(word);
  }
  return out;
}

/** How a time should be typed, for error messages. */
export const TIME_FORMS = '14:00, 2pm or 2:30pm';
