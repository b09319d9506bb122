import { defineConfig } from 'drizzle-kit';

/** The PostgreSQL migrations; `npm run db:generate` generates them with the SQLite ones (drizzle.config.ts). */
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/pg/schema/index.ts',
  out: './db/pg/migrations',
});
