import * as z from 'zod';
import { flag, optionalSecret } from '../../src/kernel/config-values.js';
import { defineFace } from '../face.js';

/** The Teams face's environment variables. */
export const teamsConfig = z.object({
  MICROSOFT_APP_ID: optionalSecret,
  MICROSOFT_APP_PASSWORD: optionalSecret,
  MICROSOFT_APP_TENANT_ID: optionalSecret,
  MICROSOFT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  /** Comma-separated Microsoft Entra tenant ids whose Teams may use the bot (besides MICROSOFT_APP_TENANT_ID). */
  TEAMS_ALLOWED_TENANTS: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.guid({ error: 'each tenant id is a GUID, e.g. 72f988bf-86f1-41af-91ab-2d7cd011db47' }))),
  TEAMS_ALLOW_UNAUTHENTICATED: flag,
});

export type TeamsConfig = z.infer<typeof teamsConfig>;

/** Microsoft Teams: messages to the bot and card buttons through botbuilder; Adaptive Card posts. */
export const teamsFace = defineFace<TeamsConfig>({
  platform: 'teams',
  config: teamsConfig,
  wanted: (c) => Boolean(c.MICROSOFT_APP_ID || c.TEAMS_ALLOW_UNAUTHENTICATED),
  problems(c) {
    const problems: string[] = [];
    if (c.MICROSOFT_APP_ID && !c.MICROSOFT_APP_PASSWORD && c.MICROSOFT_APP_TYPE !== 'UserAssignedMSI') {
      problems.push('MICROSOFT_APP_ID is set but MICROSOFT_APP_PASSWORD is not.');
    }
    if (c.MICROSOFT_APP_TYPE === 'SingleTenant' && c.MICROSOFT_APP_ID && !c.MICROSOFT_APP_TENANT_ID) {
      problems.push('MICROSOFT_APP_TYPE=SingleTenant needs MICROSOFT_APP_TENANT_ID.');
    }
    return problems;
  },
  // botbuilder loads only when Teams is wanted.
  start: async (config, core) => {
    const { startTeams } = await import('./index.js');
    return startTeams({ config, bot: core.bot, store: core.store, log: core.log, http: core.http, clock: core.clock });
  },
});
