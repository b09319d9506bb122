import type { Mention, Person } from '../../domain/model.js';
import { managerAddRefusal, managerRemoveRefusal, parseSide, SIDES, type Side } from '../../domain/sides.js';
import { argInput, fail, noArgs } from '../../kernel/args.js';
import { type ChannelContext, defineCommand } from '../../kernel/command.js';
import { Refused, UserError } from '../../kernel/errors.js';
import { sideName } from '../../kernel/placement.js';
import type { Manager } from '../../kernel/ports/people.js';
import { context, ephemeral, field, fields, paragraph, prose, text } from '../../kernel/reply.js';

const mentionAndSide = (verb: string, sideAllowed: boolean) =>
  argInput.transform((input, ctx): { who: Mention; side: Side | null } => {
    const [first, second, ...extra] = input.words;
    const example = sideAllowed ? `managers ${verb} @dana (or managers ${verb} @dana msp)` : `managers ${verb} @dana`;
    if (!first?.mention || extra.length || (second && !sideAllowed))
      return fail(ctx, `Mention one person to ${verb}, like \`${example}\`.`);
    const side = second ? parseSide(second.text) : null;
    if (second && !side) return fail(ctx, `“${second.text}” is not a side: say internal or msp, like \`${example}\`.`);
    return { who: first.mention, side };
  });

/** `@dana, @erin` or `none yet`. */
const names = (managers: readonly Manager[], side: Side) =>
  managers
    .filter((m) => m.side === side)
    .map((m) => `@${m.name}`)
    .join(', ') || 'none yet';

export const managersList = defineCommand({
  id: 'managers',
  path: ['managers'],
  usage: 'managers',
  summary: "List this channel's managers, on both sides",
  permission: 'anyone',
  readOnly: true,
  requiresSetup: true,
  args: noArgs('managers'),
  async run(ctx) {
    const managers = await ctx.store.managers.list(ctx.channel.id);
    const empty = SIDES.find((s) => !managers.some((m) => m.side === s));
    return ephemeral(
      fields(...SIDES.map((side) => field(`Managers of ${sideName(side, ctx.channel)}`, names(managers, side)))),
      context(
        ...prose(
          'Managers change hours, holidays, cadences, the matrix and who is on which side; each side adds and ' +
            'removes its own managers and keeps at least one.' +
            (empty
              ? ` A manager adds the first of ${sideName(empty, ctx.channel)} with \`managers add @name ${empty}\`.`
              : ''),
        ),
      ),
    );
  },
});

export const managersAdd = defineCommand({
  id: 'managers.add',
  path: ['managers', 'add'],
  usage: 'managers add <@handle> [internal|msp]',
  summary: 'Make someone a manager of your side (or the first manager of a side that has none)',
  examples: ['managers add @dana', 'managers add @sam msp'],
  permission: 'manager',
  requiresSetup: true,
  args: mentionAndSide('add', true),
  async run(ctx, { who, side: asked }) {
    if (who.kind === 'group') throw new UserError('Managers are people, not groups: mention one person.');
    const side = asked ?? ctx.managerSide;
    if (!side)
      throw new UserError(
        `Say which side, like \`managers add @${who.label.replace(/^@/, '')} internal\` or \`… msp\`.`,
      );
    const managers = await ctx.store.managers.list(ctx.channel.id);
    if (managerAddRefusal(managers, { side: ctx.managerSide, admin: ctx.isAdmin }, side) === 'other_side') {
      throw new Refused(
        `You manage ${sideName(ctx.managerSide!, ctx.channel)}; managers of ${sideName(side, ctx.channel)} ` +
          `(${names(managers, side)}) add their own. Ask one of them.`,
      );
    }
    const person = await ctx.personFor(who);
    const manages = managers.find((m) => m.id === person.id)?.side;
    if (manages === side)
      throw new UserError(`@${person.name} is already a manager of ${sideName(side, ctx.channel)}.`);
    if (manages) {
      throw new Refused(
        `@${person.name} manages ${sideName(manages, ctx.channel)}; nobody manages both sides. Ask a manager of that ` +
          `side to remove them first.`,
      );
    }
    await checkSide(ctx, person, side);
    await ctx.store.managers.add(ctx.channel.id, person.id, side, ctx.now);
    await ctx.audit({
      action: 'managers.add',
      subject: person.name,
      before: null,
      after: { manager: person.name, side },
      announce: `made @${person.name} a manager of ${sideName(side, ctx.channel)}`,
    });
    return ephemeral(paragraph(text(`@${person.name} is now a manager of ${sideName(side, ctx.channel)}.`)));
  },
});

export const managersRemove = defineCommand({
  id: 'managers.remove',
  path: ['managers', 'remove'],
  usage: 'managers remove <@handle>',
  summary: "Remove a manager of your side (never a side's last one)",
  permission: 'manager',
  requiresSetup: true,
  args: mentionAndSide('remove', false),
  async confirm(ctx, { who }) {
    const { person, side, managers } = await removable(ctx, who);
    const left = managers.filter((m) => m.side === side && m.id !== person.id);
    return [
      paragraph(
        text(
          `This removes @${person.name} from the managers of ${sideName(side, ctx.channel)}. Left on that side: ` +
            `${left.map((m) => `@${m.name}`).join(', ')}.`,
        ),
      ),
    ];
  },
  async run(ctx, { who }) {
    const { person, side } = await removable(ctx, who);
    await ctx.store.managers.remove(ctx.channel.id, person.id);
    await ctx.audit({
      action: 'managers.remove',
      subject: person.name,
      before: { manager: person.name, side },
      after: null,
      announce: `removed @${person.name} from the managers of ${sideName(side, ctx.channel)}`,
    });
    return ephemeral(paragraph(...prose(`@${person.name} is no longer a manager of this channel.`)));
  },
});

/** The manager to remove, or a refusal: not a manager, the last of their side, or of the other side. */
async function removable(ctx: ChannelContext, who: Mention) {
  const person = await ctx.personFor(who);
  const managers = await ctx.store.managers.list(ctx.channel.id);
  const target = managers.find((m) => m.id === person.id);
  if (!target) throw new UserError(`@${person.name} is not a manager. Type \`managers\` to see who is.`);
  const refusal = managerRemoveRefusal(managers, { side: ctx.managerSide, admin: ctx.isAdmin }, target);
  const side = sideName(target.side, ctx.channel);
  if (refusal === 'last_of_side') {
    throw new Refused(
      `@${person.name} is the last manager of ${side}; each side always keeps one. Add another with ` +
        `\`managers add @someone ${target.side}\` first.`,
    );
  }
  if (refusal === 'other_side') {
    throw new Refused(
      `@${person.name} manages ${side}; only its own managers (${names(managers, target.side)}) remove them.`,
    );
  }
  return { person, side: target.side, managers };
}

/** A manager of a side is on that side: refused when the person is placed on the other. */
async function checkSide(ctx: ChannelContext, person: Person, side: Side): Promise<void> {
  const placed = await ctx.sideOf(person);
  if (!placed.side || placed.side === side) return;
  const why = placed.source === 'organisation' ? `their organisation ${placed.orgId} is mapped there` : 'assigned';
  throw new Refused(
    `@${person.name} is on ${sideName(placed.side, ctx.channel)} (${why}), so they cannot manage ` +
      `${sideName(side, ctx.channel)}. If that is wrong, fix it first with \`people set @${person.name} ${side}\`.`,
  );
}
