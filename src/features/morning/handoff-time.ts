import { joinTimeWords, parseTimeOfDay } from '../../domain/clock-time.js';
import { parseDurationMinutes } from '../../domain/duration.js';
import { formatLocal, formatMinuteOfDay } from '../../domain/zoned-time.js';
import { argInput, fail } from '../../kernel/args.js';
import { defineCommand } from '../../kernel/command.js';
import { UserError } from '../../kernel/errors.js';
import { ephemeral, paragraph, text } from '../../kernel/reply.js';
import { morningTimeLine } from './handoff.js';
import { nextScheduledMorningPost } from './morning-post-job.js';

type TimeArgs = { kind: 'offset'; minutes: number } | { kind: 'clock'; minute: number };

/** `+30m`, `30m`, `30`, `+1h`, `+1h30m`, `+0`, `start` → minutes; null when not an offset. */
export function parseOffset(word: string): number | null {
  const w = word.trim().toLowerCase();
  if (w === 'start') return 0;
  const body = w.replace(/^\+/, '');
  // A bare number is minutes: `handoff time +30`.
  if (/^\d{1,3}$/.test(body)) return Number(body);
  return parseDurationMinutes(body);
}

export const handoffTime = defineCommand({
  id: 'handoff.time',
  path: ['handoff', 'time'],
  usage: 'handoff time <+offset|HH:MM>',
  summary: 'Set when the morning handoff posts: an offset after the start of business, or a local time',
  examples: ['handoff time +30m', 'handoff time 08:30', 'handoff time start'],
  permission: 'manager',
  requiresSetup: true,
  args: argInput.transform((input, ctx): TimeArgs => {
    const [word, ...extra] = joinTimeWords(input.words.map((w) => w.text));
    if (!word || extra.length)
      return fail(
        ctx,
        'Give one time: an offset after the start of business like `+30m`, or a local time like `08:30`.',
      );
    if (/^-/.test(word.trim())) {
      return fail(
        ctx,
        'The morning post covers the night up to the start of business, so it goes out at the start or after it. ' +
          'Give `start` or an offset like `+15m`.',
      );
    }
    const minute = parseTimeOfDay(word);
    if (minute !== null) return { kind: 'clock', minute };
    const minutes = parseOffset(word);
    if (minutes === null)
      return fail(
        ctx,
        `“${word.slice(0, 20)}” is not a time. Write an offset like \`+30m\` or \`+1h\`, or a local time like ` +
          `\`08:30\` or \`8:30am\`.`,
      );
    return { kind: 'offset', minutes };
  }),
  async run(ctx, args) {
    const { channel, store, now } = ctx;
    const offset = args.kind === 'offset' ? args.minutes : args.minute - channel.dayStart;
    const start = formatMinuteOfDay(channel.dayStart);
    const end = formatMinuteOfDay(channel.dayEnd);
    if (offset < 0) {
      throw new UserError(
        `${formatMinuteOfDay(args.kind === 'clock' ? args.minute : 0)} is before the start of business (${start}); ` +
          `the morning post covers the night up to then. Give a time from ${start}, or an offset like \`+15m\`.`,
      );
    }
    if (channel.dayStart + offset >= channel.dayEnd) {
      throw new UserError(
        `That would be ${formatMinuteOfDay(channel.dayStart + offset)}, after the end of business (${end}). Give a ` +
          `time before ${end}.`,
      );
    }
    const before = channel.morningOffsetMinutes;
    if (offset === before)
      throw new UserError(`The morning handoff already posts at ${morningTimeLine(channel.dayStart, before)}.`);
    const updated = await store.channels.update(channel.id, { morningOffsetMinutes: offset });
    const [from, to] = [morningTimeLine(channel.dayStart, before), morningTimeLine(channel.dayStart, offset)];
    await ctx.audit({
      action: 'handoff.time',
      subject: 'morning post time',
      before: from,
      after: to,
      announce: `changed when the morning handoff posts: ${from} → ${to}`,
    });
    await ctx.timesChanged();
    const next = await nextScheduledMorningPost(store, updated, now);
    return ephemeral(
      paragraph(
        text(
          `The morning handoff now posts each business day at ${morningTimeLine(channel.dayStart, offset)}; it was ` +
            `${formatMinuteOfDay(channel.dayStart + before)}. ` +
            `Next: ${formatLocal(next.dueAt, channel.timezone)}.`,
        ),
      ),
    );
  },
});
