import { escalationLabel } from '../../domain/escalation.js';
import { defineCommand } from '../../kernel/command.js';
import { bold, ephemeral, paragraph, text } from '../../kernel/reply.js';
import { stepEscalation } from './escalation-actions.js';
import { escalationRefArgs } from './escalation-args.js';

export const resolve = defineCommand({
  id: 'resolve',
  path: ['resolve'],
  menu: 4,
  usage: 'resolve <ESC-n> [note]',
  summary: 'Resolve an escalation, optionally saying how',
  examples: ['resolve ESC-4', 'resolve ESC-4 replaced the failed switch in closet B'],
  permission: 'anyone',
  requiresSetup: true,
  args: escalationRefArgs('resolve', { what: 'note', required: false }),
  async run(ctx, { seq, text: note }) {
    const e = await stepEscalation(ctx, seq, 'resolve', note || null);
    return ephemeral(
      paragraph(text('You resolved '), bold(escalationLabel(e)), text('; its card in the channel shows it.')),
    );
  },
});
