import { integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { channels } from './channels.js';

/*
 * The recurring syncs and their skipped dates.
 * See index.ts for how values are stored.
 */

export const cadences = sqliteTable(
  'cadences',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    channelId: integer('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['weekly', 'monthly', 'quarterly'] }).notNull(),
    enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
    weekday: integer('weekday').notNull(),
    /** first | second | third | fourth | last; null for weekly. */
    ordinal: text('ordinal'),
    /** 1, 2 or 3: the month of the quarter; null unless quarterly. */
    quarterMonth: integer('quarter_month'),
    time: integer('time').notNull(),
    durationMinutes: integer('duration_minutes').notNull().default(60),
    /** Reminder lead times in minutes before the meeting. */
    leads: text('leads', { mode: 'json' }).notNull(),
  },
  (t) => [uniqueIndex('cadences_channel_kind').on(t.channelId, t.kind)],
);

export const cadenceSkips = sqliteTable(
  'cadence_skips',
  {
    cadenceId: integer('cadence_id')
      .notNull()
      .references(() => cadences.id, { onDelete: 'cascade' }),
    date: text('date').notNull(),
  },
  (t) => [primaryKey({ columns: [t.cadenceId, t.date] })],
);
