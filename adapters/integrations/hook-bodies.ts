import * as z from 'zod';
import { HOOK_ACTIONS } from '../../src/domain/integrations.js';
import type { Priority } from '../../src/domain/model.js';

/** Inbound bodies are small: an alert, a ticket's status. */
export const MAX_HOOK_BODY = 64 * 1024;

const priority = z.union([z.string(), z.number()]).transform((v, ctx): Priority => {
  const m = /^p?([1-4])$/i.exec(String(v).trim());
  if (!m) {
    ctx.addIssue({ code: 'custom', message: 'must be P1, P2, P3 or P4' });
    return z.NEVER;
  }
  return `P${m[1]}` as Priority;
});

/** The generic signed hook's JSON: what RMM and PSA tools send (README, Paging and ticketing). */
export const genericHookBody = z.object({
  action: z.enum(HOOK_ACTIONS),
  channel: z
    .string()
    .regex(/^[a-z][a-z0-9-]*:\S+$/, 'must be platform:channel id, e.g. slack:C0123ABCD')
    .max(200),
  external_id: z.string().min(1).max(200),
  delivery_id: z.string().min(1).max(200).optional(),
  summary: z.string().max(2000).optional(),
  priority: priority.optional(),
  area: z.string().max(200).optional(),
  ticket: z.string().max(600).optional(),
  note: z.string().max(4000).optional(),
  by: z.string().max(80).optional(),
});

export type GenericHookBody = z.infer<typeof genericHookBody>;

/** The part of a PagerDuty v3 webhook Tandem reads. */
export const pagerDutyWebhook = z.object({
  event: z.object({
    id: z.string().min(1).max(200),
    event_type: z.string().max(100),
    occurred_at: z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'must be a date'),
    agent: z.object({ summary: z.string().max(200).optional() }).nullish(),
    data: z.object({
      id: z.string().max(200),
      incident_key: z.string().max(300).nullish(),
    }),
  }),
});

/** The first problem of a body, as `field: message`. */
export function firstIssue(error: z.ZodError): string {
  const i = error.issues[0];
  return i ? `${i.path.join('.') || 'body'}: ${i.message}` : 'not understood';
}
