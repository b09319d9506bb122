import { escalationLabel } from '../../domain/escalation.js';
import { reopenPatch } from '../../domain/escalation-state.js';
import { defineCommand } from '../../kernel/command.js';
import { UserError } from '../../kernel/errors.js';
import { bold, ephemeral, paragraph, text } from '../../kernel/reply.js';
import { findEscalation, refreshCard } from './escalation-actions.js';
import { escalationRefArgs } from './escalation-args.js';

/** Reopens a resolved escalation: back to acknowledged, with its history kept and the reopening in it. */
export const reopen = defineCommand({
  id: 'reopen',
  path: ['reopen'],
  usage: 'reopen <ESC-n> [why]',
  summary: 'Reopen a resolved escalation (resolved by mistake, or the fix did not hold); its history is kept',
  examples: ['reopen ESC-4 the VPN dropped again at 10:20'],
  permission: 'anyone',
  requiresSetup: true,
  args: escalationRefArgs('reopen', { what: 'reason', required: false }),
  async run(ctx, { seq, text: why }) {
    const e = await findEscalation(ctx, seq);
    const id = escalationLabel(e);
    const patch = reopenPatch(e);
    if (!patch)
      throw new UserError(
        `${id} is not resolved (it is ${e.state.replace('_', ' ')}); only a resolved escalation is reopened. ` +
          `Add to its history with \`note ${id} <text>\`.`,
      );
    const updated = await ctx.store.escalations.update(e.id, patch);
    await ctx.store.escalations.addEvent(e.id, {
      at: ctx.now,
      actorId: ctx.actor.id,
      kind: 'reopened',
      note: why || null,
    });
    await refreshCard(ctx, updated);
    return ephemeral(
      paragraph(text('You reopened '), bold(id), text('; its card in the channel shows it, history and all.')),
    );
  },
});
