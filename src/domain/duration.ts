const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const UNIT_WORDS: Record<string, string> = {
  s: 's',
  sec: 's',
  secs: 's',
  second: 's',
  seconds: 's',
  m: 'm',
  min: 'm',
  mins: 'm',
  minute: 'm',
  minutes: 'm',
  h: 'h',
  hr: 'h',
  hrs: 'h',
  hour: 'h',
  hours: 'h',
  d: 'd',
  day: 'd',
  days: 'd',
  w: 'w',
  week: 'w',
  weeks: 'w',
};

/**
 * How people write a span of time in a command: `90m`, `14h`, `3d`, `1h30m`, `1 day 2 h`,
 * `2 weeks` → milliseconds (zero included: callers say whether it may be); null when it is not one.
 */
export function parseDurationMs(text: string): number | null {
  const s = text.trim().toLowerCase();
  if (!s) return null;
  let total = 0;
  let rest = s;
  while (rest.length > 0) {
    const m = /^(\d+)\s*([a-z]+)\s*/.exec(rest);
    if (!m) return null;
    const unit = UNIT_WORDS[m[2]!];
    if (!unit) return null;
    total += Number(m[1]) * UNIT_MS[unit]!;
    rest = rest.slice(m[0].length);
  }
  return Number.isSafeInteger(total) ? total : null;
}

/** A duration in whole minutes (`1d`, `15m`, `1h30m`); null when not one or when it has seconds. */
export function parseDurationMinutes(text: string): number | null {
  const ms = parseDurationMs(text);
  return ms === null || ms % 60_000 !== 0 ? null : ms / 60_000;
}

/**
 * Elapsed time as people say it, exact to the minute: `14 hours`, `87½ hours`, `23 hours 20 min`,
 * `45 min`. Never rounded to the hour: a window across a 30-minute change is 87½ hours, not 88.
 */
export function formatElapsed(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  const hours = (n: string, one: boolean) => `${n} hour${one ? '' : 's'}`;
  if (m === 0) return hours(String(h), h === 1);
  if (m === 30) return hours(`${h}½`, false);
  return `${hours(String(h), h === 1)} ${m} min`;
}
