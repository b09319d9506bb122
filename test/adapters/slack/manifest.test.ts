import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppsManifestCreateArguments } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { BOT_SCOPES, buildManifest } from '../../../adapters/slack/manifest.js';
import manifestJson from '../../../manifest.json' with { type: 'json' };
import { ALL_COMMANDS, createRegistry } from '../../../src/features/index.js';
import { MAIN_SLASH } from '../../../src/kernel/registry.js';

type Manifest = AppsManifestCreateArguments['manifest'];

// Compile-time checks of the file as committed: it has the shape of the Web API's manifest type…
const typed = manifestJson satisfies Omit<Manifest, 'oauth_config' | 'settings'> & Record<string, unknown>;
// …and the builder's literal output (which the file must equal) satisfies it fully, scopes and events included.
const built: Manifest = buildManifest(ALL_COMMANDS);

const REGENERATE = 'manifest.json is out of date: run `npx tsx adapters/slack/write-manifest.ts`';

describe('manifest.json', () => {
  it('is exactly what the command registry generates', () => {
    const onDisk: unknown = JSON.parse(readFileSync(join(import.meta.dirname, '../../../manifest.json'), 'utf8'));
    expect(onDisk, REGENERATE).toEqual(built);
    expect(typed.display_information.name).toBe('Tandem');
  });

  it('declares /tandem and every shortcut, and nothing else', () => {
    const commands = manifestJson.features.slash_commands.map((c) => c.command).sort();
    expect(commands).toEqual([`/${MAIN_SLASH}`, ...[...createRegistry().shortcuts.keys()].map((s) => `/${s}`)].sort());
  });

  it('has only top-level keys Slack knows', () => {
    expect(
      Object.keys(manifestJson).every((k) =>
        ['_metadata', 'display_information', 'features', 'oauth_config', 'settings'].includes(k),
      ),
    ).toBe(true);
  });

  it('gives each shortcut the usage of the command it stands for, and escapes mentions into ids', () => {
    const byName = new Map(manifestJson.features.slash_commands.map((c) => [c.command, c]));
    const whoOwns = ALL_COMMANDS.find((c) => c.path.join(' ') === 'who owns')!;
    expect(byName.get('/whoowns')).toMatchObject({ description: whoOwns.summary, usage_hint: '<thing>' });
    for (const c of manifestJson.features.slash_commands) {
      expect(c.should_escape).toBe(true);
      expect(c.command.length).toBeLessThanOrEqual(32);
      expect(c.description.length).toBeGreaterThan(0);
    }
  });

  it('asks for the scopes the Slack face uses and subscribes to mentions, with interactivity for buttons', () => {
    expect(manifestJson.oauth_config.scopes.bot).toEqual([...BOT_SCOPES]);
    expect(manifestJson.settings.event_subscriptions.bot_events).toEqual(['app_mention']);
    expect(manifestJson.settings.interactivity.is_enabled).toBe(true);
    expect(manifestJson.settings.socket_mode_enabled).toBe(true);
    expect(manifestJson.features.bot_user.display_name).toMatch(/^[a-z0-9._-]{1,80}$/);
    expect(manifestJson.display_information.description.length).toBeLessThanOrEqual(140);
    expect(manifestJson.display_information.long_description.length).toBeGreaterThanOrEqual(175);
  });

  it('has an HTTP variant with every request URL on /slack/events and Socket Mode off', () => {
    const url = 'https://tandem.example.com/slack/events';
    const http = buildManifest(ALL_COMMANDS, { requestUrl: url });
    expect(http.settings.socket_mode_enabled).toBe(false);
    expect(http.settings.event_subscriptions.request_url).toBe(url);
    expect(http.settings.interactivity.request_url).toBe(url);
    expect(http.features.slash_commands.every((c) => 'url' in c && c.url === url)).toBe(true);
  });
});
