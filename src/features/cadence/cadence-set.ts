import {
  CADENCE_TITLES,
  type Cadence,
  type CadenceKind,
  DEFAULT_CADENCES,
  describeRule,
  ruleWords,
} from '../../domain/cadence.js';
import { describeLeads } from '../../domain/cadence-leads.js';
import { joinTimeWords } from '../../domain/clock-time.js';
import type { IsoWeekday } from '../../domain/model.js';
import type { Ordinal } from '../../domain/recurrence.js';
import { fromTo } from '../../kernel/change-words.js';
import type { ChannelContext } from '../../kernel/command.js';
import { defineCommand } from '../../kernel/command.js';
import type { CadencePatch } from '../../kernel/ports/cadences.js';
import { context, ephemeral, paragraph, prose, type Reply } from '../../kernel/reply.js';
import {
  cadenceArgs,
  durationArg,
  kindArg,
  ordinalArg,
  problem,
  quarterMonthArg,
  timeArg,
  weekdayArg,
} from './cadence-args.js';
import { cadenceBlocks } from './cadence-show.js';

const FORMS: Record<CadenceKind, string> = {
  weekly: '`cadence set weekly <day> <HH:MM> [duration:<minutes>]`, e.g. `cadence set weekly tuesday 10:00`',
  monthly:
    '`cadence set monthly <first|second|third|fourth|last> <day> <HH:MM>`, e.g. `cadence set monthly last friday ' +
    '15:00`',
  quarterly:
    '`cadence set quarterly <first|second|third|fourth|last> <day> month:<1|2|3> <HH:MM>`, e.g. `cadence set ' +
    'quarterly first thursday month:1 14:00`',
};

export interface CadenceSetArgs {
  kind: CadenceKind;
  weekday: IsoWeekday;
  ordinal: Ordinal | null;
  quarterMonth: 1 | 2 | 3 | null;
  time: number;
  durationMinutes: number | null;
}

export const cadenceSet = defineCommand({
  id: 'cadence.set',
  path: ['cadence', 'set'],
  usage:
    'cadence set weekly <day> <HH:MM> | monthly <ordinal> <day> <HH:MM> | quarterly <ordinal> <day> month:<1|2|3> ' +
    '<HH:MM> [duration:<minutes>]',
  summary: 'Set when a sync meets: the weekday, which one of the month, the month of the quarter, the time',
  examples: [
    'cadence set weekly tuesday 10:00',
    'cadence set monthly last friday 15:00',
    'cadence set quarterly first thursday month:1 14:00 duration:90',
  ],
  permission: 'manager',
  requiresSetup: true,
  options: ['duration', 'month'],
  args: cadenceArgs((input): CadenceSetArgs => {
    const words = joinTimeWords(input.words.map((w) => w.text));
    const kind = kindArg(words[0], 'cadence set weekly tuesday 10:00');
    const rest = words.slice(1);
    const expected = kind === 'weekly' ? 2 : 3;
    if (rest.length !== expected)
      problem(
        `${rest.length < expected ? 'Something is missing' : 'There is too much'} after \`cadence set ${kind}\`. ` +
          `Write it as ${FORMS[kind]}.`,
      );
    if (kind !== 'quarterly' && input.options.month !== undefined)
      problem(`\`month:\` is only for the quarterly sync. Write it as ${FORMS[kind]}.`);
    const durationMinutes = durationArg(input.options.duration);
    if (kind === 'weekly') {
      return {
        kind,
        weekday: weekdayArg(rest[0]),
        ordinal: null,
        quarterMonth: null,
        time: timeArg(rest[1]),
        durationMinutes,
      };
    }
    const ordinal = ordinalArg(rest[0]);
    const weekday = weekdayArg(rest[1]);
    const time = timeArg(rest[2]);
    return {
      kind,
      weekday,
      ordinal,
      quarterMonth: kind === 'quarterly' ? quarterMonthArg(input.options.month) : null,
      time,
      durationMinutes,
    };
  }),
  async run(ctx, args) {
    const before = await storedCadence(ctx, args.kind);
    const patch: CadencePatch = { weekday: args.weekday, ordinal: args.ordinal, time: args.time };
    if (args.kind === 'quarterly') patch.quarterMonth = args.quarterMonth ?? before.quarterMonth ?? 1;
    if (args.durationMinutes !== null) patch.durationMinutes = args.durationMinutes;
    const after = await ctx.store.cadences.update(before.id, patch);
    return changed(
      ctx,
      before,
      after,
      `The ${CADENCE_TITLES[after.kind].toLowerCase()} now meets ${describeRule(after)}, for ` +
        `${after.durationMinutes} min.`,
    );
  },
});

/** The cadence's row, stored with the defaults first if the channel predates cadences. */
export async function storedCadence(ctx: ChannelContext, kind: CadenceKind): Promise<Cadence> {
  return (await ctx.store.cadences.ensure(ctx.channel.id, DEFAULT_CADENCES)).find((c) => c.kind === kind)!;
}

/** What the audit log keeps of a cadence: each part people change, in words. */
export function auditView(c: Cadence): Record<string, string> {
  return {
    when: ruleWords(c),
    duration: `${c.durationMinutes} min`,
    reminders: describeLeads(c.leads),
    state: c.enabled ? 'on' : 'off',
  };
}

/**
 * After a change: audit it (unless `action` is null: the caller recorded it), replan the reminders, and answer in the
 * channel with the next three
 * dates, so everyone sees when the sync now meets.
 */
export async function changed(
  ctx: ChannelContext,
  before: Cadence,
  after: Cadence,
  headline: string,
  action: string | null = 'cadence.set',
): Promise<Reply> {
  if (action !== null) {
    const [b, a] = [auditView(before), auditView(after)];
    await ctx.audit({
      action,
      subject: after.kind,
      before: b,
      after: a,
      announce: `changed the ${CADENCE_TITLES[after.kind].toLowerCase()}: ${fromTo(b, a)}`,
    });
  }
  await ctx.timesChanged();
  return ephemeral(
    paragraph(...prose(headline)),
    ...(await cadenceBlocks(ctx.store, ctx.channel, after, ctx.now)),
    context(...prose('Type `cadence` to see every sync.')),
  );
}
