import { formatDays, hoursOf, isBusinessTime, parseDays } from '../../domain/business-hours.js';
import { parseTimeRange } from '../../domain/clock-time.js';
import { formatLocal, formatMinuteOfDay } from '../../domain/zoned-time.js';
import { argInput, fail, noArgs, TIMEZONE_HINT, timeZoneArg } from '../../kernel/args.js';
import { defineCommand } from '../../kernel/command.js';
import { UserError } from '../../kernel/errors.js';
import { holidayLine, hoursLine } from '../../kernel/format.js';
import { ephemeral, field, fields, paragraph, prose, text } from '../../kernel/reply.js';

export const hoursShow = defineCommand({
  id: 'hours',
  path: ['hours'],
  menu: 12,
  usage: 'hours',
  summary: 'Show business hours, timezone and holidays',
  permission: 'anyone',
  readOnly: true,
  requiresSetup: true,
  args: noArgs('hours'),
  async run(ctx) {
    const holidays = await ctx.store.channels.holidays(ctx.channel.id);
    const inHours = isBusinessTime(ctx.now, hoursOf(ctx.channel, holidays));
    const upcoming = holidays.filter((h) => h.date >= formatLocal(ctx.now, ctx.channel.timezone, 'yyyy-MM-dd'));
    return ephemeral(
      fields(
        field('Business hours', hoursLine(ctx.channel)),
        field('Now', `${formatLocal(ctx.now, ctx.channel.timezone)} — ${inHours ? 'business hours' : 'after hours'}`),
        field('Upcoming holidays', upcoming.length ? upcoming.slice(0, 10).map(holidayLine).join('\n') : 'none'),
      ),
    );
  },
});

export const hoursSet = defineCommand({
  id: 'hours.set',
  path: ['hours', 'set'],
  usage: 'hours set <days> <start>-<end>',
  summary: 'Set the working days and hours',
  examples: ['hours set mon-fri 08:00-17:00', 'hours set sun-thu 9am-6pm', 'hours set mon-fri 07:30 - 17:30'],
  permission: 'manager',
  requiresSetup: true,
  args: argInput.transform((input, ctx) => {
    const [daysWord, ...rangeWords] = input.words.map((w) => w.text);
    const rangeWord = rangeWords.join(' ');
    if (!daysWord || !rangeWord) return fail(ctx, 'Give the working days and the hours, e.g. mon-fri 08:00-17:00.');
    const days = parseDays(daysWord);
    if (!days || days.length === 0)
      return fail(ctx, `“${daysWord}” is not a list of days. Write them like mon-fri, or mon,tue,thu.`);
    const range = parseTimeRange(rangeWord);
    if (!range)
      return fail(
        ctx,
        `“${rangeWord.slice(0, 40)}” is not a time range. Write it like 08:00-17:00 or 8am-5pm (a time without ` +
          `am or pm is on the 24-hour clock).`,
      );
    const { start, end } = range;
    if (end <= start)
      return fail(ctx, `The day must end after it starts (${rangeWord}). Hours that cross midnight are not supported.`);
    return { days, start, end };
  }),
  async run(ctx, { days, start, end }) {
    const before = hoursLine(ctx.channel);
    const updated = await ctx.store.channels.update(ctx.channel.id, { workDays: days, dayStart: start, dayEnd: end });
    const after = hoursLine(updated);
    await ctx.audit({
      action: 'hours.set',
      subject: 'business hours',
      before,
      after,
      announce: `changed business hours: ${before} → ${after}`,
    });
    await ctx.timesChanged();
    return ephemeral(
      paragraph(
        text(
          `Business hours are now ${formatDays(days)} ${formatMinuteOfDay(start)}–${formatMinuteOfDay(end)} ` +
            `(${updated.timezone}).`,
        ),
      ),
    );
  },
});

export const hoursTz = defineCommand({
  id: 'hours.tz',
  path: ['hours', 'tz'],
  aliases: [['hours', 'timezone']],
  usage: 'hours tz <IANA zone>',
  summary: "Set the channel's timezone",
  examples: ['hours tz Europe/London'],
  permission: 'manager',
  requiresSetup: true,
  args: argInput.transform((input, ctx) => {
    const [zone, ...extra] = input.words.map((w) => w.text);
    if (!zone || extra.length) return fail(ctx, `Give one timezone. ${TIMEZONE_HINT}`);
    return { tz: timeZoneArg(ctx, zone, (z) => `hours tz ${z}`) };
  }),
  async confirm(ctx, { tz }) {
    sameZone(ctx.channel.timezone, tz);
    return [
      paragraph(
        ...prose(
          `This moves the channel from ${ctx.channel.timezone} to ${tz}: business hours, the morning post and every ` +
            `sync reminder then follow ${tz} (local time there: ${formatLocal(ctx.now, tz)}).`,
        ),
      ),
    ];
  },
  async run(ctx, { tz }) {
    sameZone(ctx.channel.timezone, tz);
    const before = ctx.channel.timezone;
    await ctx.store.channels.update(ctx.channel.id, { timezone: tz });
    await ctx.audit({
      action: 'hours.tz',
      subject: 'timezone',
      before,
      after: tz,
      announce: `changed the timezone: ${before} → ${tz}`,
    });
    await ctx.timesChanged();
    return ephemeral(
      paragraph(
        ...prose(`The timezone is now ${tz} (it was ${before}). Local time there: ${formatLocal(ctx.now, tz)}.`),
      ),
    );
  },
});

function sameZone(current: string, tz: string): void {
  if (tz === current) throw new UserError(`The timezone is already ${tz}.`);
}
