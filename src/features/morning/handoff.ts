import { formatLead } from '../../domain/cadence-leads.js';
import { formatLocal, formatMinuteOfDay } from '../../domain/zoned-time.js';
import { argInput, fail } from '../../kernel/args.js';
import { defineCommand } from '../../kernel/command.js';
import { context, prose } from '../../kernel/reply.js';
import { nextScheduledMorningPost } from './morning-post-job.js';
import { morningPostReply } from './morning-post-reply.js';

/** When the post goes out, as people read it: `08:30 (30 min after the start of business)`. */
export function morningTimeLine(dayStart: number, offsetMinutes: number): string {
  const at = formatMinuteOfDay(dayStart + offsetMinutes);
  return offsetMinutes === 0
    ? `${at} (the start of business)`
    : `${at} (${formatLead(offsetMinutes)} after the start of business)`;
}

export const handoffPreview = defineCommand({
  id: 'handoff',
  path: ['handoff'],
  shortcut: 'handoff',
  menu: 7,
  usage: 'handoff',
  summary: 'Preview the next morning handoff post',
  permission: 'anyone',
  requiresSetup: true,
  args: argInput.transform((input, ctx): Record<string, never> => {
    if (input.words.length > 0) {
      return fail(
        ctx,
        `\`handoff\` alone previews the next morning post. To log what you did: \`handoff note <text>\`; managers ` +
          `set the post's time with \`handoff time +30m\`.`,
      );
    }
    return {};
  }),
  async run(ctx) {
    const { store, channel, now } = ctx;
    const next = await nextScheduledMorningPost(store, channel, now);
    const reply = await morningPostReply(
      store,
      channel,
      next.date,
      { kind: 'preview', now, dueAt: next.dueAt },
      ctx.log,
    );
    reply.blocks.push(
      context(
        ...prose(
          `The morning handoff posts each business day at ` +
            `${morningTimeLine(channel.dayStart, channel.morningOffsetMinutes)}, ` +
            `${formatLocal(next.dueAt, channel.timezone, 'zzz')}. ` +
            'Log after-hours work with `handoff note <text>`; managers change the time with `handoff time +30m`.',
        ),
      ),
    );
    return reply;
  },
});
