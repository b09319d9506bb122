#!/usr/bin/env bash
# `npm run db:generate -- --name <name>`: the migrations of a schema change, for SQLite (db/migrations,
# from db/schema) and for PostgreSQL (db/pg/migrations, from db/pg/schema). Change both schemas alike:
# test/db/schema-parity.test.ts fails when they differ.
set -euo pipefail
cd "$(dirname "$0")/.."
npx drizzle-kit generate "$@"
npx drizzle-kit generate --config drizzle.pg.config.ts "$@"
