import { bigint, index, json, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { channels } from './channels.js';

/*
 * The responsibility matrix: areas and their aliases.
 * See index.ts for how values are stored.
 */

export const matrixAreas = pgTable(
  'matrix_areas',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    channelId: bigint('channel_id', { mode: 'number' })
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** The normalised name: unique per channel, so "Patching" and "patching" are one area. */
    key: text('key').notNull(),
    businessOwner: text('business_owner', { enum: ['internal', 'msp', 'shared'] }).notNull(),
    afterHoursOwner: text('after_hours_owner', { enum: ['internal', 'msp', 'shared'] }).notNull(),
    contact: json('contact'),
    note: text('note').notNull().default(''),
    position: bigint('position', { mode: 'number' }).notNull(),
  },
  (t) => [uniqueIndex('matrix_areas_channel_key').on(t.channelId, t.key)],
);

export const matrixAliases = pgTable(
  'matrix_aliases',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    areaId: bigint('area_id', { mode: 'number' })
      .notNull()
      .references(() => matrixAreas.id, { onDelete: 'cascade' }),
    alias: text('alias').notNull(),
    position: bigint('position', { mode: 'number' }).notNull(),
  },
  (t) => [index('matrix_aliases_area').on(t.areaId)],
);
