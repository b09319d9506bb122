import * as z from 'zod';
import type { AnyFace } from '../../adapters/face.js';
import { ConfigError } from '../kernel/errors.js';
import { type IntegrationsConfig, loadIntegrations } from './integrations-config.js';

/** The variables of the process itself; each face reads its own section (adapters/<face>/face.ts). */
export const baseConfig = z.object({
  DATABASE_PATH: z.string().min(1).default('./data/tandem.db'),
  /** `postgres://user:password@host:5432/tandem`: PostgreSQL instead of SQLite at DATABASE_PATH (several instances). */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/i, 'must be a PostgreSQL address such as postgres://tandem@db.example:5432/tandem')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  SCHEDULER_TICK_SECONDS: z.coerce.number().int().min(1).max(300).default(15),
  /** The HTTP server's bounds: a request must arrive whole within these, and so many connections at most. */
  HTTP_REQUEST_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
  HTTP_HEADERS_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(10),
  HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(5),
  HTTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(100_000).default(512),
  /** Sent posts and finished scheduled jobs are deleted after this many days. */
  RETENTION_SENT_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** Platform delivery ids (to act once on a redelivery) are forgotten after this many hours. */
  RETENTION_DELIVERY_IDS_HOURS: z.coerce.number().int().min(1).max(720).default(24),
  /** Resolved escalations with their history, and handoff notes, are deleted after this many days; kept when unset. */
  RETENTION_DAYS: z.coerce.number().int().min(1).max(36500).optional(),
  /** Where people reach Tandem from outside (the Teams package's links, the review page). */
  TANDEM_PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) address such as https://tandem.acme.example' })
    .optional(),
  /** The organisation's privacy statement and terms of use, linked from the Teams app (Tandem serves no such page). */
  TANDEM_PRIVACY_URL: z
    .url({ protocol: /^https$/, error: 'must be an https address such as https://acme.example/privacy' })
    .optional(),
  TANDEM_TERMS_URL: z
    .url({ protocol: /^https$/, error: 'must be an https address such as https://acme.example/it-terms' })
    .optional(),
  /** The integrations file (JSON or YAML): paging tools, e-mail and signed webhooks; see integrations-config.ts. */
  TANDEM_INTEGRATIONS: z.string().min(1).optional(),
  /**
   * The operators' administrators: `platform:userId`, comma-separated (`slack:U0123,teams:29:1abc`). They
   * may run any manager command in any channel, `setup claim` and `setup reset`.
   */
  TANDEM_ADMINS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const ids = (v ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const bad = ids.find((id) => !/^[a-z][a-z0-9-]*:\S+$/.test(id));
      if (bad) {
        ctx.addIssue({
          code: 'custom',
          message: `“${bad.slice(0, 40)}” is not platform:userId; write e.g. slack:U0123ABCD,teams:29:1abc`,
        });
        return z.NEVER;
      }
      return new Set(ids) as ReadonlySet<string>;
    }),
});

export type Config = z.infer<typeof baseConfig>;

/** A face the environment asks for, with its parsed section. */
export interface WantedFace {
  face: AnyFace;
  config: unknown;
}

export interface LoadedConfig {
  base: Config;
  /** The faces to start, in the order of the list; none means the console. */
  faces: WantedFace[];
  /** Every face's parsed section, wanted or not (tools such as the Teams package read theirs). */
  sections: ReadonlyMap<string, unknown>;
  /** The integrations file, read and checked, with its secrets. */
  integrations: IntegrationsConfig;
}

/** Parses the environment once; a bad value names the variable and what it accepts. */
export function loadConfig(
  env: NodeJS.ProcessEnv,
  faces: readonly AnyFace[],
  readFile?: (path: string) => string,
): LoadedConfig {
  // An empty value (as left by copying .env.example) means "not set".
  const set = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const problems: string[] = [];
  const parse = <T>(schema: z.ZodType<T>): T | undefined => {
    const result = schema.safeParse(set);
    if (result.success) return result.data;
    problems.push(...result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`));
    return undefined;
  };
  const base = parse(baseConfig);
  const sections = new Map<string, unknown>();
  for (const face of faces) {
    const section = parse(face.config);
    if (section !== undefined) sections.set(face.platform, section);
  }
  if (problems.length || !base) {
    throw new ConfigError(
      `Tandem cannot start: the configuration has errors.\n${problems.join('\n')}\nSee .env.example for every ` +
        `variable and its accepted values.`,
    );
  }
  const wanted = faces.filter((f) => f.wanted(sections.get(f.platform)));
  const crossProblems = wanted.flatMap((f) => f.problems?.(sections.get(f.platform)) ?? []);
  if (crossProblems.length) throw new ConfigError(`Tandem cannot start: ${crossProblems.join(' ')}`);
  const integrations = loadIntegrations(base.TANDEM_INTEGRATIONS, set, {
    requireSecrets: wanted.length > 0,
    ...(readFile ? { readFile } : {}),
  });
  return { base, faces: wanted.map((face) => ({ face, config: sections.get(face.platform) })), sections, integrations };
}
