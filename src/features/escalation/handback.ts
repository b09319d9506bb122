import { escalationLabel, otherTeam } from '../../domain/escalation.js';
import { defineCommand } from '../../kernel/command.js';
import { bold, ephemeral, paragraph, text } from '../../kernel/reply.js';
import { stepEscalation, teamName } from './escalation-actions.js';
import { escalationRefArgs } from './escalation-args.js';

/**
 * Hands an escalation back to the other side with a note (the after-hours MSP to the internal team
 * for the morning). The card's Hand back button runs `handback ESC-n` without a note: there is no
 * sensible default for what the other team must do, so it answers with the line to type.
 */
export const handback = defineCommand({
  id: 'handback',
  path: ['handback'],
  aliases: [['hand', 'back']],
  usage: 'handback <ESC-n> <note>',
  summary: 'Hand an escalation back to the other team for follow-up, saying what they should do',
  examples: ['handback ESC-4 firewall rule rolled back at 02:40; confirm VPN with the Boston office this morning'],
  permission: 'anyone',
  requiresSetup: true,
  // The note is checked by the state machine, so that the button gets the full explanation.
  args: escalationRefArgs('handback', { what: 'note', required: false }),
  async run(ctx, { seq, text: note }) {
    const e = await stepEscalation(ctx, seq, 'handback', note || null);
    return ephemeral(
      paragraph(
        text('You handed '),
        bold(escalationLabel(e)),
        text(` back to ${teamName(ctx, otherTeam(e.toTeam))}; its card in the channel shows your note.`),
      ),
    );
  },
});
