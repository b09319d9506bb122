import { hoursOf, isBusinessTime } from '../../domain/business-hours.js';
import type { Escalation } from '../../domain/escalation.js';
import { type AreaChoice, chooseArea, type Route, routeEscalation } from '../../domain/escalation-routing.js';
import type { Channel, MatrixArea, Person, Priority } from '../../domain/model.js';
import type { Side, SideOrUnknown } from '../../domain/sides.js';
import { UserError } from '../../kernel/errors.js';
import type { Store } from '../../kernel/ports/store.js';
import { postingTo } from '../../kernel/posting.js';
import { conversationOf } from '../../kernel/types.js';
import { cardMessageKey, loadEscalationCard } from './escalation-card.js';
import { planNextStep } from './ladder-step-job.js';
import { schedulePageSteps } from './page-step-job.js';

export interface EscalateArgs {
  summary: string;
  area?: string;
  priority: Priority;
  ticket?: string;
  /** `to:internal|msp`: sent there whatever the matrix says. */
  to?: Side;
}

/** Who opens, where and when: a person typing `escalate`, or an inbound hook acting for a tool. */
export interface Opening {
  store: Store;
  channel: Channel;
  now: Date;
  opener: Person;
  openerSide: SideOrUnknown;
}

export interface Opened {
  escalation: Escalation;
  route: Route;
  area: MatrixArea | null;
  choice: AreaChoice;
}

/**
 * Opens an escalation in the caller's transaction: routed by the matrix at this moment (or where
 * `to:` says), its card queued, the next step of its ladder and its paging steps scheduled. An
 * unknown or ambiguous area throws a UserError that says what to type.
 */
export async function openEscalation(o: Opening, args: EscalateArgs): Promise<Opened> {
  const { store, channel, now } = o;
  const inHours = isBusinessTime(now, hoursOf(channel, await store.channels.holidays(channel.id)));
  const choice = chooseArea(await store.matrix.list(channel.id), args.summary, args.area);
  const area = resolveChoice(choice, args);
  const route = routeEscalation(area, inHours, args.to);
  const escalation = await store.escalations.open({
    channelId: channel.id,
    summary: args.summary,
    areaId: area?.id ?? null,
    areaName: area?.name ?? null,
    priority: args.priority,
    ticket: args.ticket ?? null,
    fromPersonId: o.opener.id,
    fromTeam: o.openerSide,
    toTeam: route.toTeam,
    shared: route.shared,
    routedBy: route.reason === 'chosen' ? 'choice' : 'matrix',
    matrixOwner: route.matrixOwner,
    afterHours: !inHours,
    openedAt: now,
  });
  await postingTo(store, () => conversationOf(channel), now).post(
    await loadEscalationCard(store, channel, escalation),
    { idempotencyKey: `escalation:${escalation.id}:open`, messageKey: cardMessageKey(escalation) },
  );
  await planNextStep(store, channel, escalation, now);
  await schedulePageSteps(store, channel, escalation, now);
  return { escalation, route, area, choice };
}

function resolveChoice(choice: AreaChoice, args: EscalateArgs): MatrixArea | null {
  switch (choice.kind) {
    case 'area':
      return choice.area;
    case 'none':
      return null;
    case 'unknown':
      throw new UserError(
        `No area in the matrix matches “${choice.given}”. Type \`matrix\` to see the areas, or leave out \`area:\` ` +
          `and I will route by the summary.`,
        'unknown_area',
      );
    case 'ambiguous': {
      const names = choice.candidates.map((a) => `“${a.name}”`).join(', ');
      const example = `escalate ${args.summary.slice(0, 60)} area:"${choice.candidates[0]!.name}"`;
      const what = choice.given ? `\`area:${args.area}\` could be` : 'The summary could be about';
      throw new UserError(
        `${what} more than one area: ${names}. Say which with \`area:\`, e.g. \`${example}\`.`,
        'ambiguous_area',
      );
    }
  }
}
