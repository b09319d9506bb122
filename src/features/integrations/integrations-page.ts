import { KIND_LABELS, type PageStep } from '../../domain/integrations.js';
import { PRIORITIES, type Priority } from '../../domain/model.js';
import { argInput, fail } from '../../kernel/args.js';
import { defineCommand } from '../../kernel/command.js';
import { UserError } from '../../kernel/errors.js';
import { context, ephemeral, paragraph, prose } from '../../kernel/reply.js';
import { parsePriority } from '../escalation/index.js';
import { stepsLine } from './integrations-list.js';

const MAX_AFTER_MINUTES = 24 * 60;
const MAX_STEPS = 20;

interface PageArgs {
  name: string;
  priority: Priority;
  /** Minutes after opening, or null to remove the step. */
  after: number | null;
}

const USAGE = 'integrations page <name> <p1|p2|p3|p4> after:<minutes>';

/**
 * `integrations page pagerduty-msp p1 after:5`: a P1 not acknowledged 5 minutes after it opened pages
 * PagerDuty. Ack, resolve and handback stop it; the tool hears the acknowledgement and resolution.
 */
export const integrationsPage = defineCommand({
  id: 'integrations.page',
  path: ['integrations', 'page'],
  usage: `${USAGE}   (or … off)`,
  summary: 'Page an integration when an escalation of a priority waits unacknowledged for some minutes',
  examples: [
    'integrations page pagerduty-msp p1 after:5',
    'integrations page mail-noc p2 after:30',
    'integrations page pagerduty-msp p1 off',
  ],
  permission: 'manager',
  requiresSetup: true,
  options: ['after'],
  args: argInput.transform((input, ctx): PageArgs => {
    const words = input.words.map((w) => w.text);
    const [name, p, off, ...extra] = words;
    if (!name || !p || extra.length || (off !== undefined && off.toLowerCase() !== 'off'))
      return fail(ctx, `Write \`${USAGE}\`, e.g. \`integrations page pagerduty-msp p1 after:5\`, or \`… p1 off\`.`);
    const priority = parsePriority(p);
    if (!priority || !/^p/i.test(p))
      return fail(ctx, `The priority is one of ${PRIORITIES.join(', ')} (got “${p.slice(0, 20)}”).`);
    if (off !== undefined) {
      if (input.options.after !== undefined) return fail(ctx, 'Give either `after:<minutes>` or `off`, not both.');
      return { name: name.toLowerCase(), priority, after: null };
    }
    const raw = input.options.after;
    if (raw === undefined)
      return fail(
        ctx,
        'Say when with `after:<minutes>`, e.g. ' +
          `\`integrations page ${name.slice(0, 40)} ${priority.toLowerCase()} after:5\`.`,
      );
    if (!/^\d{1,4}$/.test(raw.trim()) || Number(raw) > MAX_AFTER_MINUTES)
      return fail(ctx, `\`after:\` takes minutes from 0 to ${MAX_AFTER_MINUTES} (got “${raw.slice(0, 20)}”).`);
    return { name: name.toLowerCase(), priority, after: Number(raw) };
  }),
  async run(ctx, args) {
    const { channel, store } = ctx;
    const info = ctx.integrations.get(args.name);
    const before = (await store.integrations.get(channel.id)).pages;
    const others = before.filter((s) => !(s.integration === args.name && s.priority === args.priority));
    if (args.after === null) {
      if (others.length === before.length)
        throw new UserError(`${args.name} does not page ${args.priority} here; nothing was changed.`);
    } else {
      if (!info) {
        const names = ctx.integrations.list().map((i) => i.name);
        throw new UserError(
          `No integration is named “${args.name.slice(0, 40)}”. ` +
            (names.length
              ? `Configured: ${names.join(', ')}.`
              : 'None is configured: see the README, Paging and ticketing.'),
        );
      }
      if (info.target === null)
        throw new UserError(`${args.name} only receives (${KIND_LABELS[info.kind]} hooks); it cannot be paged.`);
      if (others.length >= MAX_STEPS)
        throw new UserError(`A channel has at most ${MAX_STEPS} paging steps; remove one first.`);
    }
    const after: PageStep[] =
      args.after === null
        ? others
        : [...others, { integration: args.name, priority: args.priority, afterMinutes: args.after }];
    after.sort((a, b) => a.priority.localeCompare(b.priority) || a.afterMinutes - b.afterMinutes);
    await store.integrations.setPages(channel.id, after);
    const what =
      args.after === null
        ? `stopped paging ${args.name} for ${args.priority}`
        : `set ${args.name} to page ${args.priority} escalations after ${args.after} min without acknowledgement`;
    await ctx.audit({ action: 'integrations.page', subject: args.name, before, after, announce: what });
    return ephemeral(
      paragraph(...prose(`Done: ${what}.`)),
      context(
        ...prose(
          `Paging steps here: ${after.length ? stepsLine(after) : 'none'}. ` +
            'Escalations already open keep the steps they were opened with.',
        ),
      ),
    );
  },
});
