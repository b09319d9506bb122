import { PermanentDeliveryError, RateLimited } from '../../src/kernel/errors.js';

/** Retrying these changes nothing: a bad card, a bot without access, a conversation that is gone, too large. */
const PERMANENT = new Set([400, 401, 403, 404, 410, 413]);
/** When Teams throttles without saying for how long. */
const DEFAULT_RETRY_AFTER_MS = 1000;

/**
 * A connector failure in the terms the outbox understands: RateLimited on 429, PermanentDeliveryError
 * on a refusal that a retry would not fix, anything else unchanged (worth retrying).
 */
export function toDeliveryError(err: unknown, what: string): unknown {
  const status = statusOf(err);
  if (status === 429) return new RateLimited(retryAfterMs(err), { cause: err });
  if (status !== null && PERMANENT.has(status)) {
    const detail = err instanceof Error && err.message ? `: ${err.message.slice(0, 200)}` : '';
    return new PermanentDeliveryError(`Teams refused ${what} (HTTP ${status})${detail}`, { cause: err });
  }
  return err;
}

function statusOf(err: unknown): number | null {
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : null;
}

function retryAfterMs(err: unknown): number {
  const headers = (err as { response?: { headers?: { get?: (name: string) => string | undefined } } }).response
    ?.headers;
  const value = typeof headers?.get === 'function' ? headers.get('retry-after') : undefined;
  if (!value) return DEFAULT_RETRY_AFTER_MS;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? DEFAULT_RETRY_AFTER_MS : Math.max(0, at - Date.now());
}
