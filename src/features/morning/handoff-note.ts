import { nextBusinessStart } from '../../domain/business-calendar.js';
import { hoursOf, isBusinessTime } from '../../domain/business-hours.js';
import { mentionsToPlain } from '../../domain/mention-codec.js';
import { morningPostAt } from '../../domain/morning-window.js';
import { formatLocal, localDate } from '../../domain/zoned-time.js';
import { argInput, fail } from '../../kernel/args.js';
import { defineCommand } from '../../kernel/command.js';
import { ephemeral, paragraph, prose, text } from '../../kernel/reply.js';

export const MAX_HANDOFF_NOTE = 1000;

/** `--overnight`, also as typed after an editor turned the dashes into a dash character (—overnight). */
const OVERNIGHT = /^(?:--|—|–)overnight$/i;
const OVERNIGHT_AT_END = /(?:^|\s)(?:--|—|–)overnight\s*$/i;

interface NoteArgs {
  text: string;
  overnight: boolean;
}

export const handoffNote = defineCommand({
  id: 'handoff.note',
  path: ['handoff', 'note'],
  menu: 6,
  aliases: [['handoff', 'log']],
  usage: 'handoff note [--overnight] <text>',
  summary: 'Log what you did after hours for the morning handoff (--overnight: a daytime note that belongs in it)',
  examples: [
    'handoff note restarted the Boston VPN concentrator at 22:10; tunnels back up',
    'handoff note --overnight patching of the file servers starts at 20:00 tonight',
  ],
  permission: 'anyone',
  postsToChannel: true,
  requiresSetup: true,
  args: argInput.transform((input, ctx): NoteArgs => {
    let rest = input.rest;
    let overnight = false;
    const first = input.words[0];
    if (first && !first.quoted && OVERNIGHT.test(first.text)) {
      overnight = true;
      rest = rest.slice(first.end - first.start);
    } else if (OVERNIGHT_AT_END.test(rest)) {
      overnight = true;
      rest = rest.replace(OVERNIGHT_AT_END, '');
    }
    const body = mentionsToPlain(rest).trim();
    if (!body) return fail(ctx, 'Say what you did, e.g. `handoff note restarted the VPN concentrator at 22:10`.');
    if (body.length > MAX_HANDOFF_NOTE)
      return fail(
        ctx,
        `That note is ${body.length} characters; it can be at most ${MAX_HANDOFF_NOTE}. Put the details in the ticket.`,
      );
    return { text: body, overnight };
  }),
  async run(ctx, { text: body, overnight }) {
    const { store, channel, now } = ctx;
    const hours = hoursOf(channel, await store.channels.holidays(channel.id));
    const inHours = isBusinessTime(now, hours);
    await store.handoffNotes.add({ channelId: channel.id, at: now, authorId: ctx.actor.id, text: body, overnight });
    // After hours, the note is in the window that ends at the next start of business; in business
    // hours with --overnight, in the window after today's hours — the same next start either way.
    const start = nextBusinessStart(hours, now);
    const date = localDate(start, channel.timezone);
    const postAt = formatLocal(morningPostAt(date, hours, channel.morningOffsetMinutes), channel.timezone);
    const at = formatLocal(now, channel.timezone, 'HH:mm zzz');
    if (inHours && !overnight) {
      return ephemeral(
        paragraph(text(`Logged at ${at}.`)),
        paragraph(
          ...prose(
            `It is business hours, so this note is in no morning post. To put a note in the next one (${postAt}), ` +
              `write it with \`--overnight\`: \`handoff note --overnight <text>\`.`,
          ),
        ),
      );
    }
    return ephemeral(
      paragraph(
        text(
          `Logged at ${at}${inHours ? ' as an overnight note' : ''}: it will be in the morning handoff posted ` +
            `${postAt}.`,
        ),
      ),
    );
  },
});
