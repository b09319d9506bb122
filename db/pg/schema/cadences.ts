import { bigint, boolean, json, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { channels } from './channels.js';

/*
 * The recurring syncs and their skipped dates.
 * See index.ts for how values are stored.
 */

export const cadences = pgTable(
  'cadences',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    channelId: bigint('channel_id', { mode: 'number' })
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['weekly', 'monthly', 'quarterly'] }).notNull(),
    enabled: boolean('enabled').notNull().default(true),
    weekday: bigint('weekday', { mode: 'number' }).notNull(),
    /** first | second | third | fourth | last; null for weekly. */
    ordinal: text('ordinal'),
    /** 1, 2 or 3: the month of the quarter; null unless quarterly. */
    quarterMonth: bigint('quarter_month', { mode: 'number' }),
    time: bigint('time', { mode: 'number' }).notNull(),
    durationMinutes: bigint('duration_minutes', { mode: 'number' }).notNull().default(60),
    /** Reminder lead times in minutes before the meeting. */
    leads: json('leads').notNull(),
  },
  (t) => [uniqueIndex('cadences_channel_kind').on(t.channelId, t.kind)],
);

export const cadenceSkips = pgTable(
  'cadence_skips',
  {
    cadenceId: bigint('cadence_id', { mode: 'number' })
      .notNull()
      .references(() => cadences.id, { onDelete: 'cascade' }),
    date: text('date').notNull(),
  },
  (t) => [primaryKey({ columns: [t.cadenceId, t.date] })],
);
