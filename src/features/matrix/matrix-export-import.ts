import { RuleViolation } from '../../domain/errors.js';
import { csvToMatrix, matrixToCsv } from '../../domain/matrix-csv.js';
import type { MatrixAreaInput } from '../../domain/model.js';
import { argInput, fail, noArgs } from '../../kernel/args.js';
import { defineCommand } from '../../kernel/command.js';
import { codeBlock, context, ephemeral, inChannel, paragraph, prose } from '../../kernel/reply.js';

const inputOf = (a: MatrixAreaInput): MatrixAreaInput => ({
  name: a.name,
  businessOwner: a.businessOwner,
  afterHoursOwner: a.afterHoursOwner,
  contact: a.contact,
  aliases: a.aliases,
  note: a.note,
});

export const matrixExport = defineCommand({
  id: 'matrix.export',
  path: ['matrix', 'export'],
  usage: 'matrix export',
  summary: 'The whole matrix as CSV, to edit in a spreadsheet and import back',
  permission: 'anyone',
  requiresSetup: true,
  args: noArgs('matrix export'),
  async run(ctx) {
    const csv = matrixToCsv((await ctx.store.matrix.list(ctx.channel.id)).map(inputOf));
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
  summary: 'Replace the whole matrix from CSV (header: area,business,after_hours,contact,aliases,note)',
  permission: 'manager',
  requiresSetup: true,
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
  async run(ctx, parsed) {
    if ('problem' in parsed) throw parsed.problem;
    const { areas } = parsed;
    const before = (await ctx.store.matrix.list(ctx.channel.id)).map(inputOf);
    await ctx.store.matrix.replaceAll(ctx.channel.id, areas);
    await ctx.audit('matrix.import', `${areas.length} areas`, matrixToCsv(before), matrixToCsv(areas));
    return inChannel(
      paragraph(
        ...prose(`Imported the matrix: ${areas.length} areas (it had ${before.length}). Type \`matrix\` to see it.`),
      ),
    );
  },
});
