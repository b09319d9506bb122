import { createHmac } from 'node:crypto';

/** Slack's request signature: `v0=` + hex HMAC-SHA256(secret, `v0:{ts}:{rawBody}`). */
export function signature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignOptions {
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  /** Sign with this secret instead (a forged request). */
  secret?: string;
}

/** POSTs a body to /slack/events signed the way Slack signs it. */
export async function postSigned(
  baseUrl: string,
  secret: string,
  body: string,
  contentType: string,
  opts: SignOptions = {},
): Promise<Response> {
  const ts = opts.timestamp ?? Math.floor(Date.now() / 1000);
  return fetch(`${baseUrl}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': signature(opts.secret ?? secret, ts, body),
    },
    body,
  });
}

export interface SlashFields {
  command: string;
  text: string;
  user_id: string;
  user_name: string;
  channel_id: string;
  response_url: string;
}

let triggers = 0;
/** Slack gives every slash command and every click its own trigger_id. */
export const newTriggerId = (): string => `${Date.now()}.${++triggers}.${Math.random().toString(16).slice(2, 10)}`;

/** A slash command as Slack POSTs it: form-urlencoded. */
export function slashBody(f: SlashFields & { trigger_id?: string }): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: 'T1',
    team_domain: 'acme',
    channel_name: 'it-coordination',
    api_app_id: 'A1',
    trigger_id: newTriggerId(),
    ...f,
  }).toString();
}

/** An Events API callback carrying one event, as JSON. */
export function eventBody(event: Record<string, unknown>, eventId: string): string {
  return JSON.stringify({
    token: 'legacy-verification-token',
    team_id: 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T1', user_id: 'UBOT', is_bot: true }],
    event,
  });
}

export interface ClickFields {
  userId: string;
  userName: string;
  channelId: string;
  messageTs: string;
  actionId: string;
  value: string;
  responseUrl: string;
  triggerId?: string;
  /** The clicker's home workspace; T1 by default. */
  teamId?: string;
}

/** A button click (block_actions) as Slack POSTs it: the JSON in a `payload` form field. */
export function clickBody(f: ClickFields): string {
  const payload = {
    type: 'block_actions',
    team: { id: 'T1', domain: 'acme' },
    user: { id: f.userId, username: f.userName, name: f.userName, team_id: f.teamId ?? 'T1' },
    api_app_id: 'A1',
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: f.messageTs, channel_id: f.channelId, is_ephemeral: false },
    trigger_id: f.triggerId ?? newTriggerId(),
    channel: { id: f.channelId, name: 'it-coordination' },
    message: { type: 'message', ts: f.messageTs, text: 'card' },
    response_url: f.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: f.actionId,
        block_id: 'b1',
        text: { type: 'plain_text', text: 'Go' },
        value: f.value,
        action_ts: '1700000001.000',
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
