import { formatElapsed } from '../../domain/duration.js';
import type { Escalation } from '../../domain/escalation.js';
import { escalationLabel } from '../../domain/escalation.js';
import type { Channel } from '../../domain/model.js';
import type { Capped, MorningDigest, MorningGroup, MorningNote } from '../../domain/morning-digest.js';
import { formatLocal } from '../../domain/zoned-time.js';
import { bold, type Span, text } from '../../kernel/reply.js';

/* The lines and phrases of the morning post: one per escalation and note, the window in words, the counts. */

/** Long summaries and notes are shortened visibly (…), so that the post fits one message on every face. */
const MAX_SUMMARY = 100;
const MAX_NOTE = 240;

/** `In this window: 4 escalations — 2 resolved, 1 handed back, 1 still open · 3 notes. 1 sync today.` */
export function countLine(d: MorningDigest): string {
  const c = d.counts;
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const escalations =
    c.escalations === 0
      ? 'no escalations'
      : `${plural(c.escalations, 'escalation')} — ${c.resolved} resolved, ${c.handedBack} handed back, ${c.open} ` +
        `still open`;
  const notes = c.notes === 0 ? 'no notes' : plural(c.notes, 'note');
  return `In this window: ${escalations} · ${notes}.${c.syncs > 0 ? ` ${plural(c.syncs, 'sync')} today.` : ''}`;
}

/** What the window spanned besides a night: holidays by name and date, and weekend days. */
function daysOffParts(d: MorningDigest): { holidays: string[]; weekend: boolean } {
  return {
    holidays: d.daysOff.filter((x) => x.holiday !== null).map((x) => `${x.holiday} (${shortDate(x.date)})`),
    weekend: d.daysOff.some((x) => x.holiday === null),
  };
}

function joinAnd(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** `overnight`, `the weekend`, `Thanksgiving Day (Thu 26 Nov) and the weekend`. */
export function windowScope(d: MorningDigest): string {
  const { holidays, weekend } = daysOffParts(d);
  if (holidays.length === 0) return weekend ? 'the weekend' : 'overnight';
  return joinAnd([...holidays, ...(weekend ? ['the weekend'] : [])]);
}

/** `a quiet night`, `a quiet weekend`, `a quiet Thanksgiving Day (Thu 26 Nov) and weekend`. */
export function quietPhrase(d: MorningDigest): string {
  const { holidays, weekend } = daysOffParts(d);
  if (holidays.length === 0) return weekend ? 'a quiet weekend' : 'a quiet night';
  return `a quiet ${joinAnd([...holidays, ...(weekend ? ['weekend'] : [])])}`;
}

function shortDate(iso: string): string {
  const [y, m, dd] = iso.split('-').map(Number);
  return formatLocal(new Date(Date.UTC(y!, m! - 1, dd!, 12)), 'UTC', 'EEE d MMM');
}

export function hoursLong(d: MorningDigest): string {
  return formatElapsed(d.window.to.getTime() - d.window.from.getTime());
}

export function withMore<T>(items: Capped<T>, line: (item: T) => Span[], what: string): Span[][] {
  const out = items.shown.map(line);
  if (items.more > 0) out.push([text(`… and ${items.more} more ${what}`)]);
  return out;
}

export function escalationLine(
  e: Escalation,
  group: MorningGroup,
  d: MorningDigest,
  channel: Channel,
  at: (instant: Date) => string,
  nameOf: (id: number | null) => string,
  pickedUp: (e: Escalation) => { by: number | null; at: Date } | null,
): Span[] {
  const spans: Span[] = [bold(escalationLabel(e)), text(` · ${e.priority} · ${cutText(e.summary, MAX_SUMMARY)}`)];
  // The ticket reference, so the morning shift can open it in the PSA (a link's full address stays on the card).
  if (e.ticket) spans.push(text(` · ticket ${/^https?:\/\//i.test(e.ticket) ? 'linked on the card' : e.ticket}`));
  if (d.openedEarlier.has(e.id)) spans.push(text(` (opened ${at(e.openedAt)})`));
  const quote = (note: string | null) => (note ? `: “${cutText(note, MAX_NOTE)}”` : '');
  switch (group) {
    case 'resolved': {
      const handback = e.handedBackAt ? `handed back by ${nameOf(e.handedBackBy)}, then ` : '';
      spans.push(
        text(` — ${handback}resolved by ${nameOf(e.resolvedBy)}, ${at(e.resolvedAt!)}${quote(e.resolutionNote)}`),
      );
      break;
    }
    case 'handedBack': {
      spans.push(text(` — handed back by ${nameOf(e.handedBackBy)}, ${at(e.handedBackAt!)}${quote(e.handbackNote)}`));
      const taken = e.state === 'acknowledged' ? pickedUp(e) : null;
      spans.push(text(taken ? `; picked up by ${nameOf(taken.by)}, ${at(taken.at)}` : '; nobody has picked it up yet'));
      break;
    }
    case 'open': {
      const team = e.toTeam === 'internal' ? `${channel.orgName} (internal IT)` : `${channel.mspName} (MSP)`;
      if (e.handedBackAt !== null)
        spans.push(
          text(
            ` — handed back to ${channel.mspName} (MSP) by ${nameOf(e.handedBackBy)}, ` +
              `${at(e.handedBackAt)}${quote(e.handbackNote)}`,
          ),
        );
      else if (e.state === 'acknowledged')
        spans.push(text(` — acknowledged by ${nameOf(e.acknowledgedBy)}, ${at(e.acknowledgedAt!)}; with ${team}`));
      else
        spans.push(
          text(
            ` — not acknowledged yet, waiting for ` +
              `${team}${e.renotifyCount > 0 ? `; re-notified ${e.renotifyCount}×` : ''}`,
          ),
        );
      break;
    }
  }
  return spans;
}

export function noteLine(n: MorningNote, at: (instant: Date) => string, nameOf: (id: number | null) => string): Span[] {
  const on = n.kind === 'escalation' ? [text(' on '), bold(escalationLabel(n.escalation))] : [];
  return [text(`${at(n.at)} · ${nameOf(n.authorId)}`), ...on, text(`: ${cutText(n.text, MAX_NOTE)}`)];
}

function cutText(s: string, max: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
