import { OwnershipIndex } from '../../domain/ownership.js';
import { argInput, fail } from '../../kernel/args.js';
import { defineCommand } from '../../kernel/command.js';
import { UserError } from '../../kernel/errors.js';
import { inChannel, paragraph, prose } from '../../kernel/reply.js';

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
  async run(ctx, { name }) {
    const removed = await ctx.store.matrix.remove(ctx.channel.id, name);
    if (!removed) {
      const guess = new OwnershipIndex(await ctx.store.matrix.list(ctx.channel.id)).lookup(name);
      const hint =
        guess.kind === 'match'
          ? ` Did you mean \`matrix remove ${guess.area.name}\`?`
          : ' Type `matrix` to see the area names.';
      throw new UserError(`There is no area named “${name}”.${hint}`);
    }
    const { id: _id, channelId: _c, position: _p, ...before } = removed;
    await ctx.audit('matrix.remove', removed.name, before, null);
    return inChannel(paragraph(...prose(`Removed ${removed.name} from the matrix.`)));
  },
});
