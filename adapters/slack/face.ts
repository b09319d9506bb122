import * as z from 'zod';
import { optionalSecret } from '../../src/kernel/config-values.js';
import { defineFace } from '../face.js';

/** The Slack face's environment variables. */
export const slackConfig = z.object({
  SLACK_BOT_TOKEN: optionalSecret.refine(
    (v) => v === undefined || v.startsWith('xoxb-'),
    'must be a bot token starting with xoxb-',
  ),
  SLACK_SIGNING_SECRET: optionalSecret,
  SLACK_APP_TOKEN: optionalSecret.refine(
    (v) => v === undefined || v.startsWith('xapp-'),
    'must be an app-level token starting with xapp-',
  ),
  SLACK_API_URL: z.url({ protocol: /^https?$/ }).optional(),
});

export type SlackConfig = z.infer<typeof slackConfig>;

/** Slack: slash commands, mentions and buttons over HTTP or Socket Mode; Block Kit posts. */
export const slackFace = defineFace<SlackConfig>({
  platform: 'slack',
  config: slackConfig,
  wanted: (c) => Boolean(c.SLACK_BOT_TOKEN),
  problems: (c) =>
    c.SLACK_BOT_TOKEN && !c.SLACK_SIGNING_SECRET && !c.SLACK_APP_TOKEN
      ? [
          'SLACK_BOT_TOKEN is set but neither SLACK_SIGNING_SECRET (HTTP mode) nor SLACK_APP_TOKEN (Socket Mode) ' +
            'is. Set one of them.',
        ]
      : [],
  // Bolt (with its Socket Mode client, express receiver and OAuth installer) loads only when Slack is wanted.
  start: async (config, core) => {
    const { startSlack } = await import('./index.js');
    return startSlack({ config, bot: core.bot, registry: core.registry, log: core.log, http: core.http });
  },
});
