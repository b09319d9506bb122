import { CADENCE_TITLES, type Cadence, type CadenceKind, describeRule } from '../../domain/cadence.js';
import { describeLeads } from '../../domain/cadence-leads.js';
import { upcomingMeetings } from '../../domain/cadence-meetings.js';
import type { Channel } from '../../domain/model.js';
import { formatLocal, formatLocalRange } from '../../domain/zoned-time.js';
import { noArgs } from '../../kernel/args.js';
import type { ChannelContext } from '../../kernel/command.js';
import { defineCommand } from '../../kernel/command.js';
import { UserError } from '../../kernel/errors.js';
import type { Store } from '../../kernel/ports/store.js';
import { type Block, bold, context, ephemeral, list, paragraph, prose, type Span, text } from '../../kernel/reply.js';
import { cadenceArgs, kindArg, problem } from './cadence-args.js';
import { cadencesOf, skipsOf } from './cadence-queries.js';
import { reminderReply } from './cadence-reminder-job.js';

export const NEXT_DATES = 3;

/** `every Tuesday at 10:00, 60 min · reminders 1 day and 15 min before`. */
export function cadenceSummary(c: Cadence): string {
  return `${describeRule(c)}, ${c.durationMinutes} min · reminders ${describeLeads(c.leads)}`;
}

/** A cadence with its next three dates in local time, holidays and skipped dates marked. */
export async function cadenceBlocks(store: Store, channel: Channel, c: Cadence, now: Date): Promise<Block[]> {
  const tz = channel.timezone;
  const holidays = new Map((await store.channels.holidays(channel.id)).map((h) => [h.date, h.name]));
  const { meetings, skipped } = upcomingMeetings(c, tz, now, NEXT_DATES, await skipsOf(store, c));
  const head: Span[] = [bold(CADENCE_TITLES[c.kind]), text(` — ${cadenceSummary(c)}`)];
  if (!c.enabled) {
    return [
      paragraph(...head),
      context(...prose(`Off: no reminders. A manager turns it back on with \`cadence on ${c.kind}\`.`)),
    ];
  }
  const blocks: Block[] = [
    paragraph(...head),
    list(
      meetings.map((m) => {
        const holiday = holidays.get(m.localDate);
        const when = formatLocalRange(m.instant, m.endsAt, tz);
        return [text(when), ...(holiday === undefined ? [] : [text(` — a holiday${holiday ? ` (${holiday})` : ''}`)])];
      }),
    ),
  ];
  if (skipped.length) {
    blocks.push(context(`Skipped: ${skipped.map((o) => formatLocal(o.instant, tz, 'EEE d MMM yyyy')).join(', ')}.`));
  }
  return blocks;
}

export const cadenceShow = defineCommand({
  id: 'cadence',
  path: ['cadence'],
  menu: 11,
  aliases: [['cadences'], ['syncs']],
  usage: 'cadence',
  summary: 'The weekly, monthly and quarterly syncs, each with its next three dates',
  permission: 'anyone',
  requiresSetup: true,
  args: noArgs('cadence'),
  async run(ctx) {
    const blocks: Block[] = [paragraph(bold('Sync cadences'), text(` (times in ${ctx.channel.timezone})`))];
    for (const c of await cadencesOf(ctx.store, ctx.channel.id))
      blocks.push(...(await cadenceBlocks(ctx.store, ctx.channel, c, ctx.now)));
    blocks.push(
      context(
        ...prose(
          'Managers change them: `cadence set weekly tuesday 10:00`, `cadence set monthly last friday 15:00`, ' +
            '`cadence remind weekly 1d,15m`, `cadence skip weekly 2026-12-22`, `cadence off quarterly`. `cadence ' +
            'agenda weekly` previews an agenda.',
        ),
      ),
    );
    return ephemeral(...blocks);
  },
});

export const cadenceAgenda = defineCommand({
  id: 'cadence.agenda',
  path: ['cadence', 'agenda'],
  usage: 'cadence agenda <weekly|monthly|quarterly>',
  summary: 'Preview the next reminder of a sync with its agenda, as the data stands now',
  examples: ['cadence agenda monthly'],
  permission: 'anyone',
  requiresSetup: true,
  args: cadenceArgs((input) => {
    const [kindWord, ...extra] = input.words.map((w) => w.text);
    const kind = kindArg(kindWord, 'cadence agenda monthly');
    if (extra.length) problem('Give only the sync, e.g. `cadence agenda monthly`.');
    return { kind };
  }),
  async run(ctx, { kind }) {
    const c = await cadenceOf(ctx, kind);
    const [next] = upcomingMeetings(c, ctx.channel.timezone, ctx.now, 1, await skipsOf(ctx.store, c)).meetings;
    if (!next) throw new UserError(`The ${kind} sync has no upcoming date.`);
    const reply = await reminderReply(
      ctx.store,
      ctx.channel,
      c,
      next.localDate,
      next.instant,
      ctx.now,
      null,
      ctx.publicUrl,
    );
    const notice = c.enabled
      ? 'Preview: the reminders will carry the agenda as the data stands when they are sent.'
      : `Preview only: the ${kind} sync is off, so no reminder will be sent.`;
    return ephemeral(context(notice), ...reply.blocks);
  },
});

/** The channel's cadence of that kind (its default when not stored yet). */
export async function cadenceOf(ctx: ChannelContext, kind: CadenceKind): Promise<Cadence> {
  return (await cadencesOf(ctx.store, ctx.channel.id)).find((c) => c.kind === kind)!;
}
