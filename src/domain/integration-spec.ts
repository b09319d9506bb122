/*
 * An integration as the operator declared it in TANDEM_INTEGRATIONS, its secrets read from the
 * environment. Only the composition root and the integration clients (adapters/integrations) hold it;
 * the core sees IntegrationInfo, without secrets.
 */

/** One integration with its secrets read from the environment: what the clients and hooks are built from. */
export type IntegrationSpec =
  | {
      name: string;
      kind: 'pagerduty';
      url: string;
      routingKey: string;
      webhookSecret: string | null;
      channels: string[];
    }
  | { name: string; kind: 'opsgenie'; url: string; apiKey: string }
  | {
      name: string;
      kind: 'email';
      smtp: { host: string; port: number; secure: boolean; user: string | null; password: string | null };
      from: string;
      to: string[];
    }
  | { name: string; kind: 'webhook'; url: string | null; secret: string; channels: string[] };
