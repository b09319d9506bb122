import { defineCommand } from '../../kernel/command.js';
import { UserError } from '../../kernel/errors.js';
import { ephemeral, inChannel, paragraph, prose, text } from '../../kernel/reply.js';
import { argInput, fail, noArgs } from '../../kernel/args.js';
import type { Mention } from '../../domain/model.js';

const oneMention = (verb: string) =>
  argInput.transform((input, ctx): { who: Mention } => {
    const [first, ...extra] = input.words;
    if (!first?.mention || extra.length) return fail(ctx, `Mention one person to ${verb}, like \`managers ${verb} @dana\`.`);
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
  run(ctx) {
    const list = ctx.store.managers.list(ctx.channel.id);
    return ephemeral(paragraph(text(`Managers: ${list.map((m) => `@${m.name}`).join(', ')}. They can change hours, holidays, cadences, the matrix and this list.`)));
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
  run(ctx, { who }) {
    if (who.kind === 'group') throw new UserError('Managers are people, not groups: mention one person.');
    const person = ctx.personFor(who);
    if (!ctx.store.managers.add(ctx.channel.id, person.id, ctx.now)) throw new UserError(`@${person.name} is already a manager.`);
    ctx.audit('managers.add', person.name, null, { manager: person.name });
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
  run(ctx, { who }) {
    const person = ctx.personFor(who);
    const current = ctx.store.managers.list(ctx.channel.id);
    if (!current.some((m) => m.id === person.id)) throw new UserError(`@${person.name} is not a manager. Type \`managers\` to see who is.`);
    if (current.length === 1) {
      throw new UserError(`@${person.name} is the last manager; a channel always keeps one. Add another with \`managers add @someone\` first.`);
    }
    ctx.store.managers.remove(ctx.channel.id, person.id);
    ctx.audit('managers.remove', person.name, { manager: person.name }, null);
    return inChannel(paragraph(...prose(`@${person.name} is no longer a manager of this channel.`)));
  },
});
