import type { Mention } from '../../domain/model.js';
import { parseSide, type Side } from '../../domain/sides.js';
import { argInput, fail } from '../../kernel/args.js';
import { defineCommand } from '../../kernel/command.js';
import { Refused, UserError } from '../../kernel/errors.js';
import { sideName } from '../../kernel/placement.js';
import { ephemeral, paragraph, prose } from '../../kernel/reply.js';

/** `internal`, `msp`, or `unknown` (clear what was set). */
function sideWord(word: string | undefined): Side | 'unknown' | null {
  if (!word) return null;
  return word.trim().toLowerCase() === 'unknown' ? 'unknown' : parseSide(word);
}

export const peopleSet = defineCommand({
  id: 'people.set',
  path: ['people', 'set'],
  usage: 'people set <@person> <internal|msp|unknown>',
  summary: "Say which side a person is on (unknown clears it: their organisation's mapping decides again)",
  examples: ['people set @sam msp', 'people set @carol internal'],
  permission: 'manager',
  requiresSetup: true,
  args: argInput.transform((input, ctx): { who: Mention; side: Side | 'unknown' } => {
    const [first, second, ...extra] = input.words;
    const side = sideWord(second?.text);
    if (first?.mention?.kind !== 'user' || !side || extra.length)
      return fail(ctx, 'Mention one person and a side, like `people set @sam msp` (or internal, or unknown).');
    return { who: first.mention, side };
  }),
  async run(ctx, { who, side }) {
    const person = await ctx.personFor(who);
    const known = await ctx.store.sides.person(ctx.channel.id, person.id);
    const manages = await ctx.store.managers.sideOf(ctx.channel.id, person.id);
    if (!known && !manages) {
      throw new Refused(
        `I have not seen @${person.name} in this channel yet, so I cannot place them. They become known here when ` +
          `they run any Tandem command (\`help\` will do); then \`people set @${person.name} ${side}\`.`,
      );
    }
    if (manages && side !== manages) {
      throw new Refused(
        `@${person.name} manages ${sideName(manages, ctx.channel)}, so they are on that side. A manager of that side ` +
          `removes them first (\`managers remove @${person.name}\`) if that is wrong.`,
      );
    }
    const before = await ctx.sideOf(person);
    if ((known?.assigned ?? null) === (side === 'unknown' ? null : side))
      throw new UserError(`@${person.name} is already ${side === 'unknown' ? 'not set by hand' : `set to ${side}`}.`);
    await ctx.store.sides.assign(ctx.channel.id, person.id, side === 'unknown' ? null : side, ctx.actor.name, ctx.now);
    const after = await ctx.sideOf(person);
    const [from, to] = [sideName(before.side, ctx.channel), sideName(after.side, ctx.channel)];
    await ctx.audit({
      action: 'people.set',
      subject: person.name,
      before: before.side ?? 'unknown',
      after: after.side ?? 'unknown',
      announce:
        side === 'unknown'
          ? `cleared the side set for @${person.name}: ${from} → ${to}${after.source ? ` (${after.source})` : ''}`
          : `placed @${person.name} on ${to} (was ${from})`,
    });
    return ephemeral(paragraph(...prose(`@${person.name} is now on ${to}. \`people\` lists everyone.`)));
  },
});

export const peopleOrg = defineCommand({
  id: 'people.org',
  path: ['people', 'org'],
  usage: 'people org <organisation id> <internal|msp|unknown>',
  summary: 'Place everyone from an organisation the platform reported here (a Slack workspace, a Teams tenant)',
  examples: ['people org T0MSP4321 msp', 'people org 72f988bf-86f1-41af-91ab-2d7cd011db47 internal'],
  permission: 'manager',
  requiresSetup: true,
  args: argInput.transform((input, ctx) => {
    const [idWord, sideToken, ...extra] = input.words;
    const side = sideWord(sideToken?.text);
    if (!idWord || idWord.mention || !side || extra.length)
      return fail(ctx, 'Give the organisation id and a side, like `people org T0MSP4321 msp`. `people` lists the ids.');
    return { orgId: idWord.text, side };
  }),
  async run(ctx, { orgId, side }) {
    const orgs = await ctx.store.sides.orgs(ctx.channel.id);
    const org = orgs.find((o) => o.orgId === orgId) ?? orgs.find((o) => o.orgId.toLowerCase() === orgId.toLowerCase());
    if (!org) {
      const seen = orgs.map((o) => o.orgId).join(', ');
      throw new Refused(
        `No one from an organisation “${orgId.slice(0, 40)}” has spoken in this channel, so I cannot map it: only ` +
          'organisations the platform reported here can be. ' +
          `${seen ? `Reported here: ${seen}.` : 'None reported yet.'} ` +
          'Type `people` to see them.',
      );
    }
    const wanted = side === 'unknown' ? null : side;
    if (org.side === wanted)
      throw new UserError(`Organisation ${org.orgId} is already ${wanted ? `mapped to ${wanted}` : 'not mapped'}.`);
    await ctx.store.sides.mapOrg(ctx.channel.id, org.orgId, wanted, ctx.actor.name, ctx.now);
    const [from, to] = [org.side ?? 'not mapped', wanted ?? 'not mapped'];
    await ctx.audit({
      action: 'people.org',
      subject: org.orgId,
      before: from,
      after: to,
      announce: wanted
        ? `mapped organisation ${org.orgId} to ${sideName(wanted, ctx.channel)}: everyone from it is placed there`
        : `unmapped organisation ${org.orgId} (was ${from}): its people are side unknown unless set by hand`,
    });
    return ephemeral(
      paragraph(
        ...prose(
          wanted
            ? `Everyone from ${org.orgId} is now on ${sideName(wanted, ctx.channel)}, unless a manager set them ` +
                'otherwise.'
            : `${org.orgId} is no longer mapped.`,
        ),
      ),
    );
  },
});
