import express, { type NextFunction, type Request, type Response } from 'express';
import type { IntegrationSpec } from '../../src/domain/integration-spec.js';
import { KIND_LABELS } from '../../src/domain/integrations.js';
import type { Clock } from '../../src/kernel/clock.js';
import type { Logger } from '../../src/kernel/logger.js';
import type { HookInbox, HookRequest } from '../../src/kernel/ports/hook-inbox.js';
import type { HttpServer } from '../http/server.js';
import { firstIssue, genericHookBody, MAX_HOOK_BODY, pagerDutyWebhook } from './hook-bodies.js';
import {
  checkPagerDutySignature,
  checkTandemSignature,
  MAX_SKEW_MS,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
} from './signature.js';

export interface HookDeps {
  specs: readonly IntegrationSpec[];
  inbox: HookInbox;
  clock: Clock;
  log: Logger;
}

export interface MountedHooks {
  /** Resolves when no accepted delivery is still being worked on. */
  idle(): Promise<void>;
}

type Outcome = { status: number; body: Record<string, unknown>; request?: HookRequest };

const PD_ACTIONS: Record<string, 'ack' | 'resolve'> = {
  'incident.acknowledged': 'ack',
  'incident.resolved': 'resolve',
};

/**
 * `POST /hooks/<name>` on the shared HTTP server: signature and freshness checked against the raw
 * body, the body checked, the channel checked by the core; answered at once (202), the work done after.
 */
export function mountHooks(http: HttpServer, deps: HookDeps): MountedHooks {
  const inflight = new Set<Promise<unknown>>();
  const byName = new Map(deps.specs.map((s) => [s.name, s]));
  const raw = express.raw({ type: () => true, limit: MAX_HOOK_BODY });
  http.app.post('/hooks/:name', raw, async (req: Request, res: Response) => {
    let outcome: Outcome;
    try {
      outcome = await decide(req, byName.get(String(req.params.name)), deps);
    } catch (err) {
      deps.log.error({ err, hook: req.params.name }, 'inbound hook failed');
      outcome = { status: 500, body: { error: 'internal error; nothing was changed' } };
    }
    res.status(outcome.status).json(outcome.body);
    const request = outcome.request;
    if (!request) return;
    const work = deps.inbox.apply(request).then(
      (result) => deps.log.info({ hook: request.integration, result }, 'inbound hook applied'),
      (err: unknown) => deps.log.error({ err, hook: request.integration }, 'inbound hook could not be applied'),
    );
    inflight.add(work);
    void work.finally(() => inflight.delete(work));
  });
  http.app.use(
    '/hooks',
    (err: { status?: number; type?: string }, _req: Request, res: Response, next: NextFunction) => {
      if (err.type === 'entity.too.large') return res.status(413).json({ error: `body over ${MAX_HOOK_BODY} bytes` });
      if (err.status && err.status < 500) return res.status(400).json({ error: 'the body could not be read' });
      next(err);
    },
  );
  return {
    async idle() {
      while (inflight.size) await Promise.all([...inflight]);
    },
  };
}

async function decide(req: Request, spec: IntegrationSpec | undefined, deps: HookDeps): Promise<Outcome> {
  const refuse = (status: number, error: string): Outcome => ({ status, body: { error } });
  if (!spec || (spec.kind !== 'webhook' && !(spec.kind === 'pagerduty' && spec.webhookSecret)))
    return refuse(404, 'no integration with inbound hooks has this name');
  const body = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
  const now = deps.clock.now();
  let request: HookRequest | null;
  if (spec.kind === 'webhook') {
    const check = checkTandemSignature(
      spec.secret,
      req.header(TIMESTAMP_HEADER),
      req.header(SIGNATURE_HEADER),
      body,
      now,
    );
    if (!check.ok) return refuse(401, check.why);
    const json = parseJson(body);
    if (json === undefined) return refuse(400, 'the body is not JSON');
    const parsed = genericHookBody.safeParse(json);
    if (!parsed.success) return refuse(400, firstIssue(parsed.error));
    const b = parsed.data;
    const [platform, ...rest] = b.channel.split(':');
    request = {
      integration: spec.name,
      via: spec.name,
      deliveryId: b.delivery_id ?? req.header(SIGNATURE_HEADER)!,
      externalId: b.external_id,
      action: b.action,
      target: { conversation: { platform: platform!, channelId: rest.join(':') } },
      allowedChannels: spec.channels,
      ...optional(b),
    };
  } else if (spec.kind === 'pagerduty') {
    const check = checkPagerDutySignature(spec.webhookSecret!, req.header('x-pagerduty-signature'), body);
    if (!check.ok) return refuse(401, check.why);
    const json = parseJson(body);
    if (json === undefined) return refuse(400, 'the body is not JSON');
    const parsed = pagerDutyWebhook.safeParse(json);
    if (!parsed.success) return refuse(400, firstIssue(parsed.error));
    const e = parsed.data.event;
    if (Math.abs(now.getTime() - Date.parse(e.occurred_at)) > MAX_SKEW_MS)
      return refuse(401, 'occurred_at is more than 5 minutes away: a stale or replayed delivery');
    const action = PD_ACTIONS[e.event_type];
    if (!action || !e.data.incident_key) return { status: 200, body: { ok: true, ignored: e.event_type } };
    request = {
      integration: spec.name,
      via: KIND_LABELS.pagerduty,
      deliveryId: e.id,
      externalId: e.data.id,
      action,
      target: { dedupKey: e.data.incident_key },
      allowedChannels: spec.channels,
      ...(e.agent?.summary ? { by: e.agent.summary } : {}),
    };
  } else request = null;
  if (!request) return refuse(404, 'no integration with inbound hooks has this name');
  const verdict = await deps.inbox.check(request);
  if (!verdict.ok) return refuse(verdict.status, verdict.error);
  return { status: 202, body: { ok: true }, request };
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function optional(b: ReturnType<typeof genericHookBody.parse>): Partial<HookRequest> {
  const out: Partial<HookRequest> = {};
  if (b.summary !== undefined) out.summary = b.summary;
  if (b.priority !== undefined) out.priority = b.priority;
  if (b.area !== undefined) out.area = b.area;
  if (b.ticket !== undefined) out.ticket = b.ticket;
  if (b.note !== undefined) out.note = b.note;
  if (b.by !== undefined) out.by = b.by;
  return out;
}
