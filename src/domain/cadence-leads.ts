import { parseDurationMinutes } from './duration.js';

/* A sync's reminder lead times: `1d,15m` or `1bd` read and written back. */

/**
 * How long before a meeting a reminder comes: minutes (`1d` is 1440: the same local time the day
 * before), or business days (`1bd`: the same local time on the working day before).
 */
export type Lead = number | { businessDays: number };

/** Longest lead a reminder may have: two weeks ahead is already more than anyone plans a sync by. */
export const MAX_LEAD_MINUTES = 14 * 24 * 60;
export const MAX_LEAD_BUSINESS_DAYS = 10;
export const MAX_LEADS = 4;

const BUSINESS_DAYS = /^(\d+)\s*(?:bd|b\.d\.|business\s*days?|working\s*days?|workdays?|wd)$/;

/**
 * Lead times from `1d,15m`, `2h`, `1h30m`, `90m`, `1bd`, `2 business days` (durations in d, h, m, or
 * business days). Returns them longest first (business days before minutes), or what is wrong.
 */
export function parseLeads(spec: string): { leads: Lead[] } | { error: string } {
  const parts = spec
    .split(',')
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean);
  if (parts.length === 0) return { error: 'Give at least one lead time, e.g. `1d,15m` or `1bd`.' };
  const minutes = new Set<number>();
  const days = new Set<number>();
  for (const part of parts) {
    const bd = BUSINESS_DAYS.exec(part);
    if (bd) {
      const n = Number(bd[1]);
      if (n < 1 || n > MAX_LEAD_BUSINESS_DAYS)
        return { error: `“${part}”: a reminder can come 1 to ${MAX_LEAD_BUSINESS_DAYS} business days before.` };
      days.add(n);
      continue;
    }
    const m = parseDurationMinutes(part);
    if (m === null)
      return {
        error:
          `“${part}” is not a lead time. Write it as days, hours and minutes (\`1d\`, \`2h\`, \`15m\`, \`1h30m\`) or ` +
          `business days (\`1bd\`).`,
      };
    if (m <= 0) return { error: `A reminder must come before the meeting: “${part}” is no lead time.` };
    if (m > MAX_LEAD_MINUTES)
      return {
        error: `“${part}” is too far ahead; reminders can come at most ${formatLead(MAX_LEAD_MINUTES)} before.`,
      };
    minutes.add(m);
  }
  if (minutes.size + days.size > MAX_LEADS) return { error: `At most ${MAX_LEADS} reminders per sync.` };
  const byDays = [...days].sort((a, b) => b - a).map((n) => ({ businessDays: n }));
  return { leads: [...byDays, ...[...minutes].sort((a, b) => b - a)] };
}

/** The lead as one word for keys and payloads: `1440`, `15`, `1bd`. */
export function leadKey(lead: Lead): string {
  return typeof lead === 'number' ? String(lead) : `${lead.businessDays}bd`;
}

export function sameLead(a: Lead, b: Lead): boolean {
  return leadKey(a) === leadKey(b);
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

/** A lead in words: `1 day`, `15 min`, `1 business day`. */
export function leadText(lead: Lead): string {
  if (typeof lead === 'number') return formatLead(lead);
  return `${lead.businessDays} business day${lead.businessDays === 1 ? '' : 's'}`;
}

/** `1 day and 15 min before`. */
export function describeLeads(leads: readonly Lead[]): string {
  if (leads.length === 0) return 'no reminders';
  const words = leads.map(leadText);
  const joined = words.length === 1 ? words[0]! : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
  return `${joined} before`;
}
