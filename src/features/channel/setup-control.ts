import { parseSide } from '../../domain/sides.js';
import { argInput, fail, noArgs } from '../../kernel/args.js';
import { defineCommand } from '../../kernel/command.js';
import { PermissionDenied, Refused, UserError } from '../../kernel/errors.js';
import { sideName } from '../../kernel/placement.js';
import { ephemeral, paragraph, prose, text } from '../../kernel/reply.js';

/**
 * Control that cannot be squatted: whoever sets a channel up first manages their side, but a platform
 * administrator (a Slack workspace owner or admin) or one of Tandem's administrators (TANDEM_ADMINS)
 * can take a side over (`setup claim`), and Tandem's administrators can start the channel afresh
 * (`setup reset`). Each is audited and announced in the channel.
 */
export const setupClaim = defineCommand({
  id: 'setup.claim',
  path: ['setup', 'claim'],
  usage: 'setup claim [as:<internal|msp>]',
  summary:
    'For a workspace owner or admin, or a Tandem administrator: become the only manager of your side here, ' +
    'taking over a channel someone else set up',
  examples: ['setup claim', 'setup claim as:msp'],
  permission: 'anyone',
  platformRole: true,
  requiresSetup: true,
  options: ['as'],
  args: argInput.transform((input, ctx) => {
    if (input.words.length) return fail(ctx, 'Give only the side, like `setup claim as:internal`.');
    if (input.options.as === undefined) return { side: null };
    const side = parseSide(input.options.as);
    if (!side) return fail(ctx, `\`as:\` is internal or msp (got “${input.options.as}”).`);
    return { side };
  }),
  async run(ctx, args) {
    if (!ctx.platformAdmin && !ctx.isAdmin) {
      throw new PermissionDenied(
        "Only a workspace owner or admin, or one of Tandem's administrators (TANDEM_ADMINS), can claim a channel. " +
          'Type `managers` to see who manages it, and ask one of them to add you.',
      );
    }
    const placed = await ctx.sideOf(ctx.actor);
    const side = args.side ?? placed.side ?? 'internal';
    if (placed.side && placed.side !== side) {
      throw new Refused(
        `You are on ${sideName(placed.side, ctx.channel)} here, so you can claim only that side: ` +
          `\`setup claim as:${placed.side}\`.`,
      );
    }
    const managers = await ctx.store.managers.list(ctx.channel.id);
    const former = managers.filter((m) => m.side === side && m.id !== ctx.actor.id);
    if (former.length === 0 && managers.some((m) => m.id === ctx.actor.id && m.side === side))
      throw new UserError(`You are already the only manager of ${sideName(side, ctx.channel)}.`);
    for (const m of former) await ctx.store.managers.remove(ctx.channel.id, m.id);
    if (!managers.some((m) => m.id === ctx.actor.id))
      await ctx.store.managers.add(ctx.channel.id, ctx.actor.id, side, ctx.now);
    const as = ctx.isAdmin ? 'a Tandem administrator' : 'a workspace administrator';
    const was = former.map((m) => `@${m.name}`).join(', ') || 'nobody';
    await ctx.audit({
      action: 'setup.claim',
      subject: `${side} side`,
      before: { managers: former.map((m) => m.name).join(', ') || null },
      after: { managers: ctx.actor.name },
      announce: `claimed ${sideName(side, ctx.channel)} as ${as}: its managers were ${was}, now @${ctx.actor.name}`,
    });
    return ephemeral(
      paragraph(
        ...prose(
          `You are now the only manager of ${sideName(side, ctx.channel)}` +
            `${former.length ? ` (removed: ${was})` : ''}. Add others with \`managers add @name\`.`,
        ),
      ),
    );
  },
});

export const setupReset = defineCommand({
  id: 'setup.reset',
  path: ['setup', 'reset'],
  usage: 'setup reset',
  summary:
    "For Tandem's administrators: retire this channel's setup so that it can be set up afresh (its history is kept)",
  permission: 'admin',
  requiresSetup: true,
  args: noArgs('setup reset'),
  async confirm(ctx) {
    const c = ctx.channel;
    return [
      paragraph(
        text(
          `This resets Tandem in this channel (set up for ${c.orgName} and ${c.mspName}): its managers, matrix, ` +
            'hours, syncs and escalations stop applying here, scheduled posts stop, and anyone can run setup ' +
            'again. The old setup and its audit log stay in the database.',
        ),
      ),
    ];
  },
  async run(ctx) {
    const c = ctx.channel;
    const cancelled = await ctx.store.jobs.cancelChannel(c.id, ctx.now);
    await ctx.audit({
      action: 'setup.reset',
      subject: 'channel',
      before: { org: c.orgName, msp: c.mspName },
      after: null,
      announce: `reset Tandem in this channel as a Tandem administrator: anyone can now run \`setup\` again`,
    });
    await ctx.store.channels.retire(c.id, ctx.now);
    return ephemeral(
      paragraph(
        ...prose(
          `Tandem is reset here (${cancelled} scheduled post${cancelled === 1 ? '' : 's'} cancelled). Start again ` +
            'with `setup org:<organisation> msp:<MSP> tz:<IANA zone>`.',
        ),
      ),
    );
  },
});
