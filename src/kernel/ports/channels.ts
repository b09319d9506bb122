import type { Channel, Holiday } from '../../domain/model.js';
import type { ConversationRef } from '../types.js';

export type NewChannel = Omit<Channel, 'id' | 'ladders'> & Partial<Pick<Channel, 'ladders'>>;
export type ChannelPatch = Partial<Omit<Channel, 'id' | 'platform' | 'externalId' | 'createdAt'>>;

export interface ChannelRepo {
  find(ref: ConversationRef): Promise<Channel | null>;
  get(id: number): Promise<Channel>;
  /** Every channel in use (not retired by `setup reset`). */
  all(): Promise<Channel[]>;
  /** `all()` a page at a time: up to `limit` channels in use with an id above `afterId`, by id. */
  page(afterId: number, limit: number): Promise<Channel[]>;
  create(input: NewChannel): Promise<Channel>;
  update(id: number, patch: ChannelPatch): Promise<Channel>;
  holidays(channelId: number): Promise<Holiday[]>;
  /** `holidays` of many channels in one read (planning), every one asked for present. */
  holidaysOf(channelIds: readonly number[]): Promise<Map<number, Holiday[]>>;
  /** Adds or renames the holiday on that date. */
  putHoliday(channelId: number, holiday: Holiday): Promise<void>;
  removeHoliday(channelId: number, date: string): Promise<boolean>;
  /**
   * Retires the channel (`setup reset`): its row and history stay, its conversation is free for a new
   * setup, and it is no longer among `all()`.
   */
  retire(id: number, at: Date): Promise<void>;
}
