/*
 * The database schema, one file per part of the product; drizzle-kit reads it from here
 * (drizzle.config.ts) to generate the migrations in db/migrations.
 *
 * Instants are stored as integer milliseconds since the epoch (UTC); local dates as `YYYY-MM-DD`;
 * times of day as minutes since local midnight. JSON columns hold small structured values.
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
