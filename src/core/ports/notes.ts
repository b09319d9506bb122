/** One after-hours log entry: what someone did while the other team was away. */
export interface HandoffNote {
  id: number;
  channelId: number;
  at: Date;
  /** null when the author is no longer known. */
  authorId: number | null;
  text: string;
  /**
   * Written during business hours but meant for the next morning post. Notes written after hours
   * belong to their window without it.
   */
  overnight: boolean;
}

export type NewHandoffNote = Omit<HandoffNote, 'id'>;

/** The after-hours log of `handoff note`, read by the morning post. */
export interface HandoffNoteRepo {
  add(note: NewHandoffNote): HandoffNote;
  /** Notes of the channel written in `from <= at < to`, oldest first. */
  between(channelId: number, from: Date, to: Date): HandoffNote[];
}
