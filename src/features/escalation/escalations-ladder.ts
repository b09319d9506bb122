import {
  type Ladder,
  type LadderProblem,
  ladderLine,
  MAX_LADDER_MINUTES,
  MAX_LADDER_STEPS,
  NEVER_QUIET,
  parseLadderSteps,
} from '../../domain/ladder.js';
import { PRIORITIES, type Priority } from '../../domain/model.js';
import { argInput, fail } from '../../kernel/args.js';
import { defineCommand } from '../../kernel/command.js';
import { UserError } from '../../kernel/errors.js';
import { context, ephemeral, list, paragraph, text } from '../../kernel/reply.js';
import { replanLadders } from './ladder-plan.js';

const EXAMPLE = 'escalations ladder p1 0:team 5:contact 15:managers';
const TARGETS = 'team (the receiving side), contact (the area’s contact) or managers (the receiving side’s)';

/** `0:team 5:contact 15:managers`, with `quiet` for a ladder that waits for business hours. */
export function ladderWords(ladder: Ladder): string {
  return `${ladderLine(ladder)}${ladder.quiet ? ' · later steps wait for business hours' : ''}`;
}

function problemText(priority: string, p: LadderProblem, pagers: readonly string[] = []): string {
  const eg = `e.g. \`escalations ladder ${priority} 0:team 5:contact 15:managers\``;
  switch (p.kind) {
    case 'empty':
      return `Give the steps after the priority, as minutes:whom, ${eg}.`;
    case 'too_many':
      return `A ladder has at most ${MAX_LADDER_STEPS} steps (got ${p.count}); ${eg}.`;
    case 'bad_step':
      return `“${p.word.slice(0, 30)}” is not a step: write minutes:whom, ${eg}.`;
    case 'unknown_target':
      return (
        `“${p.word.slice(0, 30)}” names no target: a step notifies ${TARGETS}` +
        `${pagers.length ? `, or pages ${pagers.join(', ')}` : ''}; ${eg}.`
      );
    case 'minutes_range':
      return `“${p.word.slice(0, 30)}”: a step comes at most ${MAX_LADDER_MINUTES} minutes (a week) after opening.`;
    case 'out_of_order':
      return (
        `The minutes go up step by step: “${p.word.slice(0, 30)}” comes after a step at ${p.previous} minutes. ` +
        `Write them in order, ${eg}.`
      );
    case 'no_card_step':
      return (
        `A ladder starts with 0:team — the escalation's card itself notifies the receiving side — (got ` +
        `“${p.word.slice(0, 30)}”); ${eg}.`
      );
  }
}

interface LadderArgs {
  priority: Priority;
  /** The steps as typed: read in the command, which knows the integrations that can page. */
  steps: string[];
  quiet: boolean;
}

/**
 * `escalations ladder p1 0:team 5:contact 15:managers [quiet:on|off]`: whom an escalation of that
 * priority notifies after how many minutes without acknowledgement. Answered with every ladder.
 */
export const escalationsLadder = defineCommand({
  id: 'escalations.ladder',
  path: ['escalations', 'ladder'],
  aliases: [['escalation', 'ladder']],
  usage: 'escalations ladder <p1|p2|p3|p4> <minutes>:<team|contact|managers> … [quiet:<on|off>]',
  summary: 'Set whom an escalation of a priority notifies, after how many minutes without acknowledgement',
  examples: [EXAMPLE, 'escalations ladder p3 0:team 60:contact quiet:off', 'escalations ladder p4 0:team'],
  permission: 'manager',
  requiresSetup: true,
  options: ['quiet'],
  args: argInput.transform((input, ctx): LadderArgs => {
    const [first, ...rest] = input.words;
    const priority = first && /^p[1-4]$/i.test(first.text) ? (first.text.toUpperCase() as Priority) : null;
    if (!priority) return fail(ctx, `Start with the priority (p1, p2, p3 or p4), then the steps: e.g. \`${EXAMPLE}\`.`);
    let quiet = !NEVER_QUIET.includes(priority);
    const q = input.options.quiet?.toLowerCase();
    if (q !== undefined) {
      if (q !== 'on' && q !== 'off') return fail(ctx, `\`quiet:\` is on or off (got “${q.slice(0, 20)}”).`);
      if (q === 'on' && NEVER_QUIET.includes(priority))
        return fail(ctx, `${priority} never waits for business hours; \`quiet:on\` is for p3 and p4.`);
      quiet = q === 'on';
    }
    return { priority, steps: rest.map((w) => w.text), quiet };
  }),
  async run(ctx, { priority, steps, quiet }) {
    const pagers = ctx.integrations
      .list()
      .filter((i) => i.target !== null)
      .map((i) => i.name);
    const parsed = parseLadderSteps(steps, pagers);
    if (!parsed.ok) throw new UserError(problemText(priority.toLowerCase(), parsed.problem, pagers), 'usage');
    const ladder: Ladder = { steps: parsed.steps, quiet };
    const before = ctx.channel.ladders;
    if (JSON.stringify(before[priority]) === JSON.stringify(ladder))
      throw new UserError(`The ${priority} ladder is already ${ladderWords(ladder)}; nothing was changed.`);
    const after = { ...before, [priority]: ladder };
    const channel = await ctx.store.channels.update(ctx.channel.id, { ladders: after });
    const replanned = await replanLadders(ctx.store, channel, [priority], ctx.now);
    await ctx.audit({
      action: 'escalations.ladder',
      subject: `${priority} ladder`,
      before: before[priority],
      after: ladder,
      announce: `changed the ${priority} escalation ladder: ${ladderWords(before[priority])} → ${ladderWords(ladder)}`,
    });
    return ephemeral(
      paragraph(text(`The ${priority} ladder is now ${ladderWords(ladder)}. The ladders (minutes:whom):`)),
      list(PRIORITIES.map((p) => [text(`${p}: ${ladderWords(after[p])}`)])),
      context(
        text(
          `Each step after the first is a reply in the card's thread, until someone acknowledges. ` +
            (replanned === 1
              ? `1 open ${priority} escalation follows the new ladder from the step it reached.`
              : `${replanned || 'No'} open ${priority} escalations follow the new ladder from the step they reached.`),
        ),
      ),
    );
  },
});
