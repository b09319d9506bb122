import { hoursOf, isBusinessTime } from '../../domain/business-hours.js';
import { ownerAt } from '../../domain/escalation-routing.js';
import type { MatrixArea } from '../../domain/model.js';
import { namesNothing, subjectOf } from '../../domain/ownership.js';
import { freeText } from '../../kernel/args.js';
import { type ChannelContext, defineCommand } from '../../kernel/command.js';
import { contactSpans, hoursLine, ownerName } from '../../kernel/format.js';
import { bold, context, ephemeral, field, fields, paragraph, prose, text } from '../../kernel/reply.js';
import { ownershipIndexFor } from './matrix-index.js';
import { WHO_OWNS_QUESTIONS } from './who-owns-questions.js';

export const whoOwns = defineCommand({
  id: 'who-owns',
  path: ['who', 'owns'],
  shortcut: 'whoowns',
  menu: 1,
  aliases: [['whoowns'], ['who', 'handles'], ['owner', 'of']],
  usage: 'who owns <thing>',
  summary: 'Who owns an area now and in the other period, with the contact',
  examples: ['who owns backups', '@Tandem who is responsible for the VPN?', '/whoowns patching'],
  permission: 'anyone',
  readOnly: true,
  requiresSetup: true,
  questions: WHO_OWNS_QUESTIONS,
  args: freeText('what to look up, e.g. `who owns backups`', { max: 200 }),
  async run(ctx, { text: query }) {
    const found = (await ownershipIndexFor(ctx.store, ctx.channel.id)).lookup(query);
    const subject = subjectOf(query);
    if (found.kind === 'none' && namesNothing(query)) {
      return ephemeral(
        paragraph(
          ...prose('What should I look up? Name the thing, e.g. `who owns backups` or “who handles the VPN?”.'),
        ),
      );
    }
    if (found.kind === 'none') {
      return ephemeral(
        paragraph(
          ...prose(
            `Nothing in the matrix matches “${subject}”. Type \`matrix\` to see every area; a manager can add it ` +
              `with \`matrix set "${subject.slice(0, 40)}" business:internal after-hours:msp\`.`,
          ),
        ),
      );
    }
    if (found.kind === 'ambiguous') {
      return ephemeral(
        paragraph(text(`“${subject}” could be more than one area. Did you mean:`)),
        ...found.candidates.map((a) => paragraph(...prose(`• ${a.name} — \`who owns ${a.name}\``))),
      );
    }
    return answer(ctx, found.area, found.fromNote ? null : found.via);
  },
});

/** The answer for one area; `via` is the name or alias that matched, null when its note did. */
async function answer(ctx: ChannelContext, area: MatrixArea, via: string | null) {
  const channel = ctx.channel;
  const inHours = isBusinessTime(ctx.now, hoursOf(channel, await ctx.store.channels.holidays(channel.id)));
  // The same rule `escalate` routes by (src/domain/escalation-routing.ts).
  const nowOwner = ownerAt(area, inHours);
  const otherOwner = ownerAt(area, !inHours);
  const blocks = [
    paragraph(
      bold(area.name),
      text(` is owned by `),
      bold(ownerName(nowOwner, channel)),
      text(` right now (${inHours ? 'business hours' : 'after hours'}).`),
    ),
    fields(
      field(inHours ? 'After hours' : 'During business hours', ownerName(otherOwner, channel)),
      field('Contact', ...contactSpans(area.contact)),
    ),
  ];
  if (area.note) blocks.push(paragraph(text('Note: ', 'italic'), text(area.note)));
  const matched =
    via === null ? 'Matched its note. ' : via.toLowerCase() === area.name.toLowerCase() ? '' : `Matched “${via}”. `;
  blocks.push(context(text(`${matched}Business hours: ${hoursLine(channel)}.`)));
  return ephemeral(...blocks);
}
