import { matrixToCsv } from '../../domain/matrix-csv.js';
import { type MatrixDiff, matrixDiff } from '../../domain/matrix-diff.js';
import type { MatrixAreaInput } from '../../domain/model.js';
import type { ChannelContext } from '../../kernel/command.js';
import { ownerName } from '../../kernel/format.js';
import { type Block, bold, list, paragraph, type Span, text } from '../../kernel/reply.js';

/** Each list of the diff shows this many areas, then a count of the rest. */
const MAX_LISTED = 15;

/** An area as stored, without its identity: what CSV, audit and diffs compare. */
export function inputOf(a: MatrixAreaInput): MatrixAreaInput {
  return {
    name: a.name,
    businessOwner: a.businessOwner,
    afterHoursOwner: a.afterHoursOwner,
    contact: a.contact,
    aliases: a.aliases,
    note: a.note,
  };
}

/** The channel's whole matrix now, as areas. */
export async function currentMatrix(ctx: ChannelContext): Promise<MatrixAreaInput[]> {
  return (await ctx.store.matrix.list(ctx.channel.id)).map(inputOf);
}

/** The channel's whole matrix now, as the CSV a version is kept as (after a change, in its transaction). */
export async function matrixSnapshot(ctx: ChannelContext): Promise<string> {
  return matrixToCsv(await currentMatrix(ctx));
}

/** `adds 2, changes 1, removes 14`. */
export function diffCounts(d: MatrixDiff): string {
  return `adds ${d.added.length}, changes ${d.changed.length}, removes ${d.removed.length}`;
}

/** What replacing the matrix with `after` would do, as blocks: each area added, changed (field by field), removed. */
export async function diffBlocks(
  ctx: ChannelContext,
  after: readonly MatrixAreaInput[],
  what: string,
): Promise<Block[]> {
  return diffOf(ctx, matrixDiff(await currentMatrix(ctx), after), after.length, what);
}

function diffOf(ctx: ChannelContext, d: MatrixDiff, total: number, what: string): Block[] {
  const owners = (a: MatrixAreaInput) =>
    ` — business hours ${ownerName(a.businessOwner, ctx.channel)}; ` +
    `after hours ${ownerName(a.afterHoursOwner, ctx.channel)}`;
  const blocks: Block[] = [paragraph(bold(what), text(`: ${total} areas; it ${diffCounts(d)}.`))];
  if (d.added.length) {
    blocks.push(
      paragraph(bold(`Adds (${d.added.length})`)),
      capped(d.added.map((a) => [bold(a.name), text(owners(a))])),
    );
  }
  if (d.changed.length) {
    blocks.push(
      paragraph(bold(`Changes (${d.changed.length})`)),
      capped(
        d.changed.map((c) => [
          bold(c.name),
          text(` — ${c.changes.map((f) => `${f.field}: ${f.from || '—'} → ${f.to || '—'}`).join('; ')}`),
        ]),
      ),
    );
  }
  if (d.removed.length) {
    blocks.push(
      paragraph(bold(`Removes (${d.removed.length})`)),
      capped(d.removed.map((a) => [bold(a.name), text(owners(a))])),
    );
  }
  if (!d.added.length && !d.changed.length && !d.removed.length) {
    blocks.push(paragraph(text(d.reordered ? 'Only the order of the areas changes.' : 'Nothing changes.')));
  }
  return blocks;
}

function capped(items: Span[][]): Block {
  const shown = items.slice(0, MAX_LISTED);
  if (items.length > MAX_LISTED) shown.push([text(`…and ${items.length - MAX_LISTED} more`)]);
  return list(shown);
}
