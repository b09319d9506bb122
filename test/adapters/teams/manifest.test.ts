import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { type AppManifest, AppManifestUtils } from '@microsoft/app-manifest';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { MAX_TEAMS_COMMANDS, teamsCommands } from '../../../adapters/teams/app/command-list.js';
import { buildPackage, PLACEHOLDER_APP_ID, readManifestTemplate } from '../../../adapters/teams/app/package.js';
import { toInbound } from '../../../adapters/teams/parse.js';
import { ALL_COMMANDS, createRegistry } from '../../../src/features/index.js';
import { ConfigError } from '../../../src/kernel/errors.js';
import { tokenize } from '../../../src/kernel/tokenize.js';
import { fixture } from '../../helpers/teams-face.js';

const APP_DIR = join(import.meta.dirname, '../../../adapters/teams/app');
const APP_ID = '2f4e6a8c-1b3d-4f5a-9c7e-0d2b4f6a8c1e';
const registry = createRegistry();

type Commands = { title: string; description?: string }[];
const menuOf = (m: Record<string, unknown>) =>
  (m.bots as { commandLists: { scopes: string[]; commands: Commands }[] }[])[0]!.commandLists;

/** The command a line of words selects, as the registry matches it; null when the words are not all a command. */
function commandFor(words: string): string | null {
  const tokens = tokenize(words);
  const found = registry.match(tokens);
  return found && found.used === tokens.length ? found.spec.id : null;
}

describe('the Teams app manifest', () => {
  const manifest = readManifestTemplate();

  it('validates against its schema with @microsoft/app-manifest', async () => {
    expect(await AppManifestUtils.validateAgainstSchema(manifest as unknown as AppManifest)).toEqual([]);
  });

  it('uses the newest Teams schema version the library ships', () => {
    const lib = dirname(createRequire(import.meta.url).resolve('@microsoft/app-manifest'));
    const versions = readdirSync(join(lib, 'json-schemas/teams'))
      .filter((v) => /^v\d+\.\d+$/.test(v))
      .map((v) => v.slice(1))
      .sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]));
    expect(manifest.manifestVersion).toBe(versions.at(-1));
    expect(manifest.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${versions.at(-1)}/MicrosoftTeams.schema.json`,
    );
  });

  it('offers the bot in teams, group chats and personal chats, with placeholders for the app id', () => {
    const [bot] = manifest.bots as { botId: string; scopes: string[] }[];
    expect(bot!.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(bot!.botId).toBe(PLACEHOLDER_APP_ID);
    expect(manifest.id).toBe(PLACEHOLDER_APP_ID);
  });

  it('lists at most 10 commands, each one the registry runs, for every scope', () => {
    const [list, ...more] = menuOf(manifest);
    expect(more).toEqual([]);
    expect(list!.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(list!.commands.length).toBeGreaterThan(0);
    expect(list!.commands.length).toBeLessThanOrEqual(MAX_TEAMS_COMMANDS);
    for (const c of list!.commands) {
      expect(commandFor(c.title), c.title).not.toBeNull();
      expect(c.description!.length).toBeLessThanOrEqual(128);
    }
    // The most asked question and the way to find everything else are always in the menu.
    expect(list!.commands.map((c) => c.title)).toEqual(expect.arrayContaining(['who owns', 'help']));
  });

  it('leaves no command unreachable: every other command works when typed after @Tandem', () => {
    const listed = new Set(menuOf(manifest)[0]!.commands.map((c) => commandFor(c.title)));
    const typedOnly = ALL_COMMANDS.filter((s) => !listed.has(s.id));
    expect(typedOnly.length).toBeGreaterThan(0);
    for (const spec of typedOnly) {
      const inbound = toInbound(
        fixture('channel-message', { text: `<at>Tandem</at> ${spec.path.join(' ')}` }) as never,
      );
      expect(commandFor(inbound!.text), spec.id).toBe(spec.id);
    }
  });

  it('has a 192×192 colour icon and a 32×32 outline icon that is white on transparent', () => {
    const color = decodePng(readFileSync(join(APP_DIR, 'color.png')));
    const outline = decodePng(readFileSync(join(APP_DIR, 'outline.png')));
    expect([color.width, color.height]).toEqual([192, 192]);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    const opaque = outline.pixels.filter((p) => p[3]! > 0);
    expect(opaque.length).toBeGreaterThan(20);
    expect(opaque.every((p) => p[0] === 255 && p[1] === 255 && p[2] === 255)).toBe(true);
    expect(outline.pixels.some((p) => p[3] === 0)).toBe(true);
    // The colour icon is opaque: the accent colour with the white mark.
    expect(color.pixels.every((p) => p[3] === 255)).toBe(true);
  });
});

describe('the Teams app package', () => {
  const commands = teamsCommands(ALL_COMMANDS);

  it('zips the manifest with the app id filled in and both icons, at the root', async () => {
    const { zip, warnings } = buildPackage({
      appId: APP_ID,
      publicUrl: 'https://tandem.acme.example',
      privacyUrl: 'https://acme.example/legal/privacy',
      termsUrl: 'https://acme.example/legal/it-terms',
      commands,
      version: '1.2.3',
    });
    expect(warnings).toEqual([]);
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as Record<string, unknown>;
    expect(manifest).toMatchObject({
      id: APP_ID,
      version: '1.2.3',
      bots: [{ botId: APP_ID }],
      validDomains: ['tandem.acme.example'],
      developer: {
        websiteUrl: 'https://tandem.acme.example',
        privacyUrl: 'https://acme.example/legal/privacy',
        termsOfUseUrl: 'https://acme.example/legal/it-terms',
      },
    });
    expect(JSON.stringify(manifest)).not.toContain('example.com');
    expect(await AppManifestUtils.validateAgainstSchema(manifest as unknown as AppManifest)).toEqual([]);
    expect(Buffer.from(files['color.png']!)).toEqual(readFileSync(join(APP_DIR, 'color.png')));
    // The menu comes from the registry as it is now, whatever the committed copy says.
    expect(menuOf(manifest)[0]!.commands).toEqual(commands);
  });

  it('refuses to build with a placeholder left in, naming each, unless asked for a local test package', () => {
    const complete = {
      appId: APP_ID,
      publicUrl: 'https://tandem.acme.example',
      privacyUrl: 'https://acme.example/privacy',
      termsUrl: 'https://acme.example/terms',
      commands,
    };
    expect(() => buildPackage({ ...complete, privacyUrl: undefined })).toThrow(
      /TANDEM_PRIVACY_URL is not set[\s\S]*npm run teams:package -- --local/,
    );
    expect(() => buildPackage({ ...complete, termsUrl: undefined })).toThrow(/TANDEM_TERMS_URL is not set/);
    expect(() => buildPackage({ ...complete, appId: undefined })).toThrow(/MICROSOFT_APP_ID is not set/);
    const local = buildPackage({ commands, local: true });
    expect(local.warnings.join('\n')).toMatch(/MICROSOFT_APP_ID[\s\S]*TANDEM_PRIVACY_URL[\s\S]*TANDEM_TERMS_URL/);
    expect(() => buildPackage({ ...complete, appId: 'my-bot' })).toThrow(ConfigError);
    expect(() => buildPackage({ ...complete, publicUrl: 'http://tandem.acme.example' })).toThrow(/https/);
    expect(() => buildPackage({ ...complete, termsUrl: 'http://acme.example/terms' })).toThrow(
      /TANDEM_TERMS_URL must use https/,
    );
  });

  it('describes each menu command whole, never cut, and never claims a reply is private', () => {
    for (const c of commands) {
      const spec = ALL_COMMANDS.find((s) => s.path.join(' ') === c.title)!;
      expect(c.description.startsWith(spec.summary), c.title).toBe(true);
      expect(c.description).not.toMatch(/…$/);
      expect(c.description).not.toMatch(/only you|private/i);
    }
    for (const s of ALL_COMMANDS) expect(`${s.summary} ${s.usage}`, s.id).not.toMatch(/only you|privately/i);
    const wordy = { ...ALL_COMMANDS[0]!, summary: 'x'.repeat(130) };
    expect(() => teamsCommands([wordy])).toThrow(/a Teams menu description holds 128/);
  });
});

/** Reads the RGBA PNGs the icon script writes (8-bit, no interlace), undoing each row's filter. */
function decodePng(png: Buffer): { width: number; height: number; pixels: number[][] } {
  expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.subarray(offset + 4, offset + 8).toString('ascii');
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([data[8], data[9]]).toEqual([8, 6]);
    }
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    if (filter > 2) throw new Error(`PNG filter ${filter} is not one the icon script writes`);
    const row = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    const up = rows[y - 1];
    for (let i = 0; i < stride; i++) {
      const left = i >= 4 ? row[i - 4]! : 0;
      const above = up ? up[i]! : 0;
      if (filter === 1) row[i] = (row[i]! + left) & 0xff;
      else if (filter === 2) row[i] = (row[i]! + above) & 0xff;
    }
    rows.push(row);
  }
  const pixels = rows.flatMap((row) => Array.from({ length: width }, (_, x) => [...row.subarray(x * 4, x * 4 + 4)]));
  return { width, height, pixels };
}
