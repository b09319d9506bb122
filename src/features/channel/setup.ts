import { CADENCE_TITLES, type Cadence, describeRule } from '../../domain/cadence.js';
import { DEFAULT_MATRIX } from '../../domain/default-matrix.js';
import { matrixToCsv } from '../../domain/matrix-csv.js';
import type { Mention } from '../../domain/model.js';
import { type Channel, DEFAULT_ACK_TIMEOUTS } from '../../domain/model.js';
import { otherSide, parseSide, type Side } from '../../domain/sides.js';
import { argInput, fail, parseMention, timeZoneArg } from '../../kernel/args.js';
import { fromTo } from '../../kernel/change-words.js';
import { defineUnboundCommand } from '../../kernel/command.js';
import { PermissionDenied, UserError } from '../../kernel/errors.js';
import { hoursLine, teamSpan } from '../../kernel/format.js';
import { sideName } from '../../kernel/placement.js';
import { context, ephemeral, field, fields, header, inChannel, paragraph, prose, text } from '../../kernel/reply.js';
import { cadencesOf } from '../cadence/index.js';
import { seedChannel } from './channel-seed.js';

interface SetupArgs {
  org?: string;
  msp?: string;
  tz?: string;
  internal?: Mention;
  mspTeam?: Mention;
  /** The side of the person setting up: they become its first manager. */
  as?: Side;
}

const MAX_NAME = 80;

export const setup = defineUnboundCommand({
  id: 'setup',
  path: ['setup'],
  menu: 9,
  usage: 'setup org:<name> msp:<name> tz:<IANA zone> [internal:<@handle>] [msp-team:<@handle>] [as:<internal|msp>]',
  summary: 'Register this channel: both organisations, the timezone, the team handles; you manage your side (as:)',
  examples: [
    'setup org:Acme msp:Northwind tz:America/New_York',
    'setup org:"Acme Corp" msp:Northwind tz:Europe/London internal:@it-team msp-team:@northwind-noc',
    'setup org:Acme msp:Northwind tz:America/Chicago as:msp',
  ],
  permission: 'anyone',
  options: ['org', 'msp', 'tz', 'internal', 'msp-team', 'as'],
  args: argInput.transform((input, ctx): SetupArgs => {
    if (input.words.length > 0) {
      return fail(
        ctx,
        `I did not understand “${input.words[0]!.text}”. Give each value as \`key:value\`, quoting names with ` +
          `spaces: org:"Acme Corp".`,
      );
    }
    const o = input.options;
    const out: SetupArgs = {};
    for (const key of ['org', 'msp'] as const) {
      const v = o[key]?.trim();
      if (v === undefined) continue;
      if (!v || v.length > MAX_NAME) return fail(ctx, `\`${key}:\` needs a name of 1 to ${MAX_NAME} characters.`);
      out[key] = v;
    }
    if (o.tz !== undefined) out.tz = timeZoneArg(ctx, o.tz, (zone) => `tz:${zone}`);
    for (const [key, prop] of [
      ['internal', 'internal'],
      ['msp-team', 'mspTeam'],
    ] as const) {
      if (o[key] === undefined) continue;
      const m = parseMention(o[key]!);
      if (!m) return fail(ctx, `\`${key}:\` takes a mention of a person or group, like ${key}:@it-team.`);
      out[prop] = m;
    }
    if (o.as !== undefined) {
      const side = parseSide(o.as);
      if (!side)
        return fail(ctx, `\`as:\` is your side: as:internal (the organisation's IT) or as:msp (got “${o.as}”).`);
      out.as = side;
    }
    return out;
  }),
  async run(ctx, args) {
    const { store } = ctx;
    const existing = ctx.channel;
    if (!existing) {
      const missing = (['org', 'msp', 'tz'] as const).filter((k) => !args[k]);
      if (missing.length) {
        throw new UserError(
          `To register this channel I need ${missing.map((k) => `\`${k}:\``).join(', ')}. For example: \`setup ` +
            `org:Acme msp:Northwind tz:America/New_York\`.`,
        );
      }
      const channel = await store.channels.create({
        platform: ctx.conversation.platform,
        externalId: ctx.conversation.channelId,
        orgName: args.org!,
        mspName: args.msp!,
        timezone: args.tz!,
        workDays: [1, 2, 3, 4, 5],
        dayStart: 8 * 60,
        dayEnd: 17 * 60,
        internalHandle: args.internal ?? null,
        mspHandle: args.mspTeam ?? null,
        morningOffsetMinutes: 0,
        ackTimeouts: { ...DEFAULT_ACK_TIMEOUTS },
        createdAt: ctx.now,
      });
      const side = args.as ?? 'internal';
      await seedChannel(ctx, channel, side);
      await ctx.audit({
        action: 'setup',
        subject: 'channel',
        before: null,
        after: describe(channel),
        // The welcome below is posted in the channel and says it all.
        announce: null,
        matrix: matrixToCsv(DEFAULT_MATRIX),
      });
      return inChannel(
        header(`Tandem is set up for ${channel.orgName} and ${channel.mspName}`),
        fields(
          field('Business hours', hoursLine(channel)),
          field('Internal team', teamSpan('internal', channel)),
          field('MSP team', teamSpan('msp', channel)),
          field('Managers', `@${ctx.actor.name} of ${sideName(side, channel)}`),
        ),
        paragraph(
          ...prose(
            `The responsibility matrix starts with ${DEFAULT_MATRIX.length} common areas. Ask in plain words — ` +
              '“who is responsible for backups?” — see `matrix`, or change hours with `hours set mon-fri 08:00-17:00`.',
          ),
        ),
        paragraph(
          ...prose(
            `Syncs: ${(await cadencesOf(store, channel.id)).map(syncLine).join('; ')}. ` +
              'Each is reminded a day and 15 minutes before, with an agenda; see `cadence`.',
          ),
        ),
        context(
          ...prose(
            `The other side's first manager is added with \`managers add @name ${otherSide(side)}\`; each side then ` +
              'manages its own. Type `help` for every command.',
          ),
        ),
      );
    }
    if (!ctx.isManager && !ctx.isAdmin) {
      throw new PermissionDenied(
        'This channel is already set up; only its managers can change the setup. Type `managers` to see who they ' +
          'are. A workspace owner or admin can take it over with `setup claim`.',
      );
    }
    if (args.as) {
      throw new UserError(
        '`as:` only counts when a channel is first set up. Managers of each side are added with `managers add ' +
          '@name internal` or `managers add @name msp`.',
      );
    }
    const patch = {
      ...(args.org ? { orgName: args.org } : {}),
      ...(args.msp ? { mspName: args.msp } : {}),
      ...(args.tz ? { timezone: args.tz } : {}),
      ...(args.internal ? { internalHandle: args.internal } : {}),
      ...(args.mspTeam ? { mspHandle: args.mspTeam } : {}),
    };
    if (Object.keys(patch).length === 0) {
      throw new UserError(
        'This channel is already set up. Give what to change, e.g. `setup msp:Northwind` or `setup internal:@it-team`.',
      );
    }
    const updated = await store.channels.update(existing.id, patch);
    const [before, after] = [describe(existing), describe(updated)];
    await ctx.audit({
      action: 'setup',
      subject: 'channel',
      before,
      after,
      announce: `changed the setup: ${fromTo(before, after)}`,
    });
    if (updated.timezone !== existing.timezone) await ctx.timesChanged();
    return ephemeral(
      paragraph(text('Setup updated.')),
      fields(
        field('Organisation', updated.orgName),
        field('MSP', updated.mspName),
        field('Business hours', hoursLine(updated)),
        field('Internal team', teamSpan('internal', updated)),
        field('MSP team', teamSpan('msp', updated)),
      ),
    );
  },
});

/** A sync as the welcome lists it, e.g. `weekly sync every Tuesday at 10:00`. */
function syncLine(c: Cadence): string {
  return `${CADENCE_TITLES[c.kind].toLowerCase()} ${describeRule(c)}`;
}

function describe(c: Channel) {
  return {
    org: c.orgName,
    msp: c.mspName,
    timezone: c.timezone,
    internal: c.internalHandle?.label ?? null,
    mspTeam: c.mspHandle?.label ?? null,
  };
}
