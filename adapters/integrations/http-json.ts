import type { Clock } from '../../src/kernel/clock.js';
import { PermanentDeliveryError, RateLimited } from '../../src/kernel/errors.js';

/** How long a request to a paging tool may take; well below the outbox's lease. */
export const REQUEST_TIMEOUT_MS = 15_000;
/** When a 429 says nothing about when to come back. */
const DEFAULT_RETRY_AFTER_MS = 60_000;

/** Retry-After as seconds or an HTTP date, in ms from now; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: Date): number | null {
  if (!header) return null;
  const v = header.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

export interface JsonRequest {
  url: string;
  body: unknown;
  headers?: Record<string, string>;
  /** Named in errors instead of the address (which may hold an id). */
  what: string;
  clock: Clock;
  /** The exact bytes to send, when they are signed. */
  raw?: string;
  /** Values never to repeat in an error (a tool may echo the key it was sent). */
  secrets?: readonly string[];
}

/**
 * POSTs JSON. 2xx is done; 429 is RateLimited (Retry-After honoured); 408, 5xx and network errors
 * throw to be retried; any other 4xx is permanent (retrying the same request cannot help).
 */
export async function postJson(req: JsonRequest): Promise<void> {
  let res: Response;
  try {
    res = await fetch(req.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Tandem', ...req.headers },
      body: req.raw ?? JSON.stringify(req.body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (err) {
    throw new Error(`${req.what} could not be reached: ${(err as Error).cause ?? (err as Error).message}`);
  }
  if (res.ok) {
    await res.body?.cancel();
    return;
  }
  let detail = (await res.text().catch(() => '')).replace(/\s+/g, ' ');
  for (const s of req.secrets ?? []) if (s) detail = detail.split(s).join('[secret]');
  detail = detail.slice(0, 200);
  const said = `${req.what} answered ${res.status}${detail ? `: ${detail}` : ''}`;
  if (res.status === 429) {
    const wait = retryAfterMs(res.headers.get('retry-after'), req.clock.now()) ?? DEFAULT_RETRY_AFTER_MS;
    throw new RateLimited(wait, { cause: new Error(said) });
  }
  if (res.status === 408 || res.status >= 500) throw new Error(said);
  throw new PermanentDeliveryError(said);
}
