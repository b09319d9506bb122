import type { Person } from '../../domain/model.js';
import { type Placement, place, SIDES } from '../../domain/sides.js';
import { noArgs } from '../../kernel/args.js';
import { defineCommand } from '../../kernel/command.js';
import { sideName } from '../../kernel/placement.js';
import type { ChannelOrg } from '../../kernel/ports/sides.js';
import { context, ephemeral, field, fields, prose } from '../../kernel/reply.js';

/** Each side lists this many people, then how many more: the list stays one readable message. */
const MAX_LISTED = 40;

/** A person as `people` lists them: `@sam (organisation T0MSP)`. */
function personLine(p: Person, placement: Placement, assignedBy: string | null): string {
  const why =
    placement.source === 'assigned'
      ? `set by ${assignedBy ?? 'a manager'}`
      : placement.source === 'manager'
        ? 'manager'
        : placement.orgId
          ? `organisation ${placement.orgId}${placement.source ? '' : ', not mapped'}`
          : 'no organisation reported';
  return `@${p.name} (${why})`;
}

function orgLine(o: ChannelOrg, channel: { orgName: string; mspName: string }): string {
  return o.side
    ? `${o.orgId} → ${sideName(o.side, channel)}, by ${o.mappedBy ?? 'a manager'}`
    : `${o.orgId} → not mapped`;
}

export const peopleList = defineCommand({
  id: 'people',
  path: ['people'],
  usage: 'people',
  summary: 'Who is on which side here, and why; the organisations the platform reported',
  permission: 'anyone',
  requiresSetup: true,
  args: noArgs('people'),
  async run(ctx) {
    const { channel, store } = ctx;
    const seen = await store.sides.people(channel.id);
    const managers = await store.managers.list(channel.id);
    const orgs = await store.sides.orgs(channel.id);
    const orgSide = new Map(orgs.map((o) => [o.orgId, o.side]));
    const rows = new Map<number, { person: Person; placement: Placement; assignedBy: string | null }>();
    for (const m of managers) {
      const orgId = m.orgId ?? null;
      rows.set(m.id, {
        person: m,
        placement: place({
          assigned: null,
          managerOf: m.side,
          orgId,
          orgSide: orgId ? (orgSide.get(orgId) ?? null) : null,
        }),
        assignedBy: null,
      });
    }
    for (const s of seen) {
      const orgId = s.person.orgId ?? null;
      const managerOf = managers.find((m) => m.id === s.person.id)?.side ?? null;
      const orgSideOf = orgId ? (orgSide.get(orgId) ?? null) : null;
      const placement = place({ assigned: s.assigned, managerOf, orgId, orgSide: orgSideOf });
      rows.set(s.person.id, { person: s.person, placement, assignedBy: s.assignedBy });
    }
    const all = [...rows.values()];
    const lineOf = (side: (typeof SIDES)[number] | null) => {
      const of = all.filter((r) => r.placement.side === side);
      const shown = of.slice(0, MAX_LISTED).map((r) => personLine(r.person, r.placement, r.assignedBy));
      if (of.length > MAX_LISTED) shown.push(`and ${of.length - MAX_LISTED} more`);
      return shown.join(', ') || 'nobody';
    };
    const unmapped = orgs.filter((o) => !o.side);
    return ephemeral(
      fields(
        ...SIDES.map((side) => field(sideName(side, channel), lineOf(side))),
        field('Side unknown', lineOf(null)),
        field(
          'Organisations',
          [
            ...orgs.slice(0, MAX_LISTED).map((o) => orgLine(o, channel)),
            ...(orgs.length > MAX_LISTED ? [`and ${orgs.length - MAX_LISTED} more`] : []),
          ].join('\n') || 'none reported yet',
        ),
      ),
      context(
        ...prose(
          "A manager sets a person's side with `people set @name internal` (or `msp`), and places everyone from an " +
            `organisation with \`people org ${unmapped[0]?.orgId ?? '<id>'} internal\` (or \`msp\`). ` +
            'Nobody is placed ' +
            'by a guess.',
        ),
      ),
    );
  },
});
