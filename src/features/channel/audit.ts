import { argInput, fail } from '../../kernel/args.js';
import { describeChange } from '../../kernel/change-words.js';
import { defineCommand } from '../../kernel/command.js';
import { localTime } from '../../kernel/format.js';
import { context, ephemeral, list, paragraph, prose, text } from '../../kernel/reply.js';

const MAX_ENTRIES = 50;

const countArg = (words: string) =>
  argInput.transform((input, ctx) => {
    const [nWord, ...extra] = input.words;
    if (extra.length) return fail(ctx, `Give at most one number, like \`${words} 20\`.`);
    if (!nWord) return { n: 10 };
    const n = Number(nWord.text);
    if (!Number.isInteger(n) || n < 1 || n > MAX_ENTRIES)
      return fail(ctx, `Give a whole number from 1 to ${MAX_ENTRIES}.`);
    return { n };
  });

export const auditShow = defineCommand({
  id: 'audit',
  path: ['audit'],
  usage: 'audit [n]',
  summary: 'The last n changes (default 10): who, when, what, before and after',
  permission: 'anyone',
  readOnly: true,
  requiresSetup: true,
  args: countArg('audit'),
  async run(ctx, { n }) {
    const entries = await ctx.store.audit.changes(ctx.channel.id, n);
    if (entries.length === 0) return ephemeral(paragraph(text('No changes recorded yet.')));
    return ephemeral(
      paragraph(text(`The last ${entries.length} change${entries.length === 1 ? '' : 's'}, newest first`, 'bold')),
      list(
        entries.map((e) => [
          text(`${localTime(e.at, ctx.channel)} · ${e.actorName} · ${e.action} ${e.subject}${describeChange(e)}`),
        ]),
      ),
      context(...prose('Refused commands are kept apart: `audit refusals`.')),
    );
  },
});

export const auditRefusals = defineCommand({
  id: 'audit.refusals',
  path: ['audit', 'refusals'],
  usage: 'audit refusals [n]',
  summary: 'Refused commands, one line per person and command with how often (default the last 10)',
  permission: 'anyone',
  readOnly: true,
  requiresSetup: true,
  args: countArg('audit refusals'),
  async run(ctx, { n }) {
    const refusals = await ctx.store.audit.refusals(ctx.channel.id, n);
    if (refusals.length === 0) return ephemeral(paragraph(text('No command has been refused here.')));
    return ephemeral(
      paragraph(text('Refused commands, by person and command, most recent first', 'bold')),
      list(
        refusals.map((r) => {
          const times = r.count === 1 ? 'once' : `${r.count} times`;
          const [first, last] = [localTime(r.firstAt, ctx.channel), localTime(r.lastAt, ctx.channel)];
          const when = first === last ? last : `${first} to ${last}`;
          const why = r.reason ? ` — “${r.reason.length > 100 ? `${r.reason.slice(0, 99)}…` : r.reason}”` : '';
          return [text(`${r.actorName} · ${r.action} · ${times}, ${when}${why}`)];
        }),
      ),
    );
  },
});
