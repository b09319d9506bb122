/**
 * The load of the Slack ack case: signed slash commands asking who owns something, from forty users
 * of one channel, as Slack sends them.
 */
import { signature } from '../../test/helpers/slack-requests.js';
import type { Prepared } from './load.js';

const CHANNEL = 'CBENCH01';
const QUERIES = [
  'backups',
  'vpn',
  'patching',
  'phishing report',
  'new hire',
  'the firewall',
  'password reset',
  'cloud cost',
  'audit evidence',
  'printer',
  'pen test findings',
  'office move',
  'mfa reset',
  'erp',
];

/**
 * `count` signed slash commands (`/whoowns …` and `/tandem who owns …` in turn), their response_urls
 * pointing at the fake, ids from `prefix`.
 */
export function slashRequests(count: number, prefix: string, fakePort: number, secret: string): Prepared[] {
  const ts = Math.floor(Date.now() / 1000);
  return Array.from({ length: count }, (_, i) => {
    const id = `${prefix}${i}`;
    const q = QUERIES[i % QUERIES.length]!;
    const whoowns = i % 2 === 0;
    const user = `U${String(i % 40).padStart(4, '0')}`;
    const body = new URLSearchParams({
      token: 'legacy-verification-token',
      team_id: 'T1',
      team_domain: 'acme',
      channel_id: CHANNEL,
      channel_name: 'it-coordination',
      user_id: user,
      user_name: `user${i % 40}`,
      command: whoowns ? '/whoowns' : '/tandem',
      text: whoowns ? q : `who owns ${q}`,
      api_app_id: 'A1',
      // Unique like Slack's: Tandem answers a repeated trigger_id once (proxy retries).
      trigger_id: `${ts}.${prefix}.${i}`,
      response_url: `http://127.0.0.1:${fakePort}/respond/${id}`,
    }).toString();
    return {
      id,
      body,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(ts),
        'x-slack-signature': signature(secret, ts, body),
      },
    };
  });
}

/** `/tandem setup …` for the channel the other requests use, signed: the first request of a run. */
export function setupRequest(fakePort: number, secret: string): Prepared {
  const [setup] = slashRequests(1, 'setup', fakePort, secret);
  const body = setup!.body.replace(
    /command=[^&]*&text=[^&]*/,
    `command=%2Ftandem&text=${encodeURIComponent('setup org:Acme msp:Northwind tz:America/New_York')}`,
  );
  const ts = Number(setup!.headers['x-slack-request-timestamp']);
  return { ...setup!, body, headers: { ...setup!.headers, 'x-slack-signature': signature(secret, ts, body) } };
}
