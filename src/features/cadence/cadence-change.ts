import { CADENCE_TITLES, type Cadence, type CadenceKind, ruleOf } from '../../domain/cadence.js';
import { describeLeads, parseLeads } from '../../domain/cadence-leads.js';
import { type Occurrence, upcomingOccurrences } from '../../domain/recurrence.js';
import { formatLocal, parseIsoDate } from '../../domain/zoned-time.js';
import { type ChannelContext, defineCommand } from '../../kernel/command.js';
import { UserError } from '../../kernel/errors.js';
import { paragraph, prose } from '../../kernel/reply.js';
import { cadenceArgs, kindArg, problem } from './cadence-args.js';
import { changed, storedCadence } from './cadence-set.js';

const title = (c: Cadence) => CADENCE_TITLES[c.kind].toLowerCase();

export const cadenceRemind = defineCommand({
  id: 'cadence.remind',
  path: ['cadence', 'remind'],
  aliases: [['cadence', 'reminders']],
  usage: 'cadence remind <weekly|monthly|quarterly> <lead,…>',
  summary: 'Set how long before a sync the reminders come, e.g. 1d,15m or 1bd (business days)',
  examples: ['cadence remind weekly 1d,15m', 'cadence remind monthly 1bd,15m', 'cadence remind quarterly 7d,1d,1h'],
  permission: 'manager',
  requiresSetup: true,
  args: cadenceArgs((input) => {
    const [kindWord, ...rest] = input.words.map((w) => w.text);
    const kind = kindArg(kindWord, 'cadence remind weekly 1d,15m');
    // Words are leads (`1d 15m`), except a count and its unit written apart (`2 business days`, `1 bd`).
    const parsed = parseLeads(
      rest
        .join(',')
        .replace(/(\d+),(business|working),(days?)\b/gi, '$1 $2 $3')
        .replace(/(\d+),(bd|wd)\b/gi, '$1$2'),
    );
    if ('error' in parsed) return problem(parsed.error);
    return { kind, leads: parsed.leads };
  }),
  async run(ctx, { kind, leads }) {
    const before = await storedCadence(ctx, kind);
    const after = await ctx.store.cadences.update(before.id, { leads });
    return changed(
      ctx,
      before,
      after,
      `Reminders for the ${title(after)} now come ${describeLeads(leads)}, each with the agenda.`,
      'cadence.remind',
    );
  },
});

const dateArgs = (verb: string) =>
  cadenceArgs((input) => {
    const [kindWord, dateWord, ...extra] = input.words.map((w) => w.text);
    const example = `cadence ${verb} weekly 2026-12-22`;
    const kind = kindArg(kindWord, example);
    if (!dateWord) return problem(`Give the date of the meeting as YYYY-MM-DD, e.g. \`${example}\`.`);
    if (!parseIsoDate(dateWord))
      return problem(`“${dateWord}” is not a date. Write it as YYYY-MM-DD, e.g. \`${example}\`.`);
    if (extra.length) return problem(`Give one sync and one date, e.g. \`${example}\`.`);
    return { kind, date: dateWord };
  });

/** How far ahead a meeting can be skipped. */
const SKIP_HORIZON_DAYS = 2 * 366;

export const cadenceSkip = defineCommand({
  id: 'cadence.skip',
  path: ['cadence', 'skip'],
  usage: 'cadence skip <weekly|monthly|quarterly> <YYYY-MM-DD>',
  summary: 'Skip one meeting of a sync: no reminders for it',
  examples: ['cadence skip weekly 2026-12-29'],
  permission: 'manager',
  requiresSetup: true,
  args: dateArgs('skip'),
  async run(ctx, { kind, date }) {
    const c = await storedCadence(ctx, kind);
    const tz = ctx.channel.timezone;
    const occurrence = findOccurrence(c, tz, ctx.now, date);
    if (!occurrence) {
      const next = upcomingOccurrences(ruleOf(c), tz, ctx.now, 3).map((o) =>
        formatLocal(o.instant, tz, 'EEE yyyy-MM-dd'),
      );
      const past = date < formatLocal(ctx.now, tz, 'yyyy-MM-dd');
      throw new UserError(
        past
          ? `${date} is in the past; only an upcoming meeting can be skipped. The next dates of the ${title(c)} are ` +
              `${next.join(', ')}.`
          : `The ${title(c)} does not meet on ${date} (or that meeting has started). Its next dates are ` +
              `${next.join(', ')}.`,
      );
    }
    if (!(await ctx.store.cadences.addSkip(c.id, date)))
      throw new UserError(
        `The ${title(c)} of ${date} is already skipped. \`cadence unskip ${kind} ${date}\` brings it back.`,
      );
    await ctx.audit({
      action: 'cadence.skip',
      subject: kind,
      before: null,
      after: date,
      announce: `skipped the ${title(c)} of ${date}`,
    });
    return changed(
      ctx,
      c,
      c,
      `The ${title(c)} of ${formatLocal(occurrence.instant, tz, 'EEE d MMM yyyy')} is skipped: no reminders for it. ` +
        `\`cadence unskip ${kind} ${date}\` brings it back.`,
      null,
    );
  },
});

export const cadenceUnskip = defineCommand({
  id: 'cadence.unskip',
  path: ['cadence', 'unskip'],
  usage: 'cadence unskip <weekly|monthly|quarterly> <YYYY-MM-DD>',
  summary: 'Hold a skipped meeting after all',
  permission: 'manager',
  requiresSetup: true,
  args: dateArgs('unskip'),
  async run(ctx, { kind, date }) {
    const c = await storedCadence(ctx, kind);
    if (!(await ctx.store.cadences.removeSkip(c.id, date))) {
      const skipped = await ctx.store.cadences.skips(c.id);
      throw new UserError(
        `The ${title(c)} of ${date} is not skipped. ` +
          `${skipped.length ? `Skipped: ${skipped.join(', ')}.` : 'No meeting of it is skipped.'}`,
      );
    }
    await ctx.audit({
      action: 'cadence.unskip',
      subject: kind,
      before: date,
      after: null,
      announce: `put the ${title(c)} of ${date} back on`,
    });
    return changed(ctx, c, c, `The ${title(c)} of ${date} is on again.`, null);
  },
});

export const cadenceOff = defineCommand({
  id: 'cadence.off',
  path: ['cadence', 'off'],
  usage: 'cadence off <weekly|monthly|quarterly>',
  summary: 'Turn a sync off: no reminders until it is turned on',
  permission: 'manager',
  requiresSetup: true,
  args: kindOnly('off'),
  async confirm(ctx, { kind }) {
    const c = await onCadence(ctx, kind);
    const next = upcomingOccurrences(ruleOf(c), ctx.channel.timezone, ctx.now, 1)[0];
    const from = next
      ? ` from the meeting of ${formatLocal(next.instant, ctx.channel.timezone, 'EEE d MMM yyyy')}`
      : '';
    return [
      paragraph(
        ...prose(
          `This turns the ${title(c)} off: no reminders and no agenda` +
            from +
            ` until a manager types \`cadence on ${kind}\`.`,
        ),
      ),
    ];
  },
  async run(ctx, { kind }) {
    const before = await onCadence(ctx, kind);
    const after = await ctx.store.cadences.update(before.id, { enabled: false });
    return changed(
      ctx,
      before,
      after,
      `The ${title(after)} is off: no reminders until a manager types \`cadence on ${kind}\`.`,
      'cadence.off',
    );
  },
});

export const cadenceOn = defineCommand({
  id: 'cadence.on',
  path: ['cadence', 'on'],
  usage: 'cadence on <weekly|monthly|quarterly>',
  summary: 'Turn a sync back on',
  permission: 'manager',
  requiresSetup: true,
  args: kindOnly('on'),
  async run(ctx, { kind }) {
    const before = await storedCadence(ctx, kind);
    if (before.enabled)
      throw new UserError(`The ${title(before)} is already on. Type \`cadence\` to see its next dates.`);
    const after = await ctx.store.cadences.update(before.id, { enabled: true });
    return changed(
      ctx,
      before,
      after,
      `The ${title(after)} is on again, reminders ${describeLeads(after.leads)}.`,
      'cadence.on',
    );
  },
});

/** The cadence, refusing when it is already off. */
async function onCadence(ctx: ChannelContext, kind: CadenceKind): Promise<Cadence> {
  const c = await storedCadence(ctx, kind);
  if (!c.enabled) throw new UserError(`The ${title(c)} is already off. \`cadence on ${kind}\` turns it on.`);
  return c;
}

function kindOnly(verb: string) {
  return cadenceArgs((input) => {
    const [kindWord, ...extra] = input.words.map((w) => w.text);
    const kind = kindArg(kindWord, `cadence ${verb} quarterly`);
    if (extra.length) return problem(`Give only the sync, e.g. \`cadence ${verb} quarterly\`.`);
    return { kind };
  });
}

/** The meeting of `c` on local date `date` that has not started by `now`, or null. */
function findOccurrence(c: Cadence, timeZone: string, now: Date, date: string): Occurrence | null {
  const rule = ruleOf(c);
  let from = now;
  // Occurrences come in batches in date order; stop once past the date or the horizon.
  for (let n = 0; n < SKIP_HORIZON_DAYS / 7; n += 16) {
    const batch = upcomingOccurrences(rule, timeZone, from, 16);
    for (const o of batch) {
      if (o.localDate === date) return o;
      if (o.localDate > date) return null;
    }
    from = batch[batch.length - 1]!.instant;
  }
  return null;
}
