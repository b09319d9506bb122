/*
 * The two sides of a co-managed channel, and who is on which. A person's side in a channel comes,
 * in this order, from a manager's word (`people set`), else from being a manager of a side, else from
 * the platform's organisation id (a Slack home workspace, a Teams tenant) once a manager has mapped
 * that organisation to a side (`people org`); else it is unknown. Nothing here guesses: an
 * organisation nobody mapped places nobody.
 */

/** The internal IT team's organisation, or the MSP. */
export type Side = 'internal' | 'msp';
export const SIDES: readonly Side[] = ['internal', 'msp'];

/** A side, or `unknown` when nobody said and the platform's word is not mapped. */
export type SideOrUnknown = Side | 'unknown';

export function parseSide(word: string): Side | null {
  const w = word.trim().toLowerCase();
  return w === 'internal' || w === 'msp' ? w : null;
}

export function otherSide(side: Side): Side {
  return side === 'internal' ? 'msp' : 'internal';
}

/** Where a person's side came from: a manager's word, their being a manager of it, or their organisation's mapping. */
export type SideSource = 'assigned' | 'manager' | 'organisation';

export interface Placement {
  side: Side | null;
  source: SideSource | null;
  /** The organisation the platform reported for the person, mapped or not. */
  orgId: string | null;
}

/** A person's side from what is known of them, in the order of precedence above. */
export function place(known: {
  assigned: Side | null;
  managerOf: Side | null;
  orgId: string | null;
  orgSide: Side | null;
}): Placement {
  if (known.assigned) return { side: known.assigned, source: 'assigned', orgId: known.orgId };
  if (known.managerOf) return { side: known.managerOf, source: 'manager', orgId: known.orgId };
  if (known.orgId && known.orgSide) return { side: known.orgSide, source: 'organisation', orgId: known.orgId };
  return { side: null, source: null, orgId: known.orgId };
}

/** A manager of one side. */
export interface SideManager {
  side: Side;
}

/** Who is changing the manager list: a manager of a side, or an operator's administrator (side null). */
export interface ManagerActor {
  side: Side | null;
  admin: boolean;
}

/**
 * Why `by` may not make someone a manager of `side`, or null when they may: a manager adds managers
 * to their own side, and the other side's first manager while it has none; administrators add to either.
 */
export function managerAddRefusal(managers: readonly SideManager[], by: ManagerActor, side: Side): 'other_side' | null {
  if (by.admin || by.side === side) return null;
  return managers.some((m) => m.side === side) ? 'other_side' : null;
}

/**
 * Why `by` may not remove `target` from the managers, or null when they may: each side keeps at least
 * one manager (so nobody removes the other side's last one, nor their own), and a manager removes
 * only managers of their own side; administrators remove on either side, the last one excepted.
 */
export function managerRemoveRefusal(
  managers: readonly SideManager[],
  by: ManagerActor,
  target: SideManager,
): 'last_of_side' | 'other_side' | null {
  const ofSide = managers.filter((m) => m.side === target.side);
  if (ofSide.length <= 1) return 'last_of_side';
  if (!by.admin && by.side !== target.side) return 'other_side';
  return null;
}
