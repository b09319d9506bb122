import type { MatrixArea } from '../../domain/model.js';
import { areaKey } from '../../domain/normalize.js';
import { OwnershipIndex } from '../../domain/ownership.js';
import { argInput, fail } from '../../kernel/args.js';
import { type ChannelContext, defineCommand } from '../../kernel/command.js';
import { UserError } from '../../kernel/errors.js';
import { ownerName } from '../../kernel/format.js';
import { bold, ephemeral, paragraph, prose, text } from '../../kernel/reply.js';
import { inputOf, matrixSnapshot } from './matrix-diff-blocks.js';

export const matrixRemove = defineCommand({
  id: 'matrix.remove',
  path: ['matrix', 'remove'],
  aliases: [['matrix', 'delete']],
  usage: 'matrix remove <area>',
  summary: 'Remove an area from the matrix',
  permission: 'manager',
  requiresSetup: true,
  args: argInput.transform((input, ctx) => {
    const name = input.words
      .map((w) => w.text)
      .join(' ')
      .trim();
    if (!name) return fail(ctx, 'Name the area to remove, exactly as `matrix` shows it.');
    return { name };
  }),
  async confirm(ctx, { name }) {
    const area = await existing(ctx, name);
    const aliases = area.aliases.length ? `; also known as ${area.aliases.join(', ')}` : '';
    return [
      paragraph(
        text('This removes '),
        bold(area.name),
        text(
          ` from the matrix (business hours ${ownerName(area.businessOwner, ctx.channel)}; after hours ` +
            `${ownerName(area.afterHoursOwner, ctx.channel)}${aliases}). \`who owns\` and escalations will no ` +
            'longer find it; escalations opened for it keep its name.',
        ),
      ),
    ];
  },
  async run(ctx, { name }) {
    const area = await existing(ctx, name);
    const removed = (await ctx.store.matrix.remove(ctx.channel.id, area.name))!;
    await ctx.audit({
      action: 'matrix.remove',
      subject: removed.name,
      before: inputOf(removed),
      after: null,
      announce: `removed ${removed.name} from the matrix`,
      matrix: await matrixSnapshot(ctx),
    });
    return ephemeral(paragraph(...prose(`Removed ${removed.name} from the matrix. \`matrix history\` keeps it.`)));
  },
});

/** The area by its name (case, accents and spacing aside), or a refusal that suggests the closest name. */
async function existing(ctx: ChannelContext, name: string): Promise<MatrixArea> {
  const areas = await ctx.store.matrix.list(ctx.channel.id);
  const area = areas.find((a) => areaKey(a.name) === areaKey(name));
  if (area) return area;
  const guess = new OwnershipIndex(areas).lookup(name);
  const hint =
    guess.kind === 'match'
      ? ` Did you mean \`matrix remove ${guess.area.name}\`?`
      : ' Type `matrix` to see the area names.';
  throw new UserError(`There is no area named “${name}”.${hint}`);
}
