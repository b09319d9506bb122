import type { Team } from './escalation.js';
import type { MatrixArea, Mention, Owner } from './model.js';
import { OwnershipIndex } from './ownership.js';

/*
 * Who receives an escalation — the whole rule, the same one `who owns` answers with:
 *
 * 1. The matrix at that instant: in business hours the area's business-hours owner, outside them
 *    (evenings, non-working days, holidays) its after-hours owner. An area whose after-hours owner is
 *    internal goes to the internal side at 02:00; `who owns` says so at the same moment.
 * 2. `shared` mentions both sides; whoever acknowledges first takes it. Until then the internal side
 *    is listed first.
 * 3. No area given and none recognisable in the summary → the MSP. The escalation path of the
 *    co-managed model runs from the internal team (first point of contact) to the MSP's
 *    specialists; what the internal team cannot name is most likely theirs. When the summary
 *    could mean several areas the command asks for `area:` instead of guessing.
 * 4. `to:internal|msp` overrides the matrix; the escalation keeps what the matrix said, and the card
 *    says it was sent by choice.
 * 5. When the area is inferred from the summary, words that say *when* ("last night", "over the
 *    weekend", "this morning", "after hours") are not evidence of *what*: they are dropped before
 *    matching, or every overnight incident would look like the after-hours coverage area. An
 *    explicit `area:` can still name that area.
 * 6. Who sent it is not part of the route: the opener's side is what is known of them (sides.ts),
 *    or unknown, and never follows from the direction.
 */

export type RouteReason = 'area_owner' | 'no_area' | 'chosen';

export interface Route {
  /** The side that acts first: for a shared area the internal side until someone acknowledges. */
  toTeam: Team;
  /** Both sides are notified and whoever acknowledges takes it. */
  shared: boolean;
  reason: RouteReason;
  /** What the matrix says at that instant (the MSP when there is no area). */
  matrixOwner: Owner;
  inBusinessHours: boolean;
}

/** Who owns an area at an instant: its business-hours owner in business hours, else its after-hours owner. */
export function ownerAt(area: Pick<MatrixArea, 'businessOwner' | 'afterHoursOwner'>, inBusinessHours: boolean): Owner {
  return inBusinessHours ? area.businessOwner : area.afterHoursOwner;
}

/** The receiving side at this instant, and why: the matrix's owner now, or the side chosen with `to:`. */
export function routeEscalation(
  area: Pick<MatrixArea, 'businessOwner' | 'afterHoursOwner'> | null,
  inBusinessHours: boolean,
  chosen?: Team,
): Route {
  const matrixOwner: Owner = area ? ownerAt(area, inBusinessHours) : 'msp';
  if (chosen) return { toTeam: chosen, shared: false, reason: 'chosen', matrixOwner, inBusinessHours };
  return {
    toTeam: teamOf(matrixOwner),
    shared: matrixOwner === 'shared',
    reason: area ? 'area_owner' : 'no_area',
    matrixOwner,
    inBusinessHours,
  };
}

/** The team that acts first for an owner value: shared means the internal team first. */
export function teamOf(owner: Owner): Team {
  return owner === 'msp' ? 'msp' : 'internal';
}

/**
 * The area's contact when it belongs to the receiving side. A matrix area has one contact, a person
 * or group of its business-hours owner; when another side covers the area (the MSP at night for an
 * internal area), waking the internal contact would defeat after-hours coverage. A shared escalation
 * notifies both sides, so its contact too.
 */
export function contactFor(
  area: Pick<MatrixArea, 'businessOwner' | 'contact'> | null,
  toTeam: Team,
  shared = false,
): Mention | null {
  if (!area?.contact) return null;
  if (shared || area.businessOwner === 'shared') return area.contact;
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
