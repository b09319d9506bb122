import type { IntegrationMessage } from '../../src/domain/integrations.js';
import type { Clock } from '../../src/kernel/clock.js';
import type { IntegrationClient } from '../../src/kernel/ports/integrations.js';
import { postJson } from './http-json.js';

/** PagerDuty's summary limit. */
const MAX_SUMMARY = 1024;

/** The Events API v2 body for one event: trigger with the facts, acknowledge and resolve by dedup key. */
export function pagerDutyEvent(routingKey: string, m: IntegrationMessage): Record<string, unknown> {
  const base = { routing_key: routingKey, dedup_key: m.dedupKey, event_action: m.event };
  if (m.event !== 'trigger') return base;
  const e = m.escalation;
  return {
    ...base,
    payload: {
      summary: `${e.id} (${e.priority}): ${e.summary}`.slice(0, MAX_SUMMARY),
      source: `Tandem · ${m.channel.org} / ${m.channel.msp}`,
      severity: e.severity,
      timestamp: e.openedAt,
      component: e.area ?? undefined,
      group: `${m.channel.platform}:${m.channel.id}`,
      class: e.priority,
      custom_details: {
        escalation: e.id,
        priority: e.priority,
        area: e.area,
        ticket: e.ticket,
        from: e.from,
        to: e.to,
        step_minutes: m.step,
      },
    },
    client: 'Tandem',
    ...(m.links[0] ? { client_url: m.links[0].href } : {}),
    links: m.links,
  };
}

/** PagerDuty Events API v2: trigger, acknowledge and resolve an alert keyed by the escalation. */
export function pagerDutyClient(name: string, url: string, routingKey: string, clock: Clock): IntegrationClient {
  return {
    name,
    send: (m) =>
      postJson({ url, body: pagerDutyEvent(routingKey, m), what: `PagerDuty (${name})`, clock, secrets: [routingKey] }),
  };
}
