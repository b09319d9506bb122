import type { Team } from './escalation.js';
import type { MatrixArea, Mention, Owner } from './model.js';
import { OwnershipIndex } from './ownership.js';

/*
 * Who receives an escalation — the whole rule:
 *
 * 1. Outside business hours (evenings, non-working days, holidays) the MSP receives everything:
 *    it is the after-hours team (PRODUCT.md capability 2). The matrix's after-hours owner is not
 *    consulted, on purpose: nobody on the internal side is on call.
 * 2. In business hours the area's business-hours owner receives it: internal → internal, msp → msp,
 *    shared → internal (the internal team first, the MSP on overflow).
 * 3. No area given and none recognisable in the summary → the MSP. The escalation path of the
 *    co-managed model runs from the internal team (first point of contact) to the MSP's
 *    specialists; what the internal team cannot name is most likely theirs. When the summary
 *    could mean several areas the command asks for `area:` instead of guessing.
 * 4. When the area is inferred from the summary, words that say *when* ("last night", "over the
 *    weekend", "this morning", "after hours") are not evidence of *what*: they are dropped before
 *    matching, or every overnight incident would look like the after-hours coverage area. An
 *    explicit `area:` can still name that area.
 * 5. Who sent it is not part of the route: the opener's side is what is known of them (sides.ts),
 *    or unknown, and never follows from the direction.
 */

export type RouteReason = 'after_hours' | 'area_owner' | 'no_area';

export interface Route {
  toTeam: Team;
  reason: RouteReason;
}

/** The receiving team at this moment, and why. */
export function routeEscalation(area: Pick<MatrixArea, 'businessOwner'> | null, inBusinessHours: boolean): Route {
  let toTeam: Team;
  let reason: RouteReason;
  if (!inBusinessHours) {
    toTeam = 'msp';
    reason = 'after_hours';
  } else if (area) {
    toTeam = teamOf(area.businessOwner);
    reason = 'area_owner';
  } else {
    toTeam = 'msp';
    reason = 'no_area';
  }
  return { toTeam, reason };
}

/** The team that acts first for an owner value: shared means the internal team first. */
export function teamOf(owner: Owner): Team {
  return owner === 'msp' ? 'msp' : 'internal';
}

/**
 * The area's contact when it belongs to the receiving team. A matrix area has one contact, a person
 * or group of its business-hours owner (the internal side for shared areas); at night the MSP
 * receives internal areas, and waking the internal contact would defeat after-hours coverage.
 */
export function contactFor(area: Pick<MatrixArea, 'businessOwner' | 'contact'> | null, toTeam: Team): Mention | null {
  if (!area?.contact) return null;
  return teamOf(area.businessOwner) === toTeam ? area.contact : null;
}

/** Which area an escalation is about, before it is routed. */
export type AreaChoice =
  | { kind: 'area'; area: MatrixArea; inferred: boolean; via: string }
  /** The summary (or the given `area:`) could be several areas: ask, do not guess. */
  | { kind: 'ambiguous'; candidates: MatrixArea[]; given: boolean }
  /** An `area:` was given and matches nothing in the matrix. */
  | { kind: 'unknown'; given: string }
  /** No `area:` and nothing in the summary names one. */
  | { kind: 'none' };

/**
 * The area named by `area:` (forgiving: aliases, case, plurals, small typos — the same matching as
 * `who owns`), or else the one the summary names.
 */
export function chooseArea(areas: readonly MatrixArea[], summary: string, given?: string): AreaChoice {
  const index = new OwnershipIndex(areas);
  if (given !== undefined) {
    const found = index.lookup(given);
    if (found.kind === 'match') return { kind: 'area', area: found.area, inferred: false, via: found.via };
    if (found.kind === 'ambiguous') return { kind: 'ambiguous', candidates: found.candidates, given: true };
    return { kind: 'unknown', given };
  }
  const found = index.lookup(withoutTimeWords(summary));
  if (found.kind === 'match') return { kind: 'area', area: found.area, inferred: true, via: found.via };
  if (found.kind === 'ambiguous') return { kind: 'ambiguous', candidates: found.candidates, given: false };
  return { kind: 'none' };
}

const TIME_WORDS = new RegExp(
  [
    String.raw`\b(?:after[\s-]+hours|out[\s-]+of[\s-]+hours|over\s*nights?|to\s*nights?|nights?|nightly`,
    String.raw`|weekends?|mornings?|evenings?|yesterday|today|tomorrow)\b`,
  ].join(''),
  'giu',
);

/** The summary without the words that only say when something happened. */
export function withoutTimeWords(summary: string): string {
  return summary.replace(TIME_WORDS, ' ');
}
