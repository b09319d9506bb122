import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { channels } from './channels.js';

/*
 * The responsibility matrix: areas and their aliases.
 * See index.ts for how values are stored.
 */

export const matrixAreas = sqliteTable(
  'matrix_areas',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    channelId: integer('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** The normalised name: unique per channel, so "Patching" and "patching" are one area. */
    key: text('key').notNull(),
    businessOwner: text('business_owner', { enum: ['internal', 'msp', 'shared'] }).notNull(),
    afterHoursOwner: text('after_hours_owner', { enum: ['internal', 'msp', 'shared'] }).notNull(),
    contact: text('contact', { mode: 'json' }),
    note: text('note').notNull().default(''),
    position: integer('position').notNull(),
  },
  (t) => [uniqueIndex('matrix_areas_channel_key').on(t.channelId, t.key)],
);

export const matrixAliases = sqliteTable(
  'matrix_aliases',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    areaId: integer('area_id')
      .notNull()
      .references(() => matrixAreas.id, { onDelete: 'cascade' }),
    alias: text('alias').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [index('matrix_aliases_area').on(t.areaId)],
);
