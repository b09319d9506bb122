import { ticketLink, ticketTemplateProblem } from '../../domain/ticket-url.js';
import { argInput, fail } from '../../kernel/args.js';
import { defineCommand } from '../../kernel/command.js';
import { UserError } from '../../kernel/errors.js';
import { context, ephemeral, paragraph, prose } from '../../kernel/reply.js';

const EXAMPLE =
  'ticket url https://na.myconnectwise.net/v4_6_release/services/system_io/router/openrecord.rails?recid={id}';

/** `ticket url <template with {id}>`: `ticket:48211` on a card links to the PSA. */
export const ticketUrl = defineCommand({
  id: 'ticket.url',
  path: ['ticket', 'url'],
  usage: 'ticket url <address with {id}>   (or ticket url off)',
  summary: 'Link ticket numbers on cards to your PSA: the address of a ticket, with {id} where its number goes',
  examples: ['ticket url https://psa.example.com/tickets/{id}', 'ticket url off'],
  permission: 'manager',
  requiresSetup: true,
  args: argInput.transform((input, ctx): { template: string | null } => {
    const words = input.words.map((w) => w.text);
    if (words.length !== 1)
      return fail(ctx, `Give one address with {id} in it, e.g. \`${EXAMPLE}\`, or \`ticket url off\`.`);
    const word = words[0]!;
    if (word.toLowerCase() === 'off') return { template: null };
    const problem = ticketTemplateProblem(word);
    if (problem)
      return fail(
        ctx,
        `That address cannot be used: ${problem}. For example \`ticket url https://psa.example.com/tickets/{id}\`.`,
      );
    return { template: word };
  }),
  async run(ctx, { template }) {
    const { channel, store } = ctx;
    const before = (await store.integrations.get(channel.id)).ticketUrl;
    if (before === template)
      throw new UserError(
        template ? 'Ticket links already use that address.' : 'Ticket numbers are not linked; nothing was changed.',
      );
    await store.integrations.setTicketUrl(channel.id, template);
    const announce = template ? `linked ticket numbers to ${template}` : 'stopped linking ticket numbers';
    await ctx.audit({ action: 'ticket.url', subject: 'ticket links', before, after: template, announce });
    return ephemeral(
      paragraph(
        ...prose(template ? `Ticket numbers now link to \`${template}\`.` : 'Ticket numbers are no longer linked.'),
      ),
      ...(template ? [context(...prose(`For example \`ticket:48211\` → ${ticketLink('48211', template)}`))] : []),
    );
  },
});
