import type { Activity, CloudAdapter, TurnContext } from 'botbuilder';
import type { Request, Response } from 'express';
import type { Logger } from '../../src/kernel/logger.js';
import { errorBody } from '../http/server.js';

/**
 * Which Microsoft Entra tenants may use the bot: the app's own tenant and TEAMS_ALLOWED_TENANTS.
 * Empty: any tenant (a multi-tenant bot with no list).
 */
export function allowedTenants(appTenant: string | undefined, listed: readonly string[]): ReadonlySet<string> {
  return new Set([appTenant, ...listed].filter((t): t is string => !!t).map((t) => t.trim().toLowerCase()));
}

/** The tenants an activity says it comes from (Teams sets both fields; either may be missing elsewhere). */
function tenantsOf(activity: Activity): string[] {
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  return [channelData?.tenant?.id, activity.conversation?.tenantId]
    .filter((t): t is string => typeof t === 'string' && t !== '')
    .map((t) => t.toLowerCase());
}

/**
 * What botbuilder writes as the answer to a request, kept instead of sent: Tandem sends its own,
 * so that a failure never shows botbuilder's error text (which may carry internal details).
 */
class HeldResponse {
  /** botbuilder's Response type asks for it; it is never used on this path. */
  readonly socket = null;
  status_ = 200;
  body: unknown;
  readonly headers: Record<string, string> = {};
  status(code: number): this {
    this.status_ = code;
    return this;
  }
  header(name: string, value: unknown): this {
    this.headers[name] = String(value);
    return this;
  }
  send(body?: unknown): this {
    this.body = body;
    return this;
  }
  end(): this {
    return this;
  }
}

export interface EndpointDeps {
  adapter: CloudAdapter;
  handleTurn: (ctx: TurnContext) => Promise<void>;
  tenants: ReadonlySet<string>;
  log: Logger;
}

/**
 * Handles one POST to the messaging endpoint: botbuilder authenticates the request and runs the
 * turn, unless the activity's tenant is not allowed (403, logged). Errors are answered with their
 * status and a short JSON body; what went wrong is logged.
 */
export async function handleActivity(deps: EndpointDeps, req: Request, res: Response): Promise<void> {
  const held = new HeldResponse();
  const refused: { tenants?: string[] } = {};
  await deps.adapter.process(req, held, async (ctx) => {
    const tenants = tenantsOf(ctx.activity);
    if (deps.tenants.size > 0 && (tenants.length === 0 || tenants.some((t) => !deps.tenants.has(t)))) {
      refused.tenants = tenants;
      return;
    }
    await deps.handleTurn(ctx);
  });
  if (refused.tenants) {
    deps.log.warn(
      { tenants: refused.tenants, conversation: (req.body as Activity | undefined)?.conversation?.id },
      'refused a Teams activity from a tenant that is not allowed (MICROSOFT_APP_TENANT_ID, TEAMS_ALLOWED_TENANTS)',
    );
    res.status(403).json(errorBody(403));
    return;
  }
  if (held.status_ >= 400) {
    const detail = typeof held.body === 'string' ? held.body.slice(0, 200) : undefined;
    deps.log.warn({ status: held.status_, detail }, 'Teams request refused');
    res.status(held.status_).json(errorBody(held.status_));
    return;
  }
  res.status(held.status_);
  if (held.body === undefined) res.end();
  else res.json(held.body);
}
