import { noArgs } from '../../kernel/args.js';
import { defineCommand } from '../../kernel/command.js';
import { ownerName } from '../../kernel/format.js';
import { context, ephemeral, header, list, mention, paragraph, prose, type Span, text } from '../../kernel/reply.js';

export const matrixShow = defineCommand({
  id: 'matrix',
  path: ['matrix'],
  menu: 8,
  usage: 'matrix',
  summary: 'Show the whole responsibility matrix',
  permission: 'anyone',
  readOnly: true,
  requiresSetup: true,
  args: noArgs('matrix'),
  async run(ctx) {
    const areas = await ctx.store.matrix.list(ctx.channel.id);
    if (areas.length === 0) {
      return ephemeral(
        paragraph(
          ...prose(
            'The matrix is empty. A manager adds an area with `matrix set patching business:msp after-hours:msp`.',
          ),
        ),
      );
    }
    const items = areas.map((a): Span[] => {
      const spans: Span[] = [
        text(a.name, 'bold'),
        text(
          ` — business hours: ${ownerName(a.businessOwner, ctx.channel)}; after hours: ` +
            `${ownerName(a.afterHoursOwner, ctx.channel)}`,
        ),
      ];
      if (a.contact) spans.push(text('; contact '), mention(a.contact));
      if (a.aliases.length) spans.push(text(`; also: ${a.aliases.join(', ')}`));
      if (a.note) spans.push(text(`; note: ${a.note}`));
      return spans;
    });
    return {
      ...ephemeral(
        header(`Responsibility matrix — ${ctx.channel.orgName} and ${ctx.channel.mspName}`),
        list(items),
        context(...prose(`${areas.length} areas. \`who owns <thing>\` answers for one; \`matrix export\` gives CSV.`)),
      ),
      overflow: 'see `matrix export` for all of it',
    };
  },
});
