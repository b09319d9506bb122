import type { AuditEntry } from '../../domain/model.js';
import { argInput, fail } from '../../kernel/args.js';
import { defineCommand } from '../../kernel/command.js';
import { localTime } from '../../kernel/format.js';
import { ephemeral, list, paragraph, text } from '../../kernel/reply.js';

const MAX_ENTRIES = 50;

export const auditShow = defineCommand({
  id: 'audit',
  path: ['audit'],
  usage: 'audit [n]',
  summary: 'The last n changes (default 10): who, when, what, before and after',
  permission: 'anyone',
  requiresSetup: true,
  args: argInput.transform((input, ctx) => {
    const [nWord, ...extra] = input.words;
    if (extra.length) return fail(ctx, 'Give at most one number.');
    if (!nWord) return { n: 10 };
    const n = Number(nWord.text);
    if (!Number.isInteger(n) || n < 1 || n > MAX_ENTRIES)
      return fail(ctx, `Give a whole number from 1 to ${MAX_ENTRIES}.`);
    return { n };
  }),
  async run(ctx, { n }) {
    const entries = await ctx.store.audit.recent(ctx.channel.id, n);
    if (entries.length === 0) return ephemeral(paragraph(text('No changes recorded yet.')));
    return ephemeral(
      paragraph(text(`The last ${entries.length} change${entries.length === 1 ? '' : 's'}, newest first`, 'bold')),
      list(
        entries.map((e) => [
          text(`${localTime(e.at, ctx.channel)} · ${e.actorName} · ${e.action} ${e.subject}${describeChange(e)}`),
        ]),
      ),
    );
  },
});

/** ` — refused`, or the fields that changed: `business: internal → msp`. */
export function describeChange(e: AuditEntry): string {
  if (e.outcome === 'refused') return ' — refused';
  const b = e.before;
  const a = e.after;
  if (isRecord(b) && isRecord(a)) {
    const changed = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(
      (k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]),
    );
    if (changed.length === 0) return ' — no change';
    return ` — ${changed.map((k) => `${k}: ${show(b[k])} → ${show(a[k])}`).join('; ')}`;
  }
  if (b == null && a != null) return ` — added${typeof a === 'string' && a.length < 60 ? ` ${a}` : ''}`;
  if (a == null && b != null) return ' — removed';
  if (typeof a === 'string' && typeof b === 'string' && a.length < 80 && b.length < 80) return ` — ${b} → ${a}`;
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
