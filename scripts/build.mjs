// Compiles Tandem to plain JavaScript in dist/ (`npm run build`, and `prepare` on `npm ci`), so that
// `npm start` runs it with plain node. It is JavaScript, not TypeScript, because it runs before
// anything can compile TypeScript. The files the app reads at run time beside its code (the SQLite and PostgreSQL
// migrations, the Teams app's manifest and icons) are copied next to the compiled modules that read them.
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');
const ASSETS = [
  'db/migrations',
  'db/pg/migrations',
  'adapters/teams/app/manifest.json',
  'adapters/teams/app/color.png',
  'adapters/teams/app/outline.png',
];

rmSync(DIST, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit', cwd: ROOT });
for (const asset of ASSETS) cpSync(join(ROOT, asset), join(DIST, asset), { recursive: true });
