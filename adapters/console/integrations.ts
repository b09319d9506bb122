import { type IntegrationMessage, KIND_LABELS, kindSends } from '../../src/domain/integrations.js';
import type { IntegrationClient, IntegrationDirectory } from '../../src/kernel/ports/integrations.js';

/** What the console prints instead of sending: the tool, the event and its facts. */
export function describeSend(name: string, kind: string, m: IntegrationMessage): string {
  const e = m.escalation;
  const head = `→ ${name} (${kind}): ${m.event} ${e.id} (${e.priority}, ${e.severity}) “${e.summary}”`;
  const parts = [`key ${m.dedupKey}`];
  if (m.step !== null) parts.push(`step ${m.step} min`);
  if (m.by) parts.push(`by ${m.by}`);
  if (m.links.length) parts.push(`links ${m.links.map((l) => l.href).join(' ')}`);
  return `${head} — ${parts.join(', ')}`;
}

/**
 * The console's integration clients: each configured integration that sends prints what it would
 * send, stamped like a post, and sends nothing.
 */
export function consoleIntegrationClients(
  directory: IntegrationDirectory,
  out: (text: string) => void,
  stamp: () => Promise<string>,
): Map<string, IntegrationClient> {
  const clients = new Map<string, IntegrationClient>();
  for (const i of directory.list()) {
    if (i.target === null) continue;
    clients.set(i.name, {
      name: i.name,
      async send(m) {
        if (!kindSends(i.kind, m.event)) return;
        out(`[${await stamp()}] Tandem would send ${describeSend(i.name, KIND_LABELS[i.kind], m)}`);
      },
    });
  }
  return clients;
}
