import { escalationLabel } from '../../domain/escalation.js';
import { defineCommand } from '../../kernel/command.js';
import { bold, ephemeral, paragraph, text } from '../../kernel/reply.js';
import { stepEscalation } from './escalation-actions.js';
import { escalationRefArgs } from './escalation-args.js';

export const ack = defineCommand({
  id: 'ack',
  path: ['ack'],
  menu: 3,
  aliases: [['acknowledge']],
  usage: 'ack <ESC-n>',
  summary: 'Acknowledge an escalation: you have it (stops the re-notifications)',
  examples: ['ack ESC-4'],
  permission: 'anyone',
  requiresSetup: true,
  args: escalationRefArgs('ack', null),
  async run(ctx, { seq }) {
    const e = await stepEscalation(ctx, seq, 'acknowledge', null);
    return ephemeral(
      paragraph(text('You acknowledged '), bold(escalationLabel(e)), text('; its card in the channel shows it.')),
    );
  },
});
