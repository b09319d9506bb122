import type { IntegrationMessage } from '../../src/domain/integrations.js';
import type { Clock } from '../../src/kernel/clock.js';
import type { IntegrationClient } from '../../src/kernel/ports/integrations.js';
import { postJson } from './http-json.js';
import { SIGNATURE_HEADER, signBody, TIMESTAMP_HEADER } from './signature.js';

const TYPES = {
  trigger: 'escalation.triggered',
  acknowledge: 'escalation.acknowledged',
  resolve: 'escalation.resolved',
};

/** The JSON a webhook receives: the event's type and everything Tandem knows of the escalation. */
export function webhookBody(m: IntegrationMessage): Record<string, unknown> {
  return { type: TYPES[m.event], ...m };
}

/** A generic signed webhook: POSTs the escalation event as JSON, signed with the shared secret. */
export function webhookClient(name: string, url: string, secret: string, clock: Clock): IntegrationClient {
  return {
    name,
    async send(m) {
      const raw = JSON.stringify(webhookBody(m));
      const timestamp = String(Math.floor(clock.now().getTime() / 1000));
      await postJson({
        url,
        body: null,
        raw,
        headers: { [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: signBody(secret, timestamp, raw) },
        what: `webhook ${name}`,
        secrets: [secret],
        clock,
      });
    },
  };
}
