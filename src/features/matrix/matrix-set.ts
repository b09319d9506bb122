import { matrixDiff } from '../../domain/matrix-diff.js';
import {
  MAX_ALIAS,
  MAX_ALIASES,
  MAX_AREA_NAME,
  MAX_AREAS,
  MAX_AREA_NOTE as MAX_NOTE,
} from '../../domain/matrix-limits.js';
import type { MatrixAreaInput, Mention, Owner } from '../../domain/model.js';
import { areaKey } from '../../domain/normalize.js';
import { argInput, fail, parseMention, parseOwner } from '../../kernel/args.js';
import { defineCommand } from '../../kernel/command.js';
import { UserError } from '../../kernel/errors.js';
import { ownerName } from '../../kernel/format.js';
import { bold, ephemeral, paragraph, text } from '../../kernel/reply.js';
import { matrixSnapshot } from './matrix-diff-blocks.js';

export { MAX_ALIAS, MAX_ALIASES, MAX_AREA_NAME, MAX_NOTE };

interface SetArgs {
  name: string;
  businessOwner?: Owner;
  afterHoursOwner?: Owner;
  /** null clears the contact. */
  contact?: Mention | null;
  aliases?: string[];
  note?: string;
}

export const matrixSet = defineCommand({
  id: 'matrix.set',
  path: ['matrix', 'set'],
  usage:
    'matrix set <area> [business:<internal|msp|shared>] [after-hours:<internal|msp|shared>] [contact:<@handle>] ' +
    '[aliases:"a, b"] [note:"…"]',
  summary: 'Add an area to the matrix or change one',
  examples: [
    'matrix set patching business:msp contact:@northwind-noc',
    'matrix set "label printers" business:internal aliases:"zebra, labels"',
  ],
  permission: 'manager',
  requiresSetup: true,
  options: ['business', 'after-hours', 'contact', 'aliases', 'note'],
  args: argInput.transform((input, ctx): SetArgs => {
    const name = input.words
      .map((w) => w.text)
      .join(' ')
      .trim();
    if (!name) return fail(ctx, 'Name the area to set.');
    if (!areaKey(name)) return fail(ctx, 'An area name needs at least one letter or digit.');
    if (name.length > MAX_AREA_NAME) return fail(ctx, `An area name can be at most ${MAX_AREA_NAME} characters.`);
    const stray = input.words.find((w) => w.option);
    if (stray)
      return fail(
        ctx,
        `\`${stray.option!.key}:\` is not an option of matrix set. Options: business:, after-hours:, contact:, ` +
          `aliases:, note:.`,
      );
    const o = input.options;
    const out: SetArgs = { name };
    for (const [key, prop] of [
      ['business', 'businessOwner'],
      ['after-hours', 'afterHoursOwner'],
    ] as const) {
      if (o[key] === undefined) continue;
      const owner = parseOwner(o[key]!);
      if (!owner) return fail(ctx, `\`${key}:\` must be internal, msp or shared (got “${o[key]}”).`);
      out[prop] = owner;
    }
    if (o.contact !== undefined) {
      if (['none', '-', ''].includes(o.contact.trim().toLowerCase())) out.contact = null;
      else {
        const m = parseMention(o.contact);
        if (!m)
          return fail(ctx, '`contact:` takes a mention, like contact:@northwind-noc, or contact:none to clear it.');
        out.contact = m;
      }
    }
    if (o.aliases !== undefined) {
      const aliases = [
        ...new Set(
          o.aliases
            .split(',')
            .map((a) => a.trim())
            .filter(Boolean),
        ),
      ];
      if (aliases.length > MAX_ALIASES) return fail(ctx, `An area can have at most ${MAX_ALIASES} aliases.`);
      const long = aliases.find((a) => a.length > MAX_ALIAS);
      if (long) return fail(ctx, `The alias “${long.slice(0, 30)}…” is longer than ${MAX_ALIAS} characters.`);
      out.aliases = aliases;
    }
    if (o.note !== undefined) {
      if (o.note.length > MAX_NOTE) return fail(ctx, `A note can be at most ${MAX_NOTE} characters.`);
      out.note = o.note.trim();
    }
    return out;
  }),
  async run(ctx, args) {
    const areas = await ctx.store.matrix.list(ctx.channel.id);
    const existing = areas.find((a) => areaKey(a.name) === areaKey(args.name)) ?? null;
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
    const after: MatrixAreaInput = {
      name: args.name,
      businessOwner: args.businessOwner ?? before!.businessOwner,
      afterHoursOwner: args.afterHoursOwner ?? before?.afterHoursOwner ?? 'msp',
      contact: args.contact !== undefined ? args.contact : (before?.contact ?? null),
      aliases: args.aliases ?? before?.aliases ?? [],
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
    const verb = before ? 'Updated' : 'Added';
    return ephemeral(
      paragraph(
        text(`${verb} `),
        bold(after.name),
        text(
          `: business hours ${ownerName(after.businessOwner, ctx.channel)}; after hours ` +
            `${ownerName(after.afterHoursOwner, ctx.channel)}.`,
        ),
      ),
    );
  },
});

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
