import { createHmac, timingSafeEqual } from 'node:crypto';

/*
 * Tandem's webhook signature, both ways: HMAC-SHA256 with the shared secret over
 * `<timestamp>.<raw body>`, hex, sent as `X-Tandem-Signature: v1=<hex>` beside
 * `X-Tandem-Timestamp: <unix seconds>`. A request stamped more than 5 minutes away is refused.
 */

export const TIMESTAMP_HEADER = 'x-tandem-timestamp';
export const SIGNATURE_HEADER = 'x-tandem-signature';
export const MAX_SKEW_MS = 5 * 60_000;

export function signBody(secret: string, timestamp: string, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Constant-time comparison of two signatures given as text. */
export function sameSignature(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export type SignatureCheck = { ok: true } | { ok: false; why: string };

/** Checks a Tandem-signed request: present, fresh, and made with the secret. */
export function checkTandemSignature(
  secret: string,
  timestamp: string | undefined,
  signature: string | undefined,
  body: string,
  now: Date,
): SignatureCheck {
  if (!timestamp || !signature) return { ok: false, why: `missing ${TIMESTAMP_HEADER} or ${SIGNATURE_HEADER}` };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, why: `${TIMESTAMP_HEADER} must be unix seconds` };
  if (Math.abs(now.getTime() - Number(timestamp) * 1000) > MAX_SKEW_MS)
    return { ok: false, why: 'the timestamp is more than 5 minutes away: a stale or replayed request' };
  if (!sameSignature(signBody(secret, timestamp, body), signature)) return { ok: false, why: 'bad signature' };
  return { ok: true };
}

/** PagerDuty v3 webhooks: `X-PagerDuty-Signature: v1=<hex>[,v1=<hex>…]`, HMAC-SHA256 of the raw body. */
export function checkPagerDutySignature(secret: string, header: string | undefined, body: string): SignatureCheck {
  if (!header) return { ok: false, why: 'missing x-pagerduty-signature' };
  const expected = `v1=${createHmac('sha256', secret).update(body).digest('hex')}`;
  const any = header.split(',').some((s) => sameSignature(s.trim(), expected));
  return any ? { ok: true } : { ok: false, why: 'bad signature' };
}
