import type { AppsManifestCreateArguments } from '@slack/web-api';
import type { AnyCommandSpec } from '../../src/kernel/command.js';
import { MAIN_SLASH } from '../../src/kernel/registry.js';

export type SlackManifest = AppsManifestCreateArguments['manifest'];
type CommandInfo = Pick<AnyCommandSpec, 'path' | 'usage' | 'summary' | 'shortcut'>;

/**
 * The scopes the Slack face uses, and why:
 * commands — slash commands; app_mentions:read — "@Tandem who owns …"; chat:write — posts, cards and
 * their updates; chat:write.public — scheduled posts reach a public channel set up by slash command
 * before anyone invited the app; users:read — names of people who mention the app (users.info).
 */
export const BOT_SCOPES = ['app_mentions:read', 'chat:write', 'chat:write.public', 'commands', 'users:read'] as const;

const LONG_DESCRIPTION =
  'Tandem lives in the channel an organisation’s internal IT team shares with its managed service provider. ' +
  'Ask who owns an area (“/whoowns backups”), escalate with a handoff card that both teams acknowledge and resolve, ' +
  'log what the after-hours team did and read the morning handoff post, and get reminders with agendas for the ' +
  'weekly, ' +
  'monthly and quarterly syncs. Managers configure hours, the responsibility matrix and cadences with channel ' +
  'commands. ' +
  'Self-hosted: your data stays in your own database.';

/** `/whoowns` → the usages of the commands it stands for, without the words the shortcut already says. */
function shortcutHint(expansion: string, commands: readonly CommandInfo[]): { summary?: string; hint: string } {
  const words = expansion.split(' ');
  const specs = commands.filter((c) => words.every((w, i) => c.path[i] === w));
  const rests = specs.map((s) => s.usage.split(/\s+/).slice(words.length).join(' '));
  const nonEmpty = rests.filter(Boolean);
  const hint =
    nonEmpty.length === 0 ? '' : rests.length > nonEmpty.length ? `[${nonEmpty.join(' | ')}]` : nonEmpty.join(' | ');
  const exact = specs.find((s) => s.path.length === words.length);
  return { summary: (exact ?? specs[0])?.summary, hint };
}

/** The slash commands: `/tandem` reaches every command; each shortcut stands for the first words of one. */
export function slashCommands(commands: readonly CommandInfo[]) {
  const main = {
    command: `/${MAIN_SLASH}`,
    description: 'Tandem: who owns what, escalations, handoff notes and syncs. /tandem help lists every command.',
    usage_hint: 'help | who owns <thing> | escalate <summary> [p1-p4] | matrix | setup …',
    should_escape: true,
  };
  const shortcuts = commands
    .flatMap((c) => (c.shortcut ? [[c.shortcut, c.path.join(' ')] as const] : []))
    .map(([name, expansion]) => {
      const { summary, hint } = shortcutHint(expansion, commands);
      return {
        command: `/${name}`,
        description: (summary ?? `Same as /${MAIN_SLASH} ${expansion}`).slice(0, 140),
        ...(hint ? { usage_hint: hint.slice(0, 1000) } : {}),
        // Mentions arrive as <@U…> ids, links as <url>: the parser turns them into the core's forms.
        should_escape: true,
      };
    });
  return [main, ...shortcuts];
}

/**
 * The app manifest a workspace admin pastes into "Create an app → From a manifest". Without
 * `requestUrl` it is the Socket Mode variant (no public URL needed); with it, the HTTP variant whose
 * slash commands, events and interactivity all go to that URL (…/slack/events).
 */
export function buildManifest(commands: readonly CommandInfo[], opts: { requestUrl?: string } = {}) {
  const url = opts.requestUrl;
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name: 'Tandem',
      description:
        'Coordination for co-managed IT: who owns what, escalation handoffs, the morning handoff and sync reminders.',
      long_description: LONG_DESCRIPTION,
      background_color: '#1d3b53',
    },
    features: {
      app_home: { home_tab_enabled: false, messages_tab_enabled: false, messages_tab_read_only_enabled: true },
      bot_user: { display_name: 'tandem', always_online: true },
      slash_commands: slashCommands(commands).map((c) => (url ? { ...c, url } : c)),
    },
    oauth_config: { scopes: { bot: [...BOT_SCOPES] } },
    settings: {
      event_subscriptions: { ...(url ? { request_url: url } : {}), bot_events: ['app_mention' as const] },
      interactivity: { is_enabled: true, ...(url ? { request_url: url } : {}) },
      org_deploy_enabled: false,
      socket_mode_enabled: !url,
      token_rotation_enabled: false,
    },
  } satisfies SlackManifest;
}
