import type {
  Escalation,
  EscalationEvent,
  EscalationEventKind,
  EscalationFacts,
  EscalationPatch,
  EscalationState,
} from '../../domain/escalation.js';

/** What opening an escalation stores; the repository numbers it (ESC-n per channel). */
export type NewEscalation = Omit<Escalation, 'id' | 'seq' | 'routedBy' | 'matrixOwner' | keyof EscalationPatch> &
  Pick<Escalation, 'toTeam'> &
  Partial<Pick<Escalation, 'shared' | 'routedBy' | 'matrixOwner'>>;

export interface NewEscalationEvent {
  at: Date;
  actorId: number | null;
  kind: EscalationEventKind;
  note: string | null;
}

/**
 * Escalations and their history. Windows are half-open, `from <= t < to`; lists in a window are
 * oldest first. These are the queries the morning post and the sync agendas read.
 */
export interface EscalationRepo {
  /** Stores a new open escalation with the channel's next number and its `opened` event. */
  open(input: NewEscalation): Promise<Escalation>;
  get(id: number): Promise<Escalation | null>;
  /** `ESC-seq` of that channel. */
  bySeq(channelId: number, seq: number): Promise<Escalation | null>;
  update(id: number, patch: EscalationPatch): Promise<Escalation>;
  addEvent(escalationId: number, event: NewEscalationEvent): Promise<void>;
  /** The escalation's history, oldest first. */
  events(escalationId: number): Promise<EscalationEvent[]>;
  /** The newest `limit` escalations of the channel, newest first, optionally only in these states. */
  recent(channelId: number, limit: number, states?: readonly EscalationState[]): Promise<Escalation[]>;
  /** How many escalations the channel has, optionally only in these states. */
  count(channelId: number, states?: readonly EscalationState[]): Promise<number>;
  /** Opened in the window, with their state now (for the morning post: `afterHours` marks the night's). */
  openedBetween(channelId: number, from: Date, to: Date): Promise<Escalation[]>;
  /** Handed back in the window (by the latest handback), whatever their state now. */
  handedBackBetween(channelId: number, from: Date, to: Date): Promise<Escalation[]>;
  /** Resolved in the window. */
  resolvedBetween(channelId: number, from: Date, to: Date): Promise<Escalation[]>;
  /** Not resolved yet (open, acknowledged or handed back), oldest first. */
  unresolved(channelId: number): Promise<Escalation[]>;
  /** `unresolved` of many channels in one read (planning), every one asked for present. */
  unresolvedOf(channelIds: readonly number[]): Promise<Map<number, Escalation[]>>;
  /** Notes added in the window, with their escalation, oldest first. */
  notesBetween(channelId: number, from: Date, to: Date): Promise<{ escalation: Escalation; event: EscalationEvent }[]>;
  /** Opened, handed back or resolved in the window, each once, as facts (for the morning post). */
  factsInWindow(channelId: number, from: Date, to: Date): Promise<EscalationFacts[]>;
  /** Not resolved yet and opened before `openedBefore`, as facts, oldest first. */
  unresolvedFacts(channelId: number, openedBefore: Date): Promise<EscalationFacts[]>;
  /**
   * Forgets up to `limit` escalations resolved before `before`, with their history (the history's
   * retention); returns how many.
   */
  pruneResolved(before: Date, limit: number): Promise<number>;
  /** `notesBetween` with each escalation as facts. */
  noteFactsBetween(
    channelId: number,
    from: Date,
    to: Date,
  ): Promise<{ escalation: EscalationFacts; event: EscalationEvent }[]>;
}
