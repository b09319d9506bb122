import type { Owner, Priority } from './model.js';
import type { Side, SideOrUnknown } from './sides.js';

/** The two sides of the co-managed split that send and receive escalations. */
export type Team = Side;

export type EscalationState = 'open' | 'acknowledged' | 'handed_back' | 'resolved';
export const ESCALATION_STATES: readonly EscalationState[] = ['open', 'acknowledged', 'handed_back', 'resolved'];

/** Not resolved yet: open, acknowledged or handed back. */
export const UNRESOLVED_STATES: readonly EscalationState[] = ['open', 'acknowledged', 'handed_back'];

/** One escalation as stored. Instants are UTC; people are ids in the people table. */
export interface Escalation {
  id: number;
  channelId: number;
  /** The n of `ESC-n`, counted per channel. */
  seq: number;
  summary: string;
  areaId: number | null;
  /** The area's name when it was opened (kept when the area is later renamed or removed). */
  areaName: string | null;
  priority: Priority;
  ticket: string | null;
  fromPersonId: number | null;
  /** The opener's side when it was opened (their real side, see sides.ts), or `unknown`: never guessed. */
  fromTeam: SideOrUnknown;
  /** The side that has it: for a shared escalation the internal side until someone acknowledges. */
  toTeam: Team;
  /** Sent to both sides (a shared area); whoever acknowledges first takes it, and this turns false. */
  shared: boolean;
  /** Routed by the matrix at that instant, or sent to `toTeam` by choice (`to:`). */
  routedBy: 'matrix' | 'choice';
  /** What the matrix said when it was opened (the MSP when there was no area). */
  matrixOwner: Owner;
  state: EscalationState;
  /** Opened outside business hours (evening, weekend or holiday): the morning post picks these up. */
  afterHours: boolean;
  openedAt: Date;
  /**
   * The first response: an acknowledgement, or a handback or resolution of a still-open escalation
   * (those are answers too). Never moved by later acknowledgements, so MTTA reads it directly.
   */
  acknowledgedAt: Date | null;
  acknowledgedBy: number | null;
  /** The latest handback, with its note. */
  handedBackAt: Date | null;
  handedBackBy: number | null;
  handbackNote: string | null;
  resolvedAt: Date | null;
  resolvedBy: number | null;
  resolutionNote: string | null;
  /** How many ladder steps after the first were posted: the ladder's current step is this index. */
  renotifyCount: number;
  /** The escalation this one duplicates (`resolve ESC-3 duplicate:ESC-2`), kept out of the figures. */
  duplicateOf: number | null;
}

export type EscalationEventKind =
  | 'opened'
  | 'acknowledged'
  | 'handed_back'
  | 'resolved'
  | 'note'
  | 'renotified'
  | 'reopened'
  /** A paging tool was paged (the note names the integration and the step). */
  | 'paged';

/** One line of an escalation's history: every transition and note, who and when. */
export interface EscalationEvent {
  id: number;
  escalationId: number;
  at: Date;
  /** null for the bot's own events (re-notifications). */
  actorId: number | null;
  kind: EscalationEventKind;
  note: string | null;
}

/**
 * What places an escalation in a list and orders it, without its texts: cheap to read by the
 * thousand (the morning post decides on these and reads the full record of the few it shows).
 */
export type EscalationFacts = Pick<
  Escalation,
  'id' | 'seq' | 'priority' | 'state' | 'toTeam' | 'handedBackAt' | 'openedAt'
>;

/** `ESC-4`. */
export function escalationLabel(e: Pick<Escalation, 'seq'>): string {
  return `ESC-${e.seq}`;
}

export function otherTeam(team: Team): Team {
  return team === 'internal' ? 'msp' : 'internal';
}

/**
 * The side that has the escalation now: the receiving side, or once it was handed back the other
 * side, also after that side acknowledged it. `escalations`, the agendas and the card agree on it.
 */
export function holderOf(e: Pick<Escalation, 'toTeam' | 'handedBackAt'>): Team {
  return e.handedBackAt !== null ? otherTeam(e.toTeam) : e.toTeam;
}

/** The columns a transition changes. */
export type EscalationPatch = Partial<
  Pick<
    Escalation,
    | 'state'
    | 'acknowledgedAt'
    | 'acknowledgedBy'
    | 'handedBackAt'
    | 'handedBackBy'
    | 'handbackNote'
    | 'resolvedAt'
    | 'resolvedBy'
    | 'resolutionNote'
    | 'renotifyCount'
    | 'toTeam'
    | 'shared'
    | 'duplicateOf'
  >
>;
