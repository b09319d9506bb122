import type { Mention } from '../../domain/model.js';
import { argInput, fail, noArgs } from '../../kernel/args.js';
import { defineCommand } from '../../kernel/command.js';
import { UserError } from '../../kernel/errors.js';
import { ephemeral, inChannel, paragraph, prose, text } from '../../kernel/reply.js';

const oneMention = (verb: string) =>
  argInput.transform((input, ctx): { who: Mention } => {
    const [first, ...extra] = input.words;
    if (!first?.mention || extra.length)
      return fail(ctx, `Mention one person to ${verb}, like \`managers ${verb} @dana\`.`);
    return { who: first.mention };
  });

export const managersList = defineCommand({
  id: 'managers',
  path: ['managers'],
  usage: 'managers',
  summary: "List this channel's managers",
  permission: 'anyone',
  requiresSetup: true,
  args: noArgs('managers'),
  async run(ctx) {
    const list = await ctx.store.managers.list(ctx.channel.id);
    return ephemeral(
      paragraph(
        text(
          `Managers: ${list.map((m) => `@${m.name}`).join(', ')}. They can change hours, holidays, cadences, the ` +
            `matrix and this list.`,
        ),
      ),
    );
  },
});

export const managersAdd = defineCommand({
  id: 'managers.add',
  path: ['managers', 'add'],
  usage: 'managers add <@handle>',
  summary: 'Make someone a manager of this channel',
  permission: 'manager',
  requiresSetup: true,
  args: oneMention('add'),
  async run(ctx, { who }) {
    if (who.kind === 'group') throw new UserError('Managers are people, not groups: mention one person.');
    const person = await ctx.personFor(who);
    if (!(await ctx.store.managers.add(ctx.channel.id, person.id, ctx.now)))
      throw new UserError(`@${person.name} is already a manager.`);
    await ctx.audit('managers.add', person.name, null, { manager: person.name });
    return inChannel(paragraph(text(`@${person.name} is now a manager of this channel.`)));
  },
});

export const managersRemove = defineCommand({
  id: 'managers.remove',
  path: ['managers', 'remove'],
  usage: 'managers remove <@handle>',
  summary: 'Remove a manager (never the last one)',
  permission: 'manager',
  requiresSetup: true,
  args: oneMention('remove'),
  async run(ctx, { who }) {
    const person = await ctx.personFor(who);
    const current = await ctx.store.managers.list(ctx.channel.id);
    if (!current.some((m) => m.id === person.id))
      throw new UserError(`@${person.name} is not a manager. Type \`managers\` to see who is.`);
    if (current.length === 1) {
      throw new UserError(
        `@${person.name} is the last manager; a channel always keeps one. Add another with \`managers add ` +
          `@someone\` first.`,
      );
    }
    await ctx.store.managers.remove(ctx.channel.id, person.id);
    await ctx.audit('managers.remove', person.name, { manager: person.name }, null);
    return inChannel(paragraph(...prose(`@${person.name} is no longer a manager of this channel.`)));
  },
});
