import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { ConfigError } from '../../../src/kernel/errors.js';
import type { TeamsCommand } from './command-list.js';

const APP_DIR = import.meta.dirname;

/** In the committed manifest, where the bot's Microsoft App ID goes (app id and bot id). */
export const PLACEHOLDER_APP_ID = '00000000-0000-0000-0000-000000000000';
/** In the committed manifest, where the public https address Tandem is served at goes. */
export const PLACEHOLDER_URL = 'https://tandem.example.com';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface PackageOptions {
  /** MICROSOFT_APP_ID: the Azure Bot's app id, used as the Teams app id and the bot id. */
  appId?: string | undefined;
  /** Where Tandem is reachable over https, e.g. https://tandem.example.org (its host becomes the valid domain). */
  publicUrl?: string | undefined;
  /** TANDEM_PRIVACY_URL and TANDEM_TERMS_URL: the organisation's own pages; Tandem serves none. */
  privacyUrl?: string | undefined;
  termsUrl?: string | undefined;
  /**
   * A package for local testing only (the Bot Framework Emulator, a test tenant): placeholders left
   * in are warnings. Otherwise each one is an error, since Teams would show links that go nowhere.
   */
  local?: boolean;
  /** The command menu, from the registry. */
  commands: TeamsCommand[];
  /** The app version Teams shows; it must grow with every upload of a changed package. */
  version?: string | undefined;
}

export type Manifest = Record<string, unknown> & { bots: Record<string, unknown>[] };

/** The committed manifest template. */
export function readManifestTemplate(): Manifest {
  return JSON.parse(readFileSync(join(APP_DIR, 'manifest.json'), 'utf8')) as Manifest;
}

/**
 * The template with the app id, address, privacy and terms links, version and command menu filled
 * in. A placeholder left in is refused, or only warned about in a local test package.
 */
export function manifestFor(template: Manifest, options: PackageOptions): { manifest: Manifest; warnings: string[] } {
  const warnings: string[] = [];
  let json = JSON.stringify(template);
  if (options.appId) {
    if (!GUID.test(options.appId))
      throw new ConfigError(
        `MICROSOFT_APP_ID must be the bot's app id, a GUID such as 2f4e…-…; got "${options.appId.slice(0, 60)}".`,
      );
    json = json.split(PLACEHOLDER_APP_ID).join(options.appId.toLowerCase());
  } else {
    warnings.push(
      `MICROSOFT_APP_ID is not set: the package keeps the placeholder app id ${PLACEHOLDER_APP_ID}, which Teams ` +
        `will not connect to your bot.`,
    );
  }
  if (options.publicUrl) {
    const url = parseHttps('TANDEM_PUBLIC_URL', options.publicUrl);
    json = json.split(PLACEHOLDER_URL).join(url.origin).split(new URL(PLACEHOLDER_URL).host).join(url.host);
  } else {
    warnings.push(`TANDEM_PUBLIC_URL is not set: the developer links and valid domain stay ${PLACEHOLDER_URL}.`);
  }
  const manifest = JSON.parse(json) as Manifest;
  const developer = manifest.developer as Record<string, string>;
  for (const [key, field, value] of [
    ['TANDEM_PRIVACY_URL', 'privacyUrl', options.privacyUrl],
    ['TANDEM_TERMS_URL', 'termsOfUseUrl', options.termsUrl],
  ] as const) {
    if (value) developer[field] = parseHttps(key, value).href;
    else {
      developer[field] = `${PLACEHOLDER_URL}/${field === 'privacyUrl' ? 'privacy' : 'terms'}`;
      warnings.push(`${key} is not set: the app's ${field} link stays the placeholder ${developer[field]}.`);
    }
  }
  if (warnings.length && !options.local) {
    throw new ConfigError(
      `The Teams package would point Teams at placeholders:\n${warnings.map((w) => `  ${w}`).join('\n')}\n` +
        'Set those variables, or build a package for local testing only with `npm run teams:package -- --local`.',
    );
  }
  if (options.version) manifest.version = options.version;
  for (const bot of manifest.bots) {
    bot.commandLists = [{ scopes: bot.scopes, commands: options.commands }];
  }
  return { manifest, warnings };
}

/** The app package an admin uploads: manifest.json and the two icons at the root of a zip. */
export function buildPackage(options: PackageOptions): { zip: Uint8Array; manifest: Manifest; warnings: string[] } {
  const { manifest, warnings } = manifestFor(readManifestTemplate(), options);
  const icons = manifest.icons as { color: string; outline: string };
  const zip = zipSync(
    {
      'manifest.json': strToU8(`${JSON.stringify(manifest, null, 2)}\n`),
      [icons.color]: readFileSync(join(APP_DIR, icons.color)),
      [icons.outline]: readFileSync(join(APP_DIR, icons.outline)),
    },
    { level: 9 },
  );
  return { zip, manifest, warnings };
}

function parseHttps(variable: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(
      `${variable} must be an https address such as https://tandem.example.org; got "${value.slice(0, 60)}".`,
    );
  }
  if (url.protocol !== 'https:') throw new ConfigError(`${variable} must use https; got "${value.slice(0, 60)}".`);
  return url;
}
