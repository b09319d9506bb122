/*
 * The PostgreSQL schema: the same tables, columns, keys and indexes as the SQLite one (db/schema), so
 * that the repositories run unchanged on both; test/db/schema-parity.test.ts keeps them in step.
 * drizzle-kit reads it from here (drizzle.pg.config.ts) to generate the migrations in db/pg/migrations.
 *
 * Values are stored as on SQLite: instants as integer milliseconds since the epoch (UTC, `bigint`); local
 * dates as `YYYY-MM-DD`; times of day as minutes since local midnight. JSON columns are `json` (kept as
 * written), flags `boolean`, ids identities that accept the ids a copy from SQLite brings.
 */

export * from './cadences.js';
export * from './channels.js';
export * from './delivery.js';
export * from './escalations.js';
export * from './integrations.js';
export * from './matrix.js';
export * from './pages.js';
export * from './sides.js';
export * from './usage.js';
