import type { HandoffNote } from '../../domain/model.js';

export type NewHandoffNote = Omit<HandoffNote, 'id'>;

/** The after-hours log of `handoff note`, read by the morning post. */
export interface HandoffNoteRepo {
  add(note: NewHandoffNote): Promise<HandoffNote>;
  /** Notes of the channel written in `from <= at < to`, oldest first. */
  between(channelId: number, from: Date, to: Date): Promise<HandoffNote[]>;
  /** Forgets up to `limit` notes written before `before` (the history's retention); returns how many. */
  prune(before: Date, limit: number): Promise<number>;
}
