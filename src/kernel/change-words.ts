import type { AuditEntry } from '../domain/model.js';

/** ` — refused`, or the fields that changed: ` — business: internal → msp`. */
export function describeChange(e: Pick<AuditEntry, 'outcome' | 'before' | 'after'>): string {
  if (e.outcome === 'refused') return ' — refused';
  const words = fromTo(e.before, e.after);
  return words ? ` — ${words}` : '';
}

/**
 * What changed between two values, in words: `business: internal → msp; contact: — → @pat` for two
 * records, `Mon–Fri 08:00–17:00 → Mon–Fri 07:30–17:30` for two short texts, `added …`, `removed`,
 * `no change`; empty when it cannot be said in a line.
 */
export function fromTo(b: unknown, a: unknown): string {
  if (isRecord(b) && isRecord(a)) {
    const changed = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(
      (k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]),
    );
    if (changed.length === 0) return 'no change';
    return changed.map((k) => `${k}: ${show(b[k])} → ${show(a[k])}`).join('; ');
  }
  if (b == null && a != null) return `added${typeof a === 'string' && a.length < 60 ? ` ${a}` : ''}`;
  if (a == null && b != null) return 'removed';
  if (typeof a === 'string' && typeof b === 'string' && a.length < 80 && b.length < 80) return `${b} → ${a}`;
  return '';
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function show(v: unknown): string {
  if (v === undefined || v === null || v === '') return '—';
  if (Array.isArray(v)) return v.join(', ') || '—';
  if (isRecord(v) && typeof v.label === 'string') return `@${v.label}`;
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 59)}…` : s;
}
