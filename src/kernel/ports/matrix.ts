import type { MatrixArea, MatrixAreaInput } from '../../domain/model.js';

export interface MatrixRepo {
  /**
   * One object per repository, the same however it is reached (the store, or the store a transaction
   * is handed): what caches derived from the matrix are kept by.
   */
  readonly cacheKey: object;
  /** Areas in their display order. */
  list(channelId: number): Promise<MatrixArea[]>;
  /** Creates the area or replaces the one with the same normalised name, keeping its position. */
  put(channelId: number, area: MatrixAreaInput): Promise<MatrixArea>;
  /** The removed area, or null when there was none by that name. */
  remove(channelId: number, name: string): Promise<MatrixArea | null>;
  /** Replaces the whole matrix, in the given order. */
  replaceAll(channelId: number, areas: MatrixAreaInput[]): Promise<void>;
  /**
   * A token that changes whenever the channel's matrix may have changed (a write through this
   * repository, or a commit by another connection): what is derived from `list` stays valid while it is equal.
   */
  version(channelId: number): Promise<string>;
}
