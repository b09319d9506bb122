import { matrixDiff } from '../../domain/matrix-diff.js';
import { MAX_ALIASES, MAX_AREAS } from '../../domain/matrix-limits.js';
import type { MatrixArea, MatrixAreaInput } from '../../domain/model.js';
import { areaKey } from '../../domain/normalize.js';
import { OwnershipIndex } from '../../domain/ownership.js';
import { type ChannelContext, defineCommand } from '../../kernel/command.js';
import { UserError } from '../../kernel/errors.js';
import { ownerName } from '../../kernel/format.js';
import { bold, context, ephemeral, paragraph, text } from '../../kernel/reply.js';
import { matrixSnapshot } from './matrix-diff-blocks.js';
import { type AliasChange, MATRIX_SET_OPTIONS, matrixSetArgs, type SetArgs } from './matrix-set-args.js';

export { MAX_ALIAS, MAX_ALIASES, MAX_AREA_NAME, MAX_AREA_NOTE as MAX_NOTE } from '../../domain/matrix-limits.js';

export const matrixSet = defineCommand({
  id: 'matrix.set',
  path: ['matrix', 'set'],
  usage:
    'matrix set <area> [business:<internal|msp|shared>] [after-hours:<internal|msp|shared>] [contact:<@handle>] ' +
    '[aliases:"a, b" | aliases+:"c" aliases-:"d"] [note:"…"] [new:yes]',
  summary: 'Add an area to the matrix or change one',
  examples: [
    'matrix set patching business:msp contact:@northwind-noc',
    'matrix set "badge readers" business:internal aliases:"door access, key cards"',
    'matrix set patching aliases+:"hotfixes" aliases-:"os patches"',
  ],
  permission: 'manager',
  requiresSetup: true,
  options: MATRIX_SET_OPTIONS,
  args: matrixSetArgs,
  async run(ctx, args) {
    const areas = await ctx.store.matrix.list(ctx.channel.id);
    const existing = areas.find((a) => areaKey(a.name) === areaKey(args.name)) ?? null;
    if (existing && args.isNew)
      throw usage(`“${existing.name}” is already an area; leave out \`new:yes\` to change it.`);
    if (!existing && !args.isNew) refuseNearName(areas, args);
    const before: MatrixAreaInput | null = existing ? strip(existing) : null;
    if (!before && !args.businessOwner) {
      throw usage(
        `“${args.name}” is a new area: say who owns it in business hours, e.g. \`matrix set "${args.name}" ` +
          `business:msp\`. After hours defaults to msp.`,
      );
    }
    if (!before && areas.length >= MAX_AREAS) {
      throw usage(
        `The matrix already has ${areas.length} areas, the most it can hold (${MAX_AREAS}). Remove one with ` +
          `\`matrix remove <area>\` first.`,
      );
    }
    const aliases = changedAliases(before, args.aliases);
    const after: MatrixAreaInput = {
      name: args.name,
      businessOwner: args.businessOwner ?? before!.businessOwner,
      afterHoursOwner: args.afterHoursOwner ?? before?.afterHoursOwner ?? 'msp',
      contact: args.contact !== undefined ? args.contact : (before?.contact ?? null),
      aliases,
      note: args.note ?? before?.note ?? '',
    };
    await ctx.store.matrix.put(ctx.channel.id, after);
    const owners =
      `business hours ${ownerName(after.businessOwner, ctx.channel)}; after hours ` +
      `${ownerName(after.afterHoursOwner, ctx.channel)}`;
    await ctx.audit({
      action: 'matrix.set',
      subject: after.name,
      before,
      after,
      announce: before
        ? `changed the matrix area ${after.name}: ${fieldChanges(before, after)}`
        : `added ${after.name} to the matrix: ${owners}`,
      matrix: await matrixSnapshot(ctx),
    });
    return reply(ctx, before, after, args.aliases);
  },
});

/**
 * A new name that `who owns` would already answer with an existing area ("network" is "complex
 * network issues") is most likely that area: ask, change nothing, and say how to add it anyway.
 */
function refuseNearName(areas: readonly MatrixArea[], args: SetArgs): void {
  const found = new OwnershipIndex(areas).lookup(args.name);
  if (found.kind === 'none') return;
  const near = found.kind === 'match' ? [found.area] : found.candidates;
  const why = found.kind === 'match' && !found.fromNote ? ` (it matches “${found.via}”)` : '';
  const names = near.map((a) => `“${a.name}”`).join(', ');
  const options = setOptionsText(args);
  throw usage(
    `There is no area named “${args.name}”, but \`who owns ${args.name}\` already answers ${names}${why}. ` +
      `Did you mean it? To change it: \`matrix set "${near[0]!.name}"${options}\`. To add “${args.name}” as a ` +
      `new area anyway: \`matrix set "${args.name}"${options} new:yes\`.`,
  );
}

/** The options as typed again, for the examples in a reply. */
function setOptionsText(args: SetArgs): string {
  const parts: string[] = [];
  if (args.businessOwner) parts.push(`business:${args.businessOwner}`);
  if (args.afterHoursOwner) parts.push(`after-hours:${args.afterHoursOwner}`);
  if (args.aliases && 'replace' in args.aliases) parts.push(`aliases:"${args.aliases.replace.join(', ')}"`);
  if (args.aliases && 'add' in args.aliases && args.aliases.add.length)
    parts.push(`aliases+:"${args.aliases.add.join(', ')}"`);
  return parts.length ? ` ${parts.join(' ')}` : '';
}

/** The aliases after the change: replaced, or the current ones with some added and some removed. */
function changedAliases(before: MatrixAreaInput | null, change: AliasChange | undefined): string[] {
  const current = before?.aliases ?? [];
  if (!change) return [...current];
  if ('replace' in change) return change.replace;
  const keys = new Set(current.map(areaKey));
  const missing = change.remove.filter((a) => !keys.has(areaKey(a)));
  if (missing.length) {
    const list = current.length ? current.join(', ') : 'none';
    throw usage(
      `${missing.map((a) => `“${a}”`).join(', ')} ${missing.length === 1 ? 'is not an alias' : 'are not aliases'} ` +
        `of ${before?.name ?? 'this area'}; its aliases: ${list}.`,
    );
  }
  const removed = new Set(change.remove.map(areaKey));
  const kept = current.filter((a) => !removed.has(areaKey(a)));
  const added = change.add.filter((a) => !kept.some((k) => areaKey(k) === areaKey(a)));
  const out = [...kept, ...added];
  if (out.length > MAX_ALIASES)
    throw usage(`An area can have at most ${MAX_ALIASES} aliases; with these it would have ${out.length}.`);
  return out;
}

function reply(ctx: ChannelContext, before: MatrixAreaInput | null, after: MatrixAreaInput, change?: AliasChange) {
  const blocks = [
    paragraph(
      text(`${before ? 'Updated' : 'Added'} `),
      bold(after.name),
      text(
        `: business hours ${ownerName(after.businessOwner, ctx.channel)}; after hours ` +
          `${ownerName(after.afterHoursOwner, ctx.channel)}.`,
      ),
    ),
  ];
  const was = before?.aliases ?? [];
  const list = (xs: readonly string[]) => (xs.length ? xs.join(', ') : 'none');
  if (change && 'replace' in change && before)
    blocks.push(paragraph(text(`Aliases replaced: they were ${list(was)}; now ${list(after.aliases)}.`)));
  else if (change && 'add' in change && before) {
    const added = after.aliases.filter((a) => !was.includes(a));
    const removed = was.filter((a) => !after.aliases.includes(a));
    const already = change.add.filter((a) => was.some((w) => areaKey(w) === areaKey(a)));
    const what = [
      added.length ? `added ${added.join(', ')}` : '',
      removed.length ? `removed ${removed.join(', ')}` : '',
      already.length ? `${already.join(', ')} ${already.length === 1 ? 'was' : 'were'} already there` : '',
    ]
      .filter(Boolean)
      .join('; ');
    blocks.push(paragraph(text(`Aliases ${what || 'unchanged'}; now ${list(after.aliases)}.`)));
  } else if (after.aliases.length && !before) blocks.push(paragraph(text(`Aliases: ${list(after.aliases)}.`)));
  if (change && 'replace' in change && before)
    blocks.push(context(text('To add or remove some without replacing the rest: aliases+:"…" and aliases-:"…".')));
  return ephemeral(...blocks);
}

/** `business: internal → msp; contact: — → @pat`, or `no change`. */
function fieldChanges(before: MatrixAreaInput, after: MatrixAreaInput): string {
  const changes = matrixDiff([before], [after]).changed[0]?.changes ?? [];
  return changes.map((f) => `${f.field}: ${f.from || '—'} → ${f.to || '—'}`).join('; ') || 'no change';
}

function strip(a: MatrixAreaInput): MatrixAreaInput {
  return {
    name: a.name,
    businessOwner: a.businessOwner,
    afterHoursOwner: a.afterHoursOwner,
    contact: a.contact,
    aliases: a.aliases,
    note: a.note,
  };
}

function usage(message: string): UserError {
  return new UserError(message, 'usage');
}
