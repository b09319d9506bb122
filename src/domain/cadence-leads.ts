import { parseDurationMinutes } from './duration.js';

/* A sync's reminder lead times: `1d,15m` read and written back. */

/** Longest lead a reminder may have: two weeks ahead is already more than anyone plans a sync by. */
export const MAX_LEAD_MINUTES = 14 * 24 * 60;
export const MAX_LEADS = 4;

/**
 * Lead times from `1d,15m`, `2h`, `1h30m`, `90m`, `1d, 2h` (a list of durations in d, h, m).
 * Returns the minutes, longest first, or a message saying what is wrong.
 */
export function parseLeads(spec: string): { leads: number[] } | { error: string } {
  const parts = spec
    .split(',')
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean);
  if (parts.length === 0) return { error: 'Give at least one lead time, e.g. `1d,15m`.' };
  const leads = new Set<number>();
  for (const part of parts) {
    const minutes = parseDurationMinutes(part);
    if (minutes === null)
      return {
        error: `“${part}” is not a lead time. Write it as days, hours and minutes: \`1d\`, \`2h\`, \`15m\`, \`1h30m\`.`,
      };
    if (minutes <= 0) return { error: `A reminder must come before the meeting: “${part}” is no lead time.` };
    if (minutes > MAX_LEAD_MINUTES)
      return {
        error: `“${part}” is too far ahead; reminders can come at most ${formatLead(MAX_LEAD_MINUTES)} before.`,
      };
    leads.add(minutes);
  }
  if (leads.size > MAX_LEADS) return { error: `At most ${MAX_LEADS} reminders per sync.` };
  return { leads: [...leads].sort((a, b) => b - a) };
}

/** `1 day`, `15 min`, `2 h 30 min`, `1 day 2 h`. */
export function formatLead(minutes: number): string {
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const parts: string[] = [];
  if (d) parts.push(`${d} day${d === 1 ? '' : 's'}`);
  if (h) parts.push(`${h} h`);
  if (m) parts.push(`${m} min`);
  return parts.join(' ') || '0 min';
}

/** `1 day and 15 min before`. */
export function describeLeads(leads: readonly number[]): string {
  if (leads.length === 0) return 'no reminders';
  const words = leads.map(formatLead);
  const joined = words.length === 1 ? words[0]! : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
  return `${joined} before`;
}
