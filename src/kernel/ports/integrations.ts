import type { IntegrationKind, IntegrationMessage } from '../../domain/integrations.js';

/** One configured integration as the core sees it: never its secrets. */
export interface IntegrationInfo {
  name: string;
  kind: IntegrationKind;
  /** Where it sends, without secrets: a host, or e-mail addresses; null when it only receives. */
  target: string | null;
  /** Whether `POST /hooks/<name>` is open for it, and the channels (`slack:C0123`) it may act in. */
  inbound: { channels: readonly string[] } | null;
}

/** The integrations the operator configured (TANDEM_INTEGRATIONS), by name. */
export interface IntegrationDirectory {
  list(): readonly IntegrationInfo[];
  get(name: string): IntegrationInfo | undefined;
}

export function integrationDirectory(infos: readonly IntegrationInfo[]): IntegrationDirectory {
  const byName = new Map(infos.map((i) => [i.name, i]));
  return { list: () => infos, get: (name) => byName.get(name) };
}

export const NO_INTEGRATIONS: IntegrationDirectory = integrationDirectory([]);

/**
 * Sends one event to one integration (adapters/integrations/…). Throws RateLimited when the tool
 * asks to wait, PermanentDeliveryError when retrying cannot help, anything else to be retried.
 */
export interface IntegrationClient {
  readonly name: string;
  send(message: IntegrationMessage): Promise<void>;
}
