import type { Cadence, CadenceKind, CadenceSettings } from '../../domain/cadence.js';

export type CadencePatch = Partial<Omit<CadenceSettings, 'kind'>>;

/** The channel's sync cadences and their skipped dates. */
export interface CadenceRepo {
  /** The channel's cadences, weekly, monthly, quarterly (only those stored). */
  list(channelId: number): Promise<Cadence[]>;
  /** `list` of many channels in one read (planning), every one asked for present. */
  listOf(channelIds: readonly number[]): Promise<Map<number, Cadence[]>>;
  get(channelId: number, kind: CadenceKind): Promise<Cadence | null>;
  /** Stores each of `settings` whose kind the channel does not have yet; returns the channel's cadences. */
  ensure(channelId: number, settings: readonly CadenceSettings[]): Promise<Cadence[]>;
  update(id: number, patch: CadencePatch): Promise<Cadence>;
  /** Skipped dates (`YYYY-MM-DD`) of a cadence, ascending. */
  skips(cadenceId: number): Promise<string[]>;
  /** `skips` of many cadences in one read (planning), every one asked for present. */
  skipsOf(cadenceIds: readonly number[]): Promise<Map<number, string[]>>;
  /** True when the date was not skipped before. */
  addSkip(cadenceId: number, date: string): Promise<boolean>;
  /** True when the date was skipped. */
  removeSkip(cadenceId: number, date: string): Promise<boolean>;
}
