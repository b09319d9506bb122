import { RuleViolation } from '../../domain/errors.js';
import { csvToMatrix, matrixToCsv } from '../../domain/matrix-csv.js';
import { matrixDiff } from '../../domain/matrix-diff.js';
import { argInput, fail, noArgs } from '../../kernel/args.js';
import { defineCommand } from '../../kernel/command.js';
import { codeBlock, context, ephemeral, paragraph, prose } from '../../kernel/reply.js';
import { currentMatrix, diffBlocks, diffCounts } from './matrix-diff-blocks.js';

export const matrixExport = defineCommand({
  id: 'matrix.export',
  path: ['matrix', 'export'],
  usage: 'matrix export',
  summary: 'The whole matrix as CSV, to edit in a spreadsheet and import back',
  permission: 'anyone',
  requiresSetup: true,
  args: noArgs('matrix export'),
  async run(ctx) {
    const csv = matrixToCsv(await currentMatrix(ctx));
    return ephemeral(
      codeBlock(csv),
      context(...prose('Edit it and send it back with `matrix import` followed by the CSV.')),
    );
  },
});

export const matrixImport = defineCommand({
  id: 'matrix.import',
  path: ['matrix', 'import'],
  usage: 'matrix import <CSV in the rest of the message>',
  summary:
    'Replace the whole matrix from CSV (header: area,business,after_hours,contact,aliases,note), after showing ' +
    'what it adds, changes and removes',
  permission: 'manager',
  requiresSetup: true,
  takesBlock: true,
  args: argInput.transform((input, ctx) => {
    // Chat clients wrap pasted CSV in a code block; take what is inside.
    const csv = input.rest
      .replace(/^```[a-z]*\n?/i, '')
      .replace(/\n?```$/, '')
      .trim();
    if (!csv)
      return fail(
        ctx,
        'Paste the CSV after `matrix import`, starting with its header line. `matrix export` gives one to start from.',
      );
    // Read and checked here, before the command's transaction: the write lock is held for the writes only.
    // A mistake in it is told after the permission check, as any other refusal comes first.
    try {
      return { areas: csvToMatrix(csv) };
    } catch (err) {
      if (err instanceof RuleViolation) return { problem: err };
      throw err;
    }
  }),
  async confirm(ctx, parsed) {
    if ('problem' in parsed) throw parsed.problem;
    return diffBlocks(ctx, parsed.areas, 'This import replaces the whole matrix');
  },
  async run(ctx, parsed) {
    if ('problem' in parsed) throw parsed.problem;
    const { areas } = parsed;
    const before = await currentMatrix(ctx);
    await ctx.store.matrix.replaceAll(ctx.channel.id, areas);
    const after = matrixToCsv(areas);
    await ctx.audit({
      action: 'matrix.import',
      subject: `${areas.length} areas`,
      before: matrixToCsv(before),
      after,
      announce:
        `imported the matrix: ${areas.length} areas (it had ${before.length}); ` +
        `it ${diffCounts(matrixDiff(before, areas))}`,
      matrix: after,
    });
    return ephemeral(
      paragraph(
        ...prose(`Imported the matrix: ${areas.length} areas (it had ${before.length}). Type \`matrix\` to see it.`),
      ),
      context(...prose('`matrix history` lists the versions; `matrix restore <n>` brings one back.')),
    );
  },
});
