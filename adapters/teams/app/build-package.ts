/**
 * `npm run teams:package`: builds adapters/teams/app/build/tandem-teams.zip, the Teams app package
 * an admin uploads. Reads MICROSOFT_APP_ID, TANDEM_PUBLIC_URL, TANDEM_PRIVACY_URL and
 * TANDEM_TERMS_URL from the environment or `.env`, and refuses to build while any is missing,
 * unless `-- --local` asks for a package for local testing only. `-- --sync` also rewrites the
 * committed manifest's command menu and version from the command registry and package.json.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { baseConfig } from '../../../src/app/config.js';
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
    const env = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== ''));
    const base = baseConfig.safeParse(env);
    if (!base.success)
      throw new ConfigError(base.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
    built = buildPackage({
      appId: env.MICROSOFT_APP_ID?.trim() || undefined,
      publicUrl: base.data.TANDEM_PUBLIC_URL,
      privacyUrl: base.data.TANDEM_PRIVACY_URL,
      termsUrl: base.data.TANDEM_TERMS_URL,
      local: process.argv.includes('--local'),
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
  for (const w of built.warnings) process.stderr.write(`warning (a local test package only): ${w}\n`);
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
