import type { Channel, Holiday } from '../../domain/model.js';
import type { ConversationRef } from '../types.js';

export type NewChannel = Omit<Channel, 'id'>;
export type ChannelPatch = Partial<Omit<Channel, 'id' | 'platform' | 'externalId' | 'createdAt'>>;

export interface ChannelRepo {
  find(ref: ConversationRef): Channel | null;
  get(id: number): Channel;
  all(): Channel[];
  create(input: NewChannel): Channel;
  update(id: number, patch: ChannelPatch): Channel;
  holidays(channelId: number): Holiday[];
  /** Adds or renames the holiday on that date. */
  putHoliday(channelId: number, holiday: Holiday): void;
  removeHoliday(channelId: number, date: string): boolean;
}
