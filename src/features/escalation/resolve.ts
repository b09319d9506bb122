import { escalationLabel } from '../../domain/escalation.js';
import { mentionsToPlain } from '../../domain/mention-codec.js';
import { argInput, fail } from '../../kernel/args.js';
import { defineCommand } from '../../kernel/command.js';
import { UserError } from '../../kernel/errors.js';
import { bold, ephemeral, paragraph, text } from '../../kernel/reply.js';
import { findEscalation, refreshCard, stepEscalation } from './escalation-actions.js';
import { escalationRefArgs, MAX_ESCALATION_NOTE, parseEscalationRef } from './escalation-args.js';

const DUPLICATE = /(^|\s)duplicate:\S*/i;

export const resolve = defineCommand({
  id: 'resolve',
  path: ['resolve'],
  menu: 4,
  usage: 'resolve <ESC-n> [note] [duplicate:<ESC-m>]',
  summary: 'Resolve an escalation, optionally saying how, or as a duplicate of another',
  examples: ['resolve ESC-4', 'resolve ESC-4 replaced the failed switch in closet B', 'resolve ESC-5 duplicate:ESC-4'],
  permission: 'anyone',
  requiresSetup: true,
  options: ['duplicate'],
  args: argInput.transform((input, ctx) => {
    const rest = input.rest.replace(DUPLICATE, ' ');
    const parsed = escalationRefArgs('resolve', { what: 'note', required: false }).safeParse({ ...input, rest });
    if (!parsed.success) return fail(ctx, parsed.error.issues[0]?.message ?? 'Type `resolve ESC-4 [note]`.');
    const base = parsed.data;
    const given = input.options.duplicate;
    if (given === undefined) return { ...base, duplicate: null };
    const of = parseEscalationRef(given);
    if (of === null)
      return fail(
        ctx,
        `\`duplicate:\` names the escalation this one repeats, e.g. \`resolve ESC-${base.seq} duplicate:ESC-2\` ` +
          `(got “${given.slice(0, 30)}”).`,
      );
    if (of === base.seq)
      return fail(ctx, `ESC-${of} cannot duplicate itself: name the escalation it repeats, e.g. \`duplicate:ESC-2\`.`);
    const note = mentionsToPlain(base.text).trim();
    if (note.length > MAX_ESCALATION_NOTE)
      return fail(ctx, `That note can be at most ${MAX_ESCALATION_NOTE} characters.`);
    return { ...base, duplicate: of };
  }),
  async run(ctx, { seq, text: note, duplicate }) {
    if (duplicate === null) {
      const e = await stepEscalation(ctx, seq, 'resolve', note || null);
      return ephemeral(
        paragraph(text('You resolved '), bold(escalationLabel(e)), text('; its card in the channel shows it.')),
      );
    }
    const original = await findEscalation(ctx, duplicate);
    const current = await findEscalation(ctx, seq);
    if (original.duplicateOf !== null)
      throw new UserError(
        `${escalationLabel(original)} is itself a duplicate; name the escalation it repeats instead.`,
      );
    const label = escalationLabel(original);
    const resolved = await stepEscalation(ctx, current.seq, 'resolve', note || `duplicate of ${label}`);
    const marked = await ctx.store.escalations.update(resolved.id, { duplicateOf: original.id });
    await refreshCard(ctx, marked);
    return ephemeral(
      paragraph(
        text('You resolved '),
        bold(escalationLabel(marked)),
        text(` as a duplicate of ${label}; it is left out of the response times and missed-acknowledgement counts.`),
      ),
    );
  },
});
