import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as z from 'zod';
import type { IntegrationSpec } from '../domain/integration-spec.js';
import { INTEGRATION_NAME } from '../domain/integrations.js';
import { ConfigError } from '../kernel/errors.js';
import { type IntegrationInfo, integrationDirectory } from '../kernel/ports/integrations.js';

/*
 * The integrations file (TANDEM_INTEGRATIONS): JSON or YAML, a list under `integrations`. Secrets
 * are never in the file: each is the name of an environment variable that holds it.
 */

const envName = z
  .string()
  .regex(/^[A-Z_][A-Z0-9_]*$/, 'must be the NAME of an environment variable (e.g. PAGERDUTY_ROUTING_KEY)');
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const webUrl = z.string().refine((v) => {
  if (!URL.canParse(v)) return false;
  const u = new URL(v);
  return u.protocol === 'https:' || (u.protocol === 'http:' && LOOPBACK.has(u.hostname));
}, 'must be an https:// address (http:// only for 127.0.0.1 or localhost)');
const channelAddress = z
  .string()
  .regex(/^[a-z][a-z0-9-]*:\S+$/, 'must be platform:channel id, e.g. slack:C0123ABCD or teams:19:abc@thread.tacv2');
const channels = z.array(channelAddress).max(100).default([]);
const name = z.string().regex(INTEGRATION_NAME, 'must be lowercase letters, digits and dashes, e.g. pagerduty-msp');
const email = z.email('must be an e-mail address');

const pagerduty = z.strictObject({
  name,
  kind: z.literal('pagerduty'),
  url: webUrl.default('https://events.pagerduty.com/v2/enqueue'),
  routing_key_env: envName,
  webhook_secret_env: envName.optional(),
  channels,
});
const opsgenie = z.strictObject({
  name,
  kind: z.literal('opsgenie'),
  url: webUrl.default('https://api.opsgenie.com'),
  api_key_env: envName,
});
const mail = z.strictObject({
  name,
  kind: z.literal('email'),
  smtp: z.strictObject({
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).default(587),
    secure: z.boolean().default(false),
    user: z.string().min(1).optional(),
    password_env: envName.optional(),
  }),
  from: email,
  to: z.array(email).min(1).max(20),
});
const webhook = z.strictObject({
  name,
  kind: z.literal('webhook'),
  url: webUrl.optional(),
  secret_env: envName,
  channels,
});

const file = z.strictObject({
  integrations: z.array(z.discriminatedUnion('kind', [pagerduty, opsgenie, mail, webhook])).max(50),
});

type Declared = z.infer<typeof file>['integrations'][number];

export type { IntegrationSpec };

export interface IntegrationsConfig {
  specs: IntegrationSpec[];
}

export const NO_INTEGRATION_SPECS: IntegrationsConfig = { specs: [] };

export interface LoadIntegrationsOptions {
  /** Without a face (the console) nothing is sent, so missing secrets are allowed. */
  requireSecrets: boolean;
  readFile?: (path: string) => string;
}

/** YAML is parsed by the yaml package, loaded only for a YAML integrations file. */
const parseYaml = (text: string): unknown =>
  (createRequire(import.meta.url)('yaml') as typeof import('yaml')).parse(text);

/** Reads and checks the integrations file; a problem stops the start with a ConfigError naming the field. */
export function loadIntegrations(
  path: string | undefined,
  env: NodeJS.ProcessEnv,
  options: LoadIntegrationsOptions,
): IntegrationsConfig {
  if (!path) return NO_INTEGRATION_SPECS;
  const stop = (why: string) =>
    new ConfigError(`Tandem cannot start: the integrations file ${path} (TANDEM_INTEGRATIONS) ${why}`);
  let raw: unknown;
  try {
    const text = (options.readFile ?? ((p) => readFileSync(p, 'utf8')))(path);
    raw = /\.json$/i.test(path) ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw stop('does not exist. Set TANDEM_INTEGRATIONS to the path of the file.');
    throw stop(
      `cannot be read as ${/\.json$/i.test(path) ? 'JSON' : 'YAML'}: ${(err as Error).message.split('\n')[0]}`,
    );
  }
  const parsed = file.safeParse(raw ?? {});
  if (!parsed.success) {
    const list = raw && typeof raw === 'object' ? (raw as { integrations?: unknown }).integrations : undefined;
    const lines = parsed.error.issues.map((i) => `  ${fieldName(i.path, list)}: ${i.message}`);
    throw stop(`has errors:\n${lines.join('\n')}\nSee the README (Paging and ticketing) for the format.`);
  }
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const d of parsed.data.integrations) {
    if (seen.has(d.name)) problems.push(`  ${d.name}: the name is used twice`);
    seen.add(d.name);
  }
  const secret: Secret = (d, field, variable) => {
    if (!variable) return null;
    const value = env[variable];
    if (value) return value;
    if (options.requireSecrets) problems.push(`  ${d.name}.${field}: the environment variable ${variable} is not set`);
    return '';
  };
  const specs = parsed.data.integrations.map((d) => specOf(d, secret));
  if (problems.length) throw stop(`has errors:\n${problems.join('\n')}`);
  return { specs };
}

type Secret = (d: Declared, field: string, variable: string | undefined) => string | null;

/** A declared integration with its secrets read. */
function specOf(d: Declared, secret: Secret): IntegrationSpec {
  switch (d.kind) {
    case 'pagerduty':
      return {
        name: d.name,
        kind: d.kind,
        url: d.url,
        routingKey: secret(d, 'routing_key_env', d.routing_key_env) ?? '',
        webhookSecret: secret(d, 'webhook_secret_env', d.webhook_secret_env),
        channels: d.channels,
      };
    case 'opsgenie':
      return { name: d.name, kind: d.kind, url: d.url, apiKey: secret(d, 'api_key_env', d.api_key_env) ?? '' };
    case 'email':
      return {
        name: d.name,
        kind: d.kind,
        smtp: {
          host: d.smtp.host,
          port: d.smtp.port,
          secure: d.smtp.secure,
          user: d.smtp.user ?? null,
          password: secret(d, 'smtp.password_env', d.smtp.password_env),
        },
        from: d.from,
        to: d.to,
      };
    case 'webhook':
      return {
        name: d.name,
        kind: d.kind,
        url: d.url ?? null,
        secret: secret(d, 'secret_env', d.secret_env) ?? '',
        channels: d.channels,
      };
  }
}

/** `integrations[1] (pagerduty-msp).routing_key_env`: the path with the integration's name when it has one. */
function fieldName(path: readonly PropertyKey[], list: unknown): string {
  if (path[0] !== 'integrations' || typeof path[1] !== 'number') return path.map(String).join('.') || '(the file)';
  const entry = Array.isArray(list) ? (list[path[1]] as { name?: unknown } | undefined) : undefined;
  const label = typeof entry?.name === 'string' ? ` (${entry.name.slice(0, 40)})` : '';
  const rest = path.slice(2).map(String).join('.');
  return `integrations[${path[1]}]${label}${rest ? `.${rest}` : ''}`;
}

/** What the core may know of the integrations: names, kinds, targets and inbound channels, never secrets. */
export function directoryOf(config: IntegrationsConfig) {
  return integrationDirectory(config.specs.map(infoOf));
}

function infoOf(s: IntegrationSpec): IntegrationInfo {
  switch (s.kind) {
    case 'pagerduty':
      return {
        name: s.name,
        kind: s.kind,
        target: new URL(s.url).host,
        inbound: inbound(s.webhookSecret, s.channels),
      };
    case 'opsgenie':
      return { name: s.name, kind: s.kind, target: new URL(s.url).host, inbound: null };
    case 'email':
      return { name: s.name, kind: s.kind, target: s.to.join(', '), inbound: null };
    case 'webhook':
      return {
        name: s.name,
        kind: s.kind,
        target: s.url ? new URL(s.url).host : null,
        inbound: { channels: s.channels },
      };
  }
}

function inbound(secret: string | null, channels: string[]): IntegrationInfo['inbound'] {
  return secret === null ? null : { channels };
}
