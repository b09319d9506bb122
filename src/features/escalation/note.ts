import { escalationLabel } from '../../domain/escalation.js';
import { defineCommand } from '../../kernel/command.js';
import { bold, ephemeral, paragraph, text } from '../../kernel/reply.js';
import { findEscalation, refreshCard } from './escalation-actions.js';
import { escalationRefArgs } from './escalation-args.js';

export const note = defineCommand({
  id: 'note',
  path: ['note'],
  usage: 'note <ESC-n> <text>',
  summary: "Add a note to an escalation's history (in any state; changes nothing else)",
  examples: ['note ESC-4 vendor case 7781 opened, waiting on callback'],
  permission: 'anyone',
  postsToChannel: true,
  requiresSetup: true,
  args: escalationRefArgs('note', { what: 'text', required: true }),
  async run(ctx, { seq, text: body }) {
    const e = await findEscalation(ctx, seq);
    await ctx.store.escalations.addEvent(e.id, { at: ctx.now, actorId: ctx.actor.id, kind: 'note', note: body });
    await refreshCard(ctx, e);
    return ephemeral(
      paragraph(text('Noted on '), bold(escalationLabel(e)), text('; its card in the channel shows it.')),
    );
  },
});
