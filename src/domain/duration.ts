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
