import { z } from 'zod';
import { ConfigError } from '../kernel/errors.js';

const optionalSecret = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const flag = z
  .enum(['0', '1', 'true', 'false', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true');

/** Every environment variable Tandem reads. `.env.example` documents each. */
export const configSchema = z.object({
  DATABASE_PATH: z.string().min(1).default('./data/tandem.db'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  SCHEDULER_TICK_SECONDS: z.coerce.number().int().min(1).max(300).default(15),

  SLACK_BOT_TOKEN: optionalSecret.refine((v) => v === undefined || v.startsWith('xoxb-'), 'must be a bot token starting with xoxb-'),
  SLACK_SIGNING_SECRET: optionalSecret,
  SLACK_APP_TOKEN: optionalSecret.refine((v) => v === undefined || v.startsWith('xapp-'), 'must be an app-level token starting with xapp-'),
  SLACK_API_URL: z.url({ protocol: /^https?$/ }).optional(),

  MICROSOFT_APP_ID: optionalSecret,
  MICROSOFT_APP_PASSWORD: optionalSecret,
  MICROSOFT_APP_TENANT_ID: optionalSecret,
  MICROSOFT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  TEAMS_ALLOW_UNAUTHENTICATED: flag,
});

export type Config = z.infer<typeof configSchema>;

export type Face = 'console' | 'slack' | 'teams';

/** Which faces the configuration asks for: Slack and Teams by their credentials, else the console. */
export function facesOf(config: Config): Face[] {
  const faces: Face[] = [];
  if (config.SLACK_BOT_TOKEN) faces.push('slack');
  if (config.MICROSOFT_APP_ID || config.TEAMS_ALLOW_UNAUTHENTICATED) faces.push('teams');
  return faces.length ? faces : ['console'];
}

/** Parses the environment once; a bad value names the variable and what it accepts. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  // An empty value (as left by copying .env.example) means "not set".
  const result = configSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Tandem cannot start: the configuration has errors.\n${lines.join('\n')}\nSee .env.example for every variable and its accepted values.`);
  }
  const c = result.data;
  if (c.SLACK_BOT_TOKEN && !c.SLACK_SIGNING_SECRET && !c.SLACK_APP_TOKEN) {
    throw new ConfigError('Tandem cannot start: SLACK_BOT_TOKEN is set but neither SLACK_SIGNING_SECRET (HTTP mode) nor SLACK_APP_TOKEN (Socket Mode) is. Set one of them.');
  }
  if (c.MICROSOFT_APP_ID && !c.MICROSOFT_APP_PASSWORD && c.MICROSOFT_APP_TYPE !== 'UserAssignedMSI') {
    throw new ConfigError('Tandem cannot start: MICROSOFT_APP_ID is set but MICROSOFT_APP_PASSWORD is not.');
  }
  if (c.MICROSOFT_APP_TYPE === 'SingleTenant' && c.MICROSOFT_APP_ID && !c.MICROSOFT_APP_TENANT_ID) {
    throw new ConfigError('Tandem cannot start: MICROSOFT_APP_TYPE=SingleTenant needs MICROSOFT_APP_TENANT_ID.');
  }
  return c;
}
