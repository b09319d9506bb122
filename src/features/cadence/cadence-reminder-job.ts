import * as z from 'zod';
import { hoursOf } from '../../domain/business-hours.js';
import { CADENCE_KINDS, CADENCE_TITLES, type Cadence, ruleOf } from '../../domain/cadence.js';
import { type Lead, leadText, sameLead } from '../../domain/cadence-leads.js';
import { plannedReminders, reminderKey } from '../../domain/cadence-reminders.js';
import { whenFromNow } from '../../domain/calendar-words.js';
import type { Channel } from '../../domain/model.js';
import { upcomingOccurrences } from '../../domain/recurrence.js';
import { formatLocal, formatLocalRange } from '../../domain/zoned-time.js';
import { teamSpan } from '../../kernel/format.js';
import { defineJobKind } from '../../kernel/job-kind.js';
import type { Store } from '../../kernel/ports/store.js';
import {
  type Block,
  bold,
  header,
  inChannel,
  paragraph,
  prose,
  type Reply,
  type Span,
  text,
} from '../../kernel/reply.js';
import { agendaBlocks, loadAgenda } from './cadence-agenda.js';
import { cadencesOf, skipsOf } from './cadence-queries.js';
import { reviewImages } from './review-images.js';

export interface CadenceReminderPayload {
  kind: (typeof CADENCE_KINDS)[number];
  /** The meeting's local date, `YYYY-MM-DD`: the occurrence a skip names. */
  date: string;
  /** The meeting's start, ms since the epoch. */
  startsAt: number;
  /** The lead: minutes, or business days (jobs planned before business days have only minutes). */
  leadMinutes?: number;
  leadBusinessDays?: number;
}

const leadOf = (p: CadenceReminderPayload): Lead =>
  p.leadBusinessDays !== undefined ? { businessDays: p.leadBusinessDays } : p.leadMinutes!;

const leadFields = (lead: Lead) =>
  typeof lead === 'number' ? { leadMinutes: lead } : { leadBusinessDays: lead.businessDays };

/**
 * One reminder of one sync meeting: `leadMinutes` before it, with the agenda computed when it is
 * sent. Found late (the bot was down), it is still sent, marked late, until the meeting starts;
 * after that it is dropped and the job records why. A skipped meeting, a cadence turned off or
 * moved, or a lead no longer wanted sends nothing (replanning normally cancels those first).
 */
export const cadenceReminder = defineJobKind<CadenceReminderPayload>({
  kind: 'cadence-reminder',
  label: 'sync reminder',
  payload: z
    .object({
      kind: z.enum(CADENCE_KINDS as [CadenceReminderPayload['kind'], ...CadenceReminderPayload['kind'][]]),
      date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      startsAt: z.number().int(),
      leadMinutes: z.number().int().positive().optional(),
      leadBusinessDays: z.number().int().positive().optional(),
    })
    .refine((p) => (p.leadMinutes === undefined) !== (p.leadBusinessDays === undefined), {
      message: 'a reminder has one lead: minutes or business days',
    }),
  misfire: {
    kind: 'late-until',
    until: async (job) => new Date(job.payload.startsAt),
    why: 'the meeting had already started',
  },
  async run(ctx, payload) {
    const { store, channel, now } = ctx;
    const cadence = (await cadencesOf(store, channel.id)).find((c) => c.kind === payload.kind)!;
    const stale = await whyNotHeld(store, channel, cadence, payload);
    if (stale) return `not sent: ${stale}`;
    const startsAt = new Date(payload.startsAt);
    const reply = await reminderReply(
      store,
      channel,
      cadence,
      payload.date,
      startsAt,
      now,
      ctx.lateNotice(),
      ctx.publicUrl,
    );
    await ctx.post(reply);
    return `reminded: ${CADENCE_TITLES[cadence.kind]} ${payload.date}, ${leadText(leadOf(payload))} before`;
  },
  async plan(channel, store, after) {
    const planned = [];
    const calendar = hoursOf(channel, await store.channels.holidays(channel.id));
    for (const cadence of await cadencesOf(store, channel.id)) {
      for (const r of plannedReminders(cadence, calendar, after, await skipsOf(store, cadence))) {
        planned.push({
          dueAt: r.dueAt,
          payload: {
            kind: cadence.kind,
            date: r.meeting.localDate,
            startsAt: r.meeting.instant.getTime(),
            ...leadFields(r.lead),
          },
          occurrenceKey: reminderKey(channel.id, cadence.kind, r.meeting.localDate, r.lead),
        });
      }
    }
    return planned;
  },
});

/** Why this reminder no longer fits the cadence as it is now, or null when it does. */
async function whyNotHeld(
  store: Store,
  channel: Channel,
  cadence: Cadence,
  p: CadenceReminderPayload,
): Promise<string | null> {
  if (!cadence.enabled) return `the ${cadence.kind} sync is off`;
  if ((await skipsOf(store, cadence)).has(p.date)) return `the ${cadence.kind} sync of ${p.date} is skipped`;
  const lead = leadOf(p);
  if (!cadence.leads.some((l) => sameLead(l, lead))) return `reminders ${leadText(lead)} before are no longer wanted`;
  const [meeting] = upcomingOccurrences(ruleOf(cadence), channel.timezone, new Date(p.startsAt - 1), 1);
  if (!meeting || meeting.instant.getTime() !== p.startsAt || meeting.localDate !== p.date)
    return `the ${cadence.kind} sync no longer meets at that time`;
  return null;
}

/**
 * The reminder post: who, when, a note if the day is a holiday, and the agenda as the data stands
 * `now`. Also what `cadence agenda` previews.
 */
export async function reminderReply(
  store: Store,
  channel: Channel,
  cadence: Cadence,
  date: string,
  startsAt: Date,
  now: Date,
  late: Block | null,
  publicUrl: string | null = null,
): Promise<Reply> {
  const tz = channel.timezone;
  const title = CADENCE_TITLES[cadence.kind];
  const endsAt = new Date(startsAt.getTime() + cadence.durationMinutes * 60_000);
  const when = formatLocalRange(startsAt, endsAt, tz);
  const fromNow = whenFromNow(now, startsAt, tz);
  const who: Span[] = [teamSpan('internal', channel), text(' and '), teamSpan('msp', channel)];
  const blocks: Block[] = [
    header(`${title} — ${fromNow}`),
    paragraph(...who, text(`: the ${title.toLowerCase()} is on `), bold(when), text(` (${fromNow}).`)),
  ];
  const holiday = (await store.channels.holidays(channel.id)).find((h) => h.date === date);
  if (holiday) {
    blocks.push(
      paragraph(
        ...prose(
          `Note: ${formatLocal(startsAt, tz, 'EEE d MMM')} is a holiday ` +
            `here${holiday.name ? ` (${holiday.name})` : ''}. ` +
            `If the sync is not held, a manager can skip it: \`cadence skip ${cadence.kind} ${date}\`.`,
        ),
      ),
    );
  }
  if (late) blocks.push(late);
  blocks.push(...agendaBlocks(await loadAgenda(store, channel, cadence, date, startsAt, now), channel));
  blocks.push(...(await reviewImages(store, channel, cadence, date, now, publicUrl)));
  return inChannel(...blocks);
}
