import type { IntegrationMessage } from '../../src/domain/integrations.js';
import type { Clock } from '../../src/kernel/clock.js';
import type { IntegrationClient } from '../../src/kernel/ports/integrations.js';
import { postJson } from './http-json.js';

/** Opsgenie's message limit. */
const MAX_MESSAGE = 130;

/** The Alert API request for one event: create with the alias, acknowledge and close by alias. */
export function opsgenieRequest(base: string, m: IntegrationMessage): { url: string; body: Record<string, unknown> } {
  const root = base.replace(/\/+$/, '');
  const e = m.escalation;
  if (m.event === 'trigger') {
    return {
      url: `${root}/v2/alerts`,
      body: {
        message: `${e.id} (${e.priority}): ${e.summary}`.slice(0, MAX_MESSAGE),
        alias: m.dedupKey,
        description: [e.summary, ...m.links.map((l) => `${l.text}: ${l.href}`)].join('\n'),
        priority: e.priority,
        source: 'Tandem',
        tags: ['tandem', e.priority.toLowerCase()],
        details: { escalation: e.id, area: e.area ?? '', ticket: e.ticket ?? '', from: e.from, to: e.to },
      },
    };
  }
  const action = m.event === 'acknowledge' ? 'acknowledge' : 'close';
  return {
    url: `${root}/v2/alerts/${encodeURIComponent(m.dedupKey)}/${action}?identifierType=alias`,
    body: { source: 'Tandem', ...(m.by ? { user: m.by } : {}), ...(m.note ? { note: m.note } : {}) },
  };
}

/** Opsgenie Alert API (support ends 2027-04-05): create, acknowledge and close by alias. */
export function opsgenieClient(name: string, url: string, apiKey: string, clock: Clock): IntegrationClient {
  return {
    name,
    async send(m) {
      const req = opsgenieRequest(url, m);
      const headers = { authorization: `GenieKey ${apiKey}` };
      await postJson({ ...req, headers, what: `Opsgenie (${name})`, clock, secrets: [apiKey] });
    },
  };
}
