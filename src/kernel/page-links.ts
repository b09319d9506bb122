import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store } from './ports/store.js';

/*
 * Signed links to a channel's page and to its charts. A token names what it opens and until when,
 * signed with the channel's own key (HMAC-SHA256): another channel's key never verifies it, and
 * `page revoke` replaces the key, which voids every token signed before.
 *
 *   page  `p.<channel id>.<person id>.<expires, unix seconds>.<signature>`
 *   chart `c.<channel id>.<chart name>.<expires, unix seconds>.<signature>`
 */

export const PAGE_LINK_HOURS = 24;
/** Chart pictures in posts stay readable for a quarter: platforms fetch them again later. */
export const CHART_LINK_DAYS = 92;

export type PageGrant = { kind: 'page'; channelId: number; personId: number; expiresAt: Date };
export type ChartGrant = { kind: 'chart'; channelId: number; chart: string; expiresAt: Date };

/** The channel's signing key, created on first use (inside the caller's transaction). */
export async function pageKeyFor(store: Store, channelId: number, now: Date): Promise<string> {
  const existing = await store.pageKeys.get(channelId);
  if (existing) return existing.secret;
  return rotatePageKey(store, channelId, now);
}

/** A new key for the channel: every link given out before stops working. */
export async function rotatePageKey(store: Store, channelId: number, now: Date): Promise<string> {
  const secret = randomBytes(32).toString('base64url');
  await store.pageKeys.put({ channelId, secret, createdAt: now });
  return secret;
}

const sign = (secret: string, payload: string) => createHmac('sha256', secret).update(payload).digest('base64url');

export function signGrant(secret: string, grant: PageGrant | ChartGrant): string {
  const expires = Math.floor(grant.expiresAt.getTime() / 1000);
  const subject =
    grant.kind === 'page' ? `p.${grant.channelId}.${grant.personId}` : `c.${grant.channelId}.${grant.chart}`;
  const payload = `${subject}.${expires}`;
  return `${payload}.${sign(secret, payload)}`;
}

const TOKEN = /^(p|c)\.(\d{1,12})\.([a-z0-9-]{1,80})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

/**
 * The grant a token carries if it is well formed, for `channelId`, signed with that channel's current
 * key and not expired at `now`; null otherwise (the caller answers every null the same way).
 */
export async function verifyGrant(
  store: Store,
  channelId: number,
  token: string,
  now: Date,
): Promise<PageGrant | ChartGrant | null> {
  const m = TOKEN.exec(token);
  if (!m) return null;
  const [, kind, ch, subject, expires, signature] = m as unknown as [string, 'p' | 'c', string, string, string, string];
  if (Number(ch) !== channelId) return null;
  const key = await store.pageKeys.get(channelId);
  if (!key) return null;
  const expected = Buffer.from(sign(key.secret, `${kind}.${ch}.${subject}.${expires}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const expiresAt = new Date(Number(expires) * 1000);
  if (expiresAt.getTime() <= now.getTime()) return null;
  if (kind === 'p') {
    if (!/^\d+$/.test(subject)) return null;
    return { kind: 'page', channelId, personId: Number(subject), expiresAt };
  }
  return { kind: 'chart', channelId, chart: subject, expiresAt };
}

/** `https://tandem.example.com/page/3?key=…` */
export function pageUrl(publicUrl: string, channelId: number, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/page/${channelId}?key=${encodeURIComponent(token)}`;
}

/** `https://tandem.example.com/page/3/weeks-2026-07-01-2026-10-01.png?key=…` */
export function chartUrl(publicUrl: string, channelId: number, chart: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/page/${channelId}/${chart}.png?key=${encodeURIComponent(token)}`;
}
