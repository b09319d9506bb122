import { ErrorCode, type WebClient } from '@slack/web-api';
import { StartError } from '../../src/kernel/errors.js';

export interface BotIdentity {
  userId?: string;
  botId?: string;
  team?: string;
  /** The id of the workspace the app is installed in. */
  teamId?: string;
}

/**
 * Checks the bot token with an awaited auth.test. (Bolt's own check runs un-awaited from its
 * constructor, and a failure there is an unhandled rejection that kills the process.)
 */
export async function verifyToken(client: WebClient, apiUrl: string): Promise<BotIdentity> {
  try {
    const res = await client.auth.test();
    return { userId: res.user_id, botId: res.bot_id, team: res.team, teamId: res.team_id };
  } catch (err) {
    throw new StartError(explain(err, apiUrl), { cause: err });
  }
}

function explain(err: unknown, apiUrl: string): string {
  const e = err as {
    code?: string;
    data?: { error?: string };
    statusCode?: number;
    retryAfter?: number;
    original?: Error;
    message?: string;
  };
  switch (e?.code) {
    case ErrorCode.PlatformError:
      return (
        `Slack rejected SLACK_BOT_TOKEN (auth.test: ${e.data?.error ?? 'unknown error'}). ` +
        'Copy the Bot User OAuth Token (xoxb-…) from the app’s OAuth & Permissions page, and make sure the app is ' +
        'installed in the workspace.'
      );
    case ErrorCode.RequestError:
      return (
        `Could not reach Slack at ${apiUrl} (${e.original?.message ?? e.message}). Check the network or proxy, ` +
        `and SLACK_API_URL if you set it.`
      );
    case ErrorCode.HTTPError:
      return (
        `Slack at ${apiUrl} answered auth.test with HTTP ${e.statusCode}. Check SLACK_API_URL (it should end ` +
        `in /api/).`
      );
    case ErrorCode.RateLimitedError:
      return `Slack rate-limited the startup token check; try again in ${e.retryAfter ?? 60} s.`;
    default:
      return `Could not check SLACK_BOT_TOKEN with Slack at ${apiUrl}: ${e?.message ?? String(err)}`;
  }
}
