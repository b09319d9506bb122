import type { IntegrationSpec } from '../../src/domain/integration-spec.js';
import type { Clock } from '../../src/kernel/clock.js';
import type { IntegrationClient } from '../../src/kernel/ports/integrations.js';
import { emailClient } from './email.js';
import { opsgenieClient } from './opsgenie.js';
import { pagerDutyClient } from './pagerduty.js';
import { webhookClient } from './webhook.js';

/** A client for each configured integration that sends (a webhook without a url only receives). */
export function integrationClients(specs: readonly IntegrationSpec[], clock: Clock): Map<string, IntegrationClient> {
  const clients = new Map<string, IntegrationClient>();
  for (const s of specs) {
    const client = clientOf(s, clock);
    if (client) clients.set(s.name, client);
  }
  return clients;
}

function clientOf(s: IntegrationSpec, clock: Clock): IntegrationClient | null {
  switch (s.kind) {
    case 'pagerduty':
      return pagerDutyClient(s.name, s.url, s.routingKey, clock);
    case 'opsgenie':
      return opsgenieClient(s.name, s.url, s.apiKey, clock);
    case 'email':
      return emailClient(s.name, s.smtp, s.from, s.to);
    case 'webhook':
      return s.url ? webhookClient(s.name, s.url, s.secret, clock) : null;
  }
}
