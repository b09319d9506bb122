import { parseIsoDate } from '../../domain/zoned-time.js';
import { argInput, fail, noArgs } from '../../kernel/args.js';
import { defineCommand } from '../../kernel/command.js';
import { UserError } from '../../kernel/errors.js';
import { holidayLine } from '../../kernel/format.js';
import { ephemeral, list, paragraph, prose, text } from '../../kernel/reply.js';

const MAX_HOLIDAY_NAME = 80;

export const holidayAdd = defineCommand({
  id: 'holiday.add',
  path: ['holiday', 'add'],
  usage: 'holiday add <YYYY-MM-DD> [name]',
  summary: 'Mark a date as a holiday: after hours all day, covered by the next morning post',
  examples: ['holiday add 2026-12-25 Christmas Day'],
  permission: 'manager',
  requiresSetup: true,
  args: argInput.transform((input, ctx) => {
    const [dateWord] = input.words;
    if (!dateWord) return fail(ctx, 'Give the date of the holiday.');
    if (!parseIsoDate(dateWord.text))
      return fail(ctx, `“${dateWord.text}” is not a date. Write it as YYYY-MM-DD, e.g. 2026-12-25.`);
    const name = input.rest.slice(dateWord.end - dateWord.start).trim();
    if (name.length > MAX_HOLIDAY_NAME)
      return fail(ctx, `A holiday name can be at most ${MAX_HOLIDAY_NAME} characters.`);
    return { date: dateWord.text, name };
  }),
  async run(ctx, { date, name }) {
    const before = (await ctx.store.channels.holidays(ctx.channel.id)).find((h) => h.date === date) ?? null;
    await ctx.store.channels.putHoliday(ctx.channel.id, { date, name });
    await ctx.audit({
      action: 'holiday.add',
      subject: date,
      before,
      after: { date, name },
      announce: before
        ? `renamed the holiday ${date}: ${before.name || '—'} → ${name || '—'}`
        : `added a holiday: ${holidayLine({ date, name })}`,
    });
    await ctx.timesChanged();
    return ephemeral(
      paragraph(text(`${holidayLine({ date, name })} is a holiday: the whole day counts as after hours.`)),
    );
  },
});

export const holidayRemove = defineCommand({
  id: 'holiday.remove',
  path: ['holiday', 'remove'],
  usage: 'holiday remove <YYYY-MM-DD>',
  summary: 'Remove a holiday',
  permission: 'manager',
  requiresSetup: true,
  args: argInput.transform((input, ctx) => {
    const [dateWord, ...extra] = input.words;
    if (!dateWord || extra.length || !parseIsoDate(dateWord.text)) return fail(ctx, 'Give one date as YYYY-MM-DD.');
    return { date: dateWord.text };
  }),
  async run(ctx, { date }) {
    const before = (await ctx.store.channels.holidays(ctx.channel.id)).find((h) => h.date === date);
    if (!before) throw new UserError(`${date} is not a holiday here. Type \`holidays\` to see them.`);
    await ctx.store.channels.removeHoliday(ctx.channel.id, date);
    await ctx.audit({
      action: 'holiday.remove',
      subject: date,
      before,
      after: null,
      announce: `removed the holiday ${holidayLine(before)}`,
    });
    await ctx.timesChanged();
    return ephemeral(paragraph(text(`${holidayLine(before)} is no longer a holiday.`)));
  },
});

export const holidayList = defineCommand({
  id: 'holidays',
  path: ['holidays'],
  usage: 'holidays',
  summary: 'List the holidays',
  permission: 'anyone',
  readOnly: true,
  requiresSetup: true,
  args: noArgs('holidays'),
  async run(ctx) {
    const all = await ctx.store.channels.holidays(ctx.channel.id);
    if (all.length === 0)
      return ephemeral(
        paragraph(...prose('No holidays yet. A manager adds one with `holiday add 2026-12-25 Christmas Day`.')),
      );
    return ephemeral(paragraph(text('Holidays', 'bold')), list(all.map((h) => [holidayLine(h)])));
  },
});
