import type { Cadence, CadenceKind, CadenceSettings } from '../../domain/cadence.js';

export type CadencePatch = Partial<Omit<CadenceSettings, 'kind'>>;

/** The channel's sync cadences and their skipped dates. */
export interface CadenceRepo {
  /** The channel's cadences, weekly, monthly, quarterly (only those stored). */
  list(channelId: number): Promise<Cadence[]>;
  get(channelId: number, kind: CadenceKind): Promise<Cadence | null>;
  /** Stores each of `settings` whose kind the channel does not have yet; returns the channel's cadences. */
  ensure(channelId: number, settings: readonly CadenceSettings[]): Promise<Cadence[]>;
  update(id: number, patch: CadencePatch): Promise<Cadence>;
  /** Skipped dates (`YYYY-MM-DD`) of a cadence, ascending. */
  skips(cadenceId: number): Promise<string[]>;
  /** True when the date was not skipped before. */
  addSkip(cadenceId: number, date: string): Promise<boolean>;
  /** True when the date was skipped. */
  removeSkip(cadenceId: number, date: string): Promise<boolean>;
}
