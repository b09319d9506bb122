import { csvToMatrix } from '../../domain/matrix-csv.js';
import { isEmptyDiff, matrixDiff } from '../../domain/matrix-diff.js';
import { argInput, fail, noArgs } from '../../kernel/args.js';
import { type ChannelContext, defineCommand } from '../../kernel/command.js';
import { UserError } from '../../kernel/errors.js';
import { localTime } from '../../kernel/format.js';
import { bold, context, ephemeral, list, paragraph, prose, text } from '../../kernel/reply.js';
import { currentMatrix, diffBlocks, diffCounts } from './matrix-diff-blocks.js';

/** `matrix history` lists the newest versions, up to this many. */
const SHOWN = 15;

export const matrixHistory = defineCommand({
  id: 'matrix.history',
  path: ['matrix', 'history'],
  aliases: [['matrix', 'versions']],
  usage: 'matrix history',
  summary: 'The versions of the matrix, from the audit log: who changed it, when and how',
  permission: 'anyone',
  requiresSetup: true,
  args: noArgs('matrix history'),
  async run(ctx) {
    const versions = await ctx.store.audit.matrixVersions(ctx.channel.id);
    if (versions.length === 0) {
      return ephemeral(
        paragraph(...prose('No versions of the matrix are recorded yet: each change from now on is kept.')),
      );
    }
    const newest = versions.slice(-SHOWN).reverse();
    const current = versions[versions.length - 1]!.n;
    return ephemeral(
      paragraph(bold('Versions of the matrix'), text(', newest first')),
      list(
        newest.map((v) => [
          bold(`${v.n}`),
          text(
            ` · ${localTime(v.at, ctx.channel)} · ${v.actorName} · ${v.action} ${v.subject}` +
              `${v.n === current ? ' (current)' : ''}`,
          ),
        ]),
      ),
      context(
        ...prose(
          `${versions.length > SHOWN ? `${versions.length - SHOWN} older versions not shown. ` : ''}` +
            'A manager brings one back with `matrix restore <n>`, ' +
            `e.g. \`matrix restore ${Math.max(1, current - 1)}\`.`,
        ),
      ),
    );
  },
});

export const matrixRestore = defineCommand({
  id: 'matrix.restore',
  path: ['matrix', 'restore'],
  usage: 'matrix restore <n>',
  summary: 'Bring back version n of the matrix (see `matrix history`), after showing what it changes',
  examples: ['matrix restore 3'],
  permission: 'manager',
  requiresSetup: true,
  args: argInput.transform((input, ctx) => {
    const [word, ...extra] = input.words;
    const n = word ? Number(word.text.replace(/^v/i, '')) : Number.NaN;
    if (!word || extra.length || !Number.isInteger(n) || n < 1)
      return fail(ctx, 'Give the number of a version, as `matrix history` lists them, e.g. `matrix restore 3`.');
    return { n };
  }),
  async confirm(ctx, { n }) {
    const { version, areas } = await versionOf(ctx, n);
    return diffBlocks(
      ctx,
      areas,
      `Version ${n} (${localTime(version.at, ctx.channel)}, ${version.action} by ${version.actorName}) ` +
        'replaces the matrix',
    );
  },
  async run(ctx, { n }) {
    const { areas, csv } = await versionOf(ctx, n);
    const before = await currentMatrix(ctx);
    const latest = (await ctx.store.audit.matrixVersions(ctx.channel.id)).length;
    await ctx.store.matrix.replaceAll(ctx.channel.id, areas);
    await ctx.audit({
      action: 'matrix.restore',
      subject: `version ${n}`,
      before: `version ${latest}`,
      after: `version ${n}`,
      announce:
        `restored version ${n} of the matrix: ${areas.length} areas; ` + `it ${diffCounts(matrixDiff(before, areas))}`,
      matrix: csv,
    });
    return ephemeral(
      paragraph(...prose(`Version ${n} of the matrix is back: ${areas.length} areas. Type \`matrix\` to see it.`)),
    );
  },
});

async function versionOf(ctx: ChannelContext, n: number) {
  const found = await findVersion(ctx, n);
  const areas = csvToMatrix(found.csv);
  if (isEmptyDiff(matrixDiff(await currentMatrix(ctx), areas)))
    throw new UserError(`The matrix is already as version ${n} has it: nothing to restore.`);
  return { version: found.version, csv: found.csv, areas };
}

async function findVersion(ctx: ChannelContext, n: number) {
  const found = await ctx.store.audit.matrixVersion(ctx.channel.id, n);
  if (!found) {
    const count = (await ctx.store.audit.matrixVersions(ctx.channel.id)).length;
    throw new UserError(
      count
        ? `There is no version ${n} of the matrix: versions go from 1 to ${count}. Type \`matrix history\` to see them.`
        : 'No versions of the matrix are recorded yet, so there is nothing to restore.',
    );
  }
  return found;
}
