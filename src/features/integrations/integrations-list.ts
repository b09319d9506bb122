import { channelAddress, KIND_LABELS, OPSGENIE_END_OF_SUPPORT, type PageStep } from '../../domain/integrations.js';
import { noArgs } from '../../kernel/args.js';
import { defineCommand } from '../../kernel/command.js';
import type { IntegrationInfo } from '../../kernel/ports/integrations.js';
import {
  type Block,
  bold,
  context,
  ephemeral,
  header,
  list,
  paragraph,
  prose,
  type Span,
  text,
} from '../../kernel/reply.js';

/** `P1 after 5 min, P2 after 15 min`. */
export function stepsLine(steps: readonly PageStep[]): string {
  return steps.map((s) => `${s.priority} after ${s.afterMinutes} min`).join(', ');
}

function describe(i: IntegrationInfo, here: string, steps: readonly PageStep[]): Span[] {
  const parts: string[] = [KIND_LABELS[i.kind]];
  if (i.target) parts.push(i.kind === 'email' ? `to ${i.target}` : `sends to ${i.target}`);
  if (i.inbound) {
    const where = i.inbound.channels.length ? i.inbound.channels.join(', ') : 'no channel yet';
    parts.push(
      `receives at POST /hooks/${i.name}, for ${where}${i.inbound.channels.includes(here) ? ' (this one)' : ''}`,
    );
  }
  const mine = steps.filter((s) => s.integration === i.name);
  parts.push(mine.length ? `here it pages ${stepsLine(mine)}` : 'not used for paging here');
  const spans: Span[] = [bold(i.name), text(` — ${parts.join('; ')}.`)];
  if (i.kind === 'opsgenie')
    spans.push(
      text(` Opsgenie's support ends on ${OPSGENIE_END_OF_SUPPORT}: plan a move to PagerDuty, e-mail or a webhook.`),
    );
  return spans;
}

/** `integrations`: what the operator configured and where this channel uses it, never a secret. */
export const integrationsList = defineCommand({
  id: 'integrations',
  path: ['integrations'],
  usage: 'integrations',
  summary: 'The paging tools, e-mail and webhooks configured, and where this channel uses them',
  permission: 'anyone',
  requiresSetup: true,
  args: noArgs('integrations'),
  async run(ctx) {
    const { channel, store } = ctx;
    const configured = ctx.integrations.list();
    const settings = await store.integrations.get(channel.id);
    const here = channelAddress(channel.platform, channel.externalId);
    const blocks: Block[] = [];
    if (configured.length === 0) {
      blocks.push(
        paragraph(
          ...prose(
            'No integrations are configured. Whoever runs Tandem declares them (PagerDuty, Opsgenie, e-mail, signed ' +
              'webhooks) in the file named by TANDEM_INTEGRATIONS; the README shows how.',
          ),
        ),
      );
    } else {
      blocks.push(header(`Integrations (${configured.length})`));
      blocks.push(list(configured.map((i) => describe(i, here, settings.pages))));
    }
    const orphans = settings.pages.filter((s) => !ctx.integrations.get(s.integration));
    if (orphans.length)
      blocks.push(
        paragraph(
          ...prose(
            'Paging steps name integrations that are no longer configured: ' +
              `${orphans.map((s) => s.integration).join(', ')}. ` +
              'Remove them with `integrations page <name> <priority> off`.',
          ),
        ),
      );
    blocks.push(
      context(
        ...prose(
          `Ticket links: ${settings.ticketUrl ? `\`${settings.ticketUrl}\`` : 'none'} ` +
            '(`ticket url <template with {id}>`). ' +
            'Managers page a tool with `integrations page <name> p1 after:5`.',
        ),
      ),
    );
    return ephemeral(...blocks);
  },
});
