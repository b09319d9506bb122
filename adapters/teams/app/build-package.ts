/**
 * `npm run teams:package`: builds adapters/teams/app/build/tandem-teams.zip, the Teams app package
 * an admin uploads. Reads MICROSOFT_APP_ID (and optionally TANDEM_PUBLIC_URL) from the environment
 * or `.env`. `npm run teams:package -- --sync` also rewrites the committed manifest's command menu
 * and version from the command registry and package.json.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_COMMANDS } from '../../../src/features/index.js';
import { ConfigError } from '../../../src/kernel/errors.js';
import { teamsCommands } from './command-list.js';
import { buildPackage, readManifestTemplate } from './package.js';

const APP_DIR = import.meta.dirname;
const ROOT = join(APP_DIR, '../../..');

function main(): number {
  if (existsSync(join(ROOT, '.env'))) process.loadEnvFile(join(ROOT, '.env'));
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const commands = teamsCommands(ALL_COMMANDS);

  if (process.argv.includes('--sync')) {
    const template = readManifestTemplate();
    template.version = version;
    for (const bot of template.bots) bot.commandLists = [{ scopes: bot.scopes, commands }];
    writeFileSync(join(APP_DIR, 'manifest.json'), `${JSON.stringify(template, null, 2)}\n`);
    process.stdout.write('updated adapters/teams/app/manifest.json (commands and version)\n');
  }

  let built: ReturnType<typeof buildPackage>;
  try {
    built = buildPackage({
      appId: process.env.MICROSOFT_APP_ID?.trim() || undefined,
      publicUrl: process.env.TANDEM_PUBLIC_URL?.trim() || undefined,
      commands,
      version,
    });
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    throw err;
  }
  for (const w of built.warnings) process.stderr.write(`warning: ${w}\n`);
  const out = join(APP_DIR, 'build');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'tandem-teams.zip'), built.zip);
  process.stdout.write(
    `wrote ${join(out, 'tandem-teams.zip')} (app id ${String(built.manifest.id)}, version ${version}, ` +
      `${commands.length} commands)\n`,
  );
  return 0;
}

process.exitCode = main();
